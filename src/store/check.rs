//! `convene check-db`: reads the whole database in one read transaction
//! and reports each table's rows, records that no longer decode, and
//! index entries out of step with the rows they index. It never writes:
//! on a stopped server the file is opened read-only, on a running one the
//! server runs it in a read transaction of its own.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::tables::{self, ALL};
use super::txn::ReadTxn;
use super::{Result, Store};
use crate::domain::{BookingState, DeliveryState, MemberState};

/// What `check-db` found.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq, Eq)]
pub struct DbCheck {
    pub tables: Vec<TableCount>,
    /// One sentence per problem; empty when the database is sound.
    pub problems: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct TableCount {
    pub name: String,
    pub rows: u64,
    /// Bytes of its keys and values.
    #[serde(default)]
    pub stored_bytes: u64,
    /// Bytes of the pages that hold it, unused space within them included.
    #[serde(default)]
    pub tree_bytes: u64,
}

impl DbCheck {
    pub fn is_sound(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Past this many, further problems of one check are counted, not listed:
/// a broken index must not print a million lines.
const LISTED_PER_CHECK: usize = 20;

/// Problems of one check, the first few in words and the rest counted.
struct Findings<'a> {
    what: &'static str,
    listed: usize,
    more: usize,
    out: &'a mut Vec<String>,
}

impl<'a> Findings<'a> {
    fn new(what: &'static str, out: &'a mut Vec<String>) -> Self {
        Findings {
            what,
            listed: 0,
            more: 0,
            out,
        }
    }

    fn add(&mut self, problem: String) {
        if self.listed < LISTED_PER_CHECK {
            self.out.push(format!("{}: {problem}", self.what));
            self.listed += 1;
        } else {
            self.more += 1;
        }
    }
}

impl Drop for Findings<'_> {
    fn drop(&mut self) {
        if self.more > 0 {
            self.out
                .push(format!("{}: {} more like these", self.what, self.more));
        }
    }
}

impl Store {
    /// Checks a database file without opening it for writing (the server
    /// must be stopped: a running one holds the file), unless a crash
    /// left it unclosed: then it is repaired first, and the answer says so
    /// (true).
    pub fn check_file_integrity(path: &Path) -> Result<(DbCheck, bool)> {
        let stopped = super::Stopped::open(path)?;
        let report = check_in(&ReadTxn {
            inner: stopped.begin_read()?,
        })?;
        Ok((report, matches!(stopped, super::Stopped::Repaired(_))))
    }

