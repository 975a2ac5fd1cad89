//! The floor for `check` and `report` (issue 6): the least any reader of a workspace
//! must do — read every `data/YYYY-MM/*.csv`, decode it (BOM, strict UTF-8, else
//! GB18030, as the tool detects) and split it into records with the csv crate —
//! and nothing else: no plan, no values, no diagnostics.
//!
//! `cargo run --release --example csv_floor -- WORKSPACE` prints
//! `files=… rows=… bytes=… fields=…`, where rows are the records after the header
//! (a title row above the header counts as a row here).

use std::borrow::Cow;
use std::path::Path;

fn decode(bytes: &[u8]) -> Cow<'_, str> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(rest);
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) => encoding_rs::GB18030.decode_without_bom_handling(bytes).0,
    }
}

fn main() -> std::io::Result<()> {
    let root = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let data = Path::new(&root).join("data");
    let mut months: Vec<_> = std::fs::read_dir(&data)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    months.sort();
    let (mut files, mut rows, mut bytes, mut fields) = (0usize, 0usize, 0usize, 0usize);
    let mut record = csv::StringRecord::new();
    for month in months {
        let mut paths: Vec<_> = std::fs::read_dir(&month)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "csv"))
            .collect();
        paths.sort();
        for p in paths {
            let raw = std::fs::read(&p)?;
            bytes += raw.len();
            files += 1;
            let text = decode(&raw);
            let mut rdr = csv::ReaderBuilder::new()
                .flexible(true)
                .has_headers(true)
                .from_reader(text.as_bytes());
            while rdr.read_record(&mut record)? {
                rows += 1;
                fields += record.len();
            }
        }
    }
    println!("files={files} rows={rows} bytes={bytes} fields={fields}");
    Ok(())
}
