//! Writes a synthetic, deterministic workspace for benchmarks (issue 6).
//!
//! Not a user command: `cargo run --release --example gen_workspace -- [sizes] OUT_DIR`.
//!
//! ```text
//! gen_workspace --units U --items I --indicators-per-item K --months M --seed S OUT_DIR
//! gen_workspace --rows N [--months M] [--seed S] [--faults P] OUT_DIR
//! ```
//!
//! It writes `OUT_DIR/seeds/plan.toml` (format 1: units, tasks, items with a mix of
//! cumulative, level, maintain and milestone indicators, percent indicators, seasonal
//! schedules, co-leads with their own reporters) and one progress file per reporting
//! unit and month, `OUT_DIR/data/2023-MM/<unit name>.csv`, with values that behave like
//! a year of real work (cumulative totals rising toward the target, some units behind,
//! some done early) and the messy cells real Excel/WPS files have: GB18030 files, UTF-8
//! with BOM and CRLF, title rows, `3,200`, `３２００`, `3200人`, `8万`, `92%`.
//!
//! Every progress row is one indicator of one unit in one month, so the number of rows
//! is (indicators × months) less the few unit-months left unfiled. The same arguments
//! always give the same bytes: the only randomness is a splitmix64 seeded by `--seed`.
//!
//! `--faults P` (0 ≤ P ≤ 1, default 0) makes a workspace full of warnings: from the
//! second month on, each cumulative row is, with probability P, written as a fall
//! below the previous month's total (`cumulative-decrease`) or as the total divided
//! by 10,000, the 8-for-8万 unit slip (`implausible-value`). The rest of the bytes
//! do not change with P: the faults draw from a second generator.

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

const YEAR: i32 = 2023;

/// splitmix64: tiny, fast and good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    fn f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn range(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.f64()
    }

    /// Uniform in 0..n.
    fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    fn chance(&mut self, p: f64) -> bool {
        self.f64() < p
    }

    fn pick<T: Copy>(&mut self, xs: &[T]) -> T {
        xs[self.below(xs.len())]
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Cumulative,
    Level,
    Maintain,
    Milestone,
}

impl Kind {
    fn code(self) -> &'static str {
        match self {
            Kind::Cumulative => "cumulative",
            Kind::Level => "level",
            Kind::Maintain => "maintain",
            Kind::Milestone => "milestone",
        }
    }
}

/// An indicator template: id stem, name, kind, unit, target range, raise for a level.
struct Template {
    id: &'static str,
    name: &'static str,
    kind: Kind,
    unit: &'static str,
    lo: f64,
    hi: f64,
    raise: f64,
}

const fn t(
    id: &'static str,
    name: &'static str,
    kind: Kind,
    unit: &'static str,
    lo: f64,
    hi: f64,
    raise: f64,
) -> Template {
    Template {
        id,
        name,
        kind,
        unit,
        lo,
        hi,
        raise,
    }
}

