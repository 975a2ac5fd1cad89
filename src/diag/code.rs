//! The registry of diagnostic codes: every code a finding can carry, with the
//! severity it is raised at and one line of doc. Scripts match on the codes,
//! so they never change; `docs/progress-files.md` and `docs/plan-format.md`
//! list them for people, and a test checks that those lists and this one agree.

use super::Severity;
use std::fmt;

/// The severity a code is raised at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Raised {
    Error,
    Warning,
    /// An error or a warning, by case (the doc line says which).
    Either,
}

impl Raised {
    pub fn allows(self, s: Severity) -> bool {
        matches!(
            (self, s),
            (Raised::Either, _)
                | (Raised::Error, Severity::Error)
                | (Raised::Warning, Severity::Warning)
        )
    }
}

macro_rules! codes {
    ($($variant:ident = $code:literal, $raised:ident, $doc:literal;)*) => {
        /// A diagnostic's stable code. Declared in the order of the codes'
        /// text, so that sorting by code sorts as the text does.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum Code {
            $(#[doc = $doc] $variant,)*
        }

        impl Code {
            /// Every code, in the order of their text.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The kebab-case code scripts see, e.g. `unknown-item`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $code,)*
                }
            }

            /// The severity it is raised at.
            pub fn raised(self) -> Raised {
                match self {
                    $(Code::$variant => Raised::$raised,)*
                }
            }

            /// One line saying what it means.
            pub fn doc(self) -> &'static str {
                match self {
                    $(Code::$variant => $doc,)*
                }
            }
        }
    };
}

