//! CalDAV, as far as reading busy times needs it (RFC 4791, RFC 6764):
//! discovery from a server, principal or calendar URL by PROPFIND
//! (current-user-principal → calendar-home-set → calendars), a cheap
//! "did it change" probe (sync-token, else getctag), and a time-range
//! `calendar-query` REPORT that returns the events of a window; and for
//! writing bookings back, the account's default calendar (RFC 6638
//! `schedule-default-calendar-URL`) and conditional PUT and DELETE of one
//! event resource (RFC 4791 §5.3.2, RFC 7232).

use reqwest::Method;
use url::Url;

use super::Problem;
use crate::domain::Collection;
use crate::net::Outbound;

const DAV: &str = "DAV:";
const CALDAV: &str = "urn:ietf:params:xml:ns:caldav";
const CALSERVER: &str = "http://calendarserver.org/ns/";

/// One `<response>` of a multistatus, with the properties found (200).
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Resource {
    pub href: String,
    pub is_calendar: bool,
    pub name: String,
    pub principal: Option<String>,
    pub home: Option<String>,
    pub ctag: String,
    pub sync_token: String,
    /// The components the calendar takes; empty when not said (all).
    pub components: Vec<String>,
    pub calendar_data: Option<String>,
    /// RFC 6638: where the principal wants new events.
    pub default_calendar: Option<String>,
    pub etag: String,
}

impl Resource {
    fn takes_events(&self) -> bool {
        self.components.is_empty() || self.components.iter().any(|c| c == "VEVENT")
    }
}

/// Reads a multistatus body. Hrefs come back absolute, against `base`.
pub fn parse_multistatus(xml: &str, base: &Url) -> Result<Vec<Resource>, Problem> {
    let doc = roxmltree::Document::parse(xml)
        .map_err(|e| Problem::new("not_caldav", format!("not a WebDAV answer: {e}")))?;
    let root = doc.root_element();
    if !root.has_tag_name((DAV, "multistatus")) {
        return Err(Problem::new(
            "not_caldav",
            format!("not a WebDAV answer: <{}>", root.tag_name().name()),
        ));
    }
    let mut out = Vec::new();
    for response in root
        .children()
        .filter(|n| n.has_tag_name((DAV, "response")))
    {
        let Some(href) = child(response, DAV, "href").and_then(|h| h.text()) else {
            continue;
        };
        let Ok(href) = base.join(href.trim()) else {
            continue;
        };
        let mut r = Resource {
            href: href.to_string(),
            ..Resource::default()
        };
        for propstat in response
            .children()
            .filter(|n| n.has_tag_name((DAV, "propstat")))
        {
            let ok = child(propstat, DAV, "status")
                .and_then(|s| s.text())
                .is_some_and(|s| s.contains(" 200"));
            let Some(prop) = child(propstat, DAV, "prop").filter(|_| ok) else {
                continue;
            };
            read_props(prop, base, &mut r);
        }
        out.push(r);
    }
    Ok(out)
}

fn read_props(prop: roxmltree::Node<'_, '_>, base: &Url, r: &mut Resource) {
    let inner_href = |ns: &str, name: &str| {
        child(prop, ns, name)
            .and_then(|p| child(p, DAV, "href"))
            .and_then(|h| h.text())
            .and_then(|h| base.join(h.trim()).ok())
            .map(|u| u.to_string())
    };
    if let Some(t) = child(prop, DAV, "resourcetype") {
        r.is_calendar |= child(t, CALDAV, "calendar").is_some();
    }
    if let Some(name) = child(prop, DAV, "displayname").and_then(|n| n.text()) {
        r.name = crate::domain::text::one_line(name);
    }
    r.principal = r
        .principal
        .take()
        .or(inner_href(DAV, "current-user-principal"));
    r.home = r.home.take().or(inner_href(CALDAV, "calendar-home-set"));
    if let Some(tag) = child(prop, CALSERVER, "getctag").and_then(|n| n.text()) {
        r.ctag = tag.trim().to_string();
    }
    if let Some(token) = child(prop, DAV, "sync-token").and_then(|n| n.text()) {
        r.sync_token = token.trim().to_string();
    }
    if let Some(set) = child(prop, CALDAV, "supported-calendar-component-set") {
        r.components = set
            .children()
            .filter(|c| c.has_tag_name((CALDAV, "comp")))
            .filter_map(|c| c.attribute("name"))
            .map(|n| n.to_ascii_uppercase())
            .collect();
    }
    r.default_calendar = r
        .default_calendar
        .take()
        .or(inner_href(CALDAV, "schedule-default-calendar-URL"));
    if let Some(tag) = child(prop, DAV, "getetag").and_then(|n| n.text()) {
        r.etag = tag.trim().to_string();
    }
    if let Some(data) = child(prop, CALDAV, "calendar-data").and_then(|n| n.text()) {
        r.calendar_data = Some(data.to_string());
    }
}