    /// The same check inside the running server, in one read transaction
    /// (writers go on meanwhile).
    pub fn check_integrity(&self) -> Result<DbCheck> {
        check_in(&self.read()?)
    }
}

fn check_in(txn: &ReadTxn) -> Result<DbCheck> {
    let mut report = DbCheck::default();
    for table in ALL {
        match table.verify(&txn.inner) {
            Ok(found) => {
                report.tables.push(TableCount {
                    name: table.name().to_string(),
                    rows: found.rows,
                    stored_bytes: found.stored_bytes,
                    tree_bytes: found.tree_bytes,
                });
                let corrupt = found.corrupt;
                let mut found = Findings::new("records that do not decode", &mut report.problems);
                for key in corrupt {
                    found.add(format!("{}: {key}", table.name()));
                }
            }
            Err(e) => report
                .problems
                .push(format!("table {} cannot be read: {e}", table.name())),
        }
    }
    // The index checks read typed rows; a table with undecodable rows was
    // reported above and would stop them at its first bad record.
    for (name, check) in INDEX_CHECKS {
        if let Err(e) = check(txn, &mut report.problems) {
            report.problems.push(format!("{name}: not checked: {e}"));
        }
    }
    Ok(report)
}

type IndexCheck = fn(&ReadTxn, &mut Vec<String>) -> Result<()>;

const INDEX_CHECKS: &[(&str, IndexCheck)] = &[
    ("member emails", member_emails),
    ("page slugs", page_slugs),
    ("booking indexes", booking_indexes),
    ("outbox indexes", outbox_indexes),
    ("unread counts", unread_counts),
    ("calendar connections", member_connections),
];

fn member_emails(txn: &ReadTxn, out: &mut Vec<String>) -> Result<()> {
    let mut members = HashMap::new();
    tables::MEMBERS.read(txn)?.scan(|id, m| {
        members.insert(id.to_string(), (m.email.to_string(), m.state));
        true
    })?;
    let mut emails = HashMap::new();
    tables::MEMBER_EMAILS.read(txn)?.scan(|email, id| {
        emails.insert(email.to_string(), id.to_string());
        true
    })?;
    let mut found = Findings::new("member emails", out);
    for (email, id) in &emails {
        match members.get(id) {
            None => found.add(format!("{email} points at member {id}, who does not exist")),
            Some((own, _)) if own != email => found.add(format!(
                "{email} points at member {id}, whose address is {own}"
            )),
            Some(_) => {}
        }
    }
    // A departed member's address may since belong to someone new.
    for (id, (email, state)) in &members {
        if *state != MemberState::Terminated && emails.get(email) != Some(id) {
            found.add(format!("member {id} ({email}) cannot be found by address"));
        }
    }
    Ok(())
}

fn page_slugs(txn: &ReadTxn, out: &mut Vec<String>) -> Result<()> {
    let mut pages = HashMap::new();
    tables::BOOKING_PAGES.read(txn)?.scan(|id, p| {
        pages.insert(id.to_string(), p.slug.clone());
        true
    })?;
    let mut slugs = HashMap::new();
    tables::PAGE_SLUGS.read(txn)?.scan(|slug, id| {
        slugs.insert(slug.to_string(), id);
        true
    })?;
    let mut found = Findings::new("page slugs", out);
    for (slug, id) in &slugs {
        if pages.get(id) != Some(slug) {
            found.add(format!("/{slug} points at page {id}, which is not there"));
        }
    }
    for (id, slug) in &pages {
        if slugs.get(slug) != Some(id) {
            found.add(format!(
                "page {id} (/{slug}) cannot be found by its address"
            ));
        }
    }
    Ok(())
}

type HostKey = (String, i64, String);

fn booking_indexes(txn: &ReadTxn, out: &mut Vec<String>) -> Result<()> {
    // What the four indexes should hold, from the bookings themselves.
    let mut listed = HashSet::new();
    let mut host_listed = HashSet::new();
    let mut starts = HashSet::new();
    let mut host_slots = HashSet::new();
    tables::BOOKINGS.read(txn)?.scan(|id, b| {
        let start = b.start.timestamp();
        listed.insert((start, id.to_string()));
        for h in &b.hosts {
            host_listed.insert((h.to_string(), start, id.to_string()));
        }
        if b.state == BookingState::Confirmed {
            starts.insert((start, id.to_string()));
            for h in &b.hosts {
                host_slots.insert((h.to_string(), start, id.to_string()));
            }
        }
        true
    })?;
    let mut found = Findings::new("booking indexes", out);
    let mut compare_by_start = |index: &str, want: &HashSet<(i64, String)>, have| {
        let have: HashSet<(i64, String)> = have;
        for (start, id) in want.difference(&have) {
            found.add(format!("{index} lacks booking {id} at {start}"));
        }
        for (start, id) in have.difference(want) {
            found.add(format!(
                "{index} lists booking {id} at {start}, no such booking"
            ));
        }
    };
    let mut have = HashSet::new();
    tables::BOOKING_LIST.read(txn)?.scan(|(s, id), ()| {
        have.insert((s, id.to_string()));
        true
    })?;
    compare_by_start("the bookings list", &listed, have);
    let mut have = HashSet::new();
    tables::BOOKING_STARTS.read(txn)?.scan(|(s, id), ()| {
        have.insert((s, id.to_string()));
        true
    })?;
    compare_by_start("the reminder index", &starts, have);
    let mut compare_by_host = |index: &str, want: &HashSet<HostKey>, have: HashSet<HostKey>| {
        for (host, start, id) in want.difference(&have) {
            found.add(format!("{index} lacks booking {id} of {host} at {start}"));
        }
        for (host, start, id) in have.difference(want) {
            found.add(format!(
                "{index} holds booking {id} of {host} at {start}, no such booking"
            ));
        }
    };
    let mut have = HashSet::new();
    tables::HOST_BOOKING_LIST
        .read(txn)?
        .scan(|(h, s, id), ()| {
            have.insert((h.to_string(), s, id.to_string()));
            true
        })?;
    compare_by_host("the hosts' lists", &host_listed, have);
    let mut have = HashSet::new();
    tables::HOST_BOOKINGS.read(txn)?.scan(|(h, s, id), _| {
        have.insert((h.to_string(), s, id.to_string()));
        true
    })?;
    compare_by_host("the hosts' calendars", &host_slots, have);
    Ok(())
}

fn outbox_indexes(txn: &ReadTxn, out: &mut Vec<String>) -> Result<()> {
    let mut due_want = HashSet::new();
    let mut by_state_want = HashSet::new();
    let mut tally_want = std::collections::BTreeMap::<String, u64>::new();
    tables::OUTBOX.read(txn)?.scan(|id, m| {
        by_state_want.insert((
            m.state.as_str().to_string(),
            m.created_at.timestamp_micros(),
            id.to_string(),
        ));
        *tally_want.entry(m.state.as_str().to_string()).or_default() += 1;
        if m.state == DeliveryState::Queued {
            due_want.insert((m.next_attempt_at.timestamp_micros(), id.to_string()));
        }
        true
    })?;
    let mut due = HashSet::new();
    tables::OUTBOX_DUE.read(txn)?.scan(|(at, id), ()| {
        due.insert((at, id.to_string()));
        true
    })?;
    let mut found = Findings::new("outbox indexes", out);
    for (_, id) in due_want.difference(&due) {
        found.add(format!(
            "queued message {id} is not due (it would never leave)"
        ));
    }
    for (_, id) in due.difference(&due_want) {
        found.add(format!("message {id} is due but not queued"));
    }
    let mut by_state = HashSet::new();
    tables::OUTBOX_BY_STATE
        .read(txn)?
        .scan(|(state, created, id), ()| {
            by_state.insert((state.to_string(), created, id.to_string()));
            true
        })?;
    for (state, _, id) in by_state_want.difference(&by_state) {
        found.add(format!("message {id} is not listed as {state}"));
    }
    for (state, _, id) in by_state.difference(&by_state_want) {
        found.add(format!("message {id} is listed as {state} wrongly"));
    }
    let mut tally = std::collections::BTreeMap::new();
    tables::OUTBOX_TALLY.read(txn)?.scan(|state, n| {
        if n > 0 {
            tally.insert(state.to_string(), n);
        }
        true
    })?;
    if tally != tally_want {
        found.add(format!(
            "the counts by state {tally:?} are not the messages' {tally_want:?}"
        ));
    }
    Ok(())
}

fn unread_counts(txn: &ReadTxn, out: &mut Vec<String>) -> Result<()> {
    let mut unread: HashMap<String, u64> = HashMap::new();
    tables::NOTIFICATIONS.read(txn)?.scan(|(member, _, _), n| {
        if !n.read {
            *unread.entry(member.to_string()).or_default() += 1;
        }
        true
    })?;
    let mut counted: HashMap<String, u64> = HashMap::new();
    tables::NOTIFICATION_UNREAD.read(txn)?.scan(|member, n| {
        if n > 0 {
            counted.insert(member.to_string(), n);
        }
        true
    })?;
    let mut found = Findings::new("unread counts", out);
    let members: HashSet<&String> = unread.keys().chain(counted.keys()).collect();
    for member in members {
        let (want, have) = (
            unread.get(member).copied().unwrap_or(0),
            counted.get(member).copied().unwrap_or(0),
        );
        if want != have {
            found.add(format!("member {member} has {want} unread, counted {have}"));
        }
    }
    Ok(())
}

fn member_connections(txn: &ReadTxn, out: &mut Vec<String>) -> Result<()> {
    let mut want = HashSet::new();
    tables::CONNECTIONS.read(txn)?.scan(|id, c| {
        want.insert((c.member_id.to_string(), id.to_string()));
        true
    })?;
    let mut have = HashSet::new();
    tables::MEMBER_CONNECTIONS.read(txn)?.scan(|(m, id), ()| {
        have.insert((m.to_string(), id.to_string()));
        true
    })?;
    let mut found = Findings::new("calendar connections", out);
    for (member, id) in want.difference(&have) {
        found.add(format!("calendar {id} is not listed under member {member}"));
    }
    for (member, id) in have.difference(&want) {
        found.add(format!(
            "member {member} lists calendar {id}, which is not there"
        ));
    }
    Ok(())
}
