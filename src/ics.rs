//! A small RFC 5545 (iCalendar) writer for invitations and feeds.
//!
//! Hand-written because the `ical` crate's generator folds by characters
//! instead of octets and does not escape TEXT values (see TESTING.md). All
//! times are written in UTC (`…Z`), so no VTIMEZONE block is needed.

use chrono::{DateTime, Utc};

/// The iTIP method (RFC 5546) of the calendar object.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// An invitation or an update to one (mail to guests and hosts).
    Request,
    /// The event is off (mail on cancellation).
    Cancel,
    /// A read-only listing (the member's iCal feed).
    Publish,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Request => "REQUEST",
            Method::Cancel => "CANCEL",
            Method::Publish => "PUBLISH",
        }
    }
}

/// An organizer or attendee: display name and email address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Person<'a> {
    pub name: &'a str,
    pub email: &'a str,
}

/// One VEVENT.
#[derive(Debug, Clone, PartialEq)]
pub struct Event<'a> {
    /// Globally unique and stable per booking, e.g. "<booking id>@<host>",
    /// so that clients update the same entry instead of adding a new one.
    pub uid: &'a str,
    /// Bumped on every change; clients ignore updates with a lower value.
    pub sequence: u32,
    pub stamp: DateTime<Utc>,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub summary: &'a str,
    /// Omitted when empty.
    pub description: &'a str,
    /// Omitted when empty.
    pub location: &'a str,
    pub url: Option<&'a str>,
    /// Required by iTIP for REQUEST and CANCEL.
    pub organizer: Option<Person<'a>>,
    /// Written for every method as given. Note that RFC 5546 §3.2.1 does not
    /// allow ATTENDEE with PUBLISH, so strict feed callers pass none.
    pub attendees: Vec<Person<'a>>,
    /// STATUS:CANCELLED instead of CONFIRMED (always so under CANCEL).
    pub cancelled: bool,
}

/// What a subscribed feed says about itself: its name and zone (the
/// `X-WR-` properties most clients read) and how often to poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Feed<'a> {
    pub name: &'a str,
    /// An IANA zone; times stay in UTC, this only picks the display zone.
    pub timezone: &'a str,
    /// REFRESH-INTERVAL (RFC 7986) and X-PUBLISHED-TTL, in minutes.
    pub refresh_minutes: u32,
}

/// A feed's VEVENT, with the times subscribers use to spot changes.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedEvent<'a> {
    pub event: Event<'a>,
    pub created: DateTime<Utc>,
    pub last_modified: DateTime<Utc>,
}

