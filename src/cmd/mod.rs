//! One module per subcommand, each with its usage at the top and one `run`.

pub mod check;
pub mod plan;
pub mod report;
pub mod template;

use crate::render::export::write_atomic;
use anyhow::Result;
use std::path::Path;

/// Prints text to stdout, or writes it whole to `-o FILE`.
pub fn emit(output: Option<&Path>, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    match output {
        Some(p) => write_atomic(p, bytes),
        None => {
            let mut out = std::io::stdout().lock();
            // A closed pipe (`| head`) is not an error worth a message.
            match out.write_all(bytes).and_then(|_| out.flush()) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
                r => Ok(r?),
            }
        }
    }
}
