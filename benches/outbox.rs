//! Outbox figures for docs/PERFORMANCE.md (run: `cargo bench --bench outbox`):
//! the cost of queueing a message inside a write transaction, and how many
//! messages per second the worker hands to a real SMTP server (aiosmtpd on
//! loopback, from the test virtualenv that `bash .ci/run` creates).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::BufRead;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use convene::domain::{Mail, OutboxMessage, Payload};
use convene::store::Store;

fn mail(i: usize) -> OutboxMessage {
    OutboxMessage::new(
        Payload::Mail(Mail {
            kind: "bench".into(),
            to_email: format!("guest{i}@example.org"),
            to_name: "Guest Name".into(),
            subject: "Your booking on Tuesday, 10:00–10:30".into(),
            text: "Hello,\n\nyour booking is confirmed.\n".repeat(8),
            html: "<p>Hello,</p><p>your booking is confirmed.</p>".repeat(8),
            ics: None,
            reply_to: None,
            unsubscribe_url: None,
            from_booking: None,
        }),
        Utc::now(),
    )
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("bench.redb")).unwrap();

    // 1. CPU cost of enqueue_in: 10,000 rows in one transaction.
    let n = 10_000;
    let messages: Vec<_> = (0..n).map(mail).collect();
    let txn = store.write().unwrap();
    let started = Instant::now();
    for m in &messages {
        convene::store::enqueue_in(&txn, m).unwrap();
    }
    let per = started.elapsed() / n as u32;
    let commit = Instant::now();
    store.commit(txn).unwrap();
    println!(
        "enqueue_in inside one transaction: {per:?} per message ({n} messages, commit {:?})",
        commit.elapsed()
    );

    // 2. A durable transaction that writes one row plus its outbox row,
    //    the shape of a use case that mails (e.g. a booking).
    let rounds = 300;
    let started = Instant::now();
    for i in 0..rounds {
        let txn = store.write().unwrap();
        convene::store::enqueue_in(&txn, &mail(i)).unwrap();
        store.commit(txn).unwrap();
    }
    let per = started.elapsed() / rounds as u32;
    println!(
        "durable commit with one outbox row: {per:?} per transaction ({:.0}/s)",
        1.0 / per.as_secs_f64()
    );
    drop(store);

    // 3. Delivery rate to aiosmtpd.
    let python = std::env::var("CONVENE_TEST_PYTHON")
        .unwrap_or_else(|_| format!("{}/target/ci-venv/bin/python", env!("CARGO_MANIFEST_DIR")));
    let sink_dir = tempfile::tempdir().unwrap();
    let mut sink = Command::new(&python)
        .arg(format!(
            "{}/tests/support/smtp_sink.py",
            env!("CARGO_MANIFEST_DIR")
        ))
        .arg(sink_dir.path())
        .stdout(Stdio::piped())
        .spawn()
        .expect("aiosmtpd (run bash .ci/run once)");
    let mut line = String::new();
    std::io::BufReader::new(sink.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let port: u16 = line.trim().trim_start_matches("READY ").parse().unwrap();

    let data = tempfile::tempdir().unwrap();
    let store = Store::open(&data.path().join("convene.redb")).unwrap();
    let total = 2_000;
    let txn = store.write().unwrap();
    for i in 0..total {
        convene::store::enqueue_in(&txn, &mail(i)).unwrap();
    }
    store.commit(txn).unwrap();
    let mut config = convene::config::Config::default();
    config.mail.transport = "smtp".into();
    config.mail.smtp_url = format!("smtp://127.0.0.1:{port}");
    config.storage.data_dir = data.path().to_path_buf();
    let started = Instant::now();
    actix_web::rt::System::new().block_on(async {
        // The SMTP pool needs the runtime: build the worker inside it.
        let outbound = convene::net::Outbound::new(&[]).unwrap();
        let worker =
            Arc::new(convene::delivery::Worker::new(store.clone(), &config, outbound).unwrap());
        let mut delivered = 0;
        while delivered < total {
            let n = worker.deliver_due().await.unwrap();
            assert!(n > 0, "nothing left to deliver at {delivered}");
            delivered += n;
        }
    });
    let elapsed = started.elapsed();
    let deadline = Instant::now() + Duration::from_secs(30);
    while std::fs::read_dir(sink_dir.path())
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .path()
                .extension()
                .is_some_and(|x| x == "eml")
        })
        .count()
        < total
    {
        assert!(Instant::now() < deadline, "sink did not receive everything");
        std::thread::sleep(Duration::from_millis(20));
    }
    let convene::domain::DeliveryCounts {
        queued,
        sent,
        failed,
        ..
    } = store.outbox_counts().unwrap();
    println!(
        "delivered {total} mails to aiosmtpd in {elapsed:?}: {:.0} messages/s (queued {queued}, sent {sent}, failed {failed})",
        total as f64 / elapsed.as_secs_f64()
    );
    let _ = sink.kill();
    let _ = sink.wait();
}
