//! Task-list files (`seeds/*.toml`) into [`Plan`]s, with diagnostics.
//!
//! The file is parsed into toml's spanned document tree and walked by hand rather
//! than deserialized with serde: serde stops at the first problem, and a clerk
//! editing the plan wants every problem at once, each pointing at its line.

use super::*;
use crate::diag::{Code, Diagnostic, Diagnostics};
use crate::lang::Text;
use crate::tr;
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use toml::de::{DeTable, DeValue};
use toml::Spanned;

type Span = Range<usize>;

/// Reads every version of the plan. `files` are (workspace-relative path, text).
/// Versions that fail to load are left out; their problems are in `diags`.
pub fn load_plan_set(files: &[(String, String)], diags: &mut Diagnostics) -> PlanSet {
    let mut versions: Vec<(Plan, Span, Span)> = Vec::new();
    for (path, text) in files {
        let mut ctx = Ctx {
            file: path,
            src: text,
            diags: Diagnostics::default(),
            lines: std::cell::OnceCell::new(),
        };
        let plan = parse_plan(&mut ctx);
        let failed = ctx.diags.has_errors();
        diags.extend(ctx.diags);
        if let (Some((plan, vspan, espan)), false) = (plan, failed) {
            versions.push((plan, vspan, espan));
        }
    }
    // Two files may not claim one label or one effective month.
    let mut keep = vec![true; versions.len()];
    for b in 0..versions.len() {
        for a in 0..b {
            let (pa, pb) = (&versions[a].0, &versions[b].0);
            if pa.version == pb.version {
                let src = &files.iter().find(|f| f.0 == pb.file).unwrap().1;
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateVersion,
                        tr!(
                            "版本标签「{}」与 {} 重复",
                            "version label `{}` is already used by {}",
                            pb.version,
                            pa.file
                        ),
                    )
                    .file(&pb.file)
                    .span(src, versions[b].1.clone())
                    .hint(tr!(
                        "每个版本文件的 version 必须不同，例如 \"2023-07修订\"",
                        "give each version file its own label, e.g. \"2023-07-rev\""
                    )),
                );
                keep[b] = false;
            } else if pa.effective == pb.effective {
                let src = &files.iter().find(|f| f.0 == pb.file).unwrap().1;
                diags.push(
                    Diagnostic::error(
                        Code::DuplicateEffective,
                        tr!(
                            "生效月份 {} 与 {} 重复：无法确定该月适用哪个版本",
                            "effective month {} is also that of {}: which version governs it is ambiguous",
                            pb.effective,
                            pa.file
                        ),
                    )
                    .file(&pb.file)
                    .span(src, versions[b].2.clone()),
                );
                keep[b] = false;
            }
        }
    }
    let mut plans: Vec<Plan> = versions
        .into_iter()
        .zip(keep)
        .filter(|(_, k)| *k)
        .map(|((p, _, _), _)| p)
        .collect();
    plans.sort_by_key(|p| p.effective);
    PlanSet { versions: plans }
}

/// Parses one plan file: the plan, when it could be built at all; every
/// problem found is added to `diags`.
pub fn parse_plan_text(file: &str, src: &str, diags: &mut Diagnostics) -> Option<Plan> {
    let mut ctx = Ctx {
        file,
        src,
        diags: Diagnostics::default(),
        lines: std::cell::OnceCell::new(),
    };
    let plan = parse_plan(&mut ctx);
    let failed = ctx.diags.has_errors();
    diags.extend(ctx.diags);
    plan.filter(|_| !failed).map(|p| p.0)
}

struct Ctx<'a> {
    file: &'a str,
    src: &'a str,
    diags: Diagnostics,
    /// Line starts of `src`, found at the first finding.
    lines: std::cell::OnceCell<crate::diag::LineIndex>,
}

impl Ctx<'_> {
    fn error(&mut self, code: Code, span: Span, message: Text) -> &mut Diagnostic {
        self.push(Diagnostic::error(code, message), span)
    }

    fn warning(&mut self, code: Code, span: Span, message: Text) -> &mut Diagnostic {
        self.push(Diagnostic::warning(code, message), span)
    }

    fn push(&mut self, d: Diagnostic, span: Span) -> &mut Diagnostic {
        // Straight into the list: the caller adds to the finding just made.
        let lines = self
            .lines
            .get_or_init(|| crate::diag::LineIndex::new(self.src));
        self.diags
            .list
            .push(d.file(self.file).span_in(self.src, lines, span));
        self.diags.list.last_mut().expect("just pushed")
    }
}

/// A table being read: remembers which keys were asked for, so the rest can be
/// reported as unknown.
struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    span: Span,
    /// Where the table is, for messages: `[plan]`, `[[items]] 1.1` …
    place: Text,
    known: &'static [&'static str],
}

