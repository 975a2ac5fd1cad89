//! Help in Chinese (default) or English, from the one clap `Command`.
//!
//! clap writes its own words (Usage, Options, Commands, possible values,
//! default, "Print help") in English only. The office reads Chinese, so this
//! module takes `Cli::command()`, builds it, and rewrites every command and
//! argument of it for the language asked:
//!
//! - each help line comes from the doc comment, written once as
//!   `中文 (English)`: the text before the final parenthesis is the Chinese
//!   line, the text inside it the English one ([`split`]);
//! - clap's own words are replaced: the help template names the usage, the
//!   headings are set on every argument (`选项`, `参数`, `全局选项`), the
//!   subcommand heading and value name, the `[OPTIONS]` tag in usages, and
//!   clap's `[possible values: …]` / `[default: …]` are hidden and written by
//!   hand; the `-h/--help` and `-V/--version` flags and the `help` subcommand
//!   are our own, with our own words;
//! - each command gets a few examples ([`EXAMPLES`]).
//!
//! Nothing here names a particular argument: flags that other commands add
//! later get the same treatment. `--lang` is one of the parsed options, but
//! the help must be chosen before parsing, so [`lang_of`] scans the raw
//! arguments for it first. Errors of the command line itself (an unknown
//! option, a bad value) are reworded in Chinese too ([`print_error`]).

use crate::lang::{pick, Lang, Text};
use crate::tr;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, ArgMatches, CommandFactory, FromArgMatches};
use std::ffi::OsString;

/// clap's own words, in one language.
struct Words {
    usage: &'static str,
    commands: &'static str,
    command_value: &'static str,
    options_tag: &'static str,
    options: &'static str,
    arguments: &'static str,
    global: &'static str,
    possible: &'static str,
    default: &'static str,
    help: &'static str,
    version: &'static str,
    help_command: &'static str,
    help_command_arg: &'static str,
    examples: &'static str,
}

const ZH: Words = Words {
    usage: "用法",
    commands: "命令",
    command_value: "命令",
    options_tag: "[选项]",
    options: "选项",
    arguments: "参数",
    global: "全局选项",
    possible: "可选值",
    default: "默认",
    help: "显示帮助",
    version: "显示版本号",
    help_command: "显示本帮助，或某个命令的帮助",
    help_command_arg: "要查看帮助的命令",
    examples: "示例",
};

const EN: Words = Words {
    usage: "Usage",
    commands: "Commands",
    command_value: "COMMAND",
    options_tag: "[OPTIONS]",
    options: "Options",
    arguments: "Arguments",
    global: "Global options",
    possible: "possible values",
    default: "default",
    help: "Print help",
    version: "Print version",
    help_command: "Print this message or the help of the given command",
    help_command_arg: "the command to show help for",
    examples: "Examples",
};

fn words(lang: Lang) -> &'static Words {
    match lang {
        Lang::Zh => &ZH,
        Lang::En => &EN,
    }
}

