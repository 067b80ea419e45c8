//! Just enough HTML reading for following a page like a browser without
//! JavaScript: the links, and each form with what submitting it as it
//! stands would send (hidden fields, typed values, checked boxes, selected
//! options), once per submit button that names its own target. Our pages
//! are maud output: quoted attributes, `<`, `>`, `"` and `&` escaped.

/// One tag: its name (lower case, "/form" for a closing one) and attributes.
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
    /// Where the tag ends in the page (just after its `>`).
    end: usize,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn has(&self, name: &str) -> bool {
        self.attrs.iter().any(|(k, _)| k == name)
    }
}

pub fn unescape(s: &str) -> String {
    s.replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

fn attributes(inside: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut rest = inside.trim_start();
    while !rest.is_empty() {
        let name_end = rest
            .find(|c: char| c == '=' || c.is_whitespace() || c == '/')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = &rest[name_end..];
        if let Some(after) = rest.strip_prefix("=\"") {
            let close = after.find('"').unwrap_or(after.len());
            out.push((name, unescape(&after[..close])));
            rest = after.get(close + 1..).unwrap_or("");
        } else {
            if !name.is_empty() {
                out.push((name, String::new()));
            }
            rest = rest.get(1..).unwrap_or("");
        }
        rest = rest.trim_start();
    }
    out
}

fn tags(html: &str) -> Vec<Tag> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(open) = html[at..].find('<').map(|i| at + i) {
        let Some(close) = html[open..].find('>').map(|i| open + i) else {
            break;
        };
        let inside = &html[open + 1..close];
        at = close + 1;
        if inside.starts_with('!') {
            continue;
        }
        let name_end = inside
            .find(|c: char| c.is_whitespace())
            .unwrap_or(inside.len());
        out.push(Tag {
            name: inside[..name_end].to_ascii_lowercase(),
            attrs: attributes(&inside[name_end..]),
            end: close + 1,
        });
    }
    out
}

/// Same-site link targets (`a href`), without fragments.
pub fn links(html: &str) -> Vec<String> {
    tags(html)
        .iter()
        .filter(|t| t.name == "a")
        .filter_map(|t| t.attr("href"))
        .filter_map(same_site)
        .collect()
}

/// A path of this site, or None (another site, mailto:, a fragment alone).
pub fn same_site(href: &str) -> Option<String> {
    let href = href.split('#').next().unwrap_or("");
    (href.starts_with('/') && !href.starts_with("//")).then(|| href.to_string())
}

/// What a person would type into an empty required field of `kind`, so
/// that a form reaches the decision behind it instead of stopping at
/// "required". Times follow one another (a period's start, then its end).
fn typed(kind: &str, filled: &mut i64) -> String {
    *filled += 1;
    let tomorrow = chrono::Utc::now().date_naive() + chrono::Duration::days(1);
    match kind {
        "email" => format!("walker{filled}@example.org"),
        "url" => "https://example.org/walk".into(),
        "number" => "1".into(),
        "date" => tomorrow.format("%Y-%m-%d").to_string(),
        "time" => format!("{:02}:00", 9 + *filled),
        "datetime-local" => format!("{}T{:02}:00", tomorrow.format("%Y-%m-%d"), 9 + *filled),
        _ => format!("walk{filled}"),
    }
}

/// A submit button: its own target (`formaction`), and the name and
/// value it adds to what is sent, if it has a name.
type Target = (Option<String>, Option<(String, String)>);

/// What one submit button of a form sends, and where.
#[derive(Debug, Clone)]
pub struct Submission {
    pub method: String,
    pub action: String,
    pub multipart: bool,
    pub fields: Vec<(String, String)>,
}

