//! Pages show only what the reader may do (PRODUCT.md §2): for each role,
//! every page reachable from the start page is read, and every same-site
//! link it offers is followed and every form it holds is sent as it stands;
//! none may answer 403 (or fail). Admins are offered the admin links,
//! others are not and are refused them. Colleagues' private phone numbers
//! are for the person themself and for admins, in pages and in the API.

mod dashboard;
mod html;

use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

use chrono::{DateTime, Datelike, Duration, TimeZone, Utc};
use convene::domain::{
    Booking, BookingState, DeliveryState, Email, Guest, Mail, Member, MemberState, Notification,
    NotificationKind, OutboxMessage, Payload, Role,
};
use serde_json::{Value, json};

use crate::common::*;
use html::Submission;

/// The people of the organization, by what they are for.
pub struct World {
    pub server: Server,
    pub owner: String,
    pub manager: String,
    pub member: String,
    pub pending: String,
    /// Monday 00:00 UTC of the current week (the organization is on UTC).
    pub monday: DateTime<Utc>,
}

pub fn email_of(role: Role) -> String {
    format!("{}@example.org", role.as_str())
}

pub fn phone_of(email: &str) -> String {
    // Digits from the address, so each person's number is their own.
    let n: u32 = email.bytes().map(u32::from).sum();
    format!("+81 90 {:04} {:04}", n % 10_000, (n * 7) % 10_000)
}

fn seed(store: &convene::store::Store, email: &str, role: Role, state: MemberState) -> String {
    let now = Utc::now();
    let mut m = Member::new(Email::parse(email).unwrap(), role, state, "UTC", "en", now);
    m.first_name = "Seeded".into();
    m.last_name = email.split('@').next().unwrap().into();
    m.phone = phone_of(email);
    m.work_number = "W-100".into();
    let hash = convene::passwords::hash(MEMBER_PASSWORD).unwrap();
    let txn = store.write().unwrap();
    convene::store::put_member_in(&txn, &m).unwrap();
    convene::store::set_password_in(
        &txn,
        &m.id,
        &convene::store::Credential {
            password_hash: hash,
            changed_at: now,
        },
    )
    .unwrap();
    store.commit(txn).unwrap();
    m.id.to_string()
}

pub fn booking(id: &str, host: &str, start: DateTime<Utc>, minutes: i64) -> Booking {
    Booking {
        id: id.into(),
        page_id: "seeded".into(),
        page_slug: "seeded".into(),
        page_title: "Seeded call".into(),
        hosts: vec![convene::domain::MemberId::from_string(host.to_string())],
        start,
        end: start + Duration::minutes(minutes),
        buffer_before_minutes: 0,
        buffer_after_minutes: 0,
        guest: Guest {
            name: format!("Guest {id}"),
            email: "guest@example.org".into(),
            timezone: "UTC".into(),
            language: "en".into(),
        },
        notes: String::new(),
        answers: vec![],
        location: String::new(),
        state: BookingState::Confirmed,
        assignment_reason: None,
        sequence: 0,
        cancel_reason: String::new(),
        cancelled_by: None,
        reminders_sent: vec![],
        guest_may_change: true,
        manage_token: None,
        created_at: start,
        updated_at: start,
    }
}

/// Bookings around this week for `host`: two that count as this week's
/// (one ran into Monday from Sunday night), a cancelled one, one next week.
fn seed_bookings(store: &convene::store::Store, host: &str, monday: DateTime<Utc>) {
    let txn = store.write().unwrap();
    let confirmed = [
        booking("week-mon", host, monday + Duration::hours(12), 30),
        booking("week-overnight", host, monday - Duration::minutes(15), 30),
        booking(
            "next-week",
            host,
            monday + Duration::days(7) + Duration::hours(12),
            30,
        ),
        booking("last-week", host, monday - Duration::days(2), 30),
    ];
    for b in &confirmed {
        convene::store::put_booking_in(&txn, b).unwrap();
        convene::store::index_booking_in(&txn, b).unwrap();
    }
    let mut cancelled = booking("week-cancelled", host, monday + Duration::hours(14), 30);
    cancelled.state = BookingState::Cancelled;
    convene::store::put_booking_in(&txn, &cancelled).unwrap();
    convene::store::list_booking_in(&txn, &cancelled).unwrap();
    store.commit(txn).unwrap();
}