use Kind::*;
const TEMPLATES: &[Template] = &[
    t("jobs", "城镇新增就业", Cumulative, "人", 500.0, 6000.0, 0.0),
    t(
        "transfer",
        "农村劳动力转移就业",
        Cumulative,
        "人",
        1000.0,
        20000.0,
        0.0,
    ),
    t(
        "users",
        "“湘易办”用户数",
        Cumulative,
        "户",
        10000.0,
        120000.0,
        0.0,
    ),
    t(
        "roads",
        "新建改建农村公路",
        Cumulative,
        "公里",
        10.0,
        300.0,
        0.0,
    ),
    t(
        "estates",
        "城镇老旧小区改造",
        Cumulative,
        "个",
        5.0,
        80.0,
        0.0,
    ),
    t(
        "retrofit",
        "困难老年人居家适老化改造",
        Cumulative,
        "户",
        50.0,
        900.0,
        0.0,
    ),
    t(
        "screening",
        "“两癌”免费检查",
        Cumulative,
        "人",
        800.0,
        9000.0,
        0.0,
    ),
    t(
        "parking",
        "新增公共停车位",
        Cumulative,
        "个",
        100.0,
        3000.0,
        0.0,
    ),
    t(
        "afforest",
        "完成人工造林",
        Cumulative,
        "亩",
        2000.0,
        150000.0,
        0.0,
    ),
    t(
        "water",
        "新增蓄水能力",
        Cumulative,
        "方",
        20000.0,
        200000.0,
        0.0,
    ),
    t(
        "insured",
        "新增参保人数",
        Cumulative,
        "人",
        1000.0,
        30000.0,
        0.0,
    ),
    t(
        "coverage",
        "家庭医生签约覆盖率",
        Cumulative,
        "%",
        60.0,
        100.0,
        0.0,
    ),
    t(
        "urban_dibao",
        "城市低保标准",
        Level,
        "元/月",
        550.0,
        700.0,
        50.0,
    ),
    t(
        "rural_dibao",
        "农村低保标准",
        Level,
        "元/年",
        4200.0,
        5200.0,
        416.0,
    ),
    t(
        "subsidy",
        "困难残疾人生活补贴标准",
        Level,
        "元/月·人",
        70.0,
        90.0,
        5.0,
    ),
    t(
        "orphan",
        "散居孤儿基本生活保障标准",
        Level,
        "元/月",
        900.0,
        1200.0,
        150.0,
    ),
    t("grain", "县级储备粮", Maintain, "吨", 800.0, 5000.0, 0.0),
    t("pork", "储备猪肉", Maintain, "头", 200.0, 2000.0, 0.0),
    t("air", "空气质量优良率", Maintain, "%", 85.0, 95.0, 0.0),
    t(
        "water_quality",
        "集中式饮用水水源地水质达标率",
        Maintain,
        "%",
        100.0,
        100.0,
        0.0,
    ),
    t(
        "enrolment",
        "基本医疗保险参保率",
        Maintain,
        "%",
        95.0,
        98.0,
        0.0,
    ),
    t(
        "project",
        "启动建设重点民生项目",
        Milestone,
        "%",
        100.0,
        100.0,
        0.0,
    ),
    t(
        "training",
        "开展补贴性职业技能培训",
        Milestone,
        "%",
        100.0,
        100.0,
        0.0,
    ),
    t(
        "supply",
        "做好生活必需品保供稳价",
        Milestone,
        "%",
        100.0,
        100.0,
        0.0,
    ),
];

/// Kind mix: cumulative 55 %, level 10 %, maintain 15 %, milestone 20 %.
fn pick_template(rng: &mut Rng) -> &'static Template {
    let x = rng.f64();
    let kind = if x < 0.55 {
        Cumulative
    } else if x < 0.65 {
        Level
    } else if x < 0.80 {
        Maintain
    } else {
        Milestone
    };
    let of_kind: Vec<&Template> = TEMPLATES.iter().filter(|t| t.kind == kind).collect();
    of_kind[rng.below(of_kind.len())]
}

const DEPARTMENTS: &[&str] = &[
    "人社局",
    "政务服务中心",
    "民政局",
    "妇联",
    "残联",
    "教育局",
    "医保局",
    "住建局",
    "供电公司",
    "交通运输局",
    "林业局",
    "科工信局",
    "水利局",
    "生态环境分局",
    "卫健局",
    "城管局",
    "税务局",
    "发改局",
    "财政局",
    "退役军人事务局",
    "农业农村局",
    "市场监管局",
    "公安局",
    "文旅广体局",
];

const PLACES: &[&str] = &[
    "双牌",
    "江华",
    "道县",
    "宁远",
    "蓝山",
    "新田",
    "江永",
    "东安",
    "祁阳",
    "零陵",
    "冷水滩",
    "回龙圩",
];

const PROGRESS: &[&str] = &[
    "按计划有序推进",
    "已完成入户核查，正在公示",
    "项目已开工，完成主体工程",
    "资金已拨付到位，正在组织实施",
    "已召开专题调度会，细化任务分解",
    "已全面完成年度任务",
    "各乡镇已上报数据,正在审核汇总",
    "已纳入“一件事一次办”清单",
];

const PROBLEMS: &[&str] = &[
    "部分资金尚未到位",
    "受持续降雨影响，施工进度偏慢",
    "基层人员力量不足",
    "部分群众参与意愿不强",
    "数据系统对接尚未完成,统计口径待统一",
    "招投标程序耗时较长",
];

