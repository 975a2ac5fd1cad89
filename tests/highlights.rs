//! `mingsheng highlights`: the publicity summary — achievements only, never a
//! lagging item — as md, html, docx and json.

mod common;

use common::{json_of, mingsheng, repo, Workdir};
use serde_json::Value;

fn section_items(h: &Value) -> Vec<String> {
    h["sections"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["items"].as_array().unwrap().iter())
        .map(|i| i.as_str().unwrap().to_string())
        .collect()
}

#[test]
fn no_lagging_item_appears_and_done_and_ahead_ones_do() {
    for month in ["2023-03", "2023-06", "2023-09", "2023-12"] {
        let r = json_of(mingsheng(repo()).args(["report", "--month", month, "--format", "json"]));
        let h =
            json_of(mingsheng(repo()).args(["highlights", "--month", month, "--format", "json"]));
        let shown = section_items(&h);
        let md = String::from_utf8(
            mingsheng(repo())
                .args(["highlights", "--month", month])
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        for it in r["items"].as_array().unwrap() {
            let id = it["id"].as_str().unwrap();
            let status = it["status"].as_str().unwrap();
            let lagging =
                ["behind", "severely_behind", "overdue", "not_reported"].contains(&status);
            if lagging {
                assert!(
                    !shown.iter().any(|s| s == id),
                    "{month}: lagging {id} shown"
                );
                let text: String = it["text"].as_str().unwrap().chars().take(12).collect();
                assert!(!md.contains(&text), "{month}: {text} in\n{md}");
            }
            if status == "done" || status == "ahead" {
                assert!(
                    shown.iter().any(|s| s == id),
                    "{month}: {status} {id} missing"
                );
            }
        }
        for word in ["滞后", "逾期", "未报送"] {
            assert!(!md.contains(word), "{month}: {word} in\n{md}");
        }
    }
}

/// 1.1 done in May (3200 of 3200), 2.1's users ahead, 12.1 behind.
fn workspace() -> Workdir {
    let w = Workdir::new();
    w.write_csv(
        "data/2023-05/县人社局.csv",
        "事项编号,指标,累计完成\n1.1,jobs,3200\n1.2,training,40\n",
    );
    w.write_csv(
        "data/2023-05/县政务服务中心.csv",
        "事项编号,指标,累计完成\n2.1,users,48000\n2.1,one_net_items,60\n2.1,e_licenses,21\n",
    );
    w.write_csv(
        "data/2023-05/县城管局.csv",
        "事项编号,指标,累计完成\n12.1,parking,10\n",
    );
    w
}

#[test]
fn figures_month_and_ahead_in_plain_sentences() {
    let w = workspace();
    let h = json_of(
        w.cmd()
            .args(["highlights", "--month", "2023-05", "--format", "json"]),
    );
    assert_eq!(h["title"], "双牌县2023年重点民生实事工作亮点");
    assert_eq!(h["subtitle"], "（截至2023年5月底）");
    let done = &h["sections"][0];
    assert_eq!(done["heading"], "一、已完成的民生实事");
    assert_eq!(done["items"], serde_json::json!(["1.1"]));
    assert!(
        done["paragraphs"][0]
            .as_str()
            .unwrap()
            .ends_with("城镇新增就业3200人，于2023年5月完成目标任务（3200人）。"),
        "{done:#}"
    );
    // 48000 / 80000 = 60 % against 5/12 = 41.7 %: 18.3 points ahead; item 2.1
    // as a whole is ahead (its other two at 60 % too).
    let ahead = &h["sections"][1];
    assert_eq!(ahead["items"], serde_json::json!(["2.1"]));
    let p = ahead["paragraphs"][0].as_str().unwrap();
    assert!(
        p.contains("“湘易办”用户数48000户，完成目标80000户的60.0%，超序时18.3个百分点"),
        "{p}"
    );
    let all = serde_json::to_string(&h).unwrap();
    assert!(!all.contains("12.1") && !all.contains("停车"), "{all}");
    assert!(h["lead"]
        .as_str()
        .unwrap()
        .contains("已完成1项，超序时推进1项"));
}

#[test]
fn html_docx_and_english() {
    let w = workspace();
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("亮点.html");
    let out = w
        .cmd()
        .args(["highlights", "--month", "2023-05", "-o"])
        .arg(&html)
        .output()
        .unwrap();
    assert!(out.status.success());
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.starts_with("<!DOCTYPE html>") && page.contains("<h2>一、已完成的民生实事</h2>"));
    // The plan's texts are text, never markup.
    let plan = String::from_utf8(w.read("seeds/2023.toml")).unwrap();
    w.write(
        "seeds/2023.toml",
        plan.replacen(
            "text = \"城镇新增就业3200人。\"",
            "text = \"城镇新增就业<b>3200人</b>。\"",
            1,
        ),
    );
    let out = w
        .cmd()
        .args(["highlights", "--month", "2023-05", "--format", "html"])
        .output()
        .unwrap();
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains("城镇新增就业&lt;b&gt;3200人"), "{page}");
    assert!(!page.contains("<b>"));
    w.write("seeds/2023.toml", plan);
    let docx = dir.path().join("亮点.docx");
    let run = || {
        w.cmd()
            .args([
                "highlights",
                "--month",
                "2023-05",
                "--date",
                "2023-06-05",
                "-o",
            ])
            .arg(&docx)
            .output()
            .unwrap()
    };
    assert!(run().status.success());
    let first = std::fs::read(&docx).unwrap();
    assert!(run().status.success());
    assert_eq!(
        first,
        std::fs::read(&docx).unwrap(),
        "the same bytes every time"
    );
    assert_eq!(&first[..2], b"PK");
    let en = w
        .cmd()
        .args(["highlights", "--month", "2023-05", "--lang", "en"])
        .output()
        .unwrap();
    let en = String::from_utf8(en.stdout).unwrap();
    assert!(
        en.contains("reaching the target of 3200人 in 2023-05"),
        "{en}"
    );
    let csv = w
        .cmd()
        .args(["highlights", "--month", "2023-05", "--format", "csv"])
        .output()
        .unwrap();
    assert_eq!(csv.status.code(), Some(2));
}

/// A format highlights does not write is refused, naming those it does; the
/// terminal (`--format table`, the default) gets the Markdown.
#[test]
fn csv_is_refused_with_the_formats_highlights_writes() {
    let w = Workdir::new();
    w.cmd()
        .args(["highlights", "--format", "csv"])
        .assert()
        .code(2)
        .stdout("")
        .stderr(predicates::str::contains(
            "highlights 只能输出 md、html、docx 或 json，不支持 csv",
        ));
    w.cmd()
        .args(["--lang", "en", "highlights", "--format", "xlsx", "-o"])
        .arg(w.join("h.xlsx"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "highlights writes md, html, docx or json, not xlsx",
        ));
    assert!(!w.join("h.xlsx").exists());
}