/// An example: the command line, what it does in Chinese, in English.
pub type Example = (&'static str, &'static str, &'static str);

/// A few examples per command: the command line, what it does in Chinese and
/// in English. Commands that do not exist in this build are skipped.
pub const EXAMPLES: &[(&str, &[Example])] = &[
    (
        "mingsheng",
        &[
            (
                "mingsheng check --month 2023-06",
                "检查2023年6月各单位报送的进展文件",
                "check the progress files of June 2023",
            ),
            (
                "mingsheng report --month 2023-06 -o 通报.html",
                "生成6月的月调度通报（网页，可打印）",
                "write June's dispatch notice as HTML",
            ),
            (
                "mingsheng -C \"D:\\民生实事 2023\" plan",
                "查看另一个文件夹里的任务清单",
                "show the task list of another workspace folder",
            ),
            (
                "mingsheng help report",
                "查看 report 命令的帮助",
                "help on the report command",
            ),
        ],
    ),
    (
        "plan",
        &[
            ("mingsheng plan", "查看任务清单", "show the task list"),
            (
                "mingsheng plan --versions",
                "列出任务清单的各个版本",
                "list the plan versions",
            ),
            (
                "mingsheng plan --diff 2023 2023-07修订",
                "比较两个版本改了什么",
                "what a revision changed",
            ),
            (
                "mingsheng plan --format json",
                "以 JSON 输出，供脚本使用",
                "JSON for scripts",
            ),
        ],
    ),
    (
        "check",
        &[
            (
                "mingsheng check --month 2023-06",
                "检查6月的进展文件",
                "check June's files",
            ),
            (
                "mingsheng check",
                "检查任务清单和全部月份",
                "check the task list and every month",
            ),
            (
                "mingsheng check --month 2023-06 --strict",
                "有警告也算不通过（退出码 1）",
                "warnings fail too (exit 1)",
            ),
            (
                "mingsheng check --format json",
                "以 JSON 输出全部问题",
                "every finding as JSON",
            ),
        ],
    ),
    (
        "report",
        &[
            (
                "mingsheng report --month 2023-06",
                "在终端显示6月的调度情况",
                "June's report in the terminal",
            ),
            (
                "mingsheng report --month 2023-06 -o 通报.html",
                "通报写成网页（可直接打印）",
                "the notice as one HTML file",
            ),
            (
                "mingsheng report --month 2023-06 -o 通报.docx",
                "公文格式的通报（Word、WPS 可编辑）",
                "the notice as a Word document",
            ),
            (
                "mingsheng report --month 2023-06 -o 通报.xlsx",
                "导出 Excel 表格",
                "an Excel workbook",
            ),
            (
                "mingsheng report --month 2023-06 --unit 县妇联 -o 督办单.docx",
                "一个单位的督办单：它的事项、连续慢序时与本季度得分",
                "one unit's sheet: its items, streaks and score so far",
            ),
            (
                "mingsheng report --month 2023-06 --format csv --encoding gbk -o 通报.csv",
                "导出 GBK 编码的 CSV（旧版 Excel）",
                "CSV in GBK for old Excel",
            ),
        ],
    ),
    (
        "template",
        &[
            (
                "mingsheng template --month 2023-07",
                "为尚未报送的单位生成7月的空白报表（写入 data/2023-07/）",
                "blank July forms for the units that have not filed",
            ),
            (
                "mingsheng template --month 2023-07 --unit 县人社局",
                "只生成一个单位的报表",
                "one unit's form only",
            ),
            (
                "mingsheng template --month 2023-07 -o 下发",
                "写到“下发”文件夹，再发给各单位",
                "write the forms into another folder",
            ),
        ],
    ),
    (
        "score",
        &[
            (
                "mingsheng score --quarter 2023Q2",
                "第二季度动态考评",
                "the second quarter's evaluation",
            ),
            (
                "mingsheng score --quarter 2023Q2 --unit 县人社局",
                "查看一个单位的扣分明细",
                "one unit's deductions, line by line",
            ),
            (
                "mingsheng score --year 2023 -o 考评.xlsx",
                "全年评分导出为 Excel",
                "the year's scores as a workbook",
            ),
        ],
    ),
    (
        "close",
        &[(
            "mingsheng close --month 2023-06",
            "通报印发后关账6月的报表",
            "freeze June once its notice is issued",
        )],
    ),
    (
        "reopen",
        &[(
            "mingsheng reopen --month 2023-06 --reason \"县民政局更正4.1数据\"",
            "经批准后重新打开已关账的月份",
            "reopen a closed month, with the reason",
        )],
    ),
    (
        "log",
        &[(
            "mingsheng log",
            "查看关账与重新打开的记录",
            "the record of closes and reopens",
        )],
    ),
    (
        "history",
        &[
            (
                "mingsheng history 1.1",
                "事项1.1逐月的累计完成、本月增量、完成率与序时进度",
                "item 1.1 month by month",
            ),
            (
                "mingsheng history 18.1 --indicator grain_output --month 2023-09",
                "只看一个指标，截至9月",
                "one indicator, through September",
            ),
            (
                "mingsheng history 1.1 --format csv -o 1.1历史.csv",
                "导出为 CSV（也可 json、md）",
                "as CSV (json and md too)",
            ),
        ],
    ),
    (
        "highlights",
        &[
            (
                "mingsheng highlights --month 2023-06",
                "6月的宣传推介材料（Markdown，显示在终端）",
                "June's publicity summary in the terminal",
            ),
            (
                "mingsheng highlights --month 2023-12 -o 民生实事亮点.docx",
                "写成 Word 文档（也可 .html）",
                "as a Word document (or .html)",
            ),
        ],
    ),
    (
        "generate",
        &[
            (
                "mingsheng generate man > mingsheng.1",
                "生成 man 手册页",
                "the man page",
            ),
            (
                "mingsheng generate complete-bash > /etc/bash_completion.d/mingsheng",
                "bash 命令补全",
                "bash completions",
            ),
            (
                "mingsheng generate complete-powershell >> $PROFILE",
                "PowerShell 命令补全",
                "PowerShell completions",
            ),
        ],
    ),
];

/// The language of the help, read from the raw arguments before clap parses
/// them: `--lang en` or `--lang=en` anywhere before a `--`.
fn lang_of(args: &[OsString]) -> Lang {
    let mut lang = Lang::Zh;
    let mut it = args
        .iter()
        .skip(1)
        .map(|a| a.to_string_lossy().into_owned());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        let value = match a.strip_prefix("--lang=") {
            Some(v) => Some(v.to_string()),
            None if a == "--lang" => it.next(),
            None => None,
        };
        match value.as_deref() {
            Some("en") => lang = Lang::En,
            Some("zh") => lang = Lang::Zh,
            _ => {}
        }
    }
    lang
}