const NEXT: &[&str] = &[
    "加大调度力度，确保按期完成",
    "加快资金拨付，倒排工期",
    "加强宣传发动，扩大覆盖面",
    "继续做好常态化监测",
    "对照序时进度查漏补缺",
];

struct Unit {
    id: String,
    name: String,
    alias: String,
}

struct Indicator {
    id: String,
    name: String,
    kind: Kind,
    unit: &'static str,
    target: f64,
    baseline: Option<f64>,
    reporter: usize,
    schedule: Option<[f64; 12]>,
    /// How fast the work goes relative to time progress (1 = exactly on time).
    pace: f64,
    /// Level: the month the raised standard takes effect.
    switch: u32,
}

struct Item {
    id: String,
    task: usize,
    text: String,
    categories: Vec<&'static str>,
    lead: Vec<usize>,
    /// 1..=12, or None for ongoing.
    deadline: Option<u32>,
    indicators: Vec<Indicator>,
}

const CATEGORIES: &[&str] = &["省定重点民生实事", "市政府十大民生实事", "重点监测民生事项"];

struct Sizes {
    units: usize,
    items: usize,
    per_item: usize,
    months: u32,
    seed: u64,
    /// Share of cumulative rows (months 2..) written as a fall or a unit slip.
    faults: f64,
    out: PathBuf,
}

fn usage() -> ! {
    eprintln!(
        "usage: gen_workspace (--units U --items I --indicators-per-item K | --rows N) \
         [--months M] [--seed S] [--faults P] OUT_DIR"
    );
    std::process::exit(2)
}

fn parse_args() -> Sizes {
    let mut units = None;
    let mut items = None;
    let mut per_item = None;
    let mut rows: Option<usize> = None;
    let mut months = 12u32;
    let mut seed = 1u64;
    let mut faults = 0.0f64;
    let mut out = None;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let mut val = |name: &str| -> u64 {
            args.next()
                .and_then(|v| v.replace('_', "").parse().ok())
                .unwrap_or_else(|| {
                    eprintln!("{name} needs a number");
                    usage()
                })
        };
        match a.as_str() {
            "--units" => units = Some(val("--units") as usize),
            "--items" => items = Some(val("--items") as usize),
            "--indicators-per-item" => per_item = Some(val("--indicators-per-item") as usize),
            "--months" => months = val("--months") as u32,
            "--seed" => seed = val("--seed"),
            "--rows" => rows = Some(val("--rows") as usize),
            "--faults" => {
                faults = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .filter(|p: &f64| (0.0..=1.0).contains(p))
                    .unwrap_or_else(|| {
                        eprintln!("--faults needs a share between 0 and 1");
                        usage()
                    })
            }
            "-h" | "--help" => usage(),
            s if s.starts_with('-') => {
                eprintln!("unknown option {s}");
                usage()
            }
            _ => out = Some(PathBuf::from(a)),
        }
    }
    let Some(out) = out else { usage() };
    if !(1..=12).contains(&months) {
        eprintln!("--months must be 1..=12 (one plan year)");
        usage()
    }
    let per_item = per_item.unwrap_or(2).max(1);
    let (units, items) = match rows {
        Some(n) => {
            // Rows = indicators × months; a unit reports ~64 rows a month at scale
            // (a provincial department), the 24 units of a county below that.
            let indicators = n.div_ceil(months as usize).max(1);
            let items = indicators.div_ceil(per_item);
            let units = (indicators / 64).max(items.min(24)).max(1);
            (units, items)
        }
        None => match (units, items) {
            (Some(u), Some(i)) => (u.max(1), i.max(1)),
            _ => usage(),
        },
    };
    Sizes {
        units,
        items,
        per_item,
        months,
        seed,
        faults,
        out,
    }
}

fn make_units(n: usize) -> Vec<Unit> {
    (0..n)
        .map(|i| {
            let dept = DEPARTMENTS[i % DEPARTMENTS.len()];
            let round = i / DEPARTMENTS.len();
            let (name, alias) = if round == 0 {
                (format!("县{dept}"), dept.to_string())
            } else {
                let place = PLACES[(round - 1) % PLACES.len()];
                let n = (round - 1) / PLACES.len();
                let suffix = if n == 0 { String::new() } else { n.to_string() };
                (
                    format!("{place}{suffix}{dept}"),
                    format!("{place}{suffix}县{dept}"),
                )
            };
            Unit {
                id: format!("u{i:05}"),
                name,
                alias,
            }
        })
        .collect()
}