impl<'t, 'i> Fields<'t, 'i> {
    fn new(
        table: &'t DeTable<'i>,
        span: Span,
        place: impl Into<Text>,
        known: &'static [&'static str],
    ) -> Self {
        Fields {
            table,
            span,
            place: place.into(),
            known,
        }
    }

    fn get(&self, key: &str) -> Option<&'t Spanned<DeValue<'i>>> {
        debug_assert!(self.known.contains(&key), "{key} not declared");
        self.table.get(key)
    }

    /// Reports keys that are not in `known`.
    fn finish(&self, ctx: &mut Ctx) {
        for (key, _) in self.table.iter() {
            if !self.known.contains(&key.get_ref().as_ref()) {
                let k = key.get_ref().to_string();
                let list = self.known.join(", ");
                ctx.error(
                    Code::UnknownField,
                    key.span(),
                    tr!(
                        "{zh} 中没有「{k}」这个字段",
                        "unknown field `{k}` in {en}",
                        zh = self.place.zh,
                        en = self.place.en,
                    ),
                )
                .hint = Some(tr!("可用的字段：{list}", "expected one of: {list}"));
            }
        }
    }

    fn missing(&self, ctx: &mut Ctx, key: &str) {
        // A table's span may begin at the line break before its header.
        let rest = &ctx.src[self.span.start.min(ctx.src.len())..];
        let start = self.span.start + (rest.len() - rest.trim_start().len());
        let span = start..start + 1;
        ctx.error(
            Code::MissingField,
            span,
            tr!(
                "{zh} 缺少必填字段「{key}」",
                "{en} is missing the required field `{key}`",
                zh = self.place.zh,
                en = self.place.en,
            ),
        );
    }

    fn str(&self, ctx: &mut Ctx, key: &str, required: bool) -> Option<(String, Span)> {
        match self.get(key) {
            None => {
                if required {
                    self.missing(ctx, key);
                }
                None
            }
            Some(v) => match v.get_ref() {
                DeValue::String(s) => Some((s.to_string(), v.span())),
                other => {
                    wrong_type(ctx, v.span(), key, "字符串", "a string", other);
                    None
                }
            },
        }
    }

    fn num(&self, ctx: &mut Ctx, key: &str, required: bool) -> Option<(f64, Span)> {
        match self.get(key) {
            None => {
                if required {
                    self.missing(ctx, key);
                }
                None
            }
            Some(v) => match number(v.get_ref()) {
                Some(n) => Some((n, v.span())),
                None => {
                    wrong_type(ctx, v.span(), key, "数字", "a number", v.get_ref());
                    None
                }
            },
        }
    }

    fn int(&self, ctx: &mut Ctx, key: &str, required: bool) -> Option<(i64, Span)> {
        match self.get(key) {
            None => {
                if required {
                    self.missing(ctx, key);
                }
                None
            }
            Some(v) => match v.get_ref() {
                DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                    Ok(n) => Some((n, v.span())),
                    Err(_) => {
                        wrong_type(ctx, v.span(), key, "整数", "an integer", v.get_ref());
                        None
                    }
                },
                other => {
                    wrong_type(ctx, v.span(), key, "整数", "an integer", other);
                    None
                }
            },
        }
    }

    fn strings(&self, ctx: &mut Ctx, key: &str, required: bool) -> Option<Vec<(String, Span)>> {
        let v = match self.get(key) {
            None => {
                if required {
                    self.missing(ctx, key);
                }
                return None;
            }
            Some(v) => v,
        };
        match v.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for e in items.iter() {
                    match e.get_ref() {
                        DeValue::String(s) => out.push((s.to_string(), e.span())),
                        other => wrong_type(ctx, e.span(), key, "字符串", "a string", other),
                    }
                }
                Some(out)
            }
            // A lone string where a list is expected is what people write for one lead.
            DeValue::String(s) => Some(vec![(s.to_string(), v.span())]),
            other => {
                wrong_type(
                    ctx,
                    v.span(),
                    key,
                    "字符串数组",
                    "an array of strings",
                    other,
                );
                None
            }
        }
    }

    fn numbers(&self, ctx: &mut Ctx, key: &str) -> Option<(Vec<f64>, Span)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for e in items.iter() {
                    match number(e.get_ref()) {
                        Some(n) => out.push(n),
                        None => {
                            wrong_type(ctx, e.span(), key, "数字", "a number", e.get_ref());
                            return None;
                        }
                    }
                }
                Some((out, v.span()))
            }
            other => {
                wrong_type(ctx, v.span(), key, "数字数组", "an array of numbers", other);
                None
            }
        }
    }

    fn table(&self, ctx: &mut Ctx, key: &str) -> Option<(&'t DeTable<'i>, Span)> {
        let v = self.get(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span())),
            other => {
                wrong_type(ctx, v.span(), key, "表", "a table", other);
                None
            }
        }
    }

    /// An array of tables (`[[items]]`).
    fn tables(&self, ctx: &mut Ctx, key: &str) -> Vec<(&'t DeTable<'i>, Span)> {
        let Some(v) = self.get(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|e| match e.get_ref() {
                    DeValue::Table(t) => Some((t, e.span())),
                    other => {
                        wrong_type(ctx, e.span(), key, "表", "a table", other);
                        None
                    }
                })
                .collect(),
            other => {
                wrong_type(ctx, v.span(), key, "表数组", "an array of tables", other);
                Vec::new()
            }
        }
    }
}

fn number(v: &DeValue) -> Option<f64> {
    match v {
        DeValue::Integer(i) => i64::from_str_radix(i.as_str(), i.radix())
            .ok()
            .map(|n| n as f64),
        DeValue::Float(f) => f
            .as_str()
            .replace('_', "")
            .parse::<f64>()
            .ok()
            .filter(|x| x.is_finite()),
        _ => None,
    }
}

fn type_name(v: &DeValue) -> (&'static str, &'static str) {
    match v {
        DeValue::String(_) => ("字符串", "a string"),
        DeValue::Integer(_) => ("整数", "an integer"),
        DeValue::Float(_) => ("小数", "a float"),
        DeValue::Boolean(_) => ("布尔值", "a boolean"),
        DeValue::Datetime(_) => ("日期时间", "a datetime"),
        DeValue::Array(_) => ("数组", "an array"),
        DeValue::Table(_) => ("表", "a table"),
    }
}

fn wrong_type(ctx: &mut Ctx, span: Span, key: &str, zh: &str, en: &str, got: &DeValue) {
    let (gz, ge) = type_name(got);
    let hint = if matches!(got, DeValue::Datetime(_)) {
        Some(tr!(
            "月份要加引号，写作 \"2023-06\"",
            "quote months: \"2023-06\""
        ))
    } else {
        None
    };
    let d = ctx.error(
        Code::WrongType,
        span,
        tr!(
            "「{key}」应为{zh}，这里是{gz}",
            "`{key}` must be {en}, found {ge}"
        ),
    );
    d.hint = hint;
}

const TOP: &[&str] = &[
    "format",
    "plan",
    "margins",
    "scoring",
    "reporting",
    "group",
    "units",
    "tasks",
    "items",
];
const PLAN: &[&str] = &[
    "title",
    "year",
    "version",
    "effective",
    "office",
    "categories",
    "source",
];
const MARGINS: &[&str] = &["ahead", "severe", "tolerance", "stage_missed", "stage_late"];
const SCORING: &[&str] = &[
    "base",
    "not_reported",
    "severely_behind",
    "behind",
    "overdue",
    "done_early",
    "streak_months",
    "streak",
    "max_deduction",
    "max_bonus",
    "sharing",
    "rank_bonus",
    "year",
    "late",
];
const REPORTING: &[&str] = &["due_day"];
const GROUP: &[&str] = &["name", "convener", "deputies", "members"];
const UNIT: &[&str] = &["id", "name", "aliases"];
const TASK: &[&str] = &["no", "title"];
const ITEM: &[&str] = &[
    "id",
    "text",
    "short",
    "categories",
    "lead",
    "deadline",
    "indicators",
];
/// Longest short name, in characters: it must fit a narrow table's column.
const SHORT_MAX: usize = 20;
const INDICATOR: &[&str] = &[
    "id", "name", "kind", "target", "unit", "baseline", "reporter", "schedule", "stages",
];
const STAGE: &[&str] = &["name", "due"];

/// The plan, and the spans of its version label and effective month. Read
/// section by section, in the order their findings are reported: the format,
/// the units (everything else names them), `[plan]`, `[margins]`, `[scoring]`,
/// `[reporting]`, `[group]`, the tasks, then the items with their indicators.
fn parse_plan(ctx: &mut Ctx) -> Option<(Plan, Span, Span)> {
    let doc = parse_toml(ctx)?;
    let root_span = doc.span();
    let root = Fields::new(
        doc.get_ref(),
        root_span.clone(),
        tr!("文件顶层", "the top level"),
        TOP,
    );
    // The format version first: a newer file is refused before it can be misread.
    check_format(ctx, &root)?;
    root.finish(ctx);
    let (units, names) = parse_units(ctx, &root, &root_span);
    let resolve = |ctx: &mut Ctx, name: &str, span: Span, role: (&str, &str)| {
        resolve_unit(ctx, &names, name, span, role)
    };
    let head = parse_head(ctx, &root, &resolve);
    let margins = root
        .table(ctx, "margins")
        .map(|(t, span)| parse_margins(ctx, t, span))
        .unwrap_or_default();
    let scoring = root
        .table(ctx, "scoring")
        .map(|(t, span)| parse_scoring(ctx, t, span))
        .unwrap_or_default();
    let reporting = root
        .table(ctx, "reporting")
        .map(|(t, span)| parse_reporting(ctx, t, span))
        .unwrap_or_default();
    let group = root
        .table(ctx, "group")
        .and_then(|(t, span)| parse_group(ctx, t, span, &resolve));
    let (tasks, task_nos) = parse_tasks(ctx, &root);
    let scope = ItemScope {
        plan_year: head
            .year
            .unwrap_or_else(|| head.effective.as_ref().map_or(2000, |e| e.0.year())),
        head: &head,
        task_nos: &task_nos,
        resolve: &resolve,
    };
    let items = parse_items(ctx, &root, &scope);

    let PlanHead {
        title,
        year: Some(year),
        version: Some((version, vspan)),
        effective: Some((effective, espan)),
        office: Some(office),
        categories,
        ..
    } = head
    else {
        return None;
    };
    let plan = Plan {
        offsets: item_offsets(&items),
        title: title.trim().to_string(),
        year,
        version,
        effective,
        office,
        categories,
        margins,
        scoring,
        reporting,
        group,
        units,
        tasks,
        items,
        file: ctx.file.to_string(),
    };
    Some((plan, vspan, espan))
}

