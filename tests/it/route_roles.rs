//! Every operation of the JSON API × every role of PRODUCT.md §2, from one
//! table; an operation of docs/openapi.yaml without a row fails here, so a
//! new route cannot arrive without its rule. A role below the row's is
//! refused (401 without a session, 403 with one) on the real objects of a
//! colleague; a role at or above it is not refused (tried on ids that do
//! not exist, so nothing is changed by the allowed calls). Then every
//! cookie-authenticated state change, of the API and of the HTML forms, is
//! sent without its CSRF token and must be refused. The HTML pages have a
//! table of their own, held to the same rules.

use std::collections::BTreeSet;

use reqwest::Method;
use serde_json::{Value, json};

use convene::domain::Role;

use crate::common::*;

/// Who may call an operation: the lowest role of PRODUCT.md §2 that may,
/// in the order of the table (anonymous < restricted < … < owner).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    /// No session needed: public pages, tokens in the path, operators'
    /// endpoints.
    Anyone,
    /// Any signed-in member, restricted members too.
    Restricted,
    /// Members who host and manage their own pages.
    Member,
    Manager,
    Admin,
    Owner,
}

const ROLES: [Who; 6] = [
    Who::Anyone,
    Who::Restricted,
    Who::Member,
    Who::Manager,
    Who::Admin,
    Who::Owner,
];

