//! Turning results into what people and scripts read: terminal tables, sheets
//! (CSV, xlsx, Markdown, HTML), the blank form's workbook, and files written
//! whole or not at all. Numbers as the county writes them are in
//! [`crate::value`], beside reading them.

pub mod export;
pub mod form_xlsx;
pub mod sheet;
pub mod table;
pub mod xlsx;