/// Where each item's indicators start in the plan's flat list of indicators.
fn item_offsets(items: &[Item]) -> Vec<usize> {
    items
        .iter()
        .scan(0, |n, i| {
            let at = *n;
            *n += i.indicators.len();
            Some(at)
        })
        .collect()
}

/// The TOML tree; a syntax error is reported (every one of them) and ends the
/// reading: nothing after it could be trusted.
fn parse_toml<'a>(ctx: &mut Ctx<'a>) -> Option<Spanned<DeTable<'a>>> {
    let (doc, syntax) = DeTable::parse_recoverable(ctx.src);
    if !syntax.is_empty() {
        for e in syntax {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().to_string();
            ctx.error(
                Code::TomlSyntax,
                span,
                tr!("TOML 格式错误：{msg}", "malformed TOML: {msg}"),
            )
            .hint = Some(tr!(
                "检查引号、方括号和等号是否成对、是否用了中文标点",
                "check quotes, brackets and `=`; Chinese punctuation is not TOML syntax"
            ));
        }
        return None;
    }
    Some(doc)
}

/// `format`: a version this build reads.
fn check_format(ctx: &mut Ctx, root: &Fields) -> Option<()> {
    match root.int(ctx, "format", true) {
        Some((f, span)) if f > FORMAT => {
            ctx.error(
                Code::UnsupportedFormat,
                span,
                tr!(
                    "任务清单格式版本 {f} 比本程序支持的 {FORMAT} 新，不能读取",
                    "task-list format {f} is newer than this build supports ({FORMAT})"
                ),
            )
            .hint = Some(tr!(
                "请升级 mingsheng 后再读取此文件",
                "upgrade mingsheng to read this file"
            ));
            return None;
        }
        Some((f, span)) if f < 1 => {
            ctx.error(
                Code::UnsupportedFormat,
                span,
                tr!("不存在格式版本 {f}", "there is no format version {f}"),
            );
            return None;
        }
        Some(_) => {}
        None => return None,
    }
    Some(())
}

/// `[[units]]`, and every id, name and alias mapped to its unit: one name
/// means one unit.
fn parse_units(
    ctx: &mut Ctx,
    root: &Fields,
    root_span: &Span,
) -> (Vec<Unit>, HashMap<String, usize>) {
    let mut units: Vec<Unit> = Vec::new();
    let mut names: HashMap<String, usize> = HashMap::new();
    for (t, span) in root.tables(ctx, "units") {
        let f = Fields::new(t, span, "[[units]]", UNIT);
        let id = f.str(ctx, "id", true);
        let name = f.str(ctx, "name", true);
        let aliases = f.strings(ctx, "aliases", false).unwrap_or_default();
        f.finish(ctx);
        let (Some((id, id_span)), Some((name, name_span))) = (id, name) else {
            continue;
        };
        let index = units.len();
        let mut claim = |ctx: &mut Ctx, n: &str, span: Span, what: (&str, &str)| {
            claim_name(ctx, &mut names, index, n, span, what)
        };
        claim(ctx, &id, id_span, ("单位编号", "unit id"));
        claim(ctx, &name, name_span, ("单位名称", "unit name"));
        let mut alias_list = Vec::new();
        for (a, span) in aliases {
            claim(ctx, &a, span, ("别名", "alias"));
            alias_list.push(a.trim().to_string());
        }
        units.push(Unit {
            id: id.trim().to_string(),
            name: name.trim().to_string(),
            aliases: alias_list,
        });
    }
    if units.is_empty() {
        ctx.error(
            Code::MissingField,
            root_span.start..root_span.start + 1,
            tr!(
                "任务清单中没有任何 [[units]] 单位",
                "the task list has no [[units]]"
            ),
        );
    }
    (units, names)
}

/// Maps a unit's id, name or alias `n` (trimmed; `what` it is) to unit `index`;
/// a name that is empty or already means another unit is reported instead.
fn claim_name(
    ctx: &mut Ctx,
    names: &mut HashMap<String, usize>,
    index: usize,
    n: &str,
    span: Span,
    what: (&str, &str),
) {
    let n = n.trim().to_string();
    let (wz, we) = what;
    if n.is_empty() {
        ctx.error(
            Code::EmptyName,
            span,
            tr!("{wz}不能为空", "{we} must not be empty"),
        );
        return;
    }
    match names.get(&n) {
        Some(&other) if other != index => {
            let code = if we == "unit id" {
                Code::DuplicateId
            } else {
                Code::DuplicateAlias
            };
            ctx.error(
                code,
                span,
                tr!(
                    "「{n}」已经指第 {} 个单位，不能再指这个单位",
                    "`{n}` already names unit #{}; one name must mean one unit",
                    other + 1
                ),
            );
        }
        Some(_) => {}
        None => {
            names.insert(n, index);
        }
    }
}

/// The unit a name means (an id, name or alias), or a finding naming `role`.
fn resolve_unit(
    ctx: &mut Ctx,
    names: &HashMap<String, usize>,
    name: &str,
    span: Span,
    role: (&str, &str),
) -> Option<usize> {
    let found = names.get(name.trim()).copied();
    let (rz, re) = role;
    if found.is_none() {
        ctx.error(
            Code::UnknownUnit,
            span,
            tr!(
                "{rz}「{name}」不是 [[units]] 中的单位",
                "{re} `{name}` is not one of the [[units]]"
            ),
        )
        .hint = Some(tr!(
            "写单位的编号、名称或别名；新单位请先加到 [[units]]",
            "write a unit's id, name or alias; add a new unit to [[units]] first"
        ));
    }
    found
}

/// What `[plan]` says; a field left out or wrong is `None` (and reported).
#[derive(Default)]
struct PlanHead {
    title: String,
    year: Option<i32>,
    version: Option<(String, Span)>,
    effective: Option<(Month, Span)>,
    office: Option<usize>,
    categories: Vec<String>,
    category_index: HashMap<String, usize>,
}

/// `[plan]`: title, year, version, effective month, office, categories.
fn parse_head(ctx: &mut Ctx, root: &Fields, resolve: &Resolver) -> PlanHead {
    let plan_table = root.table(ctx, "plan");
    if plan_table.is_none() && root.get("plan").is_none() {
        root.missing(ctx, "plan");
    }
    let Some((t, span)) = plan_table else {
        return PlanHead::default();
    };
    let f = Fields::new(t, span, "[plan]", PLAN);
    let title = f.str(ctx, "title", true).map(|s| s.0).unwrap_or_default();
    let year = plan_year(ctx, &f);
    let version = plan_version(ctx, &f);
    let effective = plan_effective(ctx, &f, year);
    let office = f
        .str(ctx, "office", true)
        .and_then(|(n, span)| resolve(ctx, &n, span, ("专班办公室", "office")));
    let (categories, category_index) = plan_categories(ctx, &f);
    let _ = f.str(ctx, "source", false);
    f.finish(ctx);
    PlanHead {
        title,
        year,
        version,
        effective,
        office,
        categories,
        category_index,
    }
}

