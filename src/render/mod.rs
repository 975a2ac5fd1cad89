//! Turning results into what people and scripts read: terminal tables, sheets
//! (CSV, xlsx, Markdown, HTML), JSON as every command prints it, the blank
//! form's workbook, and files written whole or not at all. Numbers as the
//! county writes them are in [`crate::value`], beside reading them.

pub mod export;
pub mod form_xlsx;
pub mod json;
pub mod sheet;
pub mod table;
pub mod xlsx;
