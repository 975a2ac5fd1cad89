//! Reading `data/YYYY-MM/UNIT.csv` files into [`Progress`], with diagnostics.
//! (Being written on the `intake` branch; this is its agreed signature.)

use super::Progress;
use crate::diag::Diagnostics;
use crate::month::Month;
use crate::plan::PlanSet;
use crate::workspace::{Workspace, WorkspaceError};

/// Which months to read and how.
#[derive(Clone, Debug, Default)]
pub struct ReadOptions {
    /// First month to read (inclusive); `None` = the earliest folder.
    pub from: Option<Month>,
    /// Last month to read (inclusive); `None` = the latest folder.
    pub to: Option<Month>,
    /// Forces an encoding instead of detecting it (`--encoding gbk`).
    pub encoding: Option<&'static encoding_rs::Encoding>,
}

/// Reads every progress file of the months asked for. Problems in the files are
/// diagnostics; only a failure to list or read the folders is an error.
pub fn read_progress(
    _ws: &Workspace,
    _plans: &PlanSet,
    _opts: &ReadOptions,
    _diags: &mut Diagnostics,
) -> Result<Progress, WorkspaceError> {
    unimplemented!("the intake branch provides this")
}
