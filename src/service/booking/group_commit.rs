//! Group commit: write use cases that arrive together share one durable
//! commit. One thread owns the writes; it takes a waiting request, adds
//! whatever else queued up meanwhile (up to a limit), runs each in the
//! same transaction, in arrival order, commits once, and only then answers
//! every caller. A caller is never told "done" before its write is on disk.
//!
//! Contract for the work given: it checks everything before it writes, so
//! an error it returns (a refused request) leaves nothing behind in the
//! shared transaction. A storage error mid-write poisons the batch: it is
//! aborted and every caller in it gets an error.

use std::sync::mpsc;

use crate::error::AppError;
use crate::store;
use crate::store::Store;

type Finish = Box<dyn FnOnce(Result<(), String>) + Send>;

/// What caches kept beside the writer hear of its batches.
pub trait BatchHooks: Send + Sync {
    /// The batch's transaction is open.
    fn begin(&self);
    /// How the batch's commit moved the revisions it touched, or None when the batch
    /// was aborted or its commit failed.
    fn end(&self, committed: Option<&crate::store::Committed>);
}

/// For a writer without a cache.
pub struct NoHooks;

impl BatchHooks for NoHooks {
    fn begin(&self) {}
    fn end(&self, _: Option<&crate::store::Committed>) {}
}

type Work = Box<dyn FnOnce(&store::Txn) -> (Finish, bool) + Send>;

#[derive(Clone)]
pub struct GroupWriter {
    queue: mpsc::Sender<Work>,
}

impl GroupWriter {
    pub fn start(
        store: Store,
        max_batch: usize,
        hooks: std::sync::Arc<dyn BatchHooks>,
    ) -> GroupWriter {
        let (queue, rx) = mpsc::channel::<Work>();
        let spawned = std::thread::Builder::new()
            .name("group-commit".into())
            .spawn(move || run(store, rx, max_batch.max(1), &*hooks));
        if let Err(e) = spawned {
            tracing::error!(error = %e, "could not start the group-commit thread");
        }
        GroupWriter { queue }
    }

    /// Runs `work` in a shared write transaction and answers after the
    /// commit that holds it is durable.
    pub async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&store::Txn) -> Result<T, AppError> + Send + 'static,
    {
        let (tx, rx) = tokio::sync::oneshot::channel();
        let job: Work = Box::new(move |txn| {
            let result = work(txn);
            let poisoned = matches!(result, Err(AppError::Store(_)));
            let finish: Finish = Box::new(move |committed| {
                let answer = match (result, committed) {
                    (Err(e), _) => Err(e),
                    (Ok(v), Ok(())) => Ok(v),
                    (Ok(_), Err(why)) => Err(AppError::Internal(why)),
                };
                let _ = tx.send(answer);
            });
            (finish, poisoned)
        });
        self.queue
            .send(job)
            .map_err(|_| AppError::Internal("the group-commit thread has stopped".into()))?;
        rx.await
            .map_err(|_| AppError::Internal("the group-commit thread dropped a request".into()))?
    }
}

fn run(store: Store, rx: mpsc::Receiver<Work>, max_batch: usize, hooks: &dyn BatchHooks) {
    while let Ok(first) = rx.recv() {
        let mut batch = vec![first];
        while batch.len() < max_batch {
            match rx.try_recv() {
                Ok(next) => batch.push(next),
                Err(_) => break,
            }
        }
        let txn = match store.write() {
            Ok(t) => t,
            Err(e) => {
                // Nothing ran; dropping the work answers each caller with
                // an error.
                tracing::error!(error = %e, batch = batch.len(), "group commit could not begin");
                drop(batch);
                continue;
            }
        };
        hooks.begin();
        let mut finishers = Vec::with_capacity(batch.len());
        let mut poisoned = false;
        for work in batch {
            // A panic in one caller's work may have written half of it: the
            // batch is aborted like on a storage error, that caller's answer
            // channel is dropped (it hears "dropped a request"), and the
            // thread lives on for the next batch.
            match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(&txn))) {
                Ok((finish, bad)) => {
                    poisoned |= bad;
                    finishers.push(finish);
                }
                Err(panic) => {
                    tracing::error!(panic = %crate::task::panic_message(panic.as_ref()), "a write panicked; its batch is aborted");
                    poisoned = true;
                }
            }
        }
        let outcome = if poisoned {
            let _ = txn.abort();
            Err("a storage error aborted this write; nothing was saved".to_string())
        } else {
            store.commit_counted(txn).map_err(|e| e.to_string())
        };
        hooks.end(outcome.as_ref().ok());
        let outcome = outcome.map(|_| ());
        if let Err(e) = &outcome {
            tracing::error!(error = %e, batch = finishers.len(), "group commit failed");
        }
        for finish in finishers {
            finish(outcome.clone());
        }
    }
}
