//! The working group (`[group]`, seed §三(一)): the shipped roster and its rules.

mod common;

use common::{error_codes, json_of, repo, with_code, Workdir};

#[test]
fn the_shipped_plan_holds_the_seeds_working_group() {
    let v = json_of(common::mingsheng(repo()).args(["plan", "--format", "json"]));
    let g = &v["group"];
    assert_eq!(g["name"], "双牌县打好重点民生保障仗工作专班");
    assert_eq!(g["convener"], "县政府常务副县长");
    assert_eq!(
        g["deputies"],
        serde_json::json!(["县政府办分管副主任", "县人社局主要负责人"])
    );
    let members: Vec<&str> = g["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    // The seed names 22 member units, in this order; ids as the units list spells them.
    assert_eq!(members.len(), 22, "{members:?}");
    assert_eq!(members[0], "fgj");
    assert_eq!(members[17], "wlgtj", "县文旅广体局 is a member");
    assert_eq!(members[21], "gdgs");
    // 县文旅广体局 leads no item, yet is a unit and a member.
    let leads_wlgtj = v["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|i| i["lead"].as_array().unwrap().iter().any(|u| u == "wlgtj"));
    assert!(!leads_wlgtj);
}

#[test]
fn plan_shows_the_group_and_its_members_that_lead_nothing() {
    for (lang, want) in [
        ("zh", "召集人 县政府常务副县长"),
        ("en", "convener 县政府常务副县长"),
    ] {
        let out = common::mingsheng(repo())
            .args(["plan", "--lang", lang])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains(want), "{text}");
        assert!(text.contains("县文旅广体局"), "{text}");
    }
    let out = common::mingsheng(repo()).arg("plan").output().unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("成员单位（22 个）"), "{text}");
    assert!(
        text.contains("其中不牵头事项的成员单位：县文旅广体局"),
        "{text}"
    );
}

/// The shipped plan with `from` replaced by `to` (once), checked.
fn check_with(from: &str, to: &str) -> (serde_json::Value, String) {
    let w = Workdir::new();
    let plan = String::from_utf8(w.read("seeds/2023.toml")).unwrap();
    assert!(plan.contains(from), "the plan lacks {from}");
    let text = plan.replacen(from, to, 1);
    w.write("seeds/2023.toml", &text);
    let (v, code) = w.check_json(&[]);
    assert_ne!(code, 2, "{v:#}");
    (v, text)
}

fn line_of(text: &str, needle: &str) -> u64 {
    text.lines().position(|l| l.contains(needle)).unwrap() as u64 + 1
}

#[test]
fn a_member_that_is_no_unit_is_an_error_at_its_line() {
    let (v, text) = check_with("\"slj\", \"wlgtj\"", "\"slj\", \"县文旅局\"");
    let d = with_code(&v, "unknown-unit");
    assert_eq!(d.len(), 1, "{v:#}");
    assert_eq!(d[0]["file"], "seeds/2023.toml");
    assert_eq!(d[0]["line"], line_of(&text, "\"县文旅局\""));
    assert!(d[0]["message"]
        .as_str()
        .unwrap()
        .contains("成员单位「县文旅局」"));
}

#[test]
fn a_member_named_twice_is_a_warning() {
    let (v, _) = check_with("\"gaj\", \"gdgs\"", "\"gaj\", \"gdgs\", \"供电公司\"");
    let d = with_code(&v, "duplicate-member");
    assert_eq!(d.len(), 1, "{v:#}");
    assert_eq!(d[0]["severity"], "warning");
}

#[test]
fn an_empty_convener_missing_members_and_unknown_keys_are_errors() {
    let (v, _) = check_with("convener = \"县政府常务副县长\"", "convener = \" \"");
    assert_eq!(error_codes(&v), ["empty-name"], "{v:#}");
    let (v, _) = check_with("members = [", "member = [");
    assert_eq!(error_codes(&v), ["missing-field", "unknown-field"], "{v:#}");
    let (v, _) = check_with("deputies = [\"县政府办分管副主任\", ", "deputies = [1, ");
    assert_eq!(error_codes(&v), ["wrong-type"], "{v:#}");
}

#[test]
fn a_plan_without_a_group_is_fine() {
    let w = Workdir::new();
    let plan = String::from_utf8(w.read("seeds/2023.toml")).unwrap();
    let start = plan.find("[group]").unwrap();
    let end = start + plan[start..].find("]\n\n").unwrap() + 3;
    w.write(
        "seeds/2023.toml",
        format!("{}{}", &plan[..start], &plan[end..]),
    );
    let v = json_of(w.cmd().args(["plan", "--format", "json"]));
    assert!(v["group"].is_null(), "{v:#}");
    let (v, code) = w.check_json(&[]);
    assert_eq!(code, 0, "{v:#}");
}