fn seed_outbox_and_notice(store: &convene::store::Store, member: &str) {
    let now = Utc::now();
    let txn = store.write().unwrap();
    let mut failed = OutboxMessage::new(
        Payload::Mail(Mail {
            kind: "test".into(),
            to_email: "nobody@example.org".into(),
            to_name: String::new(),
            subject: "Undeliverable".into(),
            text: "x".into(),
            html: "<p>x</p>".into(),
            ics: None,
            reply_to: None,
            unsubscribe_url: None,
            from_booking: None,
        }),
        now,
    );
    failed.state = DeliveryState::Failed;
    failed.last_error = Some("550 no such user".into());
    convene::store::enqueue_in(&txn, &failed).unwrap();
    convene::store::add_notification_in(
        &txn,
        &Notification {
            id: "n1".into(),
            member_id: convene::domain::MemberId::from_string(member.to_string()),
            kind: NotificationKind::BookingCreated,
            title: "Guest week-mon booked Seeded call".into(),
            link: Some("/bookings/week-mon".into()),
            data: Value::Null,
            read: false,
            created_at: now,
        },
    )
    .unwrap();
    store.commit(txn).unwrap();
}

pub fn world() -> World {
    let today = Utc::now().date_naive();
    let monday_date = today - Duration::days(i64::from(today.weekday().num_days_from_monday()));
    let monday = Utc.from_utc_datetime(&monday_date.and_hms_opt(0, 0, 0).unwrap());
    let mut ids = BTreeMap::new();
    let prepare = |dir: &Path| {
        create_owner(dir);
        let store = convene::store::Store::open(&dir.join("convene.redb")).unwrap();
        for role in [Role::Admin, Role::Manager, Role::Member, Role::Restricted] {
            ids.insert(
                role.as_str().to_string(),
                seed(&store, &email_of(role), role, MemberState::Active),
            );
        }
        for (name, state) in [
            ("pending", MemberState::Pending),
            ("invited", MemberState::Invited),
        ] {
            let email = format!("{name}@example.org");
            ids.insert(name.into(), seed(&store, &email, Role::Member, state));
        }
        // The owner's phone, for the checks of who reads it.
        let txn = store.write().unwrap();
        let owner_email = Email::parse(OWNER_EMAIL).unwrap();
        let mut owner = convene::store::member_by_email_in(&txn, &owner_email)
            .unwrap()
            .unwrap();
        owner.phone = phone_of(OWNER_EMAIL);
        convene::store::put_member_in(&txn, &owner).unwrap();
        ids.insert("owner".into(), owner.id.to_string());
        store.commit(txn).unwrap();
        seed_bookings(&store, &ids["member"], monday);
        seed_outbox_and_notice(&store, &ids["member"]);
    };
    let server = Server::start_prepared(&[], prepare);
    let w = World {
        server,
        owner: ids["owner"].clone(),
        manager: ids["manager"].clone(),
        member: ids["member"].clone(),
        pending: ids["pending"].clone(),
        monday,
    };
    let owner = w.session(Role::Owner);
    // The member keeps hours; their video page needs a meeting URL.
    set_schedule(&owner, &w.member, "UTC", "09:00-17:00", json!({}));
    let res = owner.post(
        "/api/v1/booking-pages",
        json!({
            "slug": "video-chat", "title": "Video chat", "duration_minutes": 30,
            "hosts": [w.member], "assignment": "single",
            "location": { "kind": "video" }
        }),
    );
    assert_eq!(res.status(), 201, "{}", res.text().unwrap());
    w
}

