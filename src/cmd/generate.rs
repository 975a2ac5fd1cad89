//! `mingsheng generate`: the man page and shell completions, as ripgrep's
//! `--generate` does.
//!
//! ```text
//! mingsheng generate man|complete-bash|complete-zsh|complete-fish|complete-powershell
//! ```
//!
//! Both come from the same clap `Command` as `--help` ([`crate::help`]), so
//! they list every command and option of this build, described in the language
//! of `--lang` (Chinese by default). The man page is one page: the program's
//! own sections as clap_mangen writes them, then a section per command with its
//! synopsis, description, options and examples. Printed on stdout; the
//! examples in `--help` say where each goes.

use crate::app::{App, Exit};
use anyhow::Result;
use clap_complete::Shell;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// 要生成的内容 (what to print)
    #[arg(value_enum, value_name = "KIND")]
    kind: Kind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
enum Kind {
    /// man 手册页（roff）
    Man,
    /// bash 补全
    CompleteBash,
    /// zsh 补全
    CompleteZsh,
    /// fish 补全
    CompleteFish,
    /// PowerShell 补全
    CompletePowershell,
}

/// `cmd` is the whole command line with its help in `--lang`
/// ([`crate::help::command`]), handed in by `cli` so that this module does
/// not import the module that dispatches to it.
pub fn run(_app: &App, args: Args, mut cmd: clap::Command) -> Result<Exit> {
    let mut out = Vec::new();
    match args.kind {
        Kind::Man => man(cmd, &mut out)?,
        Kind::CompleteBash => complete(Shell::Bash, &mut cmd, &mut out),
        Kind::CompleteZsh => complete(Shell::Zsh, &mut cmd, &mut out),
        Kind::CompleteFish => complete(Shell::Fish, &mut cmd, &mut out),
        Kind::CompletePowershell => complete(Shell::PowerShell, &mut cmd, &mut out),
    }
    super::emit(None, &out)?;
    Ok(Exit::Ok)
}

fn complete(shell: Shell, cmd: &mut clap::Command, out: &mut Vec<u8>) {
    clap_complete::generate(shell, cmd, "mingsheng", out);
}

/// One man page: the program, then each command as a section of its own.
fn man(cmd: clap::Command, out: &mut Vec<u8>) -> Result<()> {
    use std::io::Write;
    let mut root = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut root)?;
    // clap_mangen names each command as a page of its own (mingsheng-report(1));
    // here they are sections of this page.
    let mut root = String::from_utf8(root)?;
    for sub in cmd.get_subcommands() {
        let name = sub.get_name();
        root = root.replace(
            &format!("mingsheng\\-{name}(1)"),
            &format!("mingsheng {name}"),
        );
    }
    out.extend_from_slice(root.as_bytes());
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        writeln!(
            out,
            ".SH \"{}\"",
            format!("mingsheng {}", sub.get_name()).to_uppercase()
        )?;
        let page = clap_mangen::Man::new(sub.clone());
        let mut part = Vec::new();
        page.render_synopsis_section(&mut part)?;
        page.render_description_section(&mut part)?;
        page.render_options_section(&mut part)?;
        if sub.get_after_help().is_some() {
            page.render_extra_section(&mut part)?;
        }
        // The command's own sections become subsections of its section.
        let part = String::from_utf8(part)?;
        for line in part.lines() {
            match line.strip_prefix(".SH ") {
                Some(rest) => writeln!(out, ".SS {rest}")?,
                None => writeln!(out, "{line}")?,
            }
        }
    }
    Ok(())
}