/// Splits a help line written `中文 (English)` into its two languages: the
/// final parenthesised part, when it starts with a Latin letter and what comes
/// before it is not all ASCII, is the English. Any other line serves both.
pub fn split(text: &str) -> (String, String) {
    let t = text.trim_end();
    if t.ends_with(')') {
        // The '(' that matches the final ')'.
        let mut depth = 0usize;
        for (i, c) in t.char_indices().rev() {
            match c {
                ')' => depth += 1,
                '(' => {
                    depth -= 1;
                    if depth == 0 {
                        let before = &t[..i];
                        let en = &t[i + 1..t.len() - 1];
                        // Chinese before, English inside (it may quote a
                        // Chinese word: "refused figures show as 数据有误").
                        if !before.is_ascii() && en.starts_with(|c: char| c.is_ascii_alphabetic()) {
                            return (before.trim_end().to_string(), capitalize(en.trim()));
                        }
                        break;
                    }
                }
                _ => {}
            }
        }
    }
    (t.to_string(), t.to_string())
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn pick_text(text: &str, lang: Lang) -> String {
    let (zh, en) = split(text);
    Text::new(zh, en).take(lang)
}

/// The whole command line interface `C` (the binary's `Cli`), with its help
/// in `lang`. Generic so that this module does not import the one that uses it.
pub fn command<C: CommandFactory>(lang: Lang) -> clap::Command {
    let w = words(lang);
    let mut cmd = own_flags(C::command(), w, true)
        .disable_help_subcommand(true)
        .subcommand(
            clap::Command::new("help").about(w.help_command).arg(
                Arg::new("command")
                    .num_args(0..)
                    .value_name(w.command_value)
                    .help(w.help_command_arg),
            ),
        );
    // Built first, so that global options are copied into the subcommands and
    // every argument knows whether it takes a value; then reworded.
    cmd.build();
    localize(&mut cmd, w, lang, true);
    cmd
}

/// Replaces clap's help and version flags by ours, in every command.
fn own_flags(cmd: clap::Command, w: &Words, root: bool) -> clap::Command {
    // clap's list of possible values is replaced by ours ([`localize_arg`]);
    // hidden before the build, so that value descriptions alone do not switch
    // `--help` to the long layout.
    let mut cmd = cmd
        .mut_args(|a| {
            if a.get_action().takes_values() {
                a.hide_possible_values(true)
            } else {
                a
            }
        })
        .disable_help_flag(true)
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help(w.help),
        );
    if root {
        cmd = cmd.disable_version_flag(true).arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help(w.version),
        );
    }
    let names: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for name in names {
        cmd = cmd.mut_subcommand(name, |s| own_flags(s, w, false));
    }
    cmd
}