impl World {
    pub fn session(&self, role: Role) -> Session {
        match role {
            Role::Owner => self.server.login(OWNER_EMAIL, OWNER_PASSWORD),
            other => self.server.login(&email_of(other), MEMBER_PASSWORD),
        }
    }
}

/// What one role's walk found: every page and target reached, with its
/// answer, and every form sent.
struct Walk {
    links: BTreeSet<String>,
    forms: Vec<(Submission, u16)>,
    refused: Vec<String>,
}

impl Walk {
    /// The paths of the links and of the forms' targets, without queries.
    fn targets(&self) -> BTreeSet<String> {
        let path = |s: &str| s.split('?').next().unwrap_or("").to_string();
        self.links
            .iter()
            .map(|l| path(l))
            .chain(self.forms.iter().map(|(f, _)| {
                let p = path(&f.action);
                if f.method == "post" {
                    format!("POST {p}")
                } else {
                    p
                }
            }))
            .collect()
    }

    fn offers(&self, target: &str) -> bool {
        self.targets().iter().any(|t| t == target)
    }

    fn offers_like(&self, prefix: &str, suffix: &str) -> bool {
        self.targets()
            .iter()
            .any(|t| t.starts_with(prefix) && t.ends_with(suffix))
    }
}

/// The same path with another query is the same page to a person; a few
/// of each are enough (calendar days and list pages would never end).
const PER_PATH: usize = 6;
const MOST_PAGES: usize = 400;

fn bad(status: u16) -> bool {
    status == 403 || status >= 500
}

/// The English words of a refusal some pages show inside a 422 page with
/// the form, rather than as a 403 (errors.ftl).
const REFUSALS: [&str; 5] = [
    "You may not change the field",
    "does not allow this action",
    "you may not create booking pages",
    "does not allow inviting people",
    "only admins can",
];

/// A refusal, however it is answered.
fn is_refusal(status: u16, body: &str) -> bool {
    bad(status) || (400..500).contains(&status) && REFUSALS.iter().any(|r| body.contains(r))
}

fn multipart_body(fields: &[(String, String)]) -> (String, Vec<u8>) {
    let boundary = "convene-walk-boundary".to_string();
    let mut body = Vec::new();
    for (k, v) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{k}\"\r\n\r\n{v}\r\n")
                .as_bytes(),
        );
    }
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"empty.csv\"\r\nContent-Type: text/csv\r\n\r\n\r\n--{boundary}--\r\n"
        )
        .as_bytes(),
    );
    (format!("multipart/form-data; boundary={boundary}"), body)
}

fn send(s: &Session, f: &Submission) -> (u16, String) {
    let url = format!("{}{}", s.base, f.action);
    let res = if f.method == "post" {
        if f.multipart {
            let (kind, body) = multipart_body(&f.fields);
            s.client
                .post(&url)
                .header("content-type", kind)
                .body(body)
                .send()
        } else {
            s.client.post(&url).form(&f.fields).send()
        }
    } else {
        s.client.get(&url).query(&f.fields).send()
    };
    let res = res.unwrap();
    let status = res.status().as_u16();
    (status, res.text().unwrap_or_default())
}

