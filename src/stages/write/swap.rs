//! Where a dataset is assembled and how it replaces the last one: a
//! staging directory beside the output (`.<name>.tmp-<pid>`), swapped in
//! whole when every file is written, and what killed runs left behind.

use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

/// Puts the finished `staging` directory at `target`. Where the platform
/// can, the two are exchanged in one atomic step (Linux `renameat2`
/// `RENAME_EXCHANGE`), so `target` always holds a complete dataset; the
/// old one, now at the staging path, is then deleted (or by the next run,
/// if this one is killed first). Elsewhere the old dataset is moved aside
/// first; a kill between the two renames leaves it aside, and the next run
/// puts it back.
pub(super) fn swap_in(staging: &Path, target: &Path) -> Result<()> {
    if !target.exists() {
        return fs::rename(staging, target)
            .with_context(|| format!("cannot move the new dataset into {}", target.display()));
    }
    if exchange(staging, target).is_ok() {
        return fs::remove_dir_all(staging).with_context(|| {
            format!(
                "cannot remove the previous dataset at {}",
                staging.display()
            )
        });
    }
    let old = sibling(target, &format!("old-{}", std::process::id()));
    fs::rename(target, &old).with_context(|| {
        format!(
            "cannot move the previous dataset {} aside",
            target.display()
        )
    })?;
    fs::rename(staging, target)
        .with_context(|| format!("cannot move the new dataset into {}", target.display()))?;
    fs::remove_dir_all(&old).with_context(|| format!("cannot remove {}", old.display()))
}

#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(std::io::Error::from)
}

#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

pub(super) fn parent_dir(target: &Path) -> PathBuf {
    match target.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `.out.tmp-123` beside `out`.
pub(super) fn sibling(target: &Path, suffix: &str) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    parent_dir(target).join(format!(".{name}.{suffix}"))
}

/// Removes what killed runs left: staging directories, and a dataset moved
/// aside but not yet deleted (restored if the swap did not complete).
pub(super) fn remove_stale_staging(target: &Path) {
    let Some(name) = target.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return;
    };
    let Ok(entries) = fs::read_dir(parent_dir(target)) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&format!(".{name}.")) else {
            continue;
        };
        if rest.starts_with("old-") && !target.exists() {
            let _ = fs::rename(entry.path(), target);
        } else if rest.starts_with("tmp-") || rest.starts_with("old-") {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}
