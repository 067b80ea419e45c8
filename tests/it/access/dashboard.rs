//! The start page over HTTP: each admin count equals what the list it
//! links to shows; hosts see their next bookings and what is left to set
//! up, and a step goes once done.

use convene::domain::Role;
use reqwest::Method;
use serde_json::json;

use super::{World, world};
use crate::common::Session;

/// The number on the card that links to `href`.
fn card(page: &str, href: &str) -> Option<u64> {
    let at = page.find(&format!("href=\"{href}\""))?;
    let rest = &page[at..];
    let open = "<div class=\"number\">";
    let start = rest.find(open)? + open.len();
    let end = rest[start..].find('<')? + start;
    rest[start..end].parse().ok()
}

fn page(s: &Session, path: &str) -> String {
    let res = s.get(path);
    assert_eq!(res.status(), 200, "GET {path}");
    res.text().unwrap()
}

fn count(page: &str, needle: &str) -> usize {
    page.matches(needle).count()
}

fn week_link(w: &World) -> String {
    format!("/bookings?week={}", w.monday.format("%Y-%m-%d"))
}

#[test]
fn each_count_is_what_its_list_shows() {
    let w = world();
    let admin = w.session(Role::Admin);
    let home = page(&admin, "/");

    // Members by state: the rows of each filtered list (admins tick rows).
    for (state, expected) in [("active", 5), ("pending", 1), ("invited", 1)] {
        let href = format!("/members?state={state}");
        let shown = card(&home, &href).unwrap_or_else(|| panic!("no card for {href}: {home}"));
        assert_eq!(shown, expected, "{state}");
        let list = page(&admin, &href);
        assert_eq!(count(&list, "name=\"ids\""), expected as usize, "{href}");
    }

    // This week's bookings, in the organization's zone: the one of Monday
    // and the one that ran into Monday; not the cancelled one, not last
    // or next week's.
    let href = week_link(&w);
    assert_eq!(card(&home, &href), Some(2), "{home}");
    let list = page(&admin, &href);
    assert_eq!(count(&list, "href=\"/bookings/"), 2, "{list}");
    assert!(list.contains("/bookings/week-mon") && list.contains("/bookings/week-overnight"));
    // The list says what it is narrowed to, and how to see everything.
    assert!(list.contains("Bookings of the week from"), "{list}");
    assert!(list.contains("<a href=\"/bookings\">Show all upcoming bookings</a>"));
    // A week that is not a date is said to be one, and left out.
    let odd = page(&admin, "/bookings?week=soon");
    assert!(odd.contains("role=\"alert\""));

    // Failed mail: the tab of the queue says the same number.
    assert_eq!(card(&home, "/admin/mail?state=failed"), Some(1));
    let queue = page(&admin, "/admin/mail?state=failed");
    assert!(queue.contains("Failed (1)"), "{queue}");
    assert_eq!(count(&queue, "/retry\""), 1);

    // Members see none of it.
    let member = page(&w.session(Role::Member), "/");
    assert!(card(&member, "/members?state=pending").is_none());
    assert!(!member.contains("/admin/mail"));
}

#[test]
fn hosts_see_their_next_bookings_and_what_to_set_up() {
    let w = world();
    let member = w.session(Role::Member);
    let home = page(&member, "/");
    // The seeded booking of next week is coming; last week's is not.
    assert!(home.contains("href=\"/bookings/next-week\""), "{home}");
    assert!(!home.contains("/bookings/last-week"));
    assert!(home.contains("Seeded call with Guest next-week"));
    assert!(home.contains("<a href=\"/notifications\">You have one unread notification.</a>"));
    // Hours are kept; the video page needs a meeting URL.
    assert!(!home.contains("Set your working hours"));
    let me = &w.member;
    assert!(
        home.contains(&format!(
            "<a href=\"/members/{me}\">Add your meeting URL</a>: Video chat is a video meeting and needs one."
        )),
        "{home}"
    );
    let res = member.send(
        Method::PATCH,
        &format!("/api/v1/members/{me}"),
        Some(json!({ "meeting_url": "https://meet.example.org/member" })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let home = page(&member, "/");
    assert!(
        !home.contains("Add your meeting URL"),
        "the step goes once done"
    );
    assert!(!home.contains("Set up next"));

    // A manager without hours is asked for them, where they are set.
    let manager = page(&w.session(Role::Manager), "/");
    let schedule = format!("/members/{}/schedule", w.manager);
    assert!(manager.contains(&format!(
        "<a href=\"{schedule}\">Set your working hours</a>"
    )));
    assert!(manager.contains("Nothing is booked with you yet."));
    assert!(manager.contains("No unread notifications."));

    // A restricted member hosts nothing: the directory instead.
    let restricted = page(&w.session(Role::Restricted), "/");
    assert!(!restricted.contains("Your next bookings"));
    assert!(!restricted.contains("Set up next"));
    assert!(restricted.contains("<a href=\"/members\">members directory</a>"));
}

#[test]
fn the_start_page_speaks_the_member_s_language() {
    let w = world();
    let member = w.session(Role::Member);
    let res = member.send(
        Method::PATCH,
        &format!("/api/v1/members/{}", w.member),
        Some(json!({ "language": "ja", "timezone": "Asia/Tokyo" })),
    );
    assert_eq!(res.status(), 200, "{}", res.text().unwrap());
    let home = page(&member, "/");
    assert!(home.contains("<html lang=\"ja\">"));
    assert!(home.contains("今後の予約"));
    assert!(home.contains("時刻はAsia/Tokyoで表示しています。"));
    // 12:00 UTC on next week's Monday is 21:00 in Tokyo.
    let monday = (w.monday + chrono::Duration::days(7))
        .format("%-m月%-d日")
        .to_string();
    assert!(home.contains(&monday) && home.contains("21:00"), "{home}");
}