/// Method, path as in the spec, the lowest role that may. A row is about
/// acting on a colleague's objects or the organization's, not one's own.
const TABLE: &[(&str, &str, Who)] = &[
    ("GET", "/healthz", Who::Anyone),
    ("GET", "/metrics", Who::Anyone),
    ("POST", "/api/v1/session", Who::Anyone),
    ("GET", "/api/v1/session", Who::Restricted),
    ("DELETE", "/api/v1/session", Who::Restricted),
    ("GET", "/api/v1/api-keys", Who::Restricted),
    ("POST", "/api/v1/api-keys", Who::Member),
    ("DELETE", "/api/v1/api-keys/{id}", Who::Member),
    ("POST", "/api/v1/api-keys/{id}/regenerate", Who::Member),
    ("GET", "/api/v1/members", Who::Restricted),
    ("GET", "/api/v1/members/{id}", Who::Restricted),
    ("PATCH", "/api/v1/members/{id}", Who::Admin),
    ("POST", "/api/v1/members/{id}/{action}", Who::Admin),
    ("GET", "/api/v1/members/{id}/departure", Who::Admin),
    ("POST", "/api/v1/members/{id}/terminate", Who::Admin),
    ("POST", "/api/v1/members/{id}/apply-to", Who::Owner),
    ("POST", "/api/v1/members/bulk-edit", Who::Admin),
    ("GET", "/api/v1/members/{id}/schedule", Who::Restricted),
    ("PUT", "/api/v1/members/{id}/schedule", Who::Admin),
    (
        "GET",
        "/api/v1/members/{id}/unavailability",
        Who::Restricted,
    ),
    ("POST", "/api/v1/members/{id}/unavailability", Who::Admin),
    (
        "DELETE",
        "/api/v1/members/{id}/unavailability/{uid}",
        Who::Admin,
    ),
    ("GET", "/api/v1/members/{id}/calendars", Who::Admin),
    ("POST", "/api/v1/members/{id}/calendars", Who::Admin),
    ("GET", "/api/v1/members/{id}/calendars/{cal}", Who::Admin),
    ("PATCH", "/api/v1/members/{id}/calendars/{cal}", Who::Admin),
    ("DELETE", "/api/v1/members/{id}/calendars/{cal}", Who::Admin),
    (
        "POST",
        "/api/v1/members/{id}/calendars/{cal}/sync",
        Who::Admin,
    ),
    ("GET", "/api/v1/members/{id}/feed", Who::Admin),
    ("POST", "/api/v1/members/{id}/feed/rotate", Who::Admin),
    ("GET", "/api/v1/booking-pages/{id}/feed", Who::Admin),
    ("POST", "/api/v1/booking-pages/{id}/feed/rotate", Who::Admin),
    ("POST", "/api/v1/invitations", Who::Member),
    ("POST", "/api/v1/members/import", Who::Admin),
    ("GET", "/api/v1/members/import-template.csv", Who::Anyone),
    ("GET", "/api/v1/members/export.csv", Who::Admin),
    ("POST", "/api/v1/join/{token}", Who::Anyone),
    ("POST", "/api/v1/join-by-code", Who::Anyone),
    ("POST", "/api/v1/join-by-link/{token}", Who::Anyone),
    ("GET", "/api/v1/org", Who::Restricted),
    ("PATCH", "/api/v1/org", Who::Admin),
    ("GET", "/api/v1/org/invite-link", Who::Admin),
    ("POST", "/api/v1/org/invite-link/rotate", Who::Admin),
    ("GET", "/api/v1/org/join-rules", Who::Restricted),
    ("PUT", "/api/v1/org/join-rules", Who::Admin),
    ("GET", "/api/v1/org/defaults", Who::Restricted),
    ("PUT", "/api/v1/org/defaults", Who::Owner),
    ("GET", "/api/v1/{kind}", Who::Restricted),
    ("POST", "/api/v1/{kind}", Who::Admin),
    ("PATCH", "/api/v1/{kind}/{name}", Who::Admin),
    ("DELETE", "/api/v1/{kind}/{name}", Who::Admin),
    ("GET", "/api/v1/audit-log", Who::Admin),
    ("GET", "/api/v1/notifications", Who::Restricted),
    ("POST", "/api/v1/notifications/read-all", Who::Restricted),
    ("POST", "/api/v1/notifications/test", Who::Restricted),
    ("POST", "/api/v1/notifications/{id}/read", Who::Restricted),
    ("GET", "/api/v1/notification-preferences", Who::Restricted),
    ("PUT", "/api/v1/notification-preferences", Who::Restricted),
    ("GET", "/api/v1/webhooks", Who::Admin),
    ("POST", "/api/v1/webhooks", Who::Admin),
    ("DELETE", "/api/v1/webhooks/{id}", Who::Admin),
    ("GET", "/api/v1/webhooks/{id}/deliveries", Who::Admin),
    ("POST", "/api/v1/webhooks/{id}/ping", Who::Admin),
    ("GET", "/api/v1/outbox", Who::Admin),
    ("POST", "/api/v1/outbox/release", Who::Admin),
    ("DELETE", "/api/v1/outbox/{id}", Who::Admin),
    ("POST", "/api/v1/outbox/{id}/retry", Who::Admin),
    ("POST", "/api/v1/mail/test", Who::Admin),
    ("GET", "/api/v1/external-members", Who::Admin),
    ("POST", "/api/v1/external-members", Who::Admin),
    ("GET", "/api/v1/external-members/{id}", Who::Admin),
    ("PATCH", "/api/v1/external-members/{id}", Who::Admin),
    ("DELETE", "/api/v1/external-members/{id}", Who::Admin),
    (
        "POST",
        "/api/v1/external-members/{id}/request-dates",
        Who::Admin,
    ),
    ("GET", "/api/v1/org/connect", Who::Admin),
    ("PUT", "/api/v1/org/connect", Who::Admin),
    ("GET", "/api/v1/connect/{token}", Who::Anyone),
    ("POST", "/api/v1/connect/{token}/dates", Who::Anyone),
    ("GET", "/api/v1/jobs", Who::Admin),
    ("POST", "/api/v1/jobs/{name}/run", Who::Admin),
    ("GET", "/api/v1/booking-pages", Who::Restricted),
    ("POST", "/api/v1/booking-pages", Who::Member),
    ("GET", "/api/v1/booking-pages/{id}", Who::Admin),
    ("PATCH", "/api/v1/booking-pages/{id}", Who::Admin),
    ("DELETE", "/api/v1/booking-pages/{id}", Who::Admin),
    ("GET", "/api/v1/public/booking-pages/{slug}", Who::Anyone),
    (
        "GET",
        "/api/v1/public/booking-pages/{slug}/slots",
        Who::Anyone,
    ),
    (
        "POST",
        "/api/v1/public/booking-pages/{slug}/bookings",
        Who::Anyone,
    ),
    (
        "POST",
        "/api/v1/public/bookings/{token}/cancel",
        Who::Anyone,
    ),
    (
        "POST",
        "/api/v1/public/bookings/{token}/reschedule",
        Who::Anyone,
    ),
    ("GET", "/api/v1/bookings", Who::Restricted),
    ("GET", "/api/v1/bookings/{id}", Who::Admin),
    ("POST", "/api/v1/bookings/{id}/cancel", Who::Admin),
    ("POST", "/api/v1/bookings/{id}/reschedule", Who::Admin),
    ("GET", "/api/v1/org/booking-settings", Who::Restricted),
    ("PUT", "/api/v1/org/booking-settings", Who::Admin),
];