fn round_to(v: f64, unit: &str) -> f64 {
    if unit == "%" {
        (v * 10.0).round() / 10.0
    } else {
        v.round()
    }
}

/// Figures of ten thousand and more are counted in hundreds, as offices report
/// them, so they can be written exactly in 万 (85,300 = 8.53万).
fn hundreds(v: f64) -> f64 {
    if v >= 10000.0 {
        (v / 100.0).round() * 100.0
    } else {
        v
    }
}

fn make_items(rng: &mut Rng, s: &Sizes) -> Vec<Item> {
    let mut items = Vec::with_capacity(s.items);
    let mut task = 1usize;
    let mut in_task = 0usize;
    for i in 0..s.items {
        // Three items a task on average, as in the county's plan.
        if in_task > 0 && rng.chance(0.33) {
            task += 1;
            in_task = 0;
        }
        in_task += 1;
        let main = i % s.units;
        let mut lead = vec![main];
        if s.units > 1 && rng.chance(0.10) {
            lead.push((main + 1 + rng.below(s.units - 1)) % s.units);
        }
        let deadline = match rng.below(10) {
            0 => None,
            1 => Some(6),
            2 => Some(9),
            _ => Some(12),
        };
        let mut cats = vec![rng.pick(CATEGORIES)];
        if rng.chance(0.3) {
            let c = rng.pick(CATEGORIES);
            if c != cats[0] {
                cats.push(c);
            }
        }
        let k = if s.per_item > 1 {
            // Vary around K: K-1 ..= K+1, so the mean stays K.
            s.per_item - 1 + rng.below(3)
        } else {
            1
        };
        let mut indicators: Vec<Indicator> = Vec::with_capacity(k);
        let mut text = String::new();
        for j in 0..k {
            let tpl = pick_template(rng);
            let mut id = tpl.id.to_string();
            if indicators.iter().any(|x| x.id == id) {
                id = format!("{}_{}", tpl.id, j + 1);
            }
            let target = hundreds(round_to(rng.range(tpl.lo, tpl.hi), tpl.unit));
            let (target, baseline) = match tpl.kind {
                Level => (target + tpl.raise, Some(target)),
                Milestone => (100.0, None),
                _ => (target.max(1.0), None),
            };
            let schedule = if tpl.kind == Cumulative && rng.chance(0.12) {
                // Seasonal: nothing until spring, most of it by autumn.
                let mut s = [0.0; 12];
                let start = 1 + rng.below(4);
                for (m, x) in s.iter_mut().enumerate() {
                    let f = (m as f64 + 1.0 - start as f64) / (10.0 - start as f64);
                    *x = (f.clamp(0.0, 1.0) * 100.0).round() / 100.0;
                }
                Some(s)
            } else {
                None
            };
            let pace = match rng.below(20) {
                0..=2 => rng.range(0.45, 0.8), // behind
                3..=5 => rng.range(1.25, 2.0), // done early
                _ => rng.range(0.92, 1.18),    // about on time
            };
            let reporter = lead[j % lead.len()];
            let ddl = deadline.unwrap_or(12);
            let switch = 1 + rng.below(ddl as usize + 2) as u32;
            match tpl.kind {
                Level => {
                    let _ = write!(
                        text,
                        "{}从{}{}提高到{}{}；",
                        tpl.name,
                        baseline.unwrap(),
                        tpl.unit,
                        target,
                        tpl.unit
                    );
                }
                Milestone => {
                    let _ = write!(text, "{}；", tpl.name);
                }
                _ => {
                    let _ = write!(text, "{}达到{}{}；", tpl.name, target, tpl.unit);
                }
            }
            indicators.push(Indicator {
                id,
                name: tpl.name.to_string(),
                kind: tpl.kind,
                unit: tpl.unit,
                target,
                baseline,
                reporter,
                schedule,
                pace,
                switch,
            });
        }
        text.pop();
        text.push('。');
        items.push(Item {
            id: format!("{task}.{in_task}"),
            task,
            text,
            categories: cats,
            lead,
            deadline,
            indicators,
        });
    }
    items
}

