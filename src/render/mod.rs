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
    // Whole hundredths as an integer: formatting an f64 with a precision
    // (`{:.0}`, `{:.2}`) takes thousands of instructions, and every finding of
    // a check quotes figures (issue 16). Below 10¹⁵ hundredths the f64
    // `cents / 100` prints as exactly these digits, so the text is the same.
    let cents = (x * 100.0).round();
    if cents.abs() < 1e15 {
        let c = cents as i64;
        let sign = if c < 0 { "-" } else { "" };
        let (int, frac) = (c.unsigned_abs() / 100, c.unsigned_abs() % 100);
        return match frac {
            0 => format!("{sign}{int}"),
            f if f % 10 == 0 => format!("{sign}{int}.{}", f / 10),
            f => format!("{sign}{int}.{f:02}"),
        };
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

    /// The formatting `num` did before its integer fast path (issue 16).
    fn num_by_precision(x: f64) -> String {
        let r = (x * 100.0).round() / 100.0 + 0.0;
        if r.fract() == 0.0 {
            format!("{r:.0}")
        } else {
            let s = format!("{r:.2}");
            s.trim_end_matches('0').to_string()
        }
    }

    #[test]
    fn num_is_the_same_text_as_formatting_with_a_precision() {
        let edges = [
            0.0,
            -0.0,
            0.004,
            -0.004,
            0.005,
            -0.005,
            0.125,
            1.005,
            2.675,
            99.995,
            -7.5,
            0.1,
            0.7,
            80000.0,
            191700.0,
            19.17,
            1e9 + 0.01,
            9.99e12,
            1e13 - 0.01,
            -1e13 + 0.01,
            1e14,
        ];
        for x in edges {
            assert_eq!(num(x), num_by_precision(x), "{x}");
        }
        // Values as wide as the figures and targets a plan holds, and wider.
        let mut seed = 0x9E37_79B9_7F4A_7C15u64;
        for _ in 0..200_000 {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let mantissa = (seed >> 11) as f64 / (1u64 << 53) as f64;
            let scale = 10f64.powi(((seed >> 3) % 16) as i32 - 3);
            let x = (mantissa - 0.3) * scale;
            assert_eq!(num(x), num_by_precision(x), "{x}");
        }
    }

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