/// A colleague's objects, made by the owner, that refused calls aim at.
struct Targets {
    colleague: String,
    page: String,
    booking: String,
    calendar: String,
    unavailability: String,
    webhook: String,
    external: String,
    outbox: String,
    api_key: String,
    job: String,
}

const NOWHERE: &str = "00000000000000000000000000";

fn email_of(who: Who) -> &'static str {
    match who {
        Who::Anyone => "",
        Who::Restricted => "restricted@example.org",
        Who::Member => "member@example.org",
        Who::Manager => "manager@example.org",
        Who::Admin => "admin@example.org",
        Who::Owner => OWNER_EMAIL,
    }
}

fn role_of(who: Who) -> Option<Role> {
    match who {
        Who::Restricted => Some(Role::Restricted),
        Who::Member => Some(Role::Member),
        Who::Manager => Some(Role::Manager),
        Who::Admin => Some(Role::Admin),
        Who::Anyone | Who::Owner => None,
    }
}

fn created_id(res: reqwest::blocking::Response, what: &str) -> String {
    assert!(
        res.status().is_success(),
        "{what}: {} {}",
        res.status(),
        res.text().unwrap_or_default()
    );
    let body: Value = res.json().unwrap();
    body["id"]
        .as_str()
        .unwrap_or_else(|| panic!("{what}: no id in {body}"))
        .to_string()
}

fn targets(owner: &Session, colleague: &str) -> Targets {
    let (page, booking) = page_with_a_booking(owner, colleague, "colleague");
    let booking = booking["id"].as_str().unwrap().to_string();
    let calendar = created_id(
        owner.post(
            &format!("/api/v1/members/{colleague}/calendars"),
            json!({ "kind": "ical_url", "url": "http://127.0.0.1:9/busy.ics" }),
        ),
        "calendar",
    );
    let unavailability = created_id(
        owner.post(
            &format!("/api/v1/members/{colleague}/unavailability"),
            json!({ "start": format!("{}T10:00:00Z", days_ahead(5)),
                    "end": format!("{}T11:00:00Z", days_ahead(5)), "reason": "away" }),
        ),
        "unavailability",
    );
    let webhook = created_id(
        owner.post(
            "/api/v1/webhooks",
            json!({ "url": "http://127.0.0.1:9/hook", "events": ["booking.created"] }),
        ),
        "webhook",
    );
    let res = owner.send(
        Method::PUT,
        "/api/v1/org/connect",
        Some(json!({ "enabled": true })),
    );
    assert_eq!(res.status(), 200);
    let external = created_id(
        owner.post(
            "/api/v1/external-members",
            json!({ "name": "Jean Martin", "email": "jean@example.fr", "organization": "Martin SARL",
                    "contact_member_id": colleague, "language": "fr" }),
        ),
        "external member",
    );
    // The invitation's mail: queued, or already sent or failed.
    let outbox = ["queued", "sent", "failed"]
        .iter()
        .find_map(|state| {
            outbox_messages(owner, state)
                .first()
                .and_then(|m| m["id"].as_str().map(str::to_string))
        })
        .expect("the invitation's mail in the outbox");
    let api_key = created_id(
        owner.post("/api/v1/api-keys", json!({ "name": "owner's key" })),
        "api key",
    );
    let jobs: Value = owner.get("/api/v1/jobs").json().unwrap();
    let job = jobs["jobs"][0]["name"].as_str().unwrap().to_string();
    let res = owner.post("/api/v1/departments", json!({ "name": "Sales" }));
    assert!(res.status().is_success(), "{}", res.text().unwrap());
    Targets {
        colleague: colleague.to_string(),
        page,
        booking,
        calendar,
        unavailability,
        webhook,
        external,
        outbox,
        api_key,
        job,
    }
}

