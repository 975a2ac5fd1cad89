//! Writing export files: whole or not at all, and safe to open in Excel or WPS.

use crate::progress::form::EXCEL_CELL_CHARS;
use crate::tr;
use crate::workspace::{is_temp_name, TEMP_PREFIX, TEMP_SUFFIX};
use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// A temporary file older than this is a leftover of a run that was killed
/// (an export writes in well under a second); a younger one may be another
/// run's, still writing.
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(15 * 60);

/// Removes our own temporary files left in `dir` by runs that were killed.
/// Best effort: a file that cannot be removed is left.
fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = std::time::SystemTime::now();
    for e in entries.flatten() {
        if !e.file_name().to_str().is_some_and(is_temp_name) {
            continue;
        }
        let stale = e
            .metadata()
            .ok()
            .filter(std::fs::Metadata::is_file)
            .and_then(|m| m.modified().ok())
            .and_then(|t| now.duration_since(t).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if stale {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so a reader never sees half a file and a failure leaves the old one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(anyhow::Error::msg(tr!(
            "输出目录 {} 不存在",
            "the output folder {} does not exist",
            dir.display()
        )));
    }
    remove_stale_temp_files(&dir);
    let mut builder = tempfile::Builder::new();
    builder.prefix(TEMP_PREFIX).suffix(TEMP_SUFFIX);
    // A temporary file is private (0600) by default; an export on a shared
    // folder must be readable by the colleagues it is for (the umask still applies).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(&dir).with_context(|| {
        tr!(
            "无法在 {} 中写入文件，请检查权限",
            "cannot write a file in {}: check the permissions",
            dir.display()
        )
    })?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| tr!("写入 {} 失败", "writing {} failed", path.display()))?;
    tmp.persist(path).map_err(|e| {
        anyhow::Error::msg(tr!(
            "无法替换 {path}：{error}。如果该文件正在 Excel 或 WPS 中打开，请先关闭后重试",
            "cannot replace {path}: {error}. If it is open in Excel or WPS, close it and retry",
            path = path.display(),
            error = e.error,
        ))
    })?;
    Ok(())
}

/// Neutralises a text cell that Excel or WPS would run as a formula (CSV
/// injection): text starting with = + - @, a tab or a carriage return gets a
/// leading apostrophe. Numbers are written as numbers and never pass through here.
pub fn safe_text(s: &str) -> std::borrow::Cow<'_, str> {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '＝' | '＋' | '－' | '＠') => {
            format!("'{s}").into()
        }
        _ => s.into(),
    }
}

/// A text shortened to fit one Excel cell, with a visible note saying so (the
/// whole text is in the CSV and JSON exports); borrowed when it fits.
pub fn excel_cell_text(s: &str) -> std::borrow::Cow<'_, str> {
    const NOTE: &str = "……（原文过长，已截断；全文见 CSV 或 JSON 导出 / text cut to fit an Excel cell; see the CSV or JSON export）";
    if s.len() <= EXCEL_CELL_CHARS || s.chars().count() <= EXCEL_CELL_CHARS {
        return s.into();
    }
    let keep = EXCEL_CELL_CHARS - NOTE.chars().count();
    let mut out: String = s.chars().take(keep).collect();
    out.push_str(NOTE);
    out.into()
}

/// Encodes CSV text for Excel: UTF-8 with a BOM, or GB18030 (a superset of GBK,
/// so nothing is lost; encoding_rs's GBK encoder would write `&#NNNN;` instead).
pub fn encode_for_excel(text: &str, gbk: bool) -> Vec<u8> {
    if gbk {
        let (bytes, _, _) = encoding_rs::GB18030.encode(text);
        bytes.into_owned()
    } else {
        let mut out = b"\xEF\xBB\xBF".to_vec();
        out.extend_from_slice(text.as_bytes());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(safe_text("=1+1"), "'=1+1");
        assert_eq!(safe_text("+86"), "'+86");
        assert_eq!(safe_text("-3"), "'-3");
        assert_eq!(safe_text("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe_text("\tx"), "'\tx");
        assert_eq!(safe_text("县人社局"), "县人社局");
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("报告 六月.csv");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&p).unwrap().permissions().mode();
            assert_eq!(
                mode & 0o044,
                0o044,
                "readable by group and others: {mode:o}"
            );
        }
        assert!(write_atomic(&dir.path().join("无/x.csv"), b"x").is_err());
    }

    #[test]
    fn long_text_is_cut_to_one_excel_cell_with_a_note() {
        let long = "问".repeat(40_000);
        let cut = excel_cell_text(&long);
        assert_eq!(cut.chars().count(), EXCEL_CELL_CHARS);
        assert!(cut.contains("原文过长"));
        assert_eq!(excel_cell_text("短"), "短");
    }

    #[test]
    fn leftovers_of_a_killed_run_are_removed_fresh_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir.path().join(".mingsheng-abc123.tmp");
        let fresh = dir.path().join(".mingsheng-def456.tmp");
        let other = dir.path().join("old.tmp");
        for p in [&old, &fresh, &other] {
            std::fs::write(p, b"x").unwrap();
        }
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        for p in [&old, &other] {
            std::fs::File::options()
                .write(true)
                .open(p)
                .unwrap()
                .set_modified(hour_ago)
                .unwrap();
        }
        write_atomic(&dir.path().join("报告.csv"), b"1").unwrap();
        assert!(!old.exists());
        assert!(fresh.exists() && other.exists());
    }

    #[test]
    fn gbk_round_trips() {
        let bytes = encode_for_excel("县人社局", true);
        let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
        assert!(!bad);
        assert_eq!(text, "县人社局");
        assert!(encode_for_excel("x", false).starts_with(b"\xEF\xBB\xBF"));
    }
}
