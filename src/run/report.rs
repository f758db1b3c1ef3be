//! What a run tells its user: the summary line, and a progress bar on a
//! terminal (hidden in pipes and CI).

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// What a run did, for the summary line and the exit code.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Report {
    pub documents: usize,
    pub items: usize,
    pub decisions: usize,
    pub warnings: usize,
    pub partial: usize,
    pub rejected: usize,
    pub bytes: u64,
    pub seconds: f64,
    /// With `--incremental`: documents read back from the cache.
    pub cached: Option<usize>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mb = self.bytes as f64 / 1e6;
        write!(
            f,
            "{} documents, {} items, {} decisions, {} warnings, {} partial, {} rejected in {:.2}s ({:.1} MB/s)",
            self.documents,
            self.items,
            self.decisions,
            self.warnings,
            self.partial,
            self.rejected,
            self.seconds,
            if self.seconds > 0.0 {
                mb / self.seconds
            } else {
                0.0
            }
        )?;
        match self.cached {
            Some(cached) => write!(f, "; {cached} from the incremental cache"),
            None => Ok(()),
        }
    }
}

pub fn progress_bar(len: u64, show: bool) -> ProgressBar {
    let target = if show && std::io::stderr().is_terminal() {
        ProgressDrawTarget::stderr()
    } else {
        ProgressDrawTarget::hidden()
    };
    let bar = ProgressBar::with_draw_target(Some(len), target);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} documents {elapsed_precise} eta {eta}")
    {
        bar.set_style(style);
    }
    bar
}
