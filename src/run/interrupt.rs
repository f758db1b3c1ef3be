//! SIGINT and SIGTERM stop a run cleanly: no more documents are started,
//! those in flight finish (each takes milliseconds), the staging directory
//! is removed and the lock released as the run unwinds, and the previous
//! dataset and the incremental cache stay as they were (cache entries are
//! written whole, by rename). A second signal ends the process at once;
//! the next run removes what it left.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::{Context, Result};
use signal_hook::consts::{SIGINT, SIGTERM};

/// Whether, and by which signal, the run was asked to stop. The default
/// is never asked (a run from a library or a test); `etl run` installs
/// the handlers.
#[derive(Debug, Clone, Default)]
pub struct Interrupt {
    asked: Arc<AtomicBool>,
    signal: Arc<AtomicUsize>,
}

/// The error a stopped run returns; `main` exits with 128 + the signal.
#[derive(Debug)]
pub struct Interrupted(pub i32);

impl std::fmt::Display for Interrupted {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        let name = if self.0 == SIGINT {
            "SIGINT"
        } else {
            "SIGTERM"
        };
        write!(f, "stopped by {name}")
    }
}

impl std::error::Error for Interrupted {}

impl Interrupt {
    /// Installs the handlers for this process, once.
    pub fn install() -> Result<Interrupt> {
        let interrupt = Interrupt::default();
        for signal in [SIGINT, SIGTERM] {
            // Registered first, so it sees the flag before this signal sets
            // it: only a second signal ends the process at once.
            signal_hook::flag::register_conditional_shutdown(
                signal,
                128 + signal,
                Arc::clone(&interrupt.asked),
            )
            .and_then(|_| signal_hook::flag::register(signal, Arc::clone(&interrupt.asked)))
            .and_then(|_| {
                signal_hook::flag::register_usize(
                    signal,
                    Arc::clone(&interrupt.signal),
                    signal as usize,
                )
            })
            .context("cannot install the SIGINT/SIGTERM handlers")?;
        }
        Ok(interrupt)
    }

    pub fn asked(&self) -> bool {
        self.asked.load(Ordering::Relaxed)
    }

    /// Err([`Interrupted`]) once a signal has come.
    pub fn check(&self) -> Result<()> {
        if self.asked() {
            // The flag is set by the first handler, the number by the next.
            let signal = match self.signal.load(Ordering::Relaxed) {
                0 => SIGTERM,
                n => n as i32,
            };
            return Err(Interrupted(signal).into());
        }
        Ok(())
    }
}