/// `year`: the plan year, 2000 to 2100.
fn plan_year(ctx: &mut Ctx, f: &Fields) -> Option<i32> {
    let (y, span) = f.int(ctx, "year", true)?;
    if (2000..=2100).contains(&y) {
        return Some(y as i32);
    }
    ctx.error(
        Code::BadYear,
        span,
        tr!("年度 {y} 不合理", "year {y} is out of range"),
    );
    None
}

/// `version`: the label that tells this version from the others, trimmed.
fn plan_version(ctx: &mut Ctx, f: &Fields) -> Option<(String, Span)> {
    let (v, span) = f.str(ctx, "version", true)?;
    if v.trim().is_empty() {
        ctx.error(
            Code::EmptyName,
            span,
            tr!("版本标签不能为空", "the version label must not be empty"),
        );
        return None;
    }
    Some((v.trim().to_string(), span))
}

/// `effective`: the month from which this version governs, inside the plan
/// `year` (when that could be read).
fn plan_effective(ctx: &mut Ctx, f: &Fields, year: Option<i32>) -> Option<(Month, Span)> {
    let (text, span) = f.str(ctx, "effective", true)?;
    let Ok(m) = text.parse::<Month>() else {
        ctx.error(
            Code::BadMonth,
            span,
            tr!(
                "生效月份「{text}」应写作 YYYY-MM",
                "effective month `{text}` must be YYYY-MM"
            ),
        )
        .hint = Some(tr!("例如 \"2023-07\"", "e.g. \"2023-07\""));
        return None;
    };
    if let Some(y) = year.filter(|&y| m.year() != y) {
        ctx.error(
            Code::BadMonth,
            span.clone(),
            tr!(
                "生效月份 {m} 不在计划年度 {y} 内",
                "effective month {m} is outside the plan year {y}"
            ),
        );
    }
    Some((m, span))
}

/// `categories`: the list, and each category's index in it.
fn plan_categories(ctx: &mut Ctx, f: &Fields) -> (Vec<String>, HashMap<String, usize>) {
    let mut categories: Vec<String> = Vec::new();
    let mut category_index: HashMap<String, usize> = HashMap::new();
    for (c, span) in f.strings(ctx, "categories", false).unwrap_or_default() {
        let c = c.trim().to_string();
        if category_index.contains_key(&c) {
            ctx.error(
                Code::DuplicateId,
                span,
                tr!("类型「{c}」重复", "category `{c}` is listed twice"),
            );
        } else {
            category_index.insert(c.clone(), categories.len());
            categories.push(c);
        }
    }
    (categories, category_index)
}

/// `[margins]`: where 超序时 and 严重滞后 begin, the tolerance, the stages' margins.
fn parse_margins(ctx: &mut Ctx, t: &DeTable, span: Span) -> Margins {
    let mut margins = Margins::default();
    let f = Fields::new(t, span, "[margins]", MARGINS);
    for (key, slot) in [
        ("ahead", &mut margins.ahead),
        ("severe", &mut margins.severe),
    ] {
        if let Some((v, span)) = f.num(ctx, key, false) {
            if v > 0.0 && v < 1.0 {
                *slot = v;
            } else {
                ctx.error(
                    Code::BadMargin,
                    span,
                    tr!(
                        "「{key}」= {v} 应是 0 与 1 之间的小数（0.10 表示 10 个百分点）",
                        "`{key}` = {v} must be a fraction between 0 and 1 (0.10 = 10 points)"
                    ),
                );
            }
        }
    }
    parse_stage_margins(ctx, &f, &mut margins);
    tolerance(ctx, &f, &mut margins);
    f.finish(ctx);
    margins
}

/// `[reporting]`: the due day.
fn parse_reporting(ctx: &mut Ctx, t: &DeTable, span: Span) -> Reporting {
    let mut reporting = Reporting::default();
    let f = Fields::new(t, span, "[reporting]", REPORTING);
    if let Some((n, span)) = f.int(ctx, "due_day", false) {
        if (1..=31).contains(&n) {
            reporting.due_day = n as u32;
        } else {
            ctx.error(
                Code::BadReporting,
                span,
                tr!(
                    "due_day = {n} 应是 1 到 31 之间的日期（5 表示次月5日前报送）",
                    "due_day = {n} must be a day from 1 to 31 (5 = due by the 5th of the next month)"
                ),
            );
        }
    }
    f.finish(ctx);
    reporting
}

/// `[[tasks]]`, and the set of their numbers.
fn parse_tasks(ctx: &mut Ctx, root: &Fields) -> (Vec<Task>, HashSet<u32>) {
    let mut tasks: Vec<Task> = Vec::new();
    // Sets beside the lists: a province's plan has tens of thousands of items, and
    // a scan of the list per item made loading quadratic (issue 6).
    let mut task_nos: HashSet<u32> = HashSet::new();
    for (t, span) in root.tables(ctx, "tasks") {
        let f = Fields::new(t, span, "[[tasks]]", TASK);
        let no = f.int(ctx, "no", true);
        let title = f.str(ctx, "title", true);
        f.finish(ctx);
        if let (Some((no, span)), Some((title, _))) = (no, title) {
            if no < 1 {
                ctx.error(
                    Code::BadId,
                    span,
                    tr!("任务序号应从 1 开始", "task numbers start at 1"),
                );
            } else if !task_nos.insert(no as u32) {
                ctx.error(
                    Code::DuplicateId,
                    span,
                    tr!("任务序号 {no} 重复", "task number {no} is used twice"),
                );
            } else {
                tasks.push(Task {
                    no: no as u32,
                    title: title.trim().to_string(),
                });
            }
        }
    }

    (tasks, task_nos)
}

/// What an item is read against: `[plan]`, the plan year, the task numbers,
/// the units.
struct ItemScope<'s> {
    head: &'s PlanHead,
    plan_year: i32,
    task_nos: &'s HashSet<u32>,
    resolve: &'s Resolver<'s>,
}

/// `[[items]]` with their indicators; an item with an error is left out.
fn parse_items(ctx: &mut Ctx, root: &Fields, scope: &ItemScope) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut item_ids: HashSet<String> = HashSet::new();
    for (t, span) in root.tables(ctx, "items") {
        if let Some(item) = parse_item(ctx, t, span, scope, &item_ids) {
            item_ids.insert(item.id.clone());
            items.push(item);
        }
    }
    items
}