fn child<'a, 'i>(
    node: roxmltree::Node<'a, 'i>,
    ns: &str,
    name: &str,
) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name((ns, name)))
}

const DISCOVER: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/">
  <d:prop><d:resourcetype/><d:displayname/><d:current-user-principal/><c:calendar-home-set/>
  <c:supported-calendar-component-set/><cs:getctag/><d:sync-token/></d:prop>
</d:propfind>"#;

const DEFAULT_CALENDAR: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:current-user-principal/><c:schedule-default-calendar-URL/></d:prop>
</d:propfind>"#;

const ETAG: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:"><d:prop><d:getetag/></d:prop></d:propfind>"#;

/// A write's precondition (RFC 7232).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Precondition {
    /// `If-None-Match: *`: only if nothing is there yet.
    Absent,
    /// `If-Match`: only if it is still the version we wrote.
    Matches(String),
    /// No condition (the server gave no ETag to match).
    None,
}

/// How a conditional write went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Written {
    /// Done; the new ETag when the server said it.
    Done(Option<String>),
    /// 412: the resource is not as the precondition said.
    Changed,
    /// 404 or 410: nothing there (a DELETE's goal, a PUT's missing event).
    Gone,
}

const VERSION: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<d:propfind xmlns:d="DAV:" xmlns:cs="http://calendarserver.org/ns/">
  <d:prop><cs:getctag/><d:sync-token/></d:prop>
</d:propfind>"#;

/// A CalDAV account or calendar to read.
pub struct Account<'a> {
    pub outbound: &'a Outbound,
    pub auth: Option<&'a str>,
}