fn localize(cmd: &mut clap::Command, w: &Words, lang: Lang, root: bool) {
    for sub in cmd.get_subcommands_mut() {
        localize(sub, w, lang, false);
    }
    let mut c = std::mem::take(cmd);
    if let Some(about) = c.get_about().map(|a| pick_text(&a.to_string(), lang)) {
        c = c.about(about);
    }
    if let Some(about) = c.get_long_about().map(|a| pick_text(&a.to_string(), lang)) {
        c = c.long_about(about);
    }
    c = c.mut_args(|a| localize_arg(a, w, lang, root));
    let name = c.get_name().to_string();
    if let Some(ex) = examples(&name, lang) {
        let mut after = String::new();
        if root {
            after.push_str(pick(
                lang,
                "退出码: 0 没有错误（可有警告）；1 发现错误（或 --strict 时有警告）；\
                 2 无法运行（找不到工作区、参数有误、读写失败）\n\n",
                "Exit status: 0 no errors (warnings allowed); 1 errors (or warnings with \
                 --strict); 2 could not run (no workspace, bad arguments, I/O failure)\n\n",
            ));
        }
        after.push_str(&ex);
        c = c.after_help(after);
    }
    c = c
        .help_template(format!(
            "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
            w.usage
        ))
        .subcommand_help_heading(w.commands)
        .subcommand_value_name(w.command_value);
    // The usage clap writes, with its [OPTIONS] tag in our words.
    let usage = c.clone().render_usage().to_string();
    let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
    let usage = usage.replace("[OPTIONS]", w.options_tag);
    c = c.override_usage(usage.trim_end().to_string());
    *cmd = c;
}

fn localize_arg(a: Arg, w: &Words, lang: Lang, root: bool) -> Arg {
    let takes_values = a.get_num_args().is_some_and(|n| n.takes_values());
    // clap's [possible values: …] and [default: …], in our words.
    let mut extra = Vec::new();
    if takes_values {
        let names: Vec<String> = a
            .get_possible_values()
            .iter()
            .filter(|p| !p.is_hide_set())
            .map(|p| p.get_name().to_string())
            .collect();
        if !names.is_empty() {
            extra.push(format!("[{}: {}]", w.possible, names.join(", ")));
        }
        if !a.is_hide_default_value_set() && !a.get_default_values().is_empty() {
            let d: Vec<String> = a
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            extra.push(format!("[{}: {}]", w.default, d.join(" ")));
        }
    }
    let with_extra = |text: String, sep: &str| {
        if extra.is_empty() {
            text
        } else if text.is_empty() {
            extra.join(" ")
        } else {
            format!("{text}{sep}{}", extra.join(" "))
        }
    };
    let help = with_extra(
        a.get_help()
            .map(|h| pick_text(&h.to_string(), lang))
            .unwrap_or_default(),
        " ",
    );
    let long = a
        .get_long_help()
        .map(|h| with_extra(pick_text(&h.to_string(), lang), "\n\n"));
    let heading = if a.is_positional() {
        w.arguments
    } else if a.is_global_set() && !root {
        w.global
    } else {
        w.options
    };
    let mut a = a.help(help).help_heading(heading);
    if takes_values {
        a = a.hide_possible_values(true).hide_default_value(true);
    }
    if let Some(long) = long {
        a = a.long_help(long);
    }
    a
}

/// The examples of a command, as its help's closing lines.
fn examples(name: &str, lang: Lang) -> Option<String> {
    let (_, list) = EXAMPLES.iter().find(|(n, _)| *n == name)?;
    let w = words(lang);
    let mut s = format!("{}:\n", w.examples);
    for (line, zh, en) in list.iter() {
        let what = pick(lang, zh, en);
        s.push_str(&format!("  # {what}\n  {line}\n"));
    }
    Some(s.trim_end().to_string())
}

/// Parses the command line with the help in the language it asks for. `Err`
/// holds the exit code when there is nothing to run: help or version shown
/// (0), or a command-line error printed (2).
pub fn parse<C: CommandFactory + FromArgMatches>(
    args: impl IntoIterator<Item = OsString>,
) -> Result<C, i32> {
    let args: Vec<OsString> = args.into_iter().collect();
    let lang = lang_of(&args);
    let mut cmd = command::<C>(lang);
    let m = cmd
        .try_get_matches_from_mut(&args)
        .map_err(|e| print_error(&e, lang))?;
    if let Some(("help", sub)) = m.subcommand() {
        return Err(print_help_for(&mut cmd, sub, lang));
    }
    C::from_arg_matches(&m).map_err(|e| print_error(&e, lang))
}