/// One `[[items]]` table.
fn parse_item(
    ctx: &mut Ctx,
    t: &DeTable,
    span: Span,
    scope: &ItemScope,
    item_ids: &HashSet<String>,
) -> Option<Item> {
    let (plan_year, task_nos, resolve) = (scope.plan_year, scope.task_nos, scope.resolve);
    let place_id = t
        .get("id")
        .and_then(|v| v.get_ref().as_str())
        .unwrap_or("?")
        .to_string();
    let place = format!("[[items]] {place_id}");
    let f = Fields::new(t, span.clone(), place.clone(), ITEM);
    let id = f.str(ctx, "id", true);
    let text = f.str(ctx, "text", true).map(|s| s.0).unwrap_or_default();
    let short = short_name(ctx, &f);
    let item_categories = item_categories(ctx, &f, scope.head);
    let lead = item_leads(ctx, &f, &span, &place_id, resolve);
    let deadline = f
        .str(ctx, "deadline", true)
        .and_then(|(d, span)| parse_deadline(ctx, &d, span, plan_year));
    let within = (plan_year, deadline);
    let indicators = item_indicators(ctx, &f, &span, &place_id, &lead, within, resolve);
    f.finish(ctx);
    let (id, id_span) = id?;
    let id = id.trim().to_string();
    let task = item_task(ctx, &id, &id_span, task_nos)?;
    if item_ids.contains(&id) {
        ctx.error(
            Code::DuplicateId,
            id_span,
            tr!("事项编号 {id} 重复", "item id {id} is used twice"),
        );
        return None;
    }
    let (Some(deadline), false) = (deadline, lead.is_empty()) else {
        return None;
    };
    Some(Item {
        id,
        task,
        text: text.trim().to_string(),
        short,
        categories: item_categories,
        lead,
        deadline,
        indicators,
    })
}

/// An item's categories, by index into `[plan]`'s.
fn item_categories(ctx: &mut Ctx, f: &Fields, head: &PlanHead) -> Vec<usize> {
    let (categories, category_index) = (&head.categories, &head.category_index);
    let mut item_categories = Vec::new();
    for (c, span) in f.strings(ctx, "categories", false).unwrap_or_default() {
        match category_index.get(c.trim()) {
            Some(&i) => item_categories.push(i),
            None => {
                // A short list: the hint must not cost the whole list per finding.
                let mut list = categories
                    .iter()
                    .take(8)
                    .map(String::as_str)
                    .collect::<Vec<_>>()
                    .join("、");
                if categories.len() > 8 {
                    list.push_str(" …");
                }
                ctx.error(
                    Code::UnknownCategory,
                    span,
                    tr!(
                        "类型「{c}」不在 [plan] categories 中",
                        "category `{c}` is not in [plan] categories"
                    ),
                )
                .hint = Some(tr!("可用的类型：{list}", "known categories: {list}"));
            }
        }
    }
    item_categories
}

/// An item's lead units (牵头单位), the first the main one.
fn item_leads(
    ctx: &mut Ctx,
    f: &Fields,
    span: &Span,
    place_id: &str,
    resolve: &Resolver,
) -> Vec<usize> {
    let mut lead = Vec::new();
    let lead_list = f.strings(ctx, "lead", true);
    if let Some(list) = &lead_list {
        if list.is_empty() {
            ctx.error(
                Code::MissingField,
                f.get("lead").map_or(span.clone(), |v| v.span()),
                tr!(
                    "事项 {place_id} 没有牵头单位",
                    "item {place_id} has no lead unit"
                ),
            );
        }
        for (n, span) in list {
            if let Some(u) = resolve(ctx, n, span.clone(), ("牵头单位", "lead unit")) {
                if lead.contains(&u) {
                    ctx.warning(
                        Code::DuplicateLead,
                        span.clone(),
                        tr!("牵头单位「{n}」写了两次", "lead unit `{n}` is listed twice"),
                    );
                } else {
                    lead.push(u);
                }
            }
        }
    }
    lead
}

/// An item's indicators, each with its stages.
fn item_indicators(
    ctx: &mut Ctx,
    f: &Fields,
    span: &Span,
    place_id: &str,
    lead: &[usize],
    within: (i32, Option<Deadline>),
    resolve: &Resolver,
) -> Vec<Indicator> {
    let mut indicators: Vec<Indicator> = Vec::new();
    let ind_tables = f.tables(ctx, "indicators");
    if ind_tables.is_empty() && f.get("indicators").is_none() {
        ctx.error(
            Code::MissingField,
            span.start..span.start + 1,
            tr!(
                "事项 {place_id} 没有指标：没有数字目标的事项也要写一个 kind = \"milestone\" 的指标",
                "item {place_id} has no indicators: an item without a number needs one with kind = \"milestone\""
            ),
        );
    }
    // Stage names share the 指标 column with indicator ids and names.
    let mut stage_names = indicator_words(&ind_tables);
    for (it, ispan) in ind_tables {
        if let Some(mut ind) = parse_indicator(ctx, it, ispan, place_id, lead, &resolve) {
            ind.0.stages = parse_stages(ctx, it, &ind.0, place_id, within, &mut stage_names);
            if indicators.iter().any(|k| k.id == ind.0.id) {
                ctx.error(
                    Code::DuplicateId,
                    ind.1,
                    tr!(
                        "事项 {place_id} 中指标编号「{}」重复",
                        "indicator id `{}` is used twice in item {place_id}",
                        ind.0.id
                    ),
                );
            } else {
                indicators.push(ind.0);
            }
        }
    }
    indicators
}

/// The task an item id (`N.M`) belongs to; a malformed id gives `None`.
fn item_task(ctx: &mut Ctx, id: &str, id_span: &Span, task_nos: &HashSet<u32>) -> Option<u32> {
    let task = match id
        .split_once('.')
        .map(|(n, m)| (n.parse::<u32>(), m.parse::<u32>()))
    {
        Some((Ok(n), Ok(m))) if n >= 1 && m >= 1 => n,
        _ => {
            ctx.error(
                Code::BadId,
                id_span.clone(),
                tr!(
                    "事项编号「{id}」应写作 任务序号.事项序号，例如 \"10.3\"",
                    "item id `{id}` must be TASK.ITEM, e.g. \"10.3\""
                ),
            );
            return None;
        }
    };
    if !task_nos.contains(&task) {
        ctx.error(
            Code::UnknownTask,
            id_span.clone(),
            tr!(
                "事项 {id} 所属的任务 {task} 不在 [[tasks]] 中",
                "item {id} belongs to task {task}, which is not in [[tasks]]"
            ),
        );
    }
    Some(task)
}

/// `[group]`: the working group. Posts are text; members must be units, each
/// named once. A broken group is reported and left out, never half-read.
fn parse_group(ctx: &mut Ctx, t: &DeTable, span: Span, resolve: &Resolver) -> Option<Group> {
    let f = Fields::new(t, span, "[group]", GROUP);
    let errors = ctx.diags.errors();
    let name = f.str(ctx, "name", false).map(|s| s.0.trim().to_string());
    let convener = f.str(ctx, "convener", true);
    if let Some((c, span)) = &convener {
        if c.trim().is_empty() {
            ctx.error(
                Code::EmptyName,
                span.clone(),
                tr!(
                    "召集人不能为空：写职务，例如 \"县政府常务副县长\"",
                    "the convener must not be empty: write the post, e.g. \"县政府常务副县长\""
                ),
            );
        }
    }
    let mut deputies = Vec::new();
    for (d, span) in f.strings(ctx, "deputies", false).unwrap_or_default() {
        if d.trim().is_empty() {
            ctx.error(
                Code::EmptyName,
                span,
                tr!("副召集人不能为空", "a deputy convener must not be empty"),
            );
        } else {
            deputies.push(d.trim().to_string());
        }
    }
    let mut members: Vec<usize> = Vec::new();
    for (n, span) in f.strings(ctx, "members", true).unwrap_or_default() {
        let Some(u) = resolve(ctx, &n, span.clone(), ("成员单位", "member unit")) else {
            continue;
        };
        if members.contains(&u) {
            ctx.warning(
                Code::DuplicateMember,
                span,
                tr!(
                    "成员单位「{n}」写了两次",
                    "member unit `{n}` is listed twice"
                ),
            );
        } else {
            members.push(u);
        }
    }
    f.finish(ctx);
    if ctx.diags.errors() > errors {
        return None;
    }
    Some(Group {
        name: name.unwrap_or_default(),
        convener: convener?.0.trim().to_string(),
        deputies,
        members,
    })
}