/// The path with its placeholders filled: with the colleague's real
/// objects, or with ids that name nothing.
fn filled(path: &str, t: Option<&Targets>) -> String {
    let real = |pick: fn(&Targets) -> &String| t.map_or(NOWHERE.to_string(), |t| pick(t).clone());
    // The pages' paths name the same objects without the API's prefix.
    let page_path = format!("/api/v1{path}");
    let path_id = if path.starts_with("/api/") {
        path
    } else {
        page_path.as_str()
    };
    let id = if path_id.starts_with("/api/v1/booking-pages/") {
        real(|t| &t.page)
    } else if path_id.starts_with("/api/v1/bookings/") {
        real(|t| &t.booking)
    } else if path_id.starts_with("/api/v1/webhooks/") {
        real(|t| &t.webhook)
    } else if path_id.starts_with("/api/v1/external-members/") {
        real(|t| &t.external)
    } else if path_id.starts_with("/api/v1/outbox/") {
        real(|t| &t.outbox)
    } else if path_id.starts_with("/api/v1/api-keys/") {
        real(|t| &t.api_key)
    } else {
        real(|t| &t.colleague)
    };
    let name = if path_id.starts_with("/api/v1/jobs/") {
        real(|t| &t.job)
    } else if t.is_some() {
        "Sales".to_string()
    } else {
        "No such name".to_string()
    };
    path.replace("{id}", &id)
        .replace("{action}", "approve")
        .replace("{uid}", &real(|t| &t.unavailability))
        .replace("{cal}", &real(|t| &t.calendar))
        .replace("{kind}", "departments")
        .replace("{name}", &name)
        .replace("{token}", NOWHERE)
        .replace("{slug}", "colleague")
}

