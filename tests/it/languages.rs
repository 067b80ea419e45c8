//! Every page in Japanese and French: each registered HTML route is read
//! by a member whose language is Japanese (then French) and, for public
//! pages, by a guest whose browser asks for French (then Japanese). A page
//! fails when it is not marked with the reader's language or when a text
//! of the English catalog is left in it.

use std::collections::BTreeSet;
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, Pattern, PatternElement};
use serde_json::{Value, json};

use crate::common::{OWNER_EMAIL, OWNER_PASSWORD, Server, client, create_owner, repo_file};
use crate::openapi_routes::{routes_in, rust_files};

/// English texts of the catalog that a reader of `lang` must not meet: the
/// literal runs of each English message (placeholders cut out) that are
/// long enough to be words, and that the translation does not share.
fn english_texts(lang: &str) -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales/en");
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&root).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        // Mail texts reach pages only as stored notification titles, which
        // keep the language they were written in.
        if !name.ends_with(".ftl") || name == "mail.ftl" || name == "booking.ftl" {
            continue;
        }
        let en = std::fs::read_to_string(&path).unwrap();
        let other = repo_file(&format!("locales/{lang}/{name}"));
        let other_runs: BTreeSet<String> = messages(&other)
            .into_iter()
            .flat_map(|(_, runs)| runs)
            .collect();
        for (key, runs) in messages(&en) {
            for run in runs {
                let words = run.split_whitespace().count();
                if words >= 2 && run.chars().count() >= 8 && !other_runs.contains(&run) {
                    out.push((key.clone(), run));
                }
            }
        }
    }
    out
}

/// Each message (and attribute) of a catalog file with its literal runs.
fn messages(source: &str) -> Vec<(String, Vec<String>)> {
    let resource = match fluent_syntax::parser::parse(source.to_string()) {
        Ok(r) => r,
        Err((r, _)) => r,
    };
    let mut out = Vec::new();
    for entry in resource.body {
        if let Entry::Message(m) = entry {
            let id = m.id.name.clone();
            if let Some(p) = &m.value {
                out.push((id.clone(), runs(p)));
            }
            for a in &m.attributes {
                out.push((format!("{id}.{}", a.id.name), runs(&a.value)));
            }
        }
    }
    out
}

fn runs(p: &Pattern<String>) -> Vec<String> {
    let mut out = Vec::new();
    for el in &p.elements {
        match el {
            PatternElement::TextElement { value } => {
                for line in value.lines() {
                    let t = line.trim();
                    if !t.is_empty() {
                        out.push(t.to_string());
                    }
                }
            }
            PatternElement::Placeable { expression } => {
                if let Expression::Select { variants, .. } = expression {
                    for v in variants {
                        out.extend(runs(&v.value));
                    }
                }
            }
        }
    }
    out
}

/// What a reader sees of a page: its text and the texts of its labels.
fn readable(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    // Scripts and styles are not read.
    let mut cleaned = String::new();
    while let Some(start) = rest.find("<script") {
        cleaned.push_str(&rest[..start]);
        match rest[start..].find("</script>") {
            Some(end) => rest = &rest[start + end + "</script>".len()..],
            None => {
                rest = "";
                break;
            }
        }
    }
    cleaned.push_str(rest);
    let mut in_tag = false;
    let mut tag = String::new();
    for c in cleaned.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
                text.push(' ');
            }
            (true, '>') => {
                in_tag = false;
                for attr in ["aria-label=\"", "placeholder=\"", "title=\"", "value=\""] {
                    if let Some(at) = tag.find(attr) {
                        let v = &tag[at + attr.len()..];
                        let v = v.split('"').next().unwrap_or("");
                        // A form value is what someone typed or a machine
                        // value, except a button's.
                        if attr != "value=\"" || tag.starts_with("input type=\"submit\"") {
                            text.push(' ');
                            text.push_str(v);
                        }
                    }
                }
            }
            (true, c) => tag.push(c),
            (false, c) => text.push(c),
        }
    }
    let text = text
        .replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The GET routes of the pages (not the API, files or feeds).
fn page_routes() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = BTreeSet::new();
    for file in rust_files(&root.join("src/web/ui")) {
        let text = std::fs::read_to_string(&file).unwrap();
        for r in routes_in(&text) {
            if r.method == "get" && !r.path.ends_with(".ics") && !r.path.ends_with(".csv") {
                out.insert(r.path);
            }
        }
    }
    out.into_iter().collect()
}

struct World {
    server: Server,
    page_id: String,
    slug: String,
    booking_id: String,
    token: String,
    owner_id: String,
}

