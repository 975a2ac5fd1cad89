//! Writing export files: whole or not at all, and safe to open in Excel or WPS.

use anyhow::{Context, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same folder and a
/// rename, so a reader never sees half a file and a failure leaves the old one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !dir.is_dir() {
        anyhow::bail!(
            "输出目录 {} 不存在 (output folder does not exist)",
            dir.display()
        );
    }
    let mut builder = tempfile::Builder::new();
    builder.prefix(".mingsheng-").suffix(".tmp");
    // A temporary file is private (0600) by default; an export on a shared
    // folder must be readable by the colleagues it is for (the umask still applies).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(&dir).with_context(|| {
        format!(
            "无法在 {} 中写入文件，请检查权限 (cannot write in this folder)",
            dir.display()
        )
    })?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("写入 {} 失败 (write failed)", path.display()))?;
    tmp.persist(path).map_err(|e| {
        anyhow::anyhow!(
            "无法替换 {}：{}。如果该文件正在 Excel 或 WPS 中打开，请先关闭后重试 (cannot replace the file; close it in Excel/WPS and retry)",
            path.display(),
            e.error
        )
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
    fn gbk_round_trips() {
        let bytes = encode_for_excel("县人社局", true);
        let (text, _, bad) = encoding_rs::GB18030.decode(&bytes);
        assert!(!bad);
        assert_eq!(text, "县人社局");
        assert!(encode_for_excel("x", false).starts_with(b"\xEF\xBB\xBF"));
    }
}