fn write_plan(units: &[Unit], items: &[Item]) -> String {
    let mut s = String::with_capacity(items.len() * 600 + units.len() * 100);
    let _ = writeln!(
        s,
        "# 生成的基准测试工作区（gen_workspace）：{} 个单位，{} 个事项\nformat = 1\n\n\
         [plan]\ntitle = \"基准测试民生实事工作任务清单\"\nyear = {YEAR}\nversion = \"{YEAR}\"\n\
         effective = \"{YEAR}-01\"\noffice = \"{}\"\ncategories = [{}]\n",
        units.len(),
        items.len(),
        units[0].name,
        CATEGORIES
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for u in units {
        let _ = writeln!(
            s,
            "[[units]]\nid = \"{}\"\nname = \"{}\"\naliases = [\"{}\"]\n",
            u.id, u.name, u.alias
        );
    }
    let tasks = items.last().map_or(0, |i| i.task);
    for no in 1..=tasks {
        let _ = writeln!(
            s,
            "[[tasks]]\nno = {no}\ntitle = \"基准测试工作任务{no}\"\n"
        );
    }
    for it in items {
        let cats = it
            .categories
            .iter()
            .map(|c| format!("\"{c}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let lead = it
            .lead
            .iter()
            .map(|&u| format!("\"{}\"", units[u].name))
            .collect::<Vec<_>>()
            .join(", ");
        let deadline = match it.deadline {
            Some(m) => format!("{YEAR}-{m:02}"),
            None => "ongoing".to_string(),
        };
        let _ = writeln!(
            s,
            "[[items]]\nid = \"{}\"\ntext = \"{}\"\ncategories = [{cats}]\nlead = [{lead}]\n\
             deadline = \"{deadline}\"\n",
            it.id, it.text
        );
        for ind in &it.indicators {
            let _ = writeln!(
                s,
                "[[items.indicators]]\nid = \"{}\"\nname = \"{}\"\nkind = \"{}\"",
                ind.id,
                ind.name,
                ind.kind.code()
            );
            if ind.kind != Milestone {
                let _ = writeln!(s, "target = {}\nunit = \"{}\"", ind.target, ind.unit);
            }
            if let Some(b) = ind.baseline {
                let _ = writeln!(s, "baseline = {b}");
            }
            if ind.reporter != it.lead[0] {
                let _ = writeln!(s, "reporter = \"{}\"", units[ind.reporter].name);
            }
            if let Some(sch) = &ind.schedule {
                let list = sch
                    .iter()
                    .map(|x| x.to_string())
                    .collect::<Vec<_>>()
                    .join(", ");
                let _ = writeln!(s, "schedule = [{list}]");
            }
            s.push('\n');
        }
    }
    s
}

/// Expected fraction done at the end of month m (1-based), before pace.
fn time_fraction(ind: &Indicator, deadline: Option<u32>, m: u32) -> f64 {
    match &ind.schedule {
        Some(s) => s[(m - 1) as usize],
        None => (m as f64 / deadline.unwrap_or(12) as f64).min(1.0),
    }
}

/// What the unit reports for an indicator in month m: (value, status).
fn figure(
    rng: &mut Rng,
    ind: &Indicator,
    deadline: Option<u32>,
    m: u32,
) -> (Option<f64>, &'static str) {
    let frac = time_fraction(ind, deadline, m);
    let (v, done) = match ind.kind {
        Cumulative => {
            // Deterministic in m so totals never fall from one month to the next.
            let c = (ind.pace * frac).min(1.0);
            let v = hundreds(round_to(ind.target * c, ind.unit));
            (v, v >= ind.target)
        }
        Level => {
            let v = if m >= ind.switch {
                ind.target
            } else {
                ind.baseline.unwrap()
            };
            (v, m >= ind.switch)
        }
        Maintain => {
            let v = if ind.unit == "%" {
                round_to((ind.target * rng.range(0.97, 1.05)).min(100.0), "%")
            } else {
                round_to(ind.target * rng.range(0.9, 1.15), ind.unit)
            };
            (v, false)
        }
        Milestone => {
            let v = (ind.pace * frac * 100.0).min(100.0).round();
            (v, v >= 100.0)
        }
    };
    let status = if done {
        "已完成"
    } else if v == 0.0 || (ind.kind == Level && m < ind.switch && rng.chance(0.5)) {
        "未启动"
    } else {
        "推进中"
    };
    // A milestone reported by status alone now and then.
    if ind.kind == Milestone && !done && rng.chance(0.15) {
        return (None, status);
    }
    (Some(v), status)
}

fn plain(v: f64) -> String {
    if v.fract() == 0.0 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn with_thousands(v: f64) -> String {
    let p = plain(v);
    let (int, frac) = match p.find('.') {
        Some(i) => (&p[..i], &p[i..]),
        None => (&p[..], ""),
    };
    let mut out = String::new();
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out + frac
}

fn full_width(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '!'..='~' => char::from_u32(c as u32 + 0xFEE0).unwrap(),
            _ => c,
        })
        .collect()
}

/// The value as a clerk might type it.
fn messy_value(rng: &mut Rng, v: f64, ind: &Indicator) -> String {
    let percent = ind.unit == "%";
    let x = rng.f64();
    if percent {
        return match x {
            x if x < 0.5 => format!("{}%", plain(v)),
            x if x < 0.55 => full_width(&format!("{}%", plain(v))),
            _ => plain(v),
        };
    }
    match x {
        x if x < 0.08 && v >= 1000.0 => with_thousands(v),
        x if x < 0.14 => full_width(&plain(v)),
        x if x < 0.22 => format!("{}{}", plain(v), ind.unit),
        // 8.53万 (large totals are kept in hundreds, see `hundreds`), when the
        // reader's 8.53 × 10000 gives back exactly 85300: 19.17 × 10000 is
        // 191699.99999999997 in f64, which reads as a fall from 191700.
        x if x < 0.28 && v >= 10000.0 && v % 100.0 == 0.0 && wan_exact(v) => {
            format!("{}万", plain(v / 10000.0))
        }
        x if x < 0.30 => format!(" {} ", plain(v)),
        _ => plain(v),
    }
}

fn wan_exact(v: f64) -> bool {
    plain(v / 10000.0)
        .parse::<f64>()
        .is_ok_and(|x| x * 10000.0 == v)
}

fn csv_field(out: &mut String, s: &str) {
    if s.contains([',', '"', '\n', '\r']) {
        out.push('"');
        out.push_str(&s.replace('"', "\"\""));
        out.push('"');
    } else {
        out.push_str(s);
    }
}

#[derive(Default)]
struct Totals {
    files: usize,
    rows: usize,
    bytes: usize,
    gbk: usize,
    bom_crlf: usize,
    titled: usize,
    skipped: usize,
}

/// A fault in place of a cumulative value `v` of month `m` (2..): a total below
/// the previous month's, or the 8-for-8万 unit slip. None when the previous total
/// is too small for either to show.
fn fault(rng: &mut Rng, ind: &Indicator, deadline: Option<u32>, m: u32, v: f64) -> Option<f64> {
    let prev = hundreds(round_to(
        ind.target * (ind.pace * time_fraction(ind, deadline, m - 1)).min(1.0),
        ind.unit,
    ));
    if rng.chance(0.5) {
        let fell = (prev * 0.9).floor();
        (fell > 0.0 && fell < prev).then_some(fell)
    } else {
        let slip = (v / 10000.0).round();
        (v >= 10000.0 && slip * 100.0 < prev).then_some(slip)
    }
}

/// The generators: the workspace's, and a second one for `--faults` so that the
/// share of faults changes nothing else.
struct Draws {
    rng: Rng,
    faults: Rng,
    /// Share of cumulative rows (months 2..) written as a fault.
    share: f64,
}

fn write_month(
    draws: &mut Draws,
    dir: &Path,
    m: u32,
    units: &[Unit],
    by_unit: &[Vec<(usize, usize)>],
    items: &[Item],
    totals: &mut Totals,
) -> std::io::Result<()> {
    fs::create_dir_all(dir)?;
    let Draws { rng, faults, share } = draws;
    let mut text = String::new();
    for (u, rows) in by_unit.iter().enumerate() {
        if rows.is_empty() {
            continue;
        }
        // Values are drawn even for a file left unfiled, so a skipped file never
        // shifts what the other units report.
        let skip = m > 1 && rng.chance(0.01);
        let encoding = rng.below(10); // 0,1: GB18030; 2,3: UTF-8 BOM + CRLF; else UTF-8 LF
        let titled = rng.chance(0.15);
        let eol = if encoding < 4 { "\r\n" } else { "\n" };
        text.clear();
        if titled {
            let _ = write!(
                text,
                "{}{YEAR}年{m}月民生实事进展表,,,,,,{eol}",
                units[u].name
            );
        }
        text.push_str("事项编号,指标,累计完成,状态,进展情况,存在问题,下步计划");
        text.push_str(eol);
        for &(i, k) in rows {
            let item = &items[i];
            let ind = &item.indicators[k];
            let (mut value, status) = figure(rng, ind, item.deadline, m);
            if *share > 0.0 && m > 1 && ind.kind == Cumulative {
                if let Some(v) = value.filter(|_| faults.chance(*share)) {
                    value = fault(faults, ind, item.deadline, m, v).or(value);
                }
            }
            let value = value.map(|v| messy_value(rng, v, ind)).unwrap_or_default();
            text.push_str(&item.id);
            text.push(',');
            text.push_str(&ind.id);
            text.push(',');
            csv_field(&mut text, &value);
            text.push(',');
            text.push_str(status);
            text.push(',');
            csv_field(&mut text, rng.pick(PROGRESS));
            text.push(',');
            if status != "已完成" && rng.chance(0.3) {
                csv_field(&mut text, rng.pick(PROBLEMS));
            }
            text.push(',');
            if status != "已完成" {
                csv_field(&mut text, rng.pick(NEXT));
            }
            text.push_str(eol);
        }
        if skip {
            totals.skipped += 1;
            continue;
        }
        let bytes: Vec<u8> = match encoding {
            0 | 1 => {
                let (b, _, unmappable) = encoding_rs::GB18030.encode(&text);
                assert!(!unmappable, "GB18030 covers all of Unicode");
                totals.gbk += 1;
                b.into_owned()
            }
            2 | 3 => {
                totals.bom_crlf += 1;
                let mut b = b"\xEF\xBB\xBF".to_vec();
                b.extend_from_slice(text.as_bytes());
                b
            }
            _ => text.as_bytes().to_vec(),
        };
        totals.files += 1;
        totals.rows += rows.len();
        totals.bytes += bytes.len();
        totals.titled += titled as usize;
        fs::File::create(dir.join(format!("{}.csv", units[u].name)))?.write_all(&bytes)?;
    }
    Ok(())
}

fn main() -> std::io::Result<()> {
    let s = parse_args();
    let mut rng = Rng(s.seed ^ 0x6D69_6E67_7368_656E); // "mingshen"
    let units = make_units(s.units);
    let items = make_items(&mut rng, &s);
    fs::create_dir_all(s.out.join("seeds"))?;
    if s.out.join("data").exists() {
        fs::remove_dir_all(s.out.join("data"))?;
    }
    let plan = write_plan(&units, &items);
    fs::write(s.out.join("seeds/plan.toml"), &plan)?;

    // Each unit's rows, in plan order.
    let mut by_unit: Vec<Vec<(usize, usize)>> = vec![Vec::new(); units.len()];
    for (i, it) in items.iter().enumerate() {
        for (k, ind) in it.indicators.iter().enumerate() {
            by_unit[ind.reporter].push((i, k));
        }
    }
    let mut totals = Totals::default();
    let mut draws = Draws {
        rng,
        faults: Rng(s.seed ^ 0x6661_756C_7473), // "faults"
        share: s.faults,
    };
    for m in 1..=s.months {
        let dir = s.out.join(format!("data/{YEAR}-{m:02}"));
        write_month(&mut draws, &dir, m, &units, &by_unit, &items, &mut totals)?;
    }
    let indicators: usize = items.iter().map(|i| i.indicators.len()).sum();
    println!(
        "units={} items={} indicators={} months={} files={} rows={} bytes={} plan_bytes={} \
         gbk={} bom_crlf={} titled={} unfiled={} last_month={YEAR}-{:02}",
        units.len(),
        items.len(),
        indicators,
        s.months,
        totals.files,
        totals.rows,
        totals.bytes,
        plan.len(),
        totals.gbk,
        totals.bom_crlf,
        totals.titled,
        totals.skipped,
        s.months
    );
    Ok(())
}