fn parse_deadline(ctx: &mut Ctx, d: &str, span: Span, year: i32) -> Option<Deadline> {
    let t = d.trim();
    if t.eq_ignore_ascii_case("ongoing") || t == "长期坚持" {
        return Some(Deadline::Ongoing);
    }
    match Month::parse_loose(t) {
        Some(m) if m.year() == year => Some(Deadline::Month(m)),
        Some(m) => {
            ctx.error(
                Code::BadDeadline,
                span,
                tr!(
                    "完成时限 {m} 不在计划年度 {year} 内",
                    "deadline {m} is outside the plan year {year}"
                ),
            );
            None
        }
        None => {
            ctx.error(
                Code::BadDeadline,
                span,
                tr!(
                    "完成时限「{d}」应写作 \"YYYY-MM\" 或 \"ongoing\"（长期坚持）",
                    "deadline `{d}` must be \"YYYY-MM\" or \"ongoing\""
                ),
            )
            .hint = Some(tr!(
                "2023年12月底前 写作 \"2023-12\"",
                "write \"2023-12\" for the end of December 2023"
            ));
            None
        }
    }
}

type Resolver<'r> = dyn Fn(&mut Ctx, &str, Span, (&str, &str)) -> Option<usize> + 'r;

fn parse_indicator(
    ctx: &mut Ctx,
    t: &DeTable,
    span: Span,
    item: &str,
    lead: &[usize],
    resolve: &Resolver,
) -> Option<(Indicator, Span)> {
    let f = Fields::new(t, span, format!("[[items.indicators]] ({item})"), INDICATOR);
    let id = f.str(ctx, "id", true);
    let name = f.str(ctx, "name", true);
    let kind = f
        .str(ctx, "kind", true)
        .and_then(|(k, span)| indicator_kind(ctx, &k, span));
    let target = f.num(ctx, "target", kind.is_some_and(|k| k != Kind::Milestone));
    let unit = f.str(ctx, "unit", kind.is_some_and(|k| k != Kind::Milestone));
    let baseline = f.num(ctx, "baseline", kind == Some(Kind::Level));
    let reporter = match f.str(ctx, "reporter", false) {
        Some((n, span)) => resolve(ctx, &n, span, ("报送单位", "reporter")),
        None => lead.first().copied(),
    };
    let schedule = f.numbers(ctx, "schedule");
    f.finish(ctx);

    let unit_text = unit.as_ref().map_or_else(
        || {
            if kind == Some(Kind::Milestone) {
                "%"
            } else {
                ""
            }
            .to_string()
        },
        |u| u.0.trim().to_string(),
    );
    // Every check runs (`&=` does not stop at the first), so each finding is
    // reported in one run.
    let mut ok = check_target(ctx, &target, &unit_text);
    ok &= check_baseline(ctx, &baseline, &target, kind);
    ok &= check_schedule(ctx, &schedule);
    let (Some((id, ispan)), Some((name, _)), Some(kind), Some(reporter), true) =
        (id, name, kind, reporter, ok)
    else {
        return None;
    };
    let target = match kind {
        Kind::Milestone => target.map_or(100.0, |t| t.0),
        _ => target?.0,
    };
    Some((
        Indicator {
            id: id.trim().to_string(),
            name: name.trim().to_string(),
            kind,
            target,
            unit: unit_text,
            baseline: if kind == Kind::Level {
                baseline.map(|b| b.0)
            } else {
                None
            },
            reporter,
            schedule: schedule.map(|s| s.0),
            stages: Vec::new(),
        },
        ispan,
    ))
}

/// `kind`: one of the four.
fn indicator_kind(ctx: &mut Ctx, k: &str, span: Span) -> Option<Kind> {
    let kind = Kind::from_code(k.trim());
    if kind.is_none() {
        ctx.error(
            Code::BadKind,
            span,
            tr!("指标类别「{k}」不存在", "unknown indicator kind `{k}`"),
        )
        .hint = Some(tr!(
            "可用：cumulative（累计）、level（标准提高）、maintain（保持）、milestone（节点）",
            "use cumulative, level, maintain or milestone"
        ));
    }
    kind
}

/// A target above 0, and at most 100 when it is a percent.
fn check_target(ctx: &mut Ctx, target: &Option<(f64, Span)>, unit_text: &str) -> bool {
    let mut ok = true;
    if let Some((v, span)) = &target {
        if *v <= 0.0 {
            ctx.error(
                Code::TargetNotPositive,
                span.clone(),
                tr!("目标值 {v} 必须大于 0", "target {v} must be positive"),
            );
            ok = false;
        } else if unit_text == "%" && *v > 100.0 {
            ctx.error(
                Code::PercentOutOfRange,
                span.clone(),
                tr!(
                    "百分比目标 {v} 应在 0 到 100 之间",
                    "percent target {v} must be within 0–100"
                ),
            )
            .hint = Some(tr!("90% 写作 90", "write 90 for 90 %"));
            ok = false;
        }
    }
    ok
}

/// A level's baseline below its target, never negative; elsewhere unused.
fn check_baseline(
    ctx: &mut Ctx,
    baseline: &Option<(f64, Span)>,
    target: &Option<(f64, Span)>,
    kind: Option<Kind>,
) -> bool {
    let mut ok = true;
    if let (Some((b, bspan)), Some((t, _))) = (&baseline, &target) {
        if kind == Some(Kind::Level) && b >= t {
            ctx.error(
                Code::BaselineNotBelowTarget,
                bspan.clone(),
                tr!(
                    "原标准 {b} 应低于目标标准 {t}",
                    "baseline {b} must be below the target {t}"
                ),
            );
            ok = false;
        }
        if *b < 0.0 {
            ctx.error(
                Code::TargetNotPositive,
                bspan.clone(),
                tr!("原标准 {b} 不能为负数", "baseline {b} must not be negative"),
            );
            ok = false;
        }
    }
    if let (Some((_, bspan)), Some(k)) = (&baseline, kind) {
        if k != Kind::Level {
            ctx.warning(
                Code::UnusedBaseline,
                bspan.clone(),
                tr!(
                    "只有 level 类指标使用 baseline，这里会被忽略",
                    "only level indicators use a baseline; it is ignored here"
                ),
            );
        }
    }
    ok
}

/// A schedule of 1 to 12 non-decreasing fractions within 0–1.
fn check_schedule(ctx: &mut Ctx, schedule: &Option<(Vec<f64>, Span)>) -> bool {
    let mut ok = true;
    if let Some((s, sspan)) = &schedule {
        let bad = s.is_empty()
            || s.len() > 12
            || s.iter().any(|x| !(0.0..=1.0).contains(x))
            || s.windows(2).any(|w| w[1] < w[0]);
        if bad {
            ctx.error(
                Code::BadSchedule,
                sspan.clone(),
                tr!(
                    "进度计划应是 1 到 12 个不递减、在 0 与 1 之间的累计比例（从 1 月起）",
                    "a schedule is 1 to 12 non-decreasing cumulative fractions within 0..1, from January"
                ),
            );
            ok = false;
        }
    }
    ok
}

