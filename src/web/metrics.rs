//! Prometheus text metrics: requests by route and status, a latency
//! histogram per route, and the database size.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::Mutex;
use std::time::Duration;

use actix_web::HttpResponse;

use super::State;

const BUCKETS: [f64; 12] = [
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5,
];

#[derive(Default)]
struct Histogram {
    counts: [u64; BUCKETS.len()],
    count: u64,
    sum: f64,
}

#[derive(Default)]
struct Inner {
    requests: BTreeMap<(String, String, u16), u64>,
    latency: BTreeMap<String, Histogram>,
}

#[derive(Default)]
pub struct Metrics {
    inner: Mutex<Inner>,
}

impl Metrics {
    pub fn observe(&self, method: &str, route: &str, status: u16, elapsed: Duration) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        // Only standard methods become labels: arbitrary ones would grow the map.
        let method = match method {
            "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS" => method,
            _ => "OTHER",
        };
        *inner
            .requests
            .entry((method.to_string(), route.to_string(), status))
            .or_default() += 1;
        let secs = elapsed.as_secs_f64();
        let h = inner.latency.entry(route.to_string()).or_default();
        h.count += 1;
        h.sum += secs;
        for (i, bound) in BUCKETS.iter().enumerate() {
            if secs <= *bound {
                h.counts[i] += 1;
            }
        }
    }

    pub fn render(&self, db_size: u64) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# HELP convene_http_requests_total HTTP requests by route and status."
        );
        let _ = writeln!(out, "# TYPE convene_http_requests_total counter");
        if let Ok(inner) = self.inner.lock() {
            for ((method, route, status), n) in &inner.requests {
                let _ = writeln!(
                    out,
                    "convene_http_requests_total{{method=\"{method}\",route=\"{}\",status=\"{status}\"}} {n}",
                    escape(route)
                );
            }
            let _ = writeln!(
                out,
                "# HELP convene_http_request_duration_seconds Request latency by route."
            );
            let _ = writeln!(
                out,
                "# TYPE convene_http_request_duration_seconds histogram"
            );
            for (route, h) in &inner.latency {
                let route = escape(route);
                for (bound, n) in BUCKETS.iter().zip(h.counts) {
                    let _ = writeln!(
                        out,
                        "convene_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"{bound}\"}} {n}"
                    );
                }
                let _ = writeln!(
                    out,
                    "convene_http_request_duration_seconds_bucket{{route=\"{route}\",le=\"+Inf\"}} {}",
                    h.count
                );
                let _ = writeln!(
                    out,
                    "convene_http_request_duration_seconds_sum{{route=\"{route}\"}} {}",
                    h.sum
                );
                let _ = writeln!(
                    out,
                    "convene_http_request_duration_seconds_count{{route=\"{route}\"}} {}",
                    h.count
                );
            }
        }
        let _ = writeln!(
            out,
            "# HELP convene_db_size_bytes Size of the database file."
        );
        let _ = writeln!(out, "# TYPE convene_db_size_bytes gauge");
        let _ = writeln!(out, "convene_db_size_bytes {db_size}");
        if let Some(rss) = resident_bytes() {
            let _ = writeln!(
                out,
                "# HELP process_resident_memory_bytes Resident memory size."
            );
            let _ = writeln!(out, "# TYPE process_resident_memory_bytes gauge");
            let _ = writeln!(out, "process_resident_memory_bytes {rss}");
        }
        out
    }
}

fn escape(label: &str) -> String {
    label.replace('\\', "\\\\").replace('"', "\\\"")
}

fn resident_bytes() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// When the process started, as Unix seconds: set once at start.
static STARTED: std::sync::OnceLock<f64> = std::sync::OnceLock::new();

/// Records the start time (`process_start_time_seconds`); later calls
/// keep the first.
pub fn mark_start() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64())
        .unwrap_or_default();
    let _ = STARTED.set(now);
}

/// User plus system CPU time of this process, from /proc/self/stat (in
/// clock ticks of 1/100 s, the Linux default).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name may hold spaces: fields count from after its ')'.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let utime: f64 = fields.get(11)?.parse().ok()?;
    let stime: f64 = fields.get(12)?.parse().ok()?;
    Some((utime + stime) / 100.0)
}

