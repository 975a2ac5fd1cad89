//! Turning the bytes of a progress file into text.
//!
//! Departments save from Excel or WPS on Chinese Windows, so a file may be UTF-8
//! with or without a BOM, GB18030/GBK (Excel's default "CSV (逗号分隔)" there), or
//! Excel's "Unicode 文本" (UTF-16 with a BOM, tab-separated). The order matters:
//! a BOM decides; then strict UTF-8, because most UTF-8 Chinese text is also
//! valid GB18030 (the reverse is rare); then GB18030, a superset of GBK. Short
//! GBK text can happen to be valid UTF-8, hence the `--encoding` override.

use encoding_rs::{Encoding, GB18030, UTF_16BE, UTF_16LE, UTF_8};
use std::borrow::Cow;

/// A decoded file.
#[derive(Debug)]
pub struct Decoded<'a> {
    pub text: Cow<'a, str>,
    /// The encoding found (or forced).
    pub encoding: &'static Encoding,
    /// `\t` for Excel's Unicode text, else `,`.
    pub delimiter: u8,
}

/// Why a file could not be decoded.
#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    /// The file holds nothing but perhaps a BOM and whitespace.
    Empty,
    /// A zip container: an .xlsx (or .et) workbook renamed to .csv.
    Workbook,
    /// NUL bytes without a UTF-16 BOM: not a text file.
    Binary,
    /// Bytes that are not valid in the encoding, from `offset` (into the file).
    Malformed {
        encoding: &'static Encoding,
        offset: usize,
    },
}

/// Decodes a file, detecting its encoding unless `forced`.
pub fn decode<'a>(
    bytes: &'a [u8],
    forced: Option<&'static Encoding>,
) -> Result<Decoded<'a>, DecodeError> {
    if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"\xD0\xCF\x11\xE0") {
        return Err(DecodeError::Workbook);
    }
    // A BOM always wins: Excel writes one for UTF-8 with BOM and Unicode text.
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        if forced.is_none() || forced == Some(enc) || (enc != UTF_8 && forced == Some(UTF_8)) {
            return finish(&bytes[bom_len..], enc, bom_len);
        }
    }
    if bytes.contains(&0) && forced.is_none() {
        return Err(DecodeError::Binary);
    }
    match forced {
        Some(enc) => {
            let body = if enc == UTF_8 {
                bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
            } else {
                bytes
            };
            finish(body, enc, bytes.len() - body.len())
        }
        None => match std::str::from_utf8(bytes) {
            Ok(s) => check_empty(Decoded {
                text: Cow::Borrowed(s),
                encoding: UTF_8,
                delimiter: delimiter_of(s),
            }),
            Err(_) => finish(bytes, GB18030, 0),
        },
    }
}

fn finish<'a>(
    body: &'a [u8],
    enc: &'static Encoding,
    skip: usize,
) -> Result<Decoded<'a>, DecodeError> {
    let text: Cow<'a, str> = if enc == UTF_8 {
        match std::str::from_utf8(body) {
            Ok(s) => Cow::Borrowed(s),
            Err(e) => {
                return Err(DecodeError::Malformed {
                    encoding: enc,
                    offset: skip + e.valid_up_to(),
                })
            }
        }
    } else {
        match enc.decode_without_bom_handling_and_without_replacement(body) {
            Some(t) => t,
            None => {
                return Err(DecodeError::Malformed {
                    encoding: enc,
                    offset: skip + first_bad(body, enc),
                })
            }
        }
    };
    let delimiter = delimiter_of(&text);
    check_empty(Decoded {
        text,
        encoding: enc,
        delimiter,
    })
}

fn check_empty(d: Decoded<'_>) -> Result<Decoded<'_>, DecodeError> {
    if d.text.trim_start_matches('\u{feff}').trim().is_empty() {
        Err(DecodeError::Empty)
    } else {
        Ok(d)
    }
}

/// Tab-separated when the first line has a tab and no comma (Excel's Unicode
/// text, or a table pasted from Excel into Notepad).
fn delimiter_of(text: &str) -> u8 {
    let first = text.lines().next().unwrap_or("");
    if first.contains('\t') && !first.contains(',') {
        b'\t'
    } else {
        b','
    }
}

/// Offset of the first byte the decoder rejects.
fn first_bad(body: &[u8], enc: &'static Encoding) -> usize {
    use encoding_rs::DecoderResult;
    let mut dec = enc.new_decoder_without_bom_handling();
    let mut out = String::with_capacity(dec.max_utf8_buffer_length(body.len()).unwrap_or(0));
    let (res, read) = dec.decode_to_string_without_replacement(body, &mut out, true);
    match res {
        DecoderResult::Malformed(bad, pending) => {
            read.saturating_sub(bad as usize + pending as usize)
        }
        _ => read.min(body.len().saturating_sub(1)),
    }
}

/// The encoding's name as a clerk knows it.
pub fn encoding_label(enc: &'static Encoding) -> &'static str {
    if enc == UTF_8 {
        "UTF-8"
    } else if enc == GB18030 {
        "GBK/GB18030"
    } else if enc == UTF_16LE || enc == UTF_16BE {
        "UTF-16 (Unicode 文本)"
    } else {
        enc.name()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_encodings() {
        let d = decode("事项编号,累计完成\n".as_bytes(), None).unwrap();
        assert_eq!(d.encoding, UTF_8);
        let d = decode(b"\xEF\xBB\xBFitem,value\r\n", None).unwrap();
        assert_eq!(d.text, "item,value\r\n");
        let (gbk, _, _) = GB18030.encode("事项编号,累计完成\n1.1,3200\n");
        let d = decode(&gbk, None).unwrap();
        assert_eq!(d.encoding, GB18030);
        assert_eq!(d.text, "事项编号,累计完成\n1.1,3200\n");
        let mut u16 = vec![0xFF, 0xFE];
        for u in "事项编号\t累计完成\n".encode_utf16() {
            u16.extend_from_slice(&u.to_le_bytes());
        }
        let d = decode(&u16, None).unwrap();
        assert_eq!(d.delimiter, b'\t');
        assert_eq!(d.text, "事项编号\t累计完成\n");
    }

    #[test]
    fn refuses_what_is_not_text() {
        assert_eq!(decode(b"", None).unwrap_err(), DecodeError::Empty);
        assert_eq!(
            decode(b"\xEF\xBB\xBF \r\n", None).unwrap_err(),
            DecodeError::Empty
        );
        assert_eq!(
            decode(b"PK\x03\x04abc", None).unwrap_err(),
            DecodeError::Workbook
        );
        assert_eq!(decode(b"ab\0cd", None).unwrap_err(), DecodeError::Binary);
        // 0x81 0x20 is not a GB18030 sequence.
        match decode(b"item,value\n1.1,\x81\x20\n", None).unwrap_err() {
            DecodeError::Malformed { offset, .. } => assert_eq!(offset, 15),
            e => panic!("{e:?}"),
        }
        match decode(b"item\n\xEF\xBB\xBF\xff", Some(UTF_8)).unwrap_err() {
            DecodeError::Malformed { offset, .. } => assert_eq!(offset, 8),
            e => panic!("{e:?}"),
        }
    }

    #[test]
    fn override_reads_utf8_looking_bytes_as_gbk() {
        // "浣犲ソ" in UTF-8 is valid, but these bytes are meant as GBK here.
        let (gbk, _, _) = GB18030.encode("涓枃");
        let d = decode(&gbk, Some(GB18030)).unwrap();
        assert_eq!(d.text, "涓枃");
    }
}