/// `mingsheng help [COMMAND]`: prints the help of the command named, or of
/// the whole program. Returns the exit code.
fn print_help_for(cmd: &mut clap::Command, m: &ArgMatches, lang: Lang) -> i32 {
    let names: Vec<String> = m
        .get_many::<String>("command")
        .map(|v| v.cloned().collect())
        .unwrap_or_default();
    let mut target = cmd;
    for n in &names {
        match target.find_subcommand_mut(n) {
            Some(s) => target = s,
            None => {
                crate::eprintln_safe!(
                    "{}",
                    tr!(
                        "错误: 没有「{n}」这个命令；运行 mingsheng help 查看全部命令",
                        "error: no command '{n}'; run mingsheng help to list them"
                    )
                    .take(lang)
                );
                return 2;
            }
        }
    }
    let _ = target.print_help();
    0
}

/// Prints a command-line error (or the help and version that clap reports as
/// errors) and returns the exit code: 0 for help and version, else 2.
fn print_error(e: &clap::Error, lang: Lang) -> i32 {
    let code = match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => 0,
        _ => 2,
    };
    if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
        // `mingsheng` alone: the help. Double-clicked in Explorer, the
        // window would close before it could be read.
        let _ = e.print();
        pause_if_own_console(lang);
        return code;
    }
    if lang == Lang::En && e.kind() == ErrorKind::ValueValidation {
        // clap quotes our parser's message whole, written `中文 (English)`.
        if let Some(why) = std::error::Error::source(e) {
            let arg = ctx(e, ContextKind::InvalidArg).unwrap_or_default();
            let value = ctx(e, ContextKind::InvalidValue).unwrap_or_default();
            // After clap's colon, in clap's own style: lower case.
            let why = pick_text(&why.to_string(), Lang::En);
            let mut chars = why.chars();
            let why: String = chars
                .next()
                .map_or(String::new(), |c| c.to_lowercase().chain(chars).collect());
            crate::eprintln_safe!(
                "error: invalid value '{value}' for '{arg}': {why}\n\nFor more information, try '--help'."
            );
            return code;
        }
    }
    if code == 0 || lang == Lang::En {
        let _ = e.print();
        return code;
    }
    match chinese_error(e) {
        Some(msg) => crate::eprintln_safe!("{msg}"),
        None => {
            let _ = e.print();
        }
    }
    code
}

/// Waits for Enter when this process is alone in its console window: on
/// Windows, that is mingsheng.exe double-clicked in Explorer (from cmd.exe or
/// PowerShell, the shell shares the console). Elsewhere, and when stdin is not
/// a console, it returns at once.
fn pause_if_own_console(lang: Lang) {
    #[cfg(windows)]
    {
        use std::io::IsTerminal;
        #[link(name = "kernel32")]
        extern "system" {
            fn GetConsoleProcessList(list: *mut u32, count: u32) -> u32;
        }
        let mut ids = [0u32; 2];
        // SAFETY: the buffer holds `count` entries; the call writes at most that many.
        let n = unsafe { GetConsoleProcessList(ids.as_mut_ptr(), ids.len() as u32) };
        if n == 1 && std::io::stdin().is_terminal() {
            crate::eprint_safe!(
                "{}",
                pick(lang, "\nmingsheng 是命令行程序：请在命令提示符中运行，或双击“检查本月报表.bat”等。按回车键关闭……", "\nmingsheng is a command-line program: run it from a command prompt. Press Enter to close…")
            );
            let mut line = String::new();
            let _ = std::io::stdin().read_line(&mut line);
        }
    }
    #[cfg(not(windows))]
    let _ = lang;
}

fn ctx(e: &clap::Error, k: ContextKind) -> Option<String> {
    e.get(k).map(|v| match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(|s| s.to_string())
            .collect::<Vec<_>>()
            .join(", "),
        other => other.to_string(),
    })
}