codes! {
    AmbiguousPercent = "ambiguous-percent", Error, "an .xls/.xlsb number cell between 0 and 1 for a % indicator: it may be shown as a percent, which such a workbook cannot tell";
    BadCsv = "bad-csv", Error, "the CSV cannot be split into rows (an unbalanced quote)";
    BadDeadline = "bad-deadline", Error, "a deadline not YYYY-MM or ongoing, or outside the plan year";
    BadEncoding = "bad-encoding", Error, "undecodable bytes: a task list not UTF-8, a progress file in no known encoding, a binary file";
    BadId = "bad-id", Error, "an item id not N.M";
    BadKind = "bad-kind", Error, "an indicator kind not one of cumulative, level, maintain, milestone";
    BadMargin = "bad-margin", Error, "a margin out of range: ahead, severe, tolerance, stage_missed, stage_late";
    BadMonth = "bad-month", Error, "an effective month malformed or outside the plan year";
    BadPath = "bad-path", Either, "a folder under data/ that is not YYYY-MM (error when it looks like a month), a stray file or a copy's name (warning)";
    BadReporting = "bad-reporting", Error, "due_day outside 1–31";
    BadSchedule = "bad-schedule", Error, "a schedule empty, longer than 12, outside 0–1, or decreasing";
    BadScoring = "bad-scoring", Error, "a deduction written positive, or sharing/year misspelt";
    BadShort = "bad-short", Error, "an item's short name empty, over 20 characters or on several lines";
    BadStage = "bad-stage", Error, "stages where they cannot be, or a stage month malformed, outside the year, after the deadline or before the stage above";
    BadValue = "bad-value", Error, "a figure that cannot be read as a number without guessing";
    BadWorkbook = "bad-workbook", Error, "a WPS .et file, an encrypted or a damaged workbook";
    BadYear = "bad-year", Error, "plan.year outside 2000–2100";
    BaselineNotBelowTarget = "baseline-not-below-target", Error, "a level indicator's baseline not below its target";
    ChangedAfterClose = "changed-after-close", Error, "a closed month's live file differs from its record in archive/";
    CumulativeDecrease = "cumulative-decrease", Warning, "a cumulative value below the last earlier value of the year";
    DuplicateAlias = "duplicate-alias", Error, "a unit's name or alias that already names another unit";
    DuplicateColumn = "duplicate-column", Error, "the same column twice in a progress file";
    DuplicateEffective = "duplicate-effective", Error, "two plan versions with one effective month";
    DuplicateFile = "duplicate-file", Error, "a second file for the same unit and month";
    DuplicateId = "duplicate-id", Error, "an id, task number, item id, indicator id, stage or category used twice";
    DuplicateLead = "duplicate-lead", Warning, "a lead unit listed twice";
    DuplicateMember = "duplicate-member", Warning, "a working-group member listed twice";
    DuplicateRow = "duplicate-row", Error, "the same indicator (or stage) twice in one file";
    DuplicateVersion = "duplicate-version", Error, "two plan versions with one label";
    EmptyFile = "empty-file", Either, "nothing in the file (error), or a header without rows (warning)";
    EmptyMonth = "empty-month", Error, "check --month M where data/M/ holds no file at all";
    EmptyName = "empty-name", Error, "a name, convener or deputy left empty";
    FileTooLarge = "file-too-large", Error, "a file over 50 MB, or a workbook that unpacks to over 100 MB";
    ImplausibleValue = "implausible-value", Warning, "a figure far off the target or the month before";
    LongText = "long-text", Warning, "a text cell over an Excel cell's 32,767 characters";
    MissingColumn = "missing-column", Error, "no 事项编号 header, or neither 累计完成 nor 状态";
    MissingField = "missing-field", Error, "a required field of the task list missing";
    MissingIndicator = "missing-indicator", Error, "指标 empty where the item has several indicators";
    MissingItem = "missing-item", Error, "事项编号 empty";
    MissingReport = "missing-report", Warning, "reporting units that filed nothing that month";
    NegativeValue = "negative-value", Error, "a negative figure: progress is never negative";
    NoFigures = "no-figures", Warning, "no row gives a value or a status (a template saved blank)";
    NoPlan = "no-plan", Error, "seeds/ holds no task list";
    NoPlanForMonth = "no-plan-for-month", Error, "a month folder before the first plan version";
    NotAFile = "not-a-file", Warning, "a pipe, a device or a broken link named like a progress file";
    NotCsv = "not-csv", Warning, "a file that is neither CSV nor a workbook, not read";
    PercentOutOfRange = "percent-out-of-range", Error, "a percent target above 100";
    RaggedRow = "ragged-row", Error, "fewer cells than the header (row not read), or text beyond it";
    SkippedRow = "skipped-row", Warning, "a 合计 or 填表人 row";
    StageValueIgnored = "stage-value-ignored", Warning, "a value in 累计完成 on a stage row: only 状态 is read there";
    TargetNotPositive = "target-not-positive", Error, "a target 0 or negative, or a negative baseline";
    TomlSyntax = "toml-syntax", Error, "malformed TOML";
    TypedExtension = "typed-extension", Warning, "县妇联.csv.csv: the extension typed again; read as that unit's file";
    UncachedFormula = "uncached-formula", Error, "a workbook whose formulas carry no saved values";
    UnknownCategory = "unknown-category", Error, "an item category not in plan.categories";
    UnknownColumn = "unknown-column", Warning, "a column the tool does not know (ignored)";
    UnknownField = "unknown-field", Error, "a field the task list does not have";
    UnknownIndicator = "unknown-indicator", Error, "not an indicator of the item";
    UnknownItem = "unknown-item", Error, "事项编号 not in the task list";
    UnknownStatus = "unknown-status", Error, "a status not 未启动, 推进中 or 已完成";
    UnknownTask = "unknown-task", Error, "an item whose task is missing";
    UnknownUnit = "unknown-unit", Error, "a file name or a unit reference that names no unit";
    UnreadableFile = "unreadable-file", Error, "a file that could not be read (permissions, a share gone)";
    UnsupportedFormat = "unsupported-format", Error, "format newer than 1, or below 1";
    UnusedBaseline = "unused-baseline", Warning, "a baseline on a kind other than level";
    WrongReporter = "wrong-reporter", Error, "another unit reports this indicator";
    WrongType = "wrong-type", Error, "a task-list value of the wrong type (an unquoted month)";
    WrongUnit = "wrong-unit", Error, "a unit after the number that is not the indicator's";
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn codes_are_kebab_case_unique_and_in_the_order_of_their_text() {
        let texts: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        let mut sorted = texts.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(texts, sorted);
        for t in texts {
            assert!(
                t.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{t}"
            );
        }
        for c in Code::ALL {
            assert!(!c.doc().is_empty());
        }
    }

    /// The backquoted codes of the pages that list them for people.
    fn documented() -> BTreeSet<String> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut out = BTreeSet::new();
        for page in [
            "docs/progress-files.md",
            "docs/plan-format.md",
            "docs/closing.md",
        ] {
            let text = std::fs::read_to_string(root.join(page)).unwrap();
            for part in text.split('`').skip(1).step_by(2) {
                let kebab = part.contains('-')
                    && part.starts_with(|c: char| c.is_ascii_lowercase())
                    && !part.starts_with('-')
                    && !part.ends_with('-')
                    && part
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
                if kebab {
                    out.insert(part.to_string());
                }
            }
        }
        out
    }

    /// The codes in backquotes in `text`.
    fn codes_in(text: &str) -> Vec<Code> {
        text.split('`')
            .skip(1)
            .step_by(2)
            .filter_map(|t| Code::ALL.iter().copied().find(|c| c.as_str() == t))
            .collect()
    }

    fn page(name: &str) -> String {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        std::fs::read_to_string(root.join(name)).unwrap()
    }

    /// Where the docs say a code's severity, it is the registry's: the
    /// progress-file table's severity column, the task list's table of errors
    /// and its paragraph of warnings.
    #[test]
    fn the_docs_give_each_code_its_registered_severity() {
        let said = |c: Code, raised: Raised, where_: &str| {
            assert_eq!(c.raised(), raised, "{} in {where_}", c.as_str());
        };
        let mut checked = 0;
        for line in page("docs/progress-files.md").lines() {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            if cells.len() < 4 || !cells[1].starts_with('`') {
                continue;
            }
            let raised = match cells[2] {
                "error" => Raised::Error,
                "warning" => Raised::Warning,
                "error / warning" => Raised::Either,
                _ => continue,
            };
            for c in codes_in(cells[1]) {
                said(c, raised, "docs/progress-files.md");
                checked += 1;
            }
        }
        let plan = page("docs/plan-format.md");
        let validation = &plan[plan.find("## 5. Validation").unwrap()..];
        let validation = &validation[..validation.find("\n## ").unwrap()];
        let (errors, warnings) = validation
            .split_once("Warnings (the file still loads)")
            .unwrap();
        for c in codes_in(errors) {
            assert_ne!(
                c.raised(),
                Raised::Warning,
                "{} in docs/plan-format.md",
                c.as_str()
            );
            checked += 1;
        }
        for c in codes_in(warnings) {
            assert_ne!(
                c.raised(),
                Raised::Error,
                "{} in docs/plan-format.md",
                c.as_str()
            );
            checked += 1;
        }
        assert!(checked > 40, "only {checked} codes found with a severity");
    }

    #[test]
    fn the_docs_list_every_code_and_no_other() {
        let registry: BTreeSet<String> = Code::ALL.iter().map(|c| c.as_str().to_string()).collect();
        let docs = documented();
        let undocumented: Vec<_> = registry.difference(&docs).collect();
        let unknown: Vec<_> = docs.difference(&registry).collect();
        assert!(
            undocumented.is_empty(),
            "codes missing from the docs: {undocumented:?}"
        );
        assert!(
            unknown.is_empty(),
            "codes in the docs but not in the registry: {unknown:?}"
        );
    }
}