fn world() -> World {
    let server = Server::start_prepared(&[], create_owner);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let owner_id = owner.member_id.clone();
    crate::common::set_schedule(&owner, &owner_id, "Europe/Paris", "00:00-23:59", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({ "slug": "intro", "title": "Intro", "duration_minutes": 30, "hosts": [owner_id] }),
    );
    assert_eq!(res.status(), 201);
    let page: Value = res.json().unwrap();
    let page_id = page["id"].as_str().unwrap().to_string();
    let start = format!("{}T10:00:00+01:00", crate::common::days_ahead(3));
    let guest = client();
    let res = guest
        .post(server.url("/book/intro"))
        .form(&[
            ("start", start.as_str()),
            ("name", "Gaëlle Guest"),
            ("email", "gaelle@example.org"),
            ("timezone", "Europe/Paris"),
        ])
        .send()
        .unwrap();
    assert_eq!(res.status(), 303, "{}", res.text().unwrap_or_default());
    let location = res.headers()["location"].to_str().unwrap().to_string();
    let token = location
        .trim_start_matches("/booking/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let listed: Value = owner.get("/api/v1/bookings").json().unwrap();
    let booking_id = listed["bookings"][0]["id"].as_str().unwrap().to_string();
    World {
        server,
        page_id,
        slug: "intro".into(),
        booking_id,
        token,
        owner_id,
    }
}

impl World {
    /// The route with its placeholders filled, or None when this world has
    /// nothing to put there.
    fn fill(&self, route: &str) -> Option<String> {
        let mut out = String::new();
        for part in route.split('/').filter(|p| !p.is_empty()) {
            out.push('/');
            if !part.starts_with('{') {
                out.push_str(part);
                continue;
            }
            let value = match (route, part) {
                (_, "{slug}") => &self.slug,
                (r, "{token}") if r.starts_with("/booking/") => &self.token,
                (r, "{id}") if r.starts_with("/booking-pages/") => &self.page_id,
                (r, "{id}") if r.starts_with("/bookings/") => &self.booking_id,
                (r, "{id}") if r.starts_with("/members/") => &self.owner_id,
                _ => return None,
            };
            out.push_str(value);
        }
        Some(if out.is_empty() { "/".into() } else { out })
    }
}

fn is_html(res: &reqwest::blocking::Response) -> bool {
    res.headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("text/html"))
}

fn check(
    lang: &str,
    path: &str,
    html: &str,
    english: &[(String, String)],
    problems: &mut Vec<String>,
) {
    if !html.contains(&format!("<html lang=\"{lang}\"")) {
        problems.push(format!("{path} in {lang}: not marked lang=\"{lang}\""));
    }
    let text = readable(html);
    for (key, run) in english {
        if text.contains(run.as_str()) {
            problems.push(format!("{path} in {lang}: English “{run}” ({key})"));
        }
    }
}

#[test]
fn every_page_speaks_the_reader_s_language() {
    let w = world();
    let routes = page_routes();
    assert!(routes.len() > 20, "only {} page routes found", routes.len());
    let mut problems = Vec::new();
    let mut read = 0;
    for lang in ["ja", "fr"] {
        let english = english_texts(lang);
        assert!(english.len() > 100, "only {} English texts", english.len());
        let owner = w.server.login(OWNER_EMAIL, OWNER_PASSWORD);
        let res = owner.send(
            reqwest::Method::PATCH,
            &format!("/api/v1/members/{}", w.owner_id),
            Some(json!({ "language": lang })),
        );
        assert_eq!(res.status(), 200);
        let guest = client();
        for route in &routes {
            let Some(path) = w.fill(route) else { continue };
            let member = owner.get(&path);
            if member.status() == 200 && is_html(&member) {
                let html = member.text().unwrap();
                // Public pages follow the visitor's browser, checked below.
                if !html.contains("<body class=\"public\"") {
                    read += 1;
                    check(lang, &path, &html, &english, &mut problems);
                }
            }
            let res = guest
                .get(w.server.url(&path))
                .header("accept-language", format!("{lang},en;q=0.5"))
                .send()
                .unwrap();
            if res.status() == 200 && is_html(&res) {
                read += 1;
                check(lang, &path, &res.text().unwrap(), &english, &mut problems);
            }
        }
    }
    assert!(read > 40, "only {read} pages were read");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn a_guest_switches_language_and_keeps_the_page() {
    let w = world();
    let guest = client();
    let month = &crate::common::days_ahead(3)[..7];
    let res = guest
        .get(w.server.url(&format!("/book/intro?month={month}&lang=ja")))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    assert!(
        res.headers()["set-cookie"]
            .to_str()
            .unwrap()
            .contains("convene_lang=ja")
    );
    let html = res.text().unwrap();
    assert!(html.contains("<html lang=\"ja\""));
    // The switch links keep the month.
    assert!(
        html.contains(&format!("month={month}&amp;lang=fr")),
        "{html}"
    );
    // The cookie keeps the choice on the next page, over the browser's.
    let res = guest
        .get(w.server.url("/book/intro"))
        .header("accept-language", "fr")
        .send()
        .unwrap();
    assert!(res.text().unwrap().contains("<html lang=\"ja\""));
}

#[test]
fn api_errors_keep_their_code_and_follow_the_language() {
    let w = world();
    let url = w
        .server
        .url("/api/v1/public/booking-pages/intro/slots?from=2027-03-01&to=2026-03-01&timezone=UTC");
    let mut messages = BTreeSet::new();
    for lang in ["en", "ja", "fr"] {
        let res = client()
            .get(&url)
            .header("accept-language", lang)
            .send()
            .unwrap();
        assert_eq!(res.status(), 422);
        let body: Value = res.json().unwrap();
        assert_eq!(body["error"]["code"], "invalid");
        assert_eq!(body["error"]["field"], "to");
        messages.insert(body["error"]["message"].as_str().unwrap().to_string());
    }
    assert_eq!(messages.len(), 3, "one message per language: {messages:?}");
}