/// A body the operation would accept, so that what answers is the rule
/// and not the body's shape (bodies are read before the role is known).
/// `id` is the member the body names: the colleague, or nobody.
fn body_for(method: &str, path: &str, id: &str) -> Option<Value> {
    if method == "GET" || method == "DELETE" {
        return None;
    }
    let later = |days: i64, hour: u32| format!("{}T{hour:02}:00:00Z", days_ahead(days));
    Some(match path {
        "/api/v1/session" => {
            json!({ "email": "nobody@example.org", "password": "not the password" })
        }
        "/api/v1/api-keys" => json!({ "name": "a key" }),
        "/api/v1/members/{id}" => json!({ "work_number": "W-9" }),
        "/api/v1/members/{id}/apply-to" => json!({ "targets": [id], "fields": ["meeting_url"] }),
        "/api/v1/members/bulk-edit" => json!({ "ids": [id], "work_number": "W-8" }),
        "/api/v1/members/{id}/schedule" => {
            json!({ "timezone": "UTC", "weekly": every_day("10:00-12:00") })
        }
        "/api/v1/members/{id}/unavailability" => {
            json!({ "start": later(9, 10), "end": later(9, 11), "reason": "away" })
        }
        "/api/v1/members/{id}/calendars" => {
            json!({ "kind": "ical_url", "url": "http://127.0.0.1:9/other.ics" })
        }
        "/api/v1/members/{id}/calendars/{cal}" => json!({ "write_back": false }),
        "/api/v1/invitations" => json!({ "emails": ["new@example.org"], "role": "member" }),
        "/api/v1/org/join-rules" => json!({ "inviting_verification": true, "public_join": false,
                "required_fields": [], "invitation_days": 7 }),
        "/api/v1/org/defaults" => json!({ "timezone": "UTC", "language": "en",
                "schedule": { "weekly": every_day("09:00-17:00") } }),
        "/api/v1/{kind}" => json!({ "name": "Support" }),
        "/api/v1/{kind}/{name}" => json!({ "name": "Sales and support" }),
        "/api/v1/webhooks" => {
            json!({ "url": "http://127.0.0.1:9/other", "events": ["booking.created"] })
        }
        "/api/v1/external-members" => json!({ "name": "Marie Curie", "email": "marie@example.fr",
                "organization": "Lab", "contact_member_id": id, "language": "fr" }),
        "/api/v1/external-members/{id}" => json!({ "organization": "Other lab" }),
        "/api/v1/org/connect" => json!({ "enabled": false }),
        "/api/v1/connect/{token}/dates" => {
            json!({ "ranges": [{ "start": later(2, 9), "end": later(2, 10) }], "timezone": "UTC" })
        }
        "/api/v1/booking-pages" => {
            json!({ "slug": "another", "title": "Another", "duration_minutes": 30,
                "hosts": [id], "assignment": "single" })
        }
        "/api/v1/booking-pages/{id}" => json!({ "enabled": false }),
        "/api/v1/public/booking-pages/{slug}/bookings" => json!({ "start": later(4, 10),
                "name": "Gail Guest", "email": "gail@example.com", "timezone": "UTC" }),
        "/api/v1/public/bookings/{token}/reschedule" | "/api/v1/bookings/{id}/reschedule" => {
            json!({ "start": later(4, 11) })
        }
        "/api/v1/bookings/{id}/cancel" => json!({ "reason": "ill" }),
        "/api/v1/org/booking-settings" => json!({ "allow_overlap": false }),
        "/api/v1/org" => json!({ "name": "Convene test" }),
        _ => json!({}),
    })
}

/// Operations of docs/openapi.yaml, as (METHOD, path).
fn documented() -> BTreeSet<(String, String)> {
    let text = repo_file("docs/openapi.yaml");
    let spec = yaml_rust2::YamlLoader::load_from_str(&text)
        .unwrap()
        .remove(0);
    let mut out = BTreeSet::new();
    for (path, item) in spec["paths"].as_hash().unwrap() {
        for (method, _) in item.as_hash().unwrap() {
            let method = method.as_str().unwrap();
            if ["get", "post", "put", "patch", "delete"].contains(&method) {
                out.insert((method.to_uppercase(), path.as_str().unwrap().to_string()));
            }
        }
    }
    out
}

/// Objects of one member that others are not told exist: a refusal may be
/// a 404 as well as a 403.
fn hidden_from_others(path: &str) -> bool {
    [
        "/api/v1/api-keys/",
        "/api/v1/booking-pages/",
        "/api/v1/bookings/",
    ]
    .iter()
    .any(|p| path.starts_with(p))
}

/// The import takes CSV, everything else JSON.
fn with_body(
    req: reqwest::blocking::RequestBuilder,
    path: &str,
    body: Option<Value>,
) -> reqwest::blocking::RequestBuilder {
    match body {
        Some(_) if path.ends_with("/members/import") => req
            .header("Content-Type", "text/csv")
            .body("email,first_name,last_name\r\nimported@example.org,Ima,Ported\r\n"),
        Some(b) => req.json(&b),
        None => req,
    }
}