/// `[margins] stage_missed` and `stage_late`: whole numbers from 1 to 12.
fn parse_stage_margins(ctx: &mut Ctx, f: &Fields, margins: &mut Margins) {
    for (key, slot) in [
        ("stage_missed", &mut margins.stage_missed),
        ("stage_late", &mut margins.stage_late),
    ] {
        if let Some((n, span)) = f.int(ctx, key, false) {
            if (1..=12).contains(&n) {
                *slot = n as u32;
            } else {
                ctx.error(
                    Code::BadMargin,
                    span,
                    tr!(
                        "「{key}」= {n} 应是 1 到 12 之间的整数（阶段个数或月数）",
                        "`{key}` = {n} must be a whole number from 1 to 12 (stages or months)"
                    ),
                );
            }
        }
    }
}

/// The ids and names of an item's indicators as written, so that no stage takes one.
fn indicator_words(tables: &[(&DeTable, Span)]) -> HashMap<String, Option<Span>> {
    let mut out = HashMap::new();
    for (t, _) in tables {
        for key in ["id", "name"] {
            if let Some(v) = t.get(key).and_then(|v| v.get_ref().as_str()) {
                out.insert(v.trim().to_string(), None);
            }
        }
    }
    out
}

/// The `stages` of an indicator (阶段任务 and their 推进时间节点): each a name and
/// a due month inside the plan year, not after the item's deadline, in order,
/// every name unique within the item (`taken`: indicator words and stage names
/// so far, with the span of a stage that took one).
fn parse_stages(
    ctx: &mut Ctx,
    t: &DeTable,
    ind: &Indicator,
    item: &str,
    (year, deadline): (i32, Option<Deadline>),
    taken: &mut HashMap<String, Option<Span>>,
) -> Vec<Stage> {
    let f = Fields::new(t, 0..0, String::new(), INDICATOR);
    let Some(v) = f.get("stages") else {
        return Vec::new();
    };
    let whole = v.span();
    if ind.kind != Kind::Milestone || ind.schedule.is_some() {
        ctx.error(
            Code::BadStage,
            whole.clone(),
            tr!(
                "只有 kind = \"milestone\" 且没有 schedule 的指标可以分阶段（{item} {}）",
                "only a milestone without a schedule can have stages ({item} {})",
                ind.id
            ),
        );
        return Vec::new();
    }
    let tables = f.tables(ctx, "stages");
    if tables.is_empty() {
        ctx.error(
            Code::BadStage,
            whole,
            tr!(
                "stages 不能为空：不分阶段请删去此行",
                "stages must not be empty: remove the line for a milestone without stages"
            ),
        );
        return Vec::new();
    }
    let last = deadline.map_or(Month::december(year), |d| d.month(year));
    let mut out: Vec<Stage> = Vec::new();
    for (st, span) in tables {
        if let Some(stage) = parse_stage(ctx, st, span, item, (year, last), out.last(), taken) {
            out.push(stage);
        }
    }
    out
}

/// One stage: a name unique in the item, a due month in the plan year, not
/// after the item's deadline (`last`) nor before the stage above it (`prev`).
fn parse_stage(
    ctx: &mut Ctx,
    st: &DeTable,
    span: Span,
    item: &str,
    (year, last): (i32, Month),
    prev: Option<&Stage>,
    taken: &mut HashMap<String, Option<Span>>,
) -> Option<Stage> {
    let g = Fields::new(
        st,
        span,
        format!("[[items.indicators.stages]] ({item})"),
        STAGE,
    );
    let name = g.str(ctx, "name", true);
    let due = g.str(ctx, "due", true);
    g.finish(ctx);
    let (Some((name, nspan)), Some((due, dspan))) = (name, due) else {
        return None;
    };
    let name = stage_name(ctx, &name, nspan, item, taken)?;
    let due = stage_due(ctx, &name, &due, dspan, (year, last), prev)?;
    Some(Stage { name, due })
}

/// A stage's name, trimmed: not empty, and not already an indicator's or
/// another stage's in the item (`taken`, which it then joins).
fn stage_name(
    ctx: &mut Ctx,
    name: &str,
    nspan: Span,
    item: &str,
    taken: &mut HashMap<String, Option<Span>>,
) -> Option<String> {
    let name = name.trim().to_string();
    if name.is_empty() {
        ctx.error(
            Code::EmptyName,
            nspan,
            tr!("阶段名称不能为空", "a stage needs a name"),
        );
        return None;
    }
    if let Some(first) = taken.get(&name) {
        let (zh, en) = if first.is_some() {
            ("另一个阶段", "another stage")
        } else {
            ("一个指标", "an indicator")
        };
        ctx.error(
            Code::DuplicateId,
            nspan,
            tr!(
                "事项 {item} 中{zh}已叫「{name}」：阶段名称在事项内不能重复",
                "{en} of item {item} is already called `{name}`: stage names are unique within the item"
            ),
        );
        return None;
    }
    taken.insert(name.clone(), Some(nspan));
    Some(name)
}

/// A stage's due month (推进时间节点), written `YYYY-MM`, in the plan year, not
/// after the item's deadline (`last`) nor before the stage above it (`prev`).
fn stage_due(
    ctx: &mut Ctx,
    name: &str,
    due: &str,
    dspan: Span,
    (year, last): (i32, Month),
    prev: Option<&Stage>,
) -> Option<Month> {
    let Some(m) = Month::parse_loose(due.trim()) else {
        ctx.error(
            Code::BadStage,
            dspan,
            tr!(
                "阶段「{name}」的时间节点「{due}」应写作 \"YYYY-MM\"",
                "the due month `{due}` of stage `{name}` must be \"YYYY-MM\""
            ),
        )
        .hint = Some(tr!(
            "9月底前 写作 \"2023-09\"",
            "write \"2023-09\" for the end of September 2023"
        ));
        return None;
    };
    match misplaced_due(name, m, (year, last), prev) {
        Some(msg) => {
            ctx.error(Code::BadStage, dspan, msg);
            None
        }
        None => Some(m),
    }
}

/// Why due month `m` of stage `name` is out of place: outside the plan year,
/// after the item's deadline `last`, or before the stage above it.
fn misplaced_due(
    name: &str,
    m: Month,
    (year, last): (i32, Month),
    prev: Option<&Stage>,
) -> Option<Text> {
    if m.year() != year {
        Some(tr!(
            "阶段「{name}」的时间节点 {m} 不在计划年度 {year} 内",
            "stage `{name}` is due {m}, outside the plan year {year}"
        ))
    } else if m > last {
        Some(tr!(
            "阶段「{name}」的时间节点 {m} 晚于事项的完成时限 {last}",
            "stage `{name}` is due {m}, after the item's deadline {last}"
        ))
    } else {
        prev.filter(|p| p.due > m).map(|prev| {
            tr!(
                "阶段「{name}」（{m}）排在「{}」（{}）之后：阶段应按时间节点先后排列",
                "stage `{name}` ({m}) comes after `{}` ({}): list stages in order of due month",
                prev.name,
                prev.due
            )
        })
    }
}

