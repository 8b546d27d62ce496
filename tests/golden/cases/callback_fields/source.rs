//! Closures as record fields (ADR 30): a struct of closures passed by value (C only so far).

use interop_core::ffi;

/// Called with every event.
#[ffi]
pub type OnEvent = dyn Fn(u32) + Send + Sync;

/// The handlers of a job.
#[ffi]
pub struct Handlers {
    /// Called with the step done and the number of steps.
    pub on_progress: Box<dyn Fn(u64, u64) + Send + Sync>,
    /// Called with each step when present.
    pub on_step: Option<Box<OnEvent>>,
    /// How many steps to skip.
    pub skip: u32,
}

/// Runs `steps` steps, reporting each to `handlers` (dropped when it returns).
#[ffi]
pub fn run_job(steps: u32, handlers: Handlers) -> u32 {
    let mut done = 0;
    for i in handlers.skip..steps {
        if let Some(on_step) = &handlers.on_step {
            on_step(i);
        }
        done += 1;
        (handlers.on_progress)(u64::from(done), u64::from(steps));
    }
    done
}
