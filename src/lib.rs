//! mingsheng (民生): the year's livelihood task list, the departments' monthly
//! progress, the monthly dispatch report and the quarterly evaluation.
//!
//! The domain (`plan`, `assess`, `score`) is pure; `workspace` and `progress`
//! turn files into it with diagnostics; `render` turns results into tables and
//! exports; `cmd` holds one module per subcommand.

pub mod archive;
pub mod assess;
pub mod cli;
pub mod cmd;
pub mod diag;
pub mod guide;
pub mod help;
pub mod lang;
pub mod month;
pub mod plan;
pub mod progress;
pub mod render;
pub mod report;
pub mod score;
pub mod trend;
pub mod value;
pub mod workspace;