/// An item's `short` name: one line of at most [`SHORT_MAX`] characters.
fn short_name(ctx: &mut Ctx, f: &Fields) -> Option<String> {
    let (v, span) = f.str(ctx, "short", false)?;
    let v = v.trim();
    let n = v.chars().count();
    if n == 0 || n > SHORT_MAX || v.contains(['\n', '\r']) {
        ctx.error(
            Code::BadShort,
            span,
            tr!(
                "「short」应是事项的简称，一行、1 至 {SHORT_MAX} 个字（这里 {n} 个字），如「城镇新增就业3200人」",
                "`short` must be the item's short name, one line of 1 to {SHORT_MAX} characters (here {n}), e.g. 城镇新增就业3200人"
            ),
        );
        return None;
    }
    Some(v.to_string())
}

/// `[margins] tolerance`: how far below time progress still counts as on track.
/// Zero is allowed (exact comparison); it must stay below the severe gap, or
/// nothing could ever be 滞后.
fn tolerance(ctx: &mut Ctx, f: &Fields, margins: &mut Margins) {
    let Some((v, span)) = f.num(ctx, "tolerance", false) else {
        return;
    };
    if (0.0..margins.severe).contains(&v) {
        margins.tolerance = v;
    } else {
        let severe = margins.severe;
        ctx.error(
            Code::BadMargin,
            span,
            tr!(
                "「tolerance」= {v} 应是 0 与 severe（{severe}）之间的小数，如 0.01 表示差 1 个百分点以内仍算按序时",
                "`tolerance` = {v} must be a fraction from 0 up to severe ({severe}), e.g. 0.01: within 1 point still counts as on track"
            ),
        );
    }
}

/// A string field that must be one of a few words, e.g. `sharing = "reporter"`.
fn choice<T: Copy>(ctx: &mut Ctx, f: &Fields, key: &str, options: &[(&str, T)]) -> Option<T> {
    let (v, span) = f.str(ctx, key, false)?;
    if let Some((_, t)) = options.iter().find(|(word, _)| *word == v.trim()) {
        return Some(*t);
    }
    let list = options
        .iter()
        .map(|(w, _)| format!("\"{w}\""))
        .collect::<Vec<_>>()
        .join(" / ");
    ctx.error(
        Code::BadScoring,
        span,
        tr!("{key} 只能是 {list}", "{key} must be one of {list}"),
    );
    None
}

/// `[scoring]`: the points of each finding, the streak, how an item's score is
/// shared and summed over the year, the rank bonus. A key left out keeps the
/// default; a wrong one is reported and keeps it too.
fn parse_scoring(ctx: &mut Ctx, t: &DeTable, span: Span) -> Scoring {
    let f = Fields::new(t, span, "[scoring]", SCORING);
    let mut s = Scoring::default();
    scoring_points(ctx, &f, &mut s);
    if let Some((n, span)) = f.int(ctx, "streak_months", false) {
        if (0..=12).contains(&n) {
            s.streak_months = n as u32;
        } else {
            ctx.error(
                Code::BadScoring,
                span,
                tr!(
                    "streak_months = {n} 应在 0 到 12 之间",
                    "streak_months = {n} must be within 0..12"
                ),
            );
        }
    }
    if let Some(v) = choice(
        ctx,
        &f,
        "sharing",
        &[
            ("reporter", Sharing::Reporter),
            ("all_leads", Sharing::AllLeads),
        ],
    ) {
        s.sharing = v;
    }
    if let Some(v) = choice(
        ctx,
        &f,
        "year",
        &[("mean", YearRule::Mean), ("sum", YearRule::Sum)],
    ) {
        s.year = v;
    }
    if let Some((v, _)) = f.numbers(ctx, "rank_bonus") {
        s.rank_bonus = v;
    }
    f.finish(ctx);
    s
}

/// The points of `[scoring]`, each with its sign: a deduction is written
/// negative (or 0), a base, bonus or cap positive (or 0).
fn scoring_points(ctx: &mut Ctx, f: &Fields, s: &mut Scoring) {
    let signed: [(&str, &mut f64, i8); 10] = [
        ("base", &mut s.base, 1),
        ("not_reported", &mut s.not_reported, -1),
        ("severely_behind", &mut s.severely_behind, -1),
        ("behind", &mut s.behind, -1),
        ("overdue", &mut s.overdue, -1),
        ("done_early", &mut s.done_early, 1),
        ("streak", &mut s.streak, -1),
        ("max_deduction", &mut s.max_deduction, 1),
        ("max_bonus", &mut s.max_bonus, 1),
        ("late", &mut s.late, -1),
    ];
    for (key, slot, sign) in signed {
        let Some((v, span)) = f.num(ctx, key, false) else {
            continue;
        };
        if v * sign as f64 >= 0.0 {
            *slot = v;
            continue;
        }
        let (zh, en) = if sign < 0 {
            (
                "扣分应写作负数或 0",
                "a deduction is written as a negative number or 0",
            )
        } else {
            ("应为正数或 0", "must be positive or 0")
        };
        ctx.error(
            Code::BadScoring,
            span,
            tr!("「{key}」= {v}：{zh}", "`{key}` = {v}: {en}"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(s: &str) -> Month {
        s.parse().unwrap()
    }

    #[test]
    fn a_stage_may_share_its_month_and_fall_due_at_the_deadline() {
        let prev = Stage {
            name: "制定方案".into(),
            due: m("2023-03"),
        };
        let within = (2023, m("2023-06"));
        assert!(misplaced_due("培训", m("2023-03"), within, Some(&prev)).is_none());
        assert!(misplaced_due("培训", m("2023-06"), within, Some(&prev)).is_none());
        assert!(misplaced_due("培训", m("2023-01"), within, None).is_none());
        let wrong = |due: &str| {
            misplaced_due("培训", m(due), within, Some(&prev))
                .map(|t| t.en)
                .unwrap_or_default()
        };
        assert!(wrong("2023-02").contains("order of due month"));
        assert!(wrong("2023-07").contains("deadline 2023-06"));
        assert!(wrong("2022-12").contains("outside the plan year 2023"));
    }

    /// The findings of `[plan]` written as `head`, as (line, code).
    fn head_findings(head: &str) -> Vec<(Option<usize>, Code)> {
        let text = format!(
            "format = 1\n[[units]]\nid = \"a\"\nname = \"甲\"\n[plan]\ntitle = \"t\"\noffice = \"a\"\n{head}"
        );
        let mut diags = Diagnostics::default();
        parse_plan_text("seeds/2023.toml", &text, &mut diags);
        diags
            .list
            .iter()
            .filter(|d| d.line.is_some_and(|l| l > 7))
            .map(|d| (d.line, d.code))
            .collect()
    }

    #[test]
    fn plan_head_year_version_and_effective_month() {
        assert_eq!(
            head_findings("year = 1999\nversion = \" \"\neffective = \"2023-13\""),
            [
                (Some(8), Code::BadYear),
                (Some(9), Code::EmptyName),
                (Some(10), Code::BadMonth)
            ]
        );
        // The effective month must be in the plan year, and only then is it checked.
        assert_eq!(
            head_findings("year = 2023\nversion = \"2023\"\neffective = \"2024-01\""),
            [(Some(10), Code::BadMonth)]
        );
        assert_eq!(
            head_findings("year = 1999\nversion = \"2023\"\neffective = \"2024-01\""),
            [(Some(8), Code::BadYear)]
        );
        assert_eq!(
            head_findings("year = 2100\nversion = \"v\"\neffective = \"2100-12\""),
            []
        );
    }
}