/// One gauge with its help and type lines.
fn gauge(out: &mut String, name: &str, help: &str, value: impl std::fmt::Display) {
    let _ = writeln!(out, "# HELP {name} {help}");
    let _ = writeln!(out, "# TYPE {name} gauge");
    let _ = writeln!(out, "{name} {value}");
}

/// What an admin watches besides HTTP: the build, the process, the outbox.
fn process_and_outbox(state: &State) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# HELP convene_build_info The running version (always 1).\n\
         # TYPE convene_build_info gauge\n\
         convene_build_info{{version=\"{}\"}} 1",
        env!("CARGO_PKG_VERSION")
    );
    if let Some(started) = STARTED.get() {
        gauge(
            &mut out,
            "process_start_time_seconds",
            "Start time of the process since the Unix epoch.",
            started,
        );
    }
    if let Some(cpu) = cpu_seconds() {
        let _ = writeln!(
            out,
            "# HELP process_cpu_seconds_total User and system CPU time spent.\n\
             # TYPE process_cpu_seconds_total counter\n\
             process_cpu_seconds_total {cpu}"
        );
    }
    if let Ok(crate::domain::DeliveryCounts { queued, failed, .. }) = state.store.outbox_counts() {
        gauge(
            &mut out,
            "convene_outbox_queued",
            "Mail and webhook calls waiting to be sent.",
            queued,
        );
        gauge(
            &mut out,
            "convene_outbox_failed",
            "Mail and webhook calls that failed for good.",
            failed,
        );
    }
    crate::telemetry::render(&mut out);
    jobs(&mut out, state);
    out
}

/// Each scheduled job's last run: when, how long, whether it worked, and
/// when it last worked (an alert on that age catches a job failing every
/// night as well as one that stopped running). The label is `name`, since
/// Prometheus keeps `job` for the scrape target's own.
fn jobs(out: &mut String, state: &State) {
    let runs: Vec<_> = state
        .scheduler
        .status()
        .into_iter()
        .filter_map(|j| j.last_run.map(|r| (j.name, r)))
        .collect();
    type Read = fn(&crate::store::JobRun) -> Option<f64>;
    let series: [(&str, &str, Read); 4] = [
        (
            "convene_job_last_run_timestamp_seconds",
            "When the job last started, since the Unix epoch.",
            |r| Some(r.started_at.timestamp() as f64),
        ),
        (
            "convene_job_last_success_timestamp_seconds",
            "When the job last started a run that worked, since the Unix epoch.",
            |r| r.last_success_at.map(|t| t.timestamp() as f64),
        ),
        (
            "convene_job_last_duration_seconds",
            "How long the job's last run took.",
            |r| Some(r.duration_ms as f64 / 1000.0),
        ),
        (
            "convene_job_last_run_ok",
            "1 when the job's last run worked, 0 when it failed.",
            |r| Some(f64::from(u8::from(r.ok))),
        ),
    ];
    for (name, help, read) in series {
        let _ = writeln!(out, "# HELP {name} {help}");
        let _ = writeln!(out, "# TYPE {name} gauge");
        for (job, r) in &runs {
            if let Some(value) = read(r) {
                let _ = writeln!(out, "{name}{{name=\"{job}\"}} {value}");
            }
        }
    }
}

pub async fn render(state: State) -> HttpResponse {
    let mut body = state
        .metrics
        .render(crate::service::org::health::database_bytes(&state.store));
    body.push_str(&process_and_outbox(&state));
    // Whether slot lists are answered from the cache: a commit moves only
    // the revisions it touched, so misses follow changes to those pages.
    let (hits, misses) = state.bookings.cache_counts();
    body.push_str(&format!(
        "# HELP convene_slot_cache_hits_total Slot list requests answered from the cache.\n\
         # TYPE convene_slot_cache_hits_total counter\n\
         convene_slot_cache_hits_total {hits}\n\
         # HELP convene_slot_cache_misses_total Slot list requests that computed the list.\n\
         # TYPE convene_slot_cache_misses_total counter\n\
         convene_slot_cache_misses_total {misses}\n"
    ));
    HttpResponse::Ok()
        .content_type("text/plain; version=0.0.4; charset=utf-8")
        .body(body)
}
