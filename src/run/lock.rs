//! One writer per output: a run holds `.<out>.lock` beside the output
//! directory (its pid and host) from before the incremental cache is
//! opened until the dataset is swapped in. A second run into the same
//! output fails at once naming the first, or waits for it (`--wait`). A
//! lock left by a run that died (its pid is gone, on this host) is taken
//! over with a warning.

use std::fs;
use std::io::{ErrorKind, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use anyhow::{Context, Result, bail};

/// The held lock; dropping it removes the file.
#[derive(Debug)]
pub struct OutputLock {
    path: PathBuf,
}

/// Who holds a lock, as its file says.
#[derive(Debug, PartialEq, Eq)]
struct Holder {
    pid: u32,
    host: String,
}

impl OutputLock {
    /// Takes the lock of the output directory `out`. With `wait`, polls
    /// until a live holder lets go; without, fails at once.
    pub fn acquire(out: &Path, wait: bool) -> Result<OutputLock> {
        let path = lock_path(out);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let me = Holder {
            pid: std::process::id(),
            host: host(),
        };
        loop {
            match fs::File::options().write(true).create_new(true).open(&path) {
                Ok(mut file) => {
                    writeln!(file, "{} {}", me.pid, me.host)
                        .with_context(|| format!("cannot write {}", path.display()))?;
                    return Ok(OutputLock { path });
                }
                Err(e) if e.kind() == ErrorKind::AlreadyExists => {}
                Err(e) => {
                    return Err(e).with_context(|| format!("cannot create {}", path.display()));
                }
            }
            let text = fs::read_to_string(&path).unwrap_or_default();
            let Some(holder) = parse(&text) else {
                // Being written by the run that just created it, or cut
                // short by a crash in between: look again shortly.
                std::thread::sleep(Duration::from_millis(50));
                if fs::read_to_string(&path).unwrap_or_default() == text {
                    eprintln!(
                        "etl: warning: taking over the unreadable lock {}",
                        path.display()
                    );
                    let _ = fs::remove_file(&path);
                }
                continue;
            };
            if holder.host == me.host && !alive(holder.pid) {
                eprintln!(
                    "etl: warning: taking over the lock of a run that is no longer running (pid {} on {}): {}",
                    holder.pid,
                    holder.host,
                    path.display()
                );
                let _ = fs::remove_file(&path);
                continue;
            }
            if !wait {
                bail!(
                    "another etl run (pid {} on {}) is writing {}; wait for it (etl run --wait), or remove {} if that run is gone",
                    holder.pid,
                    holder.host,
                    out.display(),
                    path.display()
                );
            }
            std::thread::sleep(Duration::from_millis(200));
        }
    }
}

impl Drop for OutputLock {
    fn drop(&mut self) {
        let _ = fs::remove_file(&self.path);
    }
}

/// `out/` -> `.out.lock` beside it (inside it would be swapped away).
pub fn lock_path(out: &Path) -> PathBuf {
    let name = out
        .file_name()
        .map_or("out".into(), |n| n.to_string_lossy().into_owned());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty());
    parent
        .unwrap_or(Path::new("."))
        .join(format!(".{name}.lock"))
}

fn parse(text: &str) -> Option<Holder> {
    let (pid, host) = text.strip_suffix('\n')?.split_once(' ')?;
    Some(Holder {
        pid: pid.parse().ok()?,
        host: host.to_string(),
    })
}

fn host() -> String {
    fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| fs::read_to_string("/etc/hostname"))
        .map(|h| h.trim().to_string())
        .ok()
        .filter(|h| !h.is_empty() && !h.contains(char::is_whitespace))
        .unwrap_or_else(|| "localhost".into())
}

/// Whether a process of this host is running. Where that cannot be told
/// (no /proc), every holder counts as alive: a lock is never taken from a
/// run that may still be writing.
fn alive(pid: u32) -> bool {
    let proc = Path::new("/proc");
    !proc.is_dir() || proc.join(pid.to_string()).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_is_held_until_dropped_and_a_dead_holder_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let lock = OutputLock::acquire(&out, false).unwrap();
        let path = lock_path(&out);
        assert_eq!(path, dir.path().join(".out.lock"));
        let held = fs::read_to_string(&path).unwrap();
        assert_eq!(parse(&held).unwrap().pid, std::process::id());
        let second = OutputLock::acquire(&out, false).unwrap_err().to_string();
        assert!(
            second.contains(&format!("another etl run (pid {}", std::process::id())),
            "{second}"
        );
        drop(lock);
        assert!(!path.exists());

        // pid_max is at most 2^22 on Linux: this pid cannot be running.
        fs::write(&path, format!("{} {}\n", 1u32 << 23, host())).unwrap();
        let taken = OutputLock::acquire(&out, false).unwrap();
        assert_eq!(
            parse(&fs::read_to_string(&path).unwrap()).unwrap().pid,
            std::process::id()
        );
        drop(taken);

        // Another host's run is never taken over: its pid means nothing here.
        fs::write(&path, format!("{} elsewhere.example\n", 1u32 << 23)).unwrap();
        assert!(OutputLock::acquire(&out, false).is_err());
    }
}
