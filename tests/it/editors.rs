//! The member forms as a browser without scripts sends them: the weekly
//! editor of a schedule and of the account defaults (time pairs, "copy
//! Monday", caps on days off, refusals that keep what was typed), the
//! choosers of the member page and of the invitation form (a value the
//! form did not offer is refused by its field), the supervisor on the
//! member page, the buttons that settle a refused invitation, and the
//! import report in words.

use reqwest::blocking::Response;
use serde_json::{Value, json};

use crate::common::*;

const PW: &str = "violet tram orbits quietly";

struct World {
    server: Server,
    owner: Session,
    ken: String,
    lia: String,
}

/// The owner and two active members, Ken and Lia.
fn world() -> World {
    let mut seeded = Vec::new();
    let server = Server::start_prepared(&[], |dir| {
        create_owner(dir);
        for email in ["ken@example.org", "lia@example.org"] {
            seeded.push(seed_member(dir, email, convene::domain::Role::Member, PW));
        }
    });
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let (ken, lia) = (seeded[0].clone(), seeded[1].clone());
    World {
        server,
        owner,
        ken,
        lia,
    }
}

/// A form post as a page without scripts sends it, with the CSRF field.
fn page_of(res: Response, status: u16) -> String {
    assert_eq!(res.status().as_u16(), status);
    res.text().unwrap()
}

/// The named inputs of the first form of `html` whose opening tag
/// contains `opening`.
fn form_fields(html: &str, opening: &str) -> Vec<(String, String)> {
    let start = html
        .find(opening)
        .unwrap_or_else(|| panic!("no form {opening}"));
    let form = &html[start..];
    let form = &form[..form.find("</form>").unwrap()];
    form.split("<input ")
        .skip(1)
        .filter_map(|tag| {
            let attr = |name: &str| {
                tag.split(&format!("{name}=\""))
                    .nth(1)
                    .and_then(|v| v.split('"').next())
                    .map(|v| v.replace("&amp;", "&"))
            };
            Some((attr("name")?, attr("value").unwrap_or_default()))
        })
        .collect()
}

/// `base` with the pairs of `changes` in place of its own (a form's
/// first value of a name is the one read).
fn changed<'a>(
    base: &[(&'a str, &'a str)],
    changes: &[(&'a str, &'a str)],
) -> Vec<(&'a str, &'a str)> {
    let mut out: Vec<(&str, &str)> = base
        .iter()
        .filter(|(k, _)| !changes.iter().any(|(c, _)| c == k))
        .copied()
        .collect();
    out.extend_from_slice(changes);
    out
}

fn schedule(s: &Session, id: &str) -> Value {
    s.get(&format!("/api/v1/members/{id}/schedule"))
        .json()
        .unwrap()
}