/// Writes a complete VCALENDAR: CRLF line endings, escaped TEXT values,
/// lines folded at 75 octets on character boundaries.
pub fn calendar(method: Method, name: Option<&str>, events: &[Event<'_>]) -> String {
    let mut out = String::new();
    head(&mut out, method);
    if let Some(name) = name {
        line(&mut out, &format!("X-WR-CALNAME:{}", text(name.trim())));
    }
    for event in events {
        write_event(&mut out, method, event, None);
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// One event of a published (METHOD:PUBLISH) feed, to be joined by
/// `feed_of`: a feed written again after one change keeps the other
/// events' text. Parameter values use RFC 6868 caret escaping here, so a
/// quote in a name survives; invitations keep dropping quotes, as mail
/// clients rarely decode carets.
pub fn feed_event(e: &FeedEvent<'_>) -> String {
    let mut out = String::new();
    write_event(
        &mut out,
        Method::Publish,
        &e.event,
        Some((e.created, e.last_modified)),
    );
    out
}

/// A feed from events written by `feed_event`, in the given order.
pub fn feed_of(header: &Feed<'_>, events: &[impl AsRef<str>]) -> String {
    let mut out =
        String::with_capacity(events.iter().map(|e| e.as_ref().len()).sum::<usize>() + 512);
    head(&mut out, Method::Publish);
    line(
        &mut out,
        &format!("X-WR-CALNAME:{}", text(header.name.trim())),
    );
    if !header.timezone.trim().is_empty() {
        line(
            &mut out,
            &format!("X-WR-TIMEZONE:{}", text(header.timezone.trim())),
        );
    }
    let ttl = format!("PT{}M", header.refresh_minutes.max(1));
    line(&mut out, &format!("REFRESH-INTERVAL;VALUE=DURATION:{ttl}"));
    line(&mut out, &format!("X-PUBLISHED-TTL:{ttl}"));
    for e in events {
        out.push_str(e.as_ref());
    }
    if events.is_empty() {
        // RFC 5545 §3.4 wants at least one component, and strict readers
        // refuse an empty VCALENDAR: a feed with no bookings yet carries
        // the (unused, always valid) UTC zone rather than a fake event.
        for l in [
            "BEGIN:VTIMEZONE",
            "TZID:UTC",
            "BEGIN:STANDARD",
            "DTSTART:19700101T000000",
            "TZOFFSETFROM:+0000",
            "TZOFFSETTO:+0000",
            "TZNAME:UTC",
            "END:STANDARD",
            "END:VTIMEZONE",
        ] {
            line(&mut out, l);
        }
    }
    line(&mut out, "END:VCALENDAR");
    out
}

/// One event as a CalDAV calendar object resource (RFC 4791 §4.1: one
/// VCALENDAR holding the event, and no METHOD).
pub fn resource(e: &FeedEvent<'_>) -> String {
    let mut out = String::new();
    head_without_method(&mut out);
    write_event(
        &mut out,
        Method::Publish,
        &e.event,
        Some((e.created, e.last_modified)),
    );
    line(&mut out, "END:VCALENDAR");
    out
}

fn head(out: &mut String, method: Method) {
    head_without_method(out);
    line(out, &format!("METHOD:{}", method.as_str()));
}

fn head_without_method(out: &mut String) {
    line(out, "BEGIN:VCALENDAR");
    line(out, "VERSION:2.0");
    line(out, "PRODID:-//Convene//Convene//EN");
    line(out, "CALSCALE:GREGORIAN");
}

/// `times` (CREATED, LAST-MODIFIED) are written for feeds only; feeds
/// also escape parameter values the RFC 6868 way.
fn write_event(
    out: &mut String,
    method: Method,
    e: &Event<'_>,
    times: Option<(DateTime<Utc>, DateTime<Utc>)>,
) {
    let caret = times.is_some();
    line(out, "BEGIN:VEVENT");
    line(out, &format!("UID:{}", text(e.uid.trim())));
    line(out, &format!("SEQUENCE:{}", e.sequence));
    line(out, &format!("DTSTAMP:{}", utc(e.stamp)));
    if let Some((created, modified)) = times {
        line(out, &format!("CREATED:{}", utc(created)));
        line(out, &format!("LAST-MODIFIED:{}", utc(modified)));
    }
    line(out, &format!("DTSTART:{}", utc(e.start)));
    line(out, &format!("DTEND:{}", utc(e.end)));
    line(out, &format!("SUMMARY:{}", text(e.summary.trim())));
    if !e.description.trim().is_empty() {
        line(out, &format!("DESCRIPTION:{}", text(e.description.trim())));
    }
    if !e.location.trim().is_empty() {
        line(out, &format!("LOCATION:{}", text(e.location.trim())));
    }
    if let Some(url) = e.url.map(uri).filter(|u| !u.is_empty()) {
        line(out, &format!("URL:{url}"));
    }
    // RFC 5546 §3.2.5: a CANCEL carries STATUS:CANCELLED.
    let cancelled = e.cancelled || method == Method::Cancel;
    line(
        out,
        if cancelled {
            "STATUS:CANCELLED"
        } else {
            "STATUS:CONFIRMED"
        },
    );
    if let Some(organizer) = &e.organizer {
        line(out, &format!("ORGANIZER{}", address(organizer, "", caret)));
    }
    // A participation status only means something when a reply is possible.
    let params = if method == Method::Cancel {
        ";ROLE=REQ-PARTICIPANT"
    } else {
        ";ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE"
    };
    for attendee in &e.attendees {
        line(
            out,
            &format!("ATTENDEE{}", address(attendee, params, caret)),
        );
    }
    line(out, "END:VEVENT");
}

/// `;CN=…<params>:mailto:…` for ORGANIZER and ATTENDEE.
fn address(p: &Person<'_>, params: &str, caret: bool) -> String {
    let cn = if caret {
        param_6868(p.name)
    } else {
        param(p.name)
    };
    let mut s = String::new();
    if !cn.is_empty() {
        s.push_str(";CN=");
        s.push_str(&cn);
    }
    s.push_str(params);
    s.push_str(":mailto:");
    s.push_str(&uri(p.email));
    s
}

/// UTC DATE-TIME form, `YYYYMMDDTHHMMSSZ` (written field by field: a
/// feed writes five per event, and parsing a strftime pattern each time
/// was a tenth of a large feed's cost).
fn utc(t: DateTime<Utc>) -> String {
    use chrono::{Datelike, Timelike};
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        t.year(),
        t.month(),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

/// Escapes a TEXT value (RFC 5545 §3.3.11): backslash, `;`, `,` and line
/// breaks; other control characters are not allowed in TEXT and are dropped.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                // CRLF, or a lone CR, is one line break.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            '\t' => out.push('\t'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A parameter value (RFC 5545 §3.1): DQUOTE and controls cannot appear at
/// all, and `:`, `;` or `,` require the value to be quoted.
fn param(s: &str) -> String {
    let clean: String = s
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .filter(|c| *c != '"')
        .collect();
    let clean = clean.trim();
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean.to_string()
    }
}

/// A parameter value with RFC 6868 escaping: `^` is `^^`, a DQUOTE `^'`
/// and a line break `^n`; other controls become spaces. Quoted when it
/// holds `:`, `;` or `,`.
fn param_6868(s: &str) -> String {
    let mut clean = String::with_capacity(s.len());
    let mut chars = s.trim().chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '^' => clean.push_str("^^"),
            '"' => clean.push_str("^'"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                clean.push_str("^n");
            }
            '\n' => clean.push_str("^n"),
            c if c.is_control() => clean.push(' '),
            c => clean.push(c),
        }
    }
    if clean.contains([':', ';', ',']) {
        format!("\"{clean}\"")
    } else {
        clean
    }
}

/// URI values are not escaped, but a control character (a line break
/// above all) would end the property early, so those are dropped.
fn uri(s: &str) -> String {
    s.trim().chars().filter(|c| !c.is_control()).collect()
}

/// Appends one content line, folded (RFC 5545 §3.1): no physical line is
/// longer than 75 octets, a fold never splits a UTF-8 character, and where
/// possible no physical line ends in whitespace (which some transports
/// strip).
fn line(out: &mut String, content: &str) {
    const FIRST: usize = 75;
    // Continuation lines start with one space, which counts.
    const NEXT: usize = 74;
    let mut rest = content;
    let mut limit = FIRST;
    while rest.len() > limit {
        let mut cut = limit;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        let trimmed = rest[..cut].trim_end_matches([' ', '\t']).len();
        if trimmed > 0 {
            cut = trimmed;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        limit = NEXT;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2027, 3, 15, h, 0, 0).unwrap()
    }

    fn event<'a>(summary: &'a str, description: &'a str) -> Event<'a> {
        Event {
            uid: "b-42@convene.example",
            sequence: 3,
            stamp: at(0),
            start: at(1),
            end: at(2),
            summary,
            description,
            location: "",
            url: Some("https://convene.example/bookings/42"),
            organizer: Some(Person {
                name: "Yamada, Taro",
                email: "taro@example.jp",
            }),
            attendees: vec![Person {
                name: "Ann \"the guest\" Lee",
                email: "ann@example.org",
            }],
            cancelled: false,
        }
    }

    /// Undoes folding: CRLF followed by one space or tab disappears.
    fn unfold(s: &str) -> String {
        s.replace("\r\n ", "").replace("\r\n\t", "")
    }

    /// Undoes TEXT escaping, the way a reader does.
    fn unescape(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                match chars.next() {
                    Some('n') | Some('N') => out.push('\n'),
                    Some(other) => out.push(other),
                    None => {}
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    /// The unfolded value of the first property with this name.
    fn value(ics: &str, name: &str) -> Option<String> {
        unfold(ics)
            .split("\r\n")
            .find_map(|l| l.strip_prefix(&format!("{name}:")).map(str::to_string))
    }

    fn physical_lines(ics: &str) -> Vec<&str> {
        let body = ics.strip_suffix("\r\n").expect("ends with CRLF");
        body.split("\r\n").collect()
    }

    #[test]
    fn utc_times_are_written_as_strftime_would() {
        for t in [
            "2027-03-14T09:05:07Z",
            "1999-12-31T23:59:59Z",
            "2030-01-01T00:00:00Z",
        ] {
            let t: DateTime<Utc> = t.parse().unwrap();
            assert_eq!(utc(t), t.format("%Y%m%dT%H%M%SZ").to_string());
        }
    }

    #[test]
    fn text_escapes_the_special_characters() {
        assert_eq!(
            text("a\\b; c, d\ne\r\nf\rg"),
            "a\\\\b\\; c\\, d\\ne\\nf\\ng"
        );
        assert_eq!(text("tab\there\u{7}"), "tab\there");
        assert_eq!(text("colon: fine \"quotes\""), "colon: fine \"quotes\"");
        let original = "Tennis, doubles; court \\2\nbring water";
        assert_eq!(unescape(&text(original)), original);
    }

    #[test]
    fn parameter_values_are_quoted_when_needed_and_never_hold_quotes() {
        assert_eq!(param("Ann Lee"), "Ann Lee");
        assert_eq!(param("Lee, Ann"), "\"Lee, Ann\"");
        assert_eq!(param("Dr: \"Ann\"; MD"), "\"Dr: Ann; MD\"");
        assert_eq!(param("Ann\r\nLee"), "Ann  Lee");
        let ics = calendar(Method::Request, None, &[event("x", "")]);
        let unfolded = unfold(&ics);
        assert!(unfolded.contains("ORGANIZER;CN=\"Yamada, Taro\":mailto:taro@example.jp\r\n"));
        assert!(unfolded.contains(
            "ATTENDEE;CN=Ann the guest Lee;ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:ann@example.org\r\n"
        ));
    }

    #[test]
    fn long_multibyte_lines_fold_at_75_octets_on_character_boundaries() {
        let summary = "東京オフィスでの打ち合わせ（新規のお客様、約三十分）— 資料は事前にお送りします。よろしくお願いいたします。";
        let description = "日本語の説明文です。".repeat(20) + "\n二行目, with ASCII; and 😀 emoji";
        let ics = calendar(
            Method::Request,
            Some("山田 太郎の予約"),
            &[event(summary, &description)],
        );
        for l in physical_lines(&ics) {
            assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
            assert!(!l.is_empty() && !l.ends_with(' '), "{l:?}");
        }
        // A fold really happened, and continuation lines start with one space.
        assert!(ics.contains("\r\n "));
        assert_eq!(
            value(&ics, "SUMMARY").map(|v| unescape(&v)),
            Some(summary.to_string())
        );
        assert_eq!(
            value(&ics, "DESCRIPTION").map(|v| unescape(&v)),
            Some(description)
        );
        assert_eq!(
            value(&ics, "X-WR-CALNAME").as_deref(),
            Some("山田 太郎の予約")
        );
    }

    #[test]
    fn folding_exactly_at_the_limit() {
        let mut out = String::new();
        let exact = "X".repeat(75);
        line(&mut out, &exact);
        assert_eq!(out, format!("{exact}\r\n"));
        let mut out = String::new();
        let long = "Y".repeat(75 + 74 + 1);
        line(&mut out, &long);
        let lines = physical_lines(&out);
        assert_eq!(
            lines.iter().map(|l| l.len()).collect::<Vec<_>>(),
            [75, 75, 2]
        );
        assert_eq!(unfold(&out), format!("{long}\r\n"));
        // A space at the fold point moves to the next line.
        let mut out = String::new();
        let spaced = format!("{} {}", "a".repeat(74), "b".repeat(10));
        line(&mut out, &spaced);
        assert!(physical_lines(&out).iter().all(|l| !l.ends_with(' ')));
        assert_eq!(unfold(&out), format!("{spaced}\r\n"));
    }

    #[test]
    fn structure_begins_and_ends_correctly() {
        let ics = calendar(
            Method::Publish,
            Some("Feed"),
            &[event("One", "first"), event("Two", "")],
        );
        let lines = physical_lines(&ics);
        assert_eq!(
            lines[..6],
            [
                "BEGIN:VCALENDAR",
                "VERSION:2.0",
                "PRODID:-//Convene//Convene//EN",
                "CALSCALE:GREGORIAN",
                "METHOD:PUBLISH",
                "X-WR-CALNAME:Feed",
            ]
        );
        assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'));
        assert!(!ics.replace("\r\n", "").contains('\r'));
        assert_eq!(ics.matches("BEGIN:VEVENT\r\n").count(), 2);
        assert_eq!(ics.matches("END:VEVENT\r\n").count(), 2);
        assert_eq!(ics.matches("DESCRIPTION:").count(), 1);
        assert!(!ics.contains("LOCATION:"));
        for needed in [
            "UID:b-42@convene.example\r\n",
            "SEQUENCE:3\r\n",
            "DTSTAMP:20270315T000000Z\r\n",
            "DTSTART:20270315T010000Z\r\n",
            "DTEND:20270315T020000Z\r\n",
            "URL:https://convene.example/bookings/42\r\n",
            "STATUS:CONFIRMED\r\n",
        ] {
            assert!(ics.contains(needed), "{needed}");
        }
        let unnamed = calendar(Method::Request, None, &[]);
        assert!(!unnamed.contains("X-WR-CALNAME"));
        assert!(unnamed.contains("METHOD:REQUEST\r\nEND:VCALENDAR\r\n"));
    }

    #[test]
    fn cancel_and_cancelled_events_say_so() {
        let ics = calendar(Method::Cancel, None, &[event("Call", "")]);
        assert!(ics.contains("METHOD:CANCEL\r\n"));
        assert!(ics.contains("STATUS:CANCELLED\r\n"));
        assert!(!ics.contains("STATUS:CONFIRMED"));
        assert!(!ics.contains("PARTSTAT"));
        let mut gone = event("Call", "");
        gone.cancelled = true;
        let feed = calendar(Method::Publish, None, &[gone]);
        assert!(feed.contains("STATUS:CANCELLED\r\n"));
    }

    #[test]
    fn line_breaks_in_uris_and_names_cannot_inject_properties() {
        let mut e = event("x", "");
        e.url = Some("https://a.example/\r\nATTACH:evil");
        e.organizer = Some(Person {
            name: "Eve\r\nATTACH:evil",
            email: "eve@x.org\nATTACH:evil",
        });
        let ics = calendar(Method::Request, None, &[e]);
        assert!(!unfold(&ics).split("\r\n").any(|l| l.starts_with("ATTACH")));
    }

    fn feed_item<'a>(e: Event<'a>) -> FeedEvent<'a> {
        FeedEvent {
            event: Event {
                attendees: Vec::new(),
                ..e
            },
            created: at(0),
            last_modified: at(3),
        }
    }

    #[test]
    fn feeds_name_their_zone_refresh_and_times() {
        let header = Feed {
            name: "Convene — 山田, 太郎",
            timezone: "Asia/Tokyo",
            refresh_minutes: 15,
        };
        let ics = feed_of(&header, &[feed_event(&feed_item(event("One", "first")))]);
        let lines = physical_lines(&ics);
        assert_eq!(lines[4], "METHOD:PUBLISH");
        for needed in [
            "X-WR-CALNAME:Convene — 山田\\, 太郎\r\n",
            "X-WR-TIMEZONE:Asia/Tokyo\r\n",
            "REFRESH-INTERVAL;VALUE=DURATION:PT15M\r\n",
            "X-PUBLISHED-TTL:PT15M\r\n",
            "CREATED:20270315T000000Z\r\n",
            "LAST-MODIFIED:20270315T030000Z\r\n",
        ] {
            assert!(ics.contains(needed), "{needed}\n{ics}");
        }
        assert!(!ics.contains("ATTENDEE"));
        // Invitations carry neither.
        let mail = calendar(Method::Request, None, &[event("One", "")]);
        assert!(!mail.contains("CREATED:") && !mail.contains("REFRESH-INTERVAL"));
    }

    #[test]
    fn feed_parameters_use_rfc_6868_carets() {
        assert_eq!(param_6868("Ann \"A^2\" Lee"), "Ann ^'A^^2^' Lee");
        assert_eq!(param_6868("Lee, \"Ann\""), "\"Lee, ^'Ann^'\"");
        assert_eq!(param_6868("Two\r\nlines\nhere\u{7}"), "Two^nlines^nhere ");
        let mut e = event("x", "");
        e.organizer = Some(Person {
            name: "Dr. \"Quote\"; Yamada",
            email: "y@example.jp",
        });
        let ics = unfold(&feed_of(
            &Feed {
                name: "F",
                timezone: "",
                refresh_minutes: 15,
            },
            &[feed_event(&feed_item(e))],
        ));
        assert!(ics.contains("ORGANIZER;CN=\"Dr. ^'Quote^'; Yamada\":mailto:y@example.jp\r\n"));
        assert!(!ics.contains("X-WR-TIMEZONE"));
        assert!(!ics.contains("VTIMEZONE"));
        let empty = feed_of(
            &Feed {
                name: "F",
                timezone: "UTC",
                refresh_minutes: 15,
            },
            &[] as &[&str],
        );
        assert!(empty.contains("BEGIN:VTIMEZONE\r\nTZID:UTC\r\n"));
        assert!(!empty.contains("VEVENT"));
    }

    #[test]
    fn long_feed_lines_fold_on_character_boundaries() {
        let name = "😀".repeat(30) + "東京";
        let mut e = event(&name, &name);
        e.organizer = Some(Person {
            name: &name,
            email: "e@example.org",
        });
        let header = Feed {
            name: &name,
            timezone: "Europe/Paris",
            refresh_minutes: 15,
        };
        let ics = feed_of(&header, &[feed_event(&feed_item(e))]);
        for l in physical_lines(&ics) {
            assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
        }
        assert_eq!(value(&ics, "X-WR-CALNAME"), Some(name.clone()));
        assert_eq!(value(&ics, "SUMMARY"), Some(name));
    }
}