struct Caller {
    who: Who,
    session: Option<Session>,
    base: String,
}

impl Caller {
    /// A page as a browser asks for it: status and where a redirect goes.
    fn page(&self, path: &str) -> (u16, String) {
        let client = match &self.session {
            Some(s) => s.client.clone(),
            None => client(),
        };
        let res = client.get(format!("{}{path}", self.base)).send().unwrap();
        let location = res
            .headers()
            .get("location")
            .and_then(|l| l.to_str().ok())
            .unwrap_or("")
            .to_string();
        (res.status().as_u16(), location)
    }

    fn call(&self, method: &str, path: &str, body: Option<Value>) -> (u16, String) {
        let method = Method::from_bytes(method.as_bytes()).unwrap();
        let (client, csrf) = match &self.session {
            Some(s) => (s.client.clone(), s.csrf.as_str()),
            None => (client(), ""),
        };
        let req = client
            .request(method, format!("{}{path}", self.base))
            .header("X-CSRF-Token", csrf);
        let res = with_body(req, path, body).send().unwrap();
        let status = res.status().as_u16();
        (status, res.text().unwrap_or_default())
    }
}

/// A server with one member of each role and a colleague whose objects
/// (made by the owner) the refusals aim at; a caller per role.
fn world() -> (Server, Targets, Vec<Caller>) {
    let mut colleague = String::new();
    let server = Server::start_prepared(
        &[("CONVENE_OUTBOUND_ALLOW_NETWORKS", "127.0.0.0/8")],
        |dir| {
            create_owner(dir);
            for who in ROLES {
                if let Some(role) = role_of(who) {
                    seed_member(dir, email_of(who), role, MEMBER_PASSWORD);
                }
            }
            colleague = seed_member(dir, "colleague@example.org", Role::Member, MEMBER_PASSWORD);
        },
    );
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let targets = targets(&owner, &colleague);
    let callers: Vec<Caller> = ROLES
        .iter()
        .map(|&who| Caller {
            who,
            session: match who {
                Who::Anyone => None,
                Who::Owner => Some(server.login(OWNER_EMAIL, OWNER_PASSWORD)),
                _ => Some(server.login(email_of(who), MEMBER_PASSWORD)),
            },
            base: server.base.clone(),
        })
        .collect();

    (server, targets, callers)
}