#[test]
fn the_schedule_editor_saves_time_pairs_and_shows_refusals_as_typed() {
    let w = world();
    let path = format!("/members/{}/schedule", w.owner.member_id);
    let page = page_of(w.owner.get(&path), 200);
    // A row to type into for each group of each day, and a time zone
    // chooser.
    for day in ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] {
        assert!(
            page.contains(&format!(r#"name="weekly.{day}[0].start""#)),
            "{day}"
        );
        assert!(
            page.contains(&format!(r#"name="breaks.{day}[0].end""#)),
            "{day}"
        );
    }
    assert!(page.contains(r#"<select id="f-timezone" name="timezone">"#));
    assert!(page.contains(r#"name="daily_caps.sat" value="" data-cap disabled"#));
    let post = |pairs: &[(&str, &str)]| w.owner.post_form(&path, pairs);
    let monday = [
        ("timezone", "Asia/Tokyo"),
        ("weekly.mon[0].start", "09:00"),
        ("weekly.mon[0].end", "12:00"),
        ("weekly.mon[1].start", "13:00"),
        ("weekly.mon[1].end", "00:00"),
        ("breaks.mon[0].start", "15:00"),
        ("breaks.mon[0].end", "15:15"),
        ("daily_caps.mon", "4"),
    ];
    let with = |extra: &[(&'static str, &'static str)]| changed(&monday, extra);
    let before = schedule(&w.owner, &w.owner.member_id);

    // Overlapping intervals: refused next to Monday's hours, as typed.
    let html = page_of(
        post(&with(&[
            ("weekly.mon[7].start", "11:00"),
            ("weekly.mon[7].end", "12:30"),
        ])),
        422,
    );
    assert!(html.contains("intervals overlap around 11:00"), "{html}");
    assert!(html.contains(r#"name="weekly.mon[2].start" value="11:00""#));
    assert!(html.contains(r#"<option value="Asia/Tokyo" selected>"#));
    // A row with one time only.
    let html = page_of(post(&with(&[("weekly.tue[0].start", "10:00")])), 422);
    assert!(html.contains("give both a start and an end"));
    assert!(html.contains(r#"<li class="pair invalid" data-row><input type="time" name="weekly.tue[0].start" value="10:00""#));
    // A cap on a day without hours: refused by its field, and shown so it
    // can be cleared.
    let html = page_of(post(&with(&[("daily_caps.sun", "2")])), 422);
    assert!(html.contains("a daily cap needs working hours on that day"));
    assert!(html.contains(r#"name="daily_caps.sun" value="2" data-cap aria-invalid="true""#));
    assert!(html.contains(r#"name="breaks.mon[0].end" value="15:15""#));
    // A break outside the hours, a zone that does not exist, a cap in words.
    for (extra, said) in [
        (
            [
                ("breaks.wed[0].start", "10:00"),
                ("breaks.wed[0].end", "10:30"),
            ],
            "a break must lie inside the working hours of its day",
        ),
        (
            [("timezone", "Mars/Base"), ("open_booking_cap", "")],
            "unknown time zone",
        ),
        (
            [("daily_caps.mon", "four"), ("open_booking_cap", "")],
            "a whole number",
        ),
    ] {
        let html = page_of(post(&with(&extra)), 422);
        assert!(html.contains(said), "{said}");
    }
    // Nothing of that was saved.
    assert_eq!(schedule(&w.owner, &w.owner.member_id), before);

    // Saved, with Monday copied to Tuesday-Friday by the checkbox.
    let html = page_of(
        post(&with(&[("copy_monday", "1"), ("open_booking_cap", "10")])),
        200,
    );
    assert!(html.contains("Saved."));
    let s = schedule(&w.owner, &w.owner.member_id);
    assert_eq!(s["timezone"], "Asia/Tokyo");
    for day in ["mon", "tue", "wed", "thu", "fri"] {
        assert_eq!(
            s["weekly"][day],
            json!([{ "start": "09:00", "end": "12:00" }, { "start": "13:00", "end": "24:00" }]),
            "{day}"
        );
        assert_eq!(s["breaks"][day][0]["start"], "15:00", "{day}");
        assert_eq!(s["daily_caps"][day], 4, "{day}");
    }
    assert!(s["weekly"].get("sat").is_none());
    assert_eq!(s["open_booking_cap"], 10);
    // The end of the day comes back as 00:00 in the time input.
    let page = page_of(w.owner.get(&path), 200);
    assert!(page.contains(r#"name="weekly.fri[1].end" value="00:00""#));
}

#[test]
fn the_account_defaults_use_the_same_editor() {
    let w = world();
    let page = page_of(w.owner.get("/members/defaults"), 200);
    assert!(page.contains(r#"<select id="f-language" name="language">"#));
    assert!(page.contains(r#"name="breaks.mon[0].start" value="12:00""#));
    let post = |pairs: &[(&str, &str)]| w.owner.post_form("/members/defaults", pairs);
    let base = [
        ("timezone", "Europe/Paris"),
        ("language", "fr"),
        ("weekly.mon[0].start", "08:30"),
        ("weekly.mon[0].end", "16:30"),
        ("breaks.mon[0].start", "12:00"),
        ("breaks.mon[0].end", "12:45"),
        ("daily_caps.mon", "5"),
    ];
    let html = page_of(post(&changed(&base, &[("language", "de")])), 422);
    assert!(html.contains("choose en, ja or fr"));
    assert!(html.contains(r#"name="weekly.mon[0].start" value="08:30""#));
    let html = page_of(post(&base), 200);
    assert!(html.contains(r#"name="daily_caps.mon" value="5""#));
    let d: Value = w.owner.get("/api/v1/org/defaults").json().unwrap();
    assert_eq!(d["timezone"], "Europe/Paris");
    // Days left empty are days off now: only Monday has hours.
    let new = w.owner.post(
        "/api/v1/invitations",
        json!({ "emails": ["new@example.org"] }),
    );
    let id = new.json::<Value>().unwrap()["results"][0]["member_id"]
        .as_str()
        .unwrap()
        .to_string();
    let s = schedule(&w.owner, &id);
    assert_eq!(
        s["weekly"],
        json!({ "mon": [{ "start": "08:30", "end": "16:30" }] })
    );
    assert_eq!(s["breaks"]["mon"][0]["end"], "12:45");
    assert_eq!(s["daily_caps"]["mon"], 5);
}

#[test]
fn the_member_page_chooses_the_supervisor_and_refuses_what_it_did_not_offer() {
    let w = world();
    assert_eq!(
        w.owner
            .post("/api/v1/positions", json!({ "name": "Lead" }))
            .status(),
        201
    );
    let ken_page = format!("/members/{}", w.ken);
    let page = page_of(w.owner.get(&ken_page), 200);
    assert!(page.contains(r#"<select id="f-supervisor_id" name="supervisor_id">"#));
    assert!(page.contains(&format!(r#"<option value="{}">"#, w.lia)));
    // Nobody is offered as their own supervisor.
    assert!(!page.contains(&format!(r#"<option value="{}">"#, w.ken)));

    let html = page_of(
        w.owner.post_form(
            &ken_page,
            &[("supervisor_id", &w.lia), ("position", "Lead")],
        ),
        200,
    );
    assert!(html.contains(&format!(r#"<option value="{}" selected>"#, w.lia)));
    let ken: Value = w
        .owner
        .get(&format!("/api/v1/members/{}", w.ken))
        .json()
        .unwrap();
    assert_eq!(ken["supervisor_id"], w.lia.as_str());
    assert_eq!(ken["position"], "Lead");

    // Lia under Ken would close a loop; Ken under himself is refused too.
    let lia_page = format!("/members/{}", w.lia);
    let html = page_of(
        w.owner.post_form(&lia_page, &[("supervisor_id", &w.ken)]),
        422,
    );
    assert!(html.contains("this would make a loop of supervisors"));
    assert!(html.contains(r#"aria-describedby="f-supervisor_id-error""#));
    let html = page_of(
        w.owner.post_form(&ken_page, &[("supervisor_id", &w.ken)]),
        422,
    );
    assert!(html.contains("a member cannot supervise themself"));

    // Values the page does not offer are refused by their field, and the
    // rest of what was typed is shown again, unsaved.
    for (field, value, said) in [
        (
            "position",
            "Astronaut",
            "“Astronaut” is not one of the choices",
        ),
        ("location", "Moon", "“Moon” is not one of the choices"),
        ("language", "de", "choose en, ja or fr"),
        ("timezone", "Mars/Base", "unknown time zone"),
        ("department", "Nowhere", "there is no department named"),
    ] {
        let html = page_of(
            w.owner
                .post_form(&ken_page, &[(field, value), ("work_number", "B-7")]),
            422,
        );
        assert!(html.contains(said), "{field}: {said}");
        assert!(
            html.contains(&format!(r#"aria-describedby="f-{field}-error""#)),
            "{field}"
        );
        assert!(html.contains(r#"value="B-7""#), "{field}: typed text kept");
    }
    let ken: Value = w
        .owner
        .get(&format!("/api/v1/members/{}", w.ken))
        .json()
        .unwrap();
    assert_eq!(ken["work_number"], "");
    assert_eq!(ken["position"], "Lead");

    // A member sees the organizational choosers but cannot use them.
    let member = w.server.login("ken@example.org", PW);
    let page = page_of(member.get(&ken_page), 200);
    assert!(page.contains(r#"<select id="f-supervisor_id" name="supervisor_id" disabled>"#));
    assert_eq!(
        member
            .post_form(&ken_page, &[("supervisor_id", "")])
            .status(),
        200,
        "fields the page did not enable are not sent, so not changed"
    );
    let ken: Value = w
        .owner
        .get(&format!("/api/v1/members/{}", w.ken))
        .json()
        .unwrap();
    assert_eq!(ken["supervisor_id"], w.lia.as_str());
}

#[test]
fn refused_invitations_come_with_the_button_that_settles_them() {
    let w = world();
    // Pat joins with the code and waits for approval.
    let link: Value = w.owner.get("/api/v1/org/invite-link").json().unwrap();
    let res = client()
        .post(w.server.url("/api/v1/join-by-code"))
        .json(&json!({ "code": link["code"], "email": "pat@example.org", "first_name": "Pat", "last_name": "Lee", "password": PW }))
        .send()
        .unwrap();
    assert_eq!(res.status(), 200);
    // Ken leaves.
    assert_eq!(
        w.owner
            .post(&format!("/api/v1/members/{}/terminate", w.ken), json!({}))
            .status(),
        200
    );
    let html = page_of(
        w.owner.post_form(
            "/members/invite",
            &[
                ("emails", "pat@example.org, ken@example.org"),
                ("mode", "send"),
            ],
        ),
        200,
    );
    let pat: Value = w.owner.get("/api/v1/members?state=pending").json().unwrap();
    let pat_id = pat["members"][0]["id"].as_str().unwrap().to_string();
    let approve = format!("/members/{pat_id}/do/approve");
    assert!(html.contains(&format!(r#"action="/members/{}/do/restore""#, w.ken)));
    // The approve button does what it says.
    let fields = form_fields(&html, &format!(r#"action="{approve}""#));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = w
        .owner
        .client
        .post(w.server.url(&approve))
        .form(&pairs)
        .send()
        .unwrap();
    assert_eq!(res.status(), 303);
    let pat: Value = w
        .owner
        .get(&format!("/api/v1/members/{pat_id}"))
        .json()
        .unwrap();
    assert_eq!(pat["state"], "active");
    // So does "invite as a new person": a fresh account for Ken's address.
    let fields = form_fields(
        &html,
        r#"<form class="resolve" method="post" action="/members/invite">"#,
    );
    assert!(fields.iter().any(|(k, v)| k == "as_new" && v == "1"));
    let pairs: Vec<(&str, &str)> = fields
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let res = w
        .owner
        .client
        .post(w.server.url("/members/invite"))
        .form(&pairs)
        .send()
        .unwrap();
    let again = page_of(res, 200);
    assert!(again.contains("Invited"), "{again}");
    let invited: Value = w.owner.get("/api/v1/members?state=invited").json().unwrap();
    let fresh = &invited["members"][0];
    assert_eq!(fresh["email"], "ken@example.org");
    assert_ne!(fresh["id"], w.ken.as_str());

    // A position the form did not offer is refused before anyone is invited.
    let html = page_of(
        w.owner.post_form(
            "/members/invite",
            &[
                ("emails", "zoe@example.org"),
                ("position", "Astronaut"),
                ("mode", "send"),
            ],
        ),
        422,
    );
    assert!(html.contains("“Astronaut” is not one of the choices"));
    assert!(html.contains("zoe@example.org</textarea>"));
    let all: Value = w.owner.get("/api/v1/members?q=zoe").json().unwrap();
    assert_eq!(all["members"].as_array().unwrap().len(), 0);
}

#[test]
fn the_import_report_says_in_words_what_each_skipped_line_means() {
    let w = world();
    let csv = "email,first_name,department\r\n\
               ken@example.org,Ken,\r\n\
               zoe@example.org,Zoe,\r\n\
               zoe@example.org,Zoe again,\r\n\
               max@example.org,Max,Mars\r\n";
    let boundary = "convene-test-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\nContent-Type: text/csv\r\n\r\n{csv}\r\n\
         --{boundary}--\r\n",
        w.owner.csrf
    );
    let res = w
        .owner
        .client
        .post(w.server.url("/members/import"))
        .header(
            "content-type",
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .unwrap();
    let html = page_of(res, 200);
    assert!(html.contains("This person is already an active member: nothing to do."));
    assert!(html.contains("(already_active)"));
    assert!(
        html.contains("This address is also on an earlier line of the file; that line was used.")
    );
    assert!(html.contains(
        "Create the department first, or tick “Create missing departments” and upload again."
    ));
    assert!(html.contains(r#"<a href="/members?state=active">"#));
}
