//! CPU-heavy or memory-heavy work off the async workers, a bounded number at
//! a time, on threads of its own: parsing a publisher's HTML or an imported
//! page (Readability), and checking a password (argon2id holds 19 MiB while
//! it runs).
//!
//! A pool has a fixed set of threads, made with it and kept: the memory its
//! jobs use is bounded by the pool's size (tokio's blocking pool would start
//! new threads as others finish, each keeping the memory the allocator gave
//! it: 100 password checks, two at a time, grew a process by 500 MiB). A job
//! holds its place until it ends, even when the request that started it has
//! given up (its deadline passed): however many requests come, no more jobs
//! than threads ever run, and the async workers that answer every other
//! request are never the ones busy.

use std::panic::AssertUnwindSafe;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};

use tokio::sync::{Semaphore, oneshot};

use crate::Result;

/// Parsing jobs at once, by default: the machine's two cores' worth.
pub const DEFAULT_THREADS: usize = 2;
/// A pool thread's stack: the importer's walks go as deep as the pages it keeps.
const STACK_BYTES: usize = 8 * 1024 * 1024;

type Job = Box<dyn FnOnce() + Send>;

/// A fixed set of threads for blocking jobs.
pub struct Pool {
    places: Arc<Semaphore>,
    jobs: Mutex<mpsc::Sender<Job>>,
}

impl Pool {
    /// A pool of `size` threads named after `name`; they end when the pool is dropped.
    pub fn new(name: &str, size: usize) -> Pool {
        let size = size.max(1);
        let (jobs, queue) = mpsc::channel::<Job>();
        let queue = Arc::new(Mutex::new(queue));
        for n in 0..size {
            let queue = queue.clone();
            std::thread::Builder::new()
                .name(format!("encart-{name}-{n}"))
                .stack_size(STACK_BYTES)
                .spawn(move || {
                    loop {
                        // Only one thread waits on the queue at a time; a job is never held while waiting.
                        let next = queue.lock().unwrap_or_else(|e| e.into_inner()).recv();
                        match next {
                            Ok(job) => job(),
                            Err(_) => return,
                        }
                    }
                })
                .expect("the system can start a thread");
        }
        Pool { places: Arc::new(Semaphore::new(size)), jobs: Mutex::new(jobs) }
    }

    /// Runs `work` on one of the pool's threads once one is free (waiting meanwhile).
    pub async fn run<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T> {
        let place = self.places.clone().acquire_owned().await.map_err(anyhow::Error::from)?;
        let (done, result) = oneshot::channel();
        let job: Job = Box::new(move || {
            let outcome = std::panic::catch_unwind(AssertUnwindSafe(work));
            drop(place);
            let _ = done.send(outcome);
        });
        self.jobs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .send(job)
            .map_err(|_| anyhow::anyhow!("the pool's threads have stopped"))?;
        match result.await {
            Ok(Ok(value)) => Ok(value),
            Ok(Err(_)) => Err(anyhow::anyhow!("a blocking job panicked").into()),
            Err(_) => Err(anyhow::anyhow!("a blocking job was dropped").into()),
        }
    }

    /// Places free now.
    pub fn free(&self) -> usize {
        self.places.available_permits()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn no_more_jobs_run_at_once_than_the_pool_has_threads_even_when_callers_give_up() {
        let pool = Arc::new(Pool::new("test", 2));
        let running = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let threads = Arc::new(Mutex::new(std::collections::HashSet::new()));
        let mut callers = Vec::new();
        for _ in 0..8 {
            let (pool, running, most, threads) = (pool.clone(), running.clone(), most.clone(), threads.clone());
            callers.push(tokio::spawn(async move {
                let job = pool.run(move || {
                    threads.lock().unwrap().insert(std::thread::current().id());
                    let now = running.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                    std::thread::sleep(Duration::from_millis(50));
                    running.fetch_sub(1, Ordering::SeqCst);
                });
                // The callers stop waiting early: the jobs that started still hold their places.
                let _ = tokio::time::timeout(Duration::from_millis(10), job).await;
            }));
        }
        for caller in callers {
            caller.await.unwrap();
        }
        while pool.free() < 2 {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        assert!(most.load(Ordering::SeqCst) <= 2, "{} at once", most.load(Ordering::SeqCst));
        assert!(threads.lock().unwrap().len() <= 2, "jobs ran on the pool's own threads only");
        assert!(pool.run(|| panic!("a bug")).await.is_err(), "a panic is an error, not a lost thread");
        assert_eq!(pool.run(|| 42).await.unwrap(), 42);
    }
}