#[test]
fn every_operation_refuses_the_roles_below_its_row_and_lets_the_others_through() {
    let documented = documented();
    let rows: BTreeSet<(String, String)> = TABLE
        .iter()
        .map(|(m, p, _)| (m.to_string(), p.to_string()))
        .collect();
    let missing: Vec<_> = documented.difference(&rows).collect();
    assert!(
        missing.is_empty(),
        "operations without a row in the role table: {missing:?}"
    );
    let stale: Vec<_> = rows.difference(&documented).collect();
    assert!(
        stale.is_empty(),
        "rows for operations that do not exist: {stale:?}"
    );

    let (_server, targets, callers) = world();

    let mut wrong = Vec::new();
    // Refusals first, on the real objects, while they all still exist.
    for (method, path, lowest) in TABLE {
        for caller in callers.iter().filter(|c| c.who < *lowest) {
            let (status, text) = caller.call(
                method,
                &filled(path, Some(&targets)),
                body_for(method, path, &targets.colleague),
            );
            let expected = if caller.who == Who::Anyone { 401 } else { 403 };
            let hidden = status == 404 && caller.who != Who::Anyone && hidden_from_others(path);
            if status != expected && !hidden {
                wrong.push(format!(
                    "{method} {path} as {:?}: {status}, expected {expected}: {text:.160}",
                    caller.who
                ));
            }
        }
    }
    // Then the roles that may, on objects that do not exist; signing out
    // comes last, as it ends the caller's session.
    let (last, rest): (Vec<_>, Vec<_>) = TABLE
        .iter()
        .partition(|(m, p, _)| *m == "DELETE" && *p == "/api/v1/session");
    for &(method, path, lowest) in rest.into_iter().chain(last) {
        for caller in callers.iter().filter(|c| c.who >= lowest) {
            let (status, text) =
                caller.call(method, &filled(path, None), body_for(method, path, NOWHERE));
            // Signing in with a made-up password is let through to its
            // answer: wrong credentials.
            let refused = (status == 401 && !text.contains("bad_credentials")) || status == 403;
            if refused || status >= 500 {
                wrong.push(format!(
                    "{method} {path} as {:?}: {status}: {text:.160}",
                    caller.who
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} answers break the role table:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Every state change a signed-in browser can make, through the API or a
/// page's form, refused without the session's CSRF token.
#[test]
fn every_cookie_authenticated_state_change_needs_the_csrf_token() {
    let server = Server::start_prepared(&[], create_owner);
    let owner = server.login(OWNER_EMAIL, OWNER_PASSWORD);
    let mut wrong = Vec::new();
    let mut tried = 0;
    let api = documented()
        .into_iter()
        .filter(|(m, p)| m != "GET" && !p.contains("/public/"));
    let pages = convene::web::allowed::HTML_ROUTES
        .iter()
        .flat_map(|(path, methods)| {
            methods
                .iter()
                .filter(|m| **m != "GET" && **m != "HEAD")
                .map(move |m| (m.to_string(), path.to_string()))
        });
    for (method, path) in api.chain(pages) {
        let spec_path = normalize_pattern(&path);
        let url = format!("{}{}", server.base, filled(&spec_path, None));
        let m = Method::from_bytes(method.as_bytes()).unwrap();
        let req = owner.client.request(m, url);
        let req = if path.starts_with("/api/") {
            with_body(req, &path, body_for(&method, &spec_path, NOWHERE))
        } else if path == "/members/import" {
            let (content_type, body) = multipart(&[("file", "email\r\nx@example.org\r\n")]);
            req.header("Content-Type", content_type).body(body)
        } else {
            req.form(&[("name", "x")])
        };
        let res = req.send().unwrap();
        tried += 1;
        let status = res.status().as_u16();
        // Routes whose token is in the path (join, connect, a guest's
        // booking) and signing in need no session and so no CSRF token.
        if status != 403 && !needs_no_session(&method, &normalize_pattern(&path)) {
            wrong.push(format!("{method} {path}: {status}"));
        }
    }
    assert!(tried > 60, "only {tried} state changes found");
    assert!(
        wrong.is_empty(),
        "state changes let through without the CSRF token:\n{}",
        wrong.join("\n")
    );
}

/// `{id:[0-9a-z]+}` → `{id}`, as the spec writes placeholders.
fn normalize_pattern(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    let mut naming = false;
    for c in path.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push('{');
                    naming = true;
                }
                depth += 1;
            }
            '}' => {
                depth -= 1;
                if depth == 0 {
                    out.push('}');
                    naming = false;
                }
            }
            ':' if depth == 1 => naming = false,
            _ if depth == 0 || naming => out.push(c),
            _ => {}
        }
    }
    out
}

/// State changes made without a session, so with no CSRF token to check:
/// signing in, joining, setting up, a guest's booking, and every route
/// whose token in the path is the credential. Signing out is not one.
fn needs_no_session(method: &str, path: &str) -> bool {
    let exact = [
        ("POST", "/api/v1/session"),
        ("POST", "/login"),
        ("POST", "/join"),
        ("POST", "/api/v1/join-by-code"),
        ("POST", "/setup"),
    ];
    exact.contains(&(method, path)) || path.contains("{token}") || path.starts_with("/book/")
}

/// A multipart body of text parts, as a browser sends a file form.
fn multipart(parts: &[(&str, &str)]) -> (String, Vec<u8>) {
    let boundary = "----convene-route-roles";
    let mut body = Vec::new();
    for (name, value) in parts {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{name}.csv\"\r\nContent-Type: text/csv\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Every HTML page (GET) and the lowest role that may open it on a
/// colleague's objects or the organization's.
const PAGES: &[(&str, Who)] = &[
    ("/", Who::Restricted),
    ("/admin/integrations", Who::Admin),
    ("/admin/jobs", Who::Admin),
    ("/admin/mail", Who::Admin),
    ("/audit", Who::Admin),
    ("/book/{slug}", Who::Anyone),
    ("/booking-pages", Who::Restricted),
    ("/booking-pages/new", Who::Member),
    ("/booking-pages/{id}", Who::Admin),
    ("/booking/{token}", Who::Anyone),
    ("/booking/{token}/invite.ics", Who::Anyone),
    ("/booking/{token}/reschedule", Who::Anyone),
    ("/bookings", Who::Restricted),
    ("/bookings/{id}", Who::Admin),
    ("/brand.css", Who::Anyone),
    ("/confirm-email/{token}", Who::Anyone),
    ("/connect/{token}", Who::Anyone),
    ("/external-members", Who::Admin),
    ("/external-members/{id}", Who::Admin),
    ("/join", Who::Anyone),
    ("/join/org/{token}", Who::Anyone),
    ("/join/{token}", Who::Anyone),
    ("/login", Who::Anyone),
    ("/members", Who::Restricted),
    ("/members/defaults", Who::Owner),
    ("/members/import", Who::Admin),
    ("/members/invite", Who::Member),
    ("/members/invite-link", Who::Admin),
    ("/members/invite-link/qr.svg", Who::Admin),
    ("/members/organization", Who::Admin),
    ("/members/{id}", Who::Restricted),
    ("/members/{id}/calendars", Who::Admin),
    ("/members/{id}/departure", Who::Admin),
    ("/members/{id}/schedule", Who::Restricted),
    ("/messages", Who::Restricted),
    ("/notifications", Who::Restricted),
    ("/reset-password/{token}", Who::Anyone),
    ("/settings", Who::Restricted),
    ("/settings/notifications", Who::Restricted),
    ("/settings/webhooks", Who::Admin),
    ("/setup", Who::Anyone),
];

/// The same for the HTML pages: a page without a row fails; a role below
/// the row's is sent to sign in (no session) or refused (403; 404 for
/// objects hidden from others); a role at or above it is not.
#[test]
fn every_page_refuses_the_roles_below_its_row_and_lets_the_others_through() {
    let routes: BTreeSet<&str> = convene::web::allowed::HTML_ROUTES
        .iter()
        .filter(|(_, methods)| methods.contains(&"GET"))
        .map(|(path, _)| *path)
        .collect();
    let rows: BTreeSet<&str> = PAGES.iter().map(|(p, _)| *p).collect();
    let missing: Vec<_> = routes.difference(&rows).collect();
    assert!(missing.is_empty(), "pages without a row: {missing:?}");
    let stale: Vec<_> = rows.difference(&routes).collect();
    assert!(
        stale.is_empty(),
        "rows for pages that do not exist: {stale:?}"
    );

    let (_server, targets, callers) = world();
    let mut wrong = Vec::new();
    for &(path, lowest) in PAGES {
        for caller in &callers {
            let real = caller.who < lowest;
            let (status, location) =
                caller.page(&filled(path, if real { Some(&targets) } else { None }));
            let to_sign_in = (300..400).contains(&status) && location.contains("/login");
            let refused = to_sign_in || status == 401 || status == 403;
            let ok = if caller.who < lowest {
                if caller.who == Who::Anyone {
                    to_sign_in || status == 401
                } else {
                    status == 403
                        || (status == 404 && hidden_from_others(&format!("/api/v1{path}")))
                }
            } else {
                !refused && status < 500
            };
            if !ok {
                wrong.push(format!(
                    "GET {path} as {:?}: {status} {location}",
                    caller.who
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} answers break the page table:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