/// Reads every page `role` reaches from "/" by links and GET forms, then
/// sends every POST form once, as it stands. Signing out is the one form
/// left unsent: it would end the walk.
fn walk(s: &Session) -> Walk {
    let mut queue = VecDeque::from(["/".to_string()]);
    let mut seen = BTreeSet::new();
    let mut per_path: BTreeMap<String, usize> = BTreeMap::new();
    let mut forms: Vec<Submission> = Vec::new();
    let mut refused = Vec::new();
    let mut visit = |url: String, queue: &mut VecDeque<String>| {
        if !seen.insert(url.clone()) || seen.len() > MOST_PAGES {
            return;
        }
        let path = url.split('?').next().unwrap_or("").to_string();
        let n = per_path.entry(path).or_default();
        *n += 1;
        if *n > PER_PATH {
            return;
        }
        queue.push_back(url);
    };
    while let Some(url) = queue.pop_front() {
        let res = s.get(&url);
        let status = res.status().as_u16();
        if bad(status) {
            refused.push(format!("GET {url}: {status}"));
            continue;
        }
        let is_html = res
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("text/html"));
        if status != 200 || !is_html {
            continue;
        }
        let page = res.text().unwrap();
        for link in html::links(&page) {
            visit(link, &mut queue);
        }
        for f in html::submissions(&page, &url) {
            if f.method == "get" {
                let query = serde_urlencoded::to_string(&f.fields).unwrap();
                let sep = if f.action.contains('?') { '&' } else { '?' };
                visit(format!("{}{sep}{query}", f.action), &mut queue);
            } else if f.action != "/logout"
                && !forms
                    .iter()
                    .any(|g| g.action == f.action && g.fields == f.fields)
            {
                forms.push(f);
            }
        }
    }
    let links = seen;
    let mut refused_forms = refused;
    let mut sent = Vec::new();
    for f in forms {
        let (status, body) = send(s, &f);
        if is_refusal(status, &body) {
            refused_forms.push(format!("POST {} {:?}: {status}", f.action, f.fields));
        }
        sent.push((f, status));
    }
    Walk {
        links,
        forms: sent,
        refused: refused_forms,
    }
}

#[test]
fn no_role_is_offered_what_refuses_it() {
    let w = world();
    // What is not offered refuses those who type it in (asked first: the
    // admin's walk below removes these people).
    let member = w.session(Role::Member);
    for path in [
        "/admin/mail",
        "/admin/jobs",
        "/audit",
        "/settings/webhooks",
        "/members/invite-link",
        "/external-members",
    ] {
        assert_eq!(member.get(path).status(), 403, "GET {path} as a member");
    }
    let restricted = w.session(Role::Restricted);
    assert_eq!(restricted.get("/booking-pages/new").status(), 403);

    let mut walks = BTreeMap::new();
    // Lower roles first: an admin's walk removes and rejects people.
    for role in [
        Role::Restricted,
        Role::Member,
        Role::Manager,
        Role::Admin,
        Role::Owner,
    ] {
        let walk = walk(&w.session(role));
        if std::env::var_os("CONVENE_WALK_LOG").is_some() {
            for (f, status) in &walk.forms {
                eprintln!("{role:?} {status} {} {}", f.method, f.action);
            }
            eprintln!("{role:?} links: {:?}", walk.links);
        }
        assert!(
            walk.refused.is_empty(),
            "{role:?} was offered what refuses them:\n{}",
            walk.refused.join("\n")
        );
        assert!(walk.links.len() > 5, "{role:?} walked {:?}", walk.links);
        walks.insert(role.as_str(), walk);
    }

    // Admins are offered the admin tools, and reach them.
    let admin_tools = [
        "/members/invite",
        "/members/import",
        "/members/invite-link",
        "/api/v1/members/export.csv",
        "/booking-pages/new",
        "/external-members",
        "/settings/webhooks",
        "/admin/mail",
        "/admin/jobs",
        "/audit",
        "POST /settings/api-keys",
        "POST /members/bulk-edit",
        "POST /admin/mail/test",
    ];
    for role in ["admin", "owner"] {
        let walk = &walks[role];
        for tool in admin_tools {
            assert!(walk.offers(tool), "{role} is not offered {tool}");
        }
        let pending = format!("POST /members/{}/do/approve", w.pending);
        assert!(
            walk.offers(&pending) || role == "owner",
            "{role}: {pending}"
        );
        assert!(walk.offers_like("POST /admin/mail/", "/retry") || role == "owner");
    }
    assert!(walks["owner"].offers("/members/defaults"));
    assert!(!walks["admin"].offers("/members/defaults"), "owners only");
    let owner_removal = format!("POST /members/{}/do/terminate", w.owner);
    assert!(!walks["admin"].offers(&owner_removal));

    // Managers and members invite (an admin approves), make their own
    // pages and keys; nothing of the admin's.
    for role in ["manager", "member"] {
        let walk = &walks[role];
        for tool in [
            "/members/invite",
            "/booking-pages/new",
            "POST /settings/api-keys",
        ] {
            assert!(walk.offers(tool), "{role} is not offered {tool}");
        }
        for tool in &admin_tools[1..] {
            if !["/booking-pages/new", "POST /settings/api-keys"].contains(tool) {
                assert!(!walk.offers(tool), "{role} is offered {tool}");
            }
        }
        assert!(!walk.offers_like("POST /members/", "/terminate"));
    }
    // Restricted members host nothing, invite nobody, make no keys.
    let restricted = &walks["restricted"];
    for tool in admin_tools.iter().chain(&["/booking-pages", "/bookings"]) {
        assert!(!restricted.offers(tool), "restricted is offered {tool}");
    }
    assert!(restricted.offers("/members") && restricted.offers("/notifications"));
}