/// Every way each form of the page can be submitted as it stands.
pub fn submissions(html: &str, page: &str) -> Vec<Submission> {
    let all = tags(html);
    let mut out = Vec::new();
    let mut i = 0;
    while i < all.len() {
        if all[i].name != "form" {
            i += 1;
            continue;
        }
        let form = &all[i];
        let action = form
            .attr("action")
            .map_or_else(|| page.to_string(), str::to_string);
        let method = form.attr("method").unwrap_or("get").to_ascii_lowercase();
        let multipart = form.attr("enctype") == Some("multipart/form-data");
        let mut fields = Vec::new();
        // Required fields left empty, filled so far in this form.
        let mut filled = 0;
        let mut targets: Vec<Target> = Vec::new();
        // The open select: its name and its options (value, selected).
        let mut select: Option<(String, Vec<(String, bool)>)> = None;
        let mut j = i + 1;
        while j < all.len() && all[j].name != "/form" {
            let t = &all[j];
            let name = t.attr("name").map(str::to_string);
            let disabled = t.has("disabled");
            match t.name.as_str() {
                "input" => {
                    let kind = t.attr("type").unwrap_or("text");
                    let value = t.attr("value").unwrap_or("").to_string();
                    match (kind, name) {
                        ("submit" | "image", n) => targets.push((
                            t.attr("formaction").map(str::to_string),
                            n.map(|n| (n, value)),
                        )),
                        ("button" | "reset" | "file", _) => {}
                        ("checkbox" | "radio", Some(n)) if !disabled && t.has("checked") => {
                            let v = if t.has("value") { value } else { "on".into() };
                            fields.push((n, v));
                        }
                        ("checkbox" | "radio", _) => {}
                        (_, Some(n)) if !disabled => {
                            let value = if value.is_empty() && t.has("required") {
                                typed(kind, &mut filled)
                            } else {
                                value
                            };
                            fields.push((n, value))
                        }
                        _ => {}
                    }
                }
                "textarea" if !disabled => {
                    if let Some(n) = name {
                        let text_end = html[t.end..]
                            .find("</textarea>")
                            .map_or(t.end, |e| t.end + e);
                        let text = unescape(&html[t.end..text_end]);
                        let text = if text.is_empty() && t.has("required") {
                            typed("text", &mut filled)
                        } else {
                            text
                        };
                        fields.push((n, text));
                    }
                }
                "select" => {
                    select = if disabled {
                        None
                    } else {
                        name.map(|n| (n, Vec::new()))
                    };
                }
                "option" => {
                    if let Some((_, options)) = select.as_mut() {
                        let value = t.attr("value").map(str::to_string).unwrap_or_else(|| {
                            let text_end = html[t.end..].find('<').map_or(t.end, |e| t.end + e);
                            unescape(html[t.end..text_end].trim())
                        });
                        options.push((value, t.has("selected")));
                    }
                }
                "/select" => {
                    if let Some((n, options)) = select.take() {
                        let chosen: Vec<&String> =
                            options.iter().filter(|(_, s)| *s).map(|(v, _)| v).collect();
                        match (chosen.is_empty(), options.first()) {
                            (false, _) => {
                                fields.extend(chosen.into_iter().map(|v| (n.clone(), v.clone())))
                            }
                            (true, Some((v, _))) => fields.push((n, v.clone())),
                            (true, None) => {}
                        }
                    }
                }
                "button" => {
                    let kind = t.attr("type").unwrap_or("submit");
                    if kind == "submit" && !disabled {
                        let value = t.attr("value").unwrap_or("").to_string();
                        targets.push((
                            t.attr("formaction").map(str::to_string),
                            name.map(|n| (n, value)),
                        ));
                    }
                }
                _ => {}
            }
            j += 1;
        }
        // A form without a button can still be sent with Enter.
        if targets.is_empty() {
            targets.push((None, None));
        }
        for (to, pressed) in targets {
            let mut sent = fields.clone();
            sent.extend(pressed);
            out.push(Submission {
                method: method.clone(),
                action: to.unwrap_or_else(|| action.clone()),
                multipart,
                fields: sent,
            });
        }
        i = j + 1;
    }
    out
}

#[test]
fn forms_are_read_as_a_browser_sends_them() {
    let page = r#"<form method="post" action="/a?x=1&amp;y=2">
        <input type="hidden" name="csrf_token" value="t&quot;k">
        <input name="q" value="typed"><input name="off" disabled value="no">
        <input type="checkbox" name="ids" value="1" checked><input type="checkbox" name="ids" value="2">
        <select name="role"><option value="a">A</option><option value="b" selected>B</option></select>
        <select name="dept"><option value="">All</option></select>
        <textarea name="notes">a &lt;b&gt;</textarea>
        <button type="submit">Save</button>
        <button type="submit" formaction="/other" name="go" value="1">Go</button>
        <button type="button">Nothing</button>
    </form><a href="/x#top">x</a><a href="https://elsewhere.example/">y</a><a href="mailto:a@b">z</a>"#;
    let s = submissions(page, "/here");
    assert_eq!(s.len(), 2);
    assert_eq!(s[0].action, "/a?x=1&y=2");
    assert_eq!(
        s[0].fields,
        [
            ("csrf_token", "t\"k"),
            ("q", "typed"),
            ("ids", "1"),
            ("role", "b"),
            ("dept", ""),
            ("notes", "a <b>")
        ]
        .map(|(k, v)| (k.to_string(), v.to_string()))
    );
    assert_eq!(s[1].action, "/other");
    assert_eq!(
        s[1].fields.last().unwrap(),
        &("go".to_string(), "1".to_string())
    );
    assert_eq!(links(page), ["/x"]);
}