impl Account<'_> {
    async fn call(
        &self,
        method: &'static [u8],
        url: &str,
        depth: &str,
        body: &str,
    ) -> Result<(Url, String), Problem> {
        let method =
            Method::from_bytes(method).map_err(|e| Problem::new("http_error", e.to_string()))?;
        let mut headers = vec![
            ("depth", depth.to_string()),
            ("content-type", "application/xml; charset=utf-8".to_string()),
        ];
        if let Some(auth) = self.auth {
            headers.push(("authorization", auth.to_string()));
        }
        let answer = self
            .outbound
            .send(method, url, &headers, Some(body.as_bytes().to_vec()))
            .await
            .map_err(|e| Problem::from_outbound(&e))?;
        if answer.status != 207 {
            return Err(match answer.status {
                200..=299 => Problem::new("not_caldav", format!("HTTP {}", answer.status)),
                s => Problem::from_status(s),
            });
        }
        let base = Url::parse(url).map_err(|e| Problem::new("refused", e.to_string()))?;
        Ok((base, String::from_utf8_lossy(&answer.body).into_owned()))
    }

    async fn propfind(&self, url: &str, depth: &str, body: &str) -> Result<Vec<Resource>, Problem> {
        let (base, xml) = self.call(b"PROPFIND", url, depth, body).await?;
        parse_multistatus(&xml, &base)
    }

    /// Every calendar that takes events under `url`: the URL itself when
    /// it is a calendar, else its home's calendars (found through the
    /// principal when the URL is a server or a principal).
    pub async fn discover(&self, url: &str) -> Result<Vec<Collection>, Problem> {
        let here = self.propfind(url, "0", DISCOVER).await?;
        let me = here.into_iter().next().unwrap_or_default();
        if me.is_calendar {
            return Ok(vec![collection(me)]);
        }
        let home = match (&me.home, &me.principal) {
            (Some(home), _) => home.clone(),
            (None, Some(principal)) => {
                let p = self.propfind(principal, "0", DISCOVER).await?;
                match p.into_iter().find_map(|r| r.home) {
                    Some(home) => home,
                    None => return Err(Problem::new("no_calendars", principal.clone())),
                }
            }
            // Perhaps a calendar home given directly.
            (None, None) => url.to_string(),
        };
        let found: Vec<Collection> = self
            .propfind(&home, "1", DISCOVER)
            .await?
            .into_iter()
            .filter(|r| r.is_calendar && r.takes_events())
            .map(collection)
            .collect();
        if found.is_empty() {
            return Err(Problem::new("no_calendars", home));
        }
        Ok(found)
    }

    /// Where new events go: the principal's `schedule-default-calendar-URL`
    /// when the server says one, else the first calendar that takes events.
    pub async fn default_calendar(&self, url: &str) -> Result<String, Problem> {
        let here = self.propfind(url, "0", DEFAULT_CALENDAR).await?;
        let me = here.into_iter().next().unwrap_or_default();
        let mut said = me.default_calendar;
        if said.is_none()
            && let Some(principal) = me.principal.filter(|p| p != url)
        {
            said = self
                .propfind(&principal, "0", DEFAULT_CALENDAR)
                .await
                .ok()
                .and_then(|r| r.into_iter().find_map(|r| r.default_calendar));
        }
        if let Some(href) = said {
            return Ok(href);
        }
        self.discover(url)
            .await?
            .into_iter()
            .next()
            .map(|c| c.href)
            .ok_or_else(|| Problem::new("no_calendars", url.to_string()))
    }

    /// The ETag of one resource; None when it is not there.
    pub async fn etag(&self, href: &str) -> Result<Option<String>, Problem> {
        match self.propfind(href, "0", ETAG).await {
            Ok(r) => Ok(r.into_iter().next().map(|r| r.etag)),
            Err(p) if p.code == "not_found" => Ok(None),
            Err(p) => Err(p),
        }
    }

    /// Writes one event resource.
    pub async fn put(
        &self,
        href: &str,
        ics: &str,
        when: &Precondition,
    ) -> Result<Written, Problem> {
        let mut headers = vec![("content-type", "text/calendar; charset=utf-8".to_string())];
        self.conditional(&mut headers, when);
        self.write(Method::PUT, href, headers, Some(ics.as_bytes().to_vec()))
            .await
    }

    /// Deletes one event resource.
    pub async fn delete(&self, href: &str, when: &Precondition) -> Result<Written, Problem> {
        let mut headers = Vec::new();
        self.conditional(&mut headers, when);
        self.write(Method::DELETE, href, headers, None).await
    }

    fn conditional(&self, headers: &mut Vec<(&'static str, String)>, when: &Precondition) {
        match when {
            Precondition::Absent => headers.push(("if-none-match", "*".to_string())),
            Precondition::Matches(etag) => headers.push(("if-match", etag.clone())),
            Precondition::None => {}
        }
        if let Some(auth) = self.auth {
            headers.push(("authorization", auth.to_string()));
        }
    }

    async fn write(
        &self,
        method: Method,
        href: &str,
        headers: Vec<(&'static str, String)>,
        body: Option<Vec<u8>>,
    ) -> Result<Written, Problem> {
        let answer = self
            .outbound
            .send(method, href, &headers, body)
            .await
            .map_err(|e| Problem::from_outbound(&e))?;
        match answer.status {
            200..=299 => Ok(Written::Done(
                answer
                    .headers
                    .get(reqwest::header::ETAG)
                    .and_then(|v| v.to_str().ok())
                    .map(str::to_string),
            )),
            412 => Ok(Written::Changed),
            404 | 410 => Ok(Written::Gone),
            // WebDAV: a PUT whose collection is not there.
            409 => Err(Problem::new("write_target_gone", href.to_string())),
            s => Err(Problem::from_status(s)),
        }
    }

    /// The collection's state marker: its sync-token, else its ctag.
    pub async fn version(&self, href: &str) -> Result<String, Problem> {
        let r = self.propfind(href, "0", VERSION).await?;
        Ok(r.into_iter()
            .next()
            .map(|r| {
                if r.sync_token.is_empty() {
                    r.ctag
                } else {
                    r.sync_token
                }
            })
            .unwrap_or_default())
    }

    /// The calendar data of every event resource touching `[from, to)`.
    pub async fn events(&self, href: &str, from: i64, to: i64) -> Result<Vec<String>, Problem> {
        let stamp = |t: i64| {
            chrono::DateTime::from_timestamp(t, 0)
                .unwrap_or_default()
                .format("%Y%m%dT%H%M%SZ")
                .to_string()
        };
        let body = format!(
            r#"<?xml version="1.0" encoding="utf-8"?>
<c:calendar-query xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav">
  <d:prop><d:getetag/><c:calendar-data/></d:prop>
  <c:filter><c:comp-filter name="VCALENDAR"><c:comp-filter name="VEVENT">
    <c:time-range start="{}" end="{}"/>
  </c:comp-filter></c:comp-filter></c:filter>
</c:calendar-query>"#,
            stamp(from),
            stamp(to)
        );
        let (base, xml) = self.call(b"REPORT", href, "1", &body).await?;
        Ok(parse_multistatus(&xml, &base)?
            .into_iter()
            .filter_map(|r| r.calendar_data)
            .collect())
    }
}

fn collection(r: Resource) -> Collection {
    Collection {
        name: if r.name.is_empty() {
            r.href
                .trim_end_matches('/')
                .rsplit('/')
                .next()
                .unwrap_or_default()
                .to_string()
        } else {
            r.name
        },
        href: r.href,
        busy: true,
        version: String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://dav.example.org/alice/").unwrap()
    }

    #[test]
    fn a_principal_answer_names_the_home() {
        let xml = r#"<?xml version="1.0"?>
<multistatus xmlns="DAV:" xmlns:C="urn:ietf:params:xml:ns:caldav">
 <response><href>/alice/</href>
  <propstat><prop><resourcetype><principal/><collection/></resourcetype>
   <current-user-principal><href>/alice/</href></current-user-principal>
   <C:calendar-home-set><href>/alice/</href></C:calendar-home-set></prop>
   <status>HTTP/1.1 200 OK</status></propstat>
  <propstat><prop><displayname/></prop><status>HTTP/1.1 404 Not Found</status></propstat>
 </response></multistatus>"#;
        let r = parse_multistatus(xml, &base()).unwrap();
        assert_eq!(r.len(), 1);
        assert!(!r[0].is_calendar);
        assert_eq!(r[0].home.as_deref(), Some("https://dav.example.org/alice/"));
        assert_eq!(
            r[0].principal.as_deref(),
            Some("https://dav.example.org/alice/")
        );
    }

    #[test]
    fn a_home_lists_calendars_and_leaves_out_task_lists() {
        let xml = r#"<d:multistatus xmlns:d="DAV:" xmlns:c="urn:ietf:params:xml:ns:caldav" xmlns:cs="http://calendarserver.org/ns/">
 <d:response><d:href>/alice/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
 <d:response><d:href>/alice/work/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/><c:calendar/></d:resourcetype>
  <d:displayname>Work</d:displayname><cs:getctag>"42"</cs:getctag>
  <c:supported-calendar-component-set><c:comp name="VEVENT"/></c:supported-calendar-component-set></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
 <d:response><d:href>/alice/tasks/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/><c:calendar/></d:resourcetype>
  <c:supported-calendar-component-set><c:comp name="VTODO"/></c:supported-calendar-component-set></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
</d:multistatus>"#;
        let r = parse_multistatus(xml, &base()).unwrap();
        let calendars: Vec<_> = r
            .iter()
            .filter(|r| r.is_calendar && r.takes_events())
            .collect();
        assert_eq!(calendars.len(), 1);
        assert_eq!(calendars[0].href, "https://dav.example.org/alice/work/");
        assert_eq!(calendars[0].name, "Work");
        assert_eq!(calendars[0].ctag, "\"42\"");
    }

    #[test]
    fn what_is_not_webdav_is_said_so() {
        for body in ["<html><body>Sign in</body></html>", "not xml at all", ""] {
            let e = parse_multistatus(body, &base()).unwrap_err();
            assert_eq!(e.code, "not_caldav");
        }
    }
}