fn phone_seen(body: &Value) -> Option<String> {
    body["phone"].as_str().map(str::to_string)
}

#[test]
fn private_phones_are_for_the_person_and_admins() {
    let w = world();
    let colleague = &w.member;
    let colleague_phone = phone_of(&email_of(Role::Member));
    for role in Role::ALL {
        let s = w.session(role);
        let admin = role >= Role::Admin;
        // One member.
        let res = s.get(&format!("/api/v1/members/{colleague}"));
        assert_eq!(res.status(), 200, "{role:?}");
        let body: Value = res.json().unwrap();
        let own = role == Role::Member;
        if admin || own {
            assert_eq!(phone_seen(&body), Some(colleague_phone.clone()), "{role:?}");
        } else {
            assert!(body["phone"].is_null(), "{role:?} read {body}");
            // Work contact stays, and the shape of API.md is kept.
            assert_eq!(body["work_number"], "W-100");
            for key in [
                "id",
                "email",
                "first_name",
                "last_name",
                "state",
                "role",
                "department",
                "position",
                "work_number",
                "location",
                "supervisor_id",
                "timezone",
            ] {
                assert!(body.get(key).is_some(), "{key} missing for {role:?}");
            }
        }
        // The list: others' phones as for one member; one's own always.
        let list: Value = s.get("/api/v1/members?limit=500").json().unwrap();
        let members = list["members"].as_array().unwrap();
        assert!(members.len() >= 5, "{role:?} sees the active colleagues");
        for m in members {
            let email = m["email"].as_str().unwrap();
            let mine = m["id"] == s.member_id.as_str();
            if admin || mine {
                assert_eq!(phone_seen(m), Some(phone_of(email)), "{role:?} on {email}");
            } else {
                assert!(m["phone"].is_null(), "{role:?} read {email}'s phone");
            }
        }
        // The member's page says the same.
        let page = s.get(&format!("/members/{colleague}")).text().unwrap();
        assert_eq!(
            page.contains(&colleague_phone),
            admin || own,
            "{role:?} on the member page"
        );
        if !admin && !own {
            assert!(page.contains("W-100"), "work contact shown to {role:?}");
        }
    }
}

#[test]
fn pages_of_forms_that_would_refuse_are_refused_when_typed_in() {
    let (server, _owner, _) = server_with_hosts(&[], 1);
    let member = server.login("host0@example.org", MEMBER_PASSWORD);
    for path in [
        "/members/import",
        "/members/organization",
        "/members/defaults",
    ] {
        assert_eq!(member.get(path).status(), 403, "{path}");
    }
    // Members may invite (their invitations wait for approval).
    assert_eq!(member.get("/members/invite").status(), 200);
}
