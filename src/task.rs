//! Background work that survives its own bugs. A panic in the outbox
//! worker, a job or the control socket must not end the server (nor leave
//! a poisoned row to end it again after every restart): it is caught,
//! logged with what was being worked on, and the task goes on.

use std::any::Any;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

use futures_util::FutureExt;

/// The text a panic was raised with.
pub fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// Panics go to the log like every other error, with where they happened,
/// instead of only to standard error.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let thread = std::thread::current();
        tracing::error!(
            thread = thread.name().unwrap_or("unnamed"),
            location = %location,
            panic = %panic_message(info.payload()),
            "panic"
        );
    }));
}

/// Runs `work` to completion, or to its panic, which becomes `Err(message)`.
pub async fn catch<T>(work: impl Future<Output = T>) -> Result<T, String> {
    AssertUnwindSafe(work)
        .catch_unwind()
        .await
        .map_err(|p| panic_message(p.as_ref()))
}

/// Runs a long-lived task, starting it again (after a pause, so a task
/// that panics at once does not spin) whenever it panics. Returns when the
/// task itself returns.
pub async fn supervise<F, Fut>(name: &'static str, mut start: F)
where
    F: FnMut() -> Fut,
    Fut: Future<Output = ()>,
{
    loop {
        match catch(start()).await {
            Ok(()) => return,
            Err(message) => {
                tracing::error!(task = name, panic = %message, "background task panicked; starting it again");
                tokio::time::sleep(Duration::from_secs(1)).await;
            }
        }
    }
}

/// Lowers the calling thread's CPU priority to a background one (nice 10,
/// batch scheduling): a job parsing fifty calendars then takes what the
/// request threads leave over instead of making guests wait. Unprivileged
/// threads cannot raise it again, so call it only on a thread of its own.
pub fn as_background_thread() {
    use thread_priority::{
        NormalThreadSchedulePolicy, ThreadPriority, ThreadPriorityValue, ThreadSchedulePolicy,
        set_thread_priority_and_policy, thread_native_id,
    };
    // 22 of 0..=99 maps onto nice 10 for the normal policies.
    let Ok(value) = ThreadPriorityValue::try_from(22u8) else {
        return;
    };
    let policy = ThreadSchedulePolicy::Normal(NormalThreadSchedulePolicy::Batch);
    if let Err(e) = set_thread_priority_and_policy(
        thread_native_id(),
        ThreadPriority::Crossplatform(value),
        policy,
    ) {
        tracing::debug!(error = ?e, "cannot lower a background thread's priority; it runs as is");
    }
}

/// Waits for async work from a blocking thread (a job): on the runtime
/// that started the thread when there is one, else on a runtime of its
/// own (a test calling the job directly).
pub fn block_on<F: Future>(future: F) -> F::Output {
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => handle.block_on(future),
        Err(_) => match tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
        {
            Ok(rt) => rt.block_on(future),
            // Without a runtime nothing async can run; the job reports it.
            Err(e) => panic!("cannot start a runtime for a job: {e}"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_panicking_task_is_started_again() {
        let mut runs = 0;
        supervise("test", || {
            runs += 1;
            let n = runs;
            async move {
                if n < 2 {
                    panic!("boom {n}");
                }
            }
        })
        .await;
        assert_eq!(runs, 2);
    }

    #[tokio::test]
    async fn catch_gives_the_message() {
        let r: Result<(), String> = catch(async { panic!("bad row {}", 7) }).await;
        assert_eq!(r, Err("bad row 7".to_string()));
    }
}