/// A command-line error in Chinese, with clap's suggestion and the usage.
fn chinese_error(e: &clap::Error) -> Option<String> {
    let arg = ctx(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = ctx(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut msg = match e.kind() {
        ErrorKind::UnknownArgument => format!("错误: 不认识的参数「{arg}」"),
        ErrorKind::InvalidSubcommand => {
            let sub = ctx(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("错误: 没有「{sub}」这个命令")
        }
        ErrorKind::InvalidValue => {
            let mut m = format!("错误: 参数 {arg} 的值「{value}」无效");
            if let Some(valid) = ctx(e, ContextKind::ValidValue) {
                m.push_str(&format!("；可选值: {valid}"));
            }
            m
        }
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e)
                .map(|s| format!("：{}", pick_text(&s.to_string(), Lang::Zh)))
                .unwrap_or_default();
            format!("错误: 参数 {arg} 的值「{value}」无效{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("错误: 缺少必填的参数 {arg}"),
        ErrorKind::MissingSubcommand => "错误: 缺少命令".to_string(),
        ErrorKind::ArgumentConflict => {
            let prior = ctx(e, ContextKind::PriorArg).unwrap_or_default();
            if prior == arg || prior.is_empty() {
                format!("错误: 参数 {arg} 只能给一次")
            } else {
                format!("错误: 参数 {arg} 不能与 {prior} 同时使用")
            }
        }
        ErrorKind::NoEquals | ErrorKind::WrongNumberOfValues | ErrorKind::TooManyValues => {
            format!("错误: 参数 {arg} 的值的个数不对")
        }
        ErrorKind::TooFewValues => format!("错误: 参数 {arg} 缺少值"),
        _ => return None,
    };
    for k in [ContextKind::SuggestedArg, ContextKind::SuggestedSubcommand] {
        if let Some(s) = ctx(e, k) {
            msg.push_str(&format!("\n  提示: 是否指「{s}」？"));
        }
    }
    if let Some(usage) = ctx(e, ContextKind::Usage) {
        let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u);
        msg.push_str(&format!("\n\n用法: {}", usage.trim()));
    }
    msg.push_str("\n\n运行时加 --help 查看帮助");
    Some(msg)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_chinese_and_english() {
        assert_eq!(
            split("报告月份 (the month reported, YYYY-MM)"),
            ("报告月份".into(), "The month reported, YYYY-MM".into())
        );
        assert_eq!(
            split("表格只用 ASCII 字符绘制（部分中文 Windows 控制台需要）(draw tables with ASCII only)").0,
            "表格只用 ASCII 字符绘制（部分中文 Windows 控制台需要）"
        );
        // Nested parentheses in the English part.
        assert_eq!(
            split("格式 (output (default table))").1,
            "Output (default table)"
        );
        // No English part: the same text for both.
        assert_eq!(split("GBK（以 GB18030 写出）").1, "GBK（以 GB18030 写出）");
        assert_eq!(
            split("出错的数据标为「数据有误」 (refused figures show as 数据有误)").1,
            "Refused figures show as 数据有误"
        );
        assert_eq!(split("(only English)").0, "(only English)");
    }

    #[test]
    fn lang_is_found_before_parsing() {
        let a = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&a(&["m", "--help"])), Lang::Zh);
        assert_eq!(lang_of(&a(&["m", "--lang", "en", "--help"])), Lang::En);
        assert_eq!(lang_of(&a(&["m", "report", "--lang=en", "-h"])), Lang::En);
        assert_eq!(lang_of(&a(&["m", "--", "--lang", "en"])), Lang::Zh);
    }

    #[test]
    fn every_argument_has_a_heading_in_the_language() {
        for (lang, w) in [(Lang::Zh, &ZH), (Lang::En, &EN)] {
            let cmd = command::<crate::cli::Cli>(lang);
            for c in std::iter::once(&cmd).chain(cmd.get_subcommands()) {
                for a in c.get_arguments() {
                    let h = a.get_help_heading().unwrap();
                    assert!(
                        [w.options, w.arguments, w.global].contains(&h),
                        "{} {}",
                        c.get_name(),
                        a.get_id()
                    );
                }
            }
        }
    }
}
