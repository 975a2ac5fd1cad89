//! Turning results into what people and scripts read: terminal tables, numbers
//! as the county writes them, and files written whole or not at all.

pub mod export;
pub mod form_xlsx;
pub mod sheet;
pub mod table;

/// Whether to colour output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, clap::ValueEnum)]
pub enum ColorChoice {
    /// 仅在终端上着色，并遵守 NO_COLOR
    #[default]
    Auto,
    Always,
    Never,
}

impl ColorChoice {
    /// Resolves `auto` for a stream: colour only on a terminal, never with `NO_COLOR`.
    pub fn enabled(self, is_terminal: bool) -> bool {
        // An old Windows console shows escape codes as text unless virtual
        // terminal processing can be switched on.
        #[cfg(windows)]
        if self != ColorChoice::Never && !crossterm::ansi_support::supports_ansi() {
            return false;
        }
        match self {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                is_terminal
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        }
    }
}

/// A quantity as a notice writes it: no needless decimals, at most two.
pub fn num(x: f64) -> String {
    if !x.is_finite() {
        return "-".into();
    }
    // `+ 0.0` turns −0 into 0: a sum of no deductions is not "-0".
    let r = (x * 100.0).round() / 100.0 + 0.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        let s = format!("{r:.2}");
        s.trim_end_matches('0').to_string()
    }
}

/// A fraction as a percentage with one decimal: 0.5 → `50.0%`.
pub fn pct(x: f64) -> String {
    format!("{:.1}%", round_half_away(x * 100.0, 1))
}

/// Rounds half away from zero to `dp` decimals (87.45 → 87.5), as people round.
pub fn round_half_away(x: f64, dp: i32) -> f64 {
    let m = 10f64.powi(dp);
    // The nudge absorbs binary error such as 87.45 being stored as 87.4499…
    let y = x * m;
    let nudged = y + y.signum() * 1e-9 * y.abs().max(1.0);
    nudged.round() / m + 0.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_written() {
        assert_eq!(num(3200.0), "3200");
        assert_eq!(num(7.6), "7.6");
        assert_eq!(num(0.125), "0.13");
        assert_eq!(num(-3.0), "-3");
        assert_eq!(pct(0.5), "50.0%");
        assert_eq!(pct(0.87449), "87.4%");
        assert_eq!(pct(0.8745), "87.5%");
        assert_eq!(round_half_away(-2.5, 0), -3.0);
        assert_eq!(num(-0.0), "0");
        assert!(round_half_away(-0.0, 2).is_sign_positive());
    }
}
