//! Independent recomputation: the report's numbers recomputed from the shipped
//! files with code that shares nothing with the tool but the csv and encoding
//! crates, and the quarterly score recomputed by hand from the report's statuses.

mod common;

use common::{json_of, mingsheng, repo};
use serde_json::Value;
use std::collections::HashMap;

fn json(args: &[&str]) -> Value {
    json_of(
        mingsheng(repo())
            .env("MINGSHENG_TODAY", "2024-01")
            .args(args)
            .args(["--format", "json"]),
    )
}

/// (item, indicator) → (value, status text) for one month, read naively.
fn read_month(month: &str) -> HashMap<(String, String), (Option<f64>, String)> {
    let mut out = HashMap::new();
    let dir = repo().join("data").join(month);
    for entry in std::fs::read_dir(dir).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        let text = match std::str::from_utf8(&bytes) {
            Ok(t) => t.trim_start_matches('\u{feff}').to_string(),
            Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
        };
        let mut rows = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut header: Option<Vec<String>> = None;
        for row in rows.records() {
            let row: Vec<String> = row.unwrap().iter().map(str::to_string).collect();
            let Some(h) = &header else {
                if row.iter().any(|c| c == "事项编号") {
                    header = Some(row);
                }
                continue;
            };
            let col = |name: &str| {
                h.iter()
                    .position(|c| c == name)
                    .map(|i| row[i].trim().to_string())
            };
            let (Some(item), Some(ind)) = (col("事项编号"), col("指标")) else {
                continue;
            };
            out.insert(
                (item, ind),
                (
                    naive_number(&col("累计完成").unwrap_or_default()),
                    col("状态").unwrap_or_default(),
                ),
            );
        }
    }
    out
}

/// `1,728` → 1728, `7.2万` → 72000, `93%` → 93, `16.3公里` → 16.3.
fn naive_number(cell: &str) -> Option<f64> {
    let ascii: String = cell
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - 0xFEE0).unwrap(),
            '，' => ',',
            '．' => '.',
            _ => c,
        })
        .filter(|c| *c != ',')
        .collect();
    let digits: String = ascii
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let n: f64 = digits.parse().ok()?;
    Some(if ascii[digits.len()..].starts_with('万') {
        n * 10000.0
    } else {
        n
    })
}

fn months_to_deadline(deadline: &str) -> u32 {
    if deadline == "ongoing" {
        12
    } else {
        deadline[5..].parse().unwrap()
    }
}

#[test]
fn report_json_agrees_with_a_naive_recomputation_from_the_files() {
    let report = json(&["report", "--month", "2023-06"]);
    let plan = json(&["plan", "--month", "2023-06"]);
    let history: Vec<_> = (1..=6)
        .map(|m| read_month(&format!("2023-{m:02}")))
        .collect();
    let june = &history[5];
    let mut checked = 0;
    for item in plan["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        let due = months_to_deadline(item["deadline"].as_str().unwrap());
        let got_item = report["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["id"] == id)
            .unwrap();
        for ind in item["indicators"].as_array().unwrap() {
            let ind_id = ind["id"].as_str().unwrap();
            if !ind["stages"].as_array().unwrap().is_empty() {
                continue; // judged by its nodes: see the test below
            }
            let got = got_item["indicators"]
                .as_array()
                .unwrap()
                .iter()
                .find(|k| k["id"] == ind_id)
                .unwrap();
            let kind = ind["kind"].as_str().unwrap();
            let target = ind["target"].as_f64().unwrap();
            let c_of = |v: Option<f64>, st: &str| -> Option<f64> {
                match kind {
                    "level" => {
                        let b = ind["baseline"].as_f64().unwrap();
                        v.map(|v| ((v - b) / (target - b)).clamp(0.0, 1.0))
                    }
                    "milestone" => v.map(|p| p / 100.0).or(match st {
                        "已完成" => Some(1.0),
                        "未启动" => Some(0.0),
                        _ => None,
                    }),
                    _ => v.map(|v| v / target),
                }
            };
            let e = match kind {
                "maintain" => 1.0,
                "level" => {
                    if 6 >= due {
                        1.0
                    } else {
                        0.0
                    }
                }
                _ => match ind["schedule"].as_array() {
                    Some(s) => s.get(5).map_or(1.0, |x| x.as_f64().unwrap()),
                    None => (6.0 / due as f64).min(1.0),
                },
            };
            let key = (id.to_string(), ind_id.to_string());
            let Some((v, st)) = june.get(&key) else {
                assert_eq!(got["status"], "not_reported", "{id}/{ind_id}");
                continue;
            };
            let c = c_of(*v, st);
            assert!(
                (got["expected"].as_f64().unwrap() - e).abs() < 1e-9,
                "{id}/{ind_id} e"
            );
            match c {
                Some(c) => assert!(
                    (got["completion"].as_f64().unwrap() - c).abs() < 1e-9,
                    "{id}/{ind_id} c: {c} vs {}",
                    got["completion"]
                ),
                None => assert!(got["completion"].is_null(), "{id}/{ind_id}"),
            }
            // Done in any month so far (a maintain indicator only from its deadline).
            let done_before = history.iter().enumerate().any(|(m, month)| {
                month.get(&key).is_some_and(|(v, st)| {
                    c_of(*v, st).is_some_and(|c| c >= 1.0)
                        && (kind != "maintain" || m as u32 + 1 >= due)
                })
            });
            let status = if done_before {
                "done"
            } else if 6 > due {
                "overdue"
            } else {
                match c {
                    None => "on_track",
                    Some(c) if e < 1.0 && c >= e + 0.10 - 1e-9 => "ahead",
                    Some(c) if c >= e - 1e-9 => "on_track",
                    Some(c) if e - c < 0.20 - 1e-9 => "behind",
                    Some(_) => "severely_behind",
                }
            };
            assert_eq!(got["status"], status, "{id}/{ind_id}");
            checked += 1;
        }
    }
    assert!(checked >= 50, "only {checked} indicators checked");
}

/// The status of a staged milestone by its nodes, recomputed from the rule as
/// docs/report.md states it (thresholds: the defaults, 2 stages / 2 months).
fn staged_status(done_before: bool, reported: bool, late: &[u32], c: f64, e: f64) -> &'static str {
    if done_before {
        "done"
    } else if !reported {
        "not_reported"
    } else if late.len() >= 2 || late.iter().any(|&l| l >= 2) {
        "severely_behind"
    } else if !late.is_empty() {
        "behind"
    } else if e < 1.0 && c >= e + 0.10 - 1e-9 {
        "ahead"
    } else {
        "on_track"
    }
}

#[test]
fn staged_milestones_agree_with_a_naive_recomputation_every_month() {
    let plan = json(&["plan", "--month", "2023-06"]);
    let history: Vec<_> = (1..=12)
        .map(|m| read_month(&format!("2023-{m:02}")))
        .collect();
    let mut checked = 0;
    let mut seen = std::collections::BTreeSet::new();
    for month in 1..=12u32 {
        let report = json(&["report", "--month", &format!("2023-{month:02}")]);
        for item in plan["items"].as_array().unwrap() {
            let id = item["id"].as_str().unwrap();
            for ind in item["indicators"].as_array().unwrap() {
                let stages = ind["stages"].as_array().unwrap();
                if stages.is_empty() {
                    continue;
                }
                // (name, due month) of each stage; a stage row is keyed by its name.
                let stages: Vec<(String, u32)> = stages
                    .iter()
                    .map(|s| {
                        let due = s["due"].as_str().unwrap()[5..].parse().unwrap();
                        (s["name"].as_str().unwrap().to_string(), due)
                    })
                    .collect();
                let status_in = |m: u32, name: &str| {
                    history[m as usize - 1]
                        .get(&(id.to_string(), name.to_string()))
                        .map(|(_, st)| st.clone())
                        .filter(|st| !st.is_empty())
                };
                let done_by = |m: u32, name: &str| {
                    (1..=m).find(|&k| status_in(k, name).as_deref() == Some("已完成"))
                };
                let n = stages.len() as f64;
                let done = stages.iter().filter(|(s, _)| done_by(month, s).is_some());
                let c = done.count() as f64 / n;
                let e = stages.iter().filter(|(_, d)| *d <= month).count() as f64 / n;
                let late: Vec<u32> = stages
                    .iter()
                    .filter(|(s, d)| *d <= month && done_by(month, s).is_none())
                    .map(|(_, d)| month - d)
                    .collect();
                let all_done_before =
                    month > 1 && stages.iter().all(|(s, _)| done_by(month - 1, s).is_some());
                let reported = stages.iter().any(|(s, _)| status_in(month, s).is_some());
                let want = staged_status(all_done_before || c >= 1.0, reported, &late, c, e);
                let got = report["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|i| i["id"] == id)
                    .and_then(|i| {
                        i["indicators"]
                            .as_array()
                            .unwrap()
                            .iter()
                            .find(|k| k["id"] == ind["id"])
                    })
                    .unwrap();
                let at = format!("{id}/{} in 2023-{month:02}", ind["id"]);
                assert_eq!(got["status"], want, "{at}");
                assert!(
                    (got["expected"].as_f64().unwrap() - e).abs() < 1e-9,
                    "{at} e"
                );
                assert!(
                    (got["completion"].as_f64().unwrap() - c).abs() < 1e-9,
                    "{at} c"
                );
                let missed: Vec<u64> = got["stages"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter_map(|s| s["months_late"].as_u64())
                    .collect();
                assert_eq!(
                    missed,
                    late.iter().map(|&l| l as u64).collect::<Vec<_>>(),
                    "{at}"
                );
                seen.insert(want);
                checked += 1;
            }
        }
    }
    assert!(checked >= 60, "only {checked} staged indicators checked");
    // The sample year shows every judgement the nodes can give.
    for s in ["on_track", "ahead", "behind", "severely_behind", "done"] {
        assert!(seen.contains(s), "no staged indicator is {s}: {seen:?}");
    }
}

#[test]
fn quarter_score_agrees_with_a_recomputation_from_the_report_statuses() {
    let score = json(&["score", "--quarter", "2023Q2"]);
    let mut expected: HashMap<String, f64> = HashMap::new();
    for month in ["2023-04", "2023-05", "2023-06"] {
        let report = json(&["report", "--month", month]);
        for item in report["items"].as_array().unwrap() {
            let due = item["deadline"].as_str().unwrap();
            let due = if due == "ongoing" { "2023-12" } else { due };
            for ind in item["indicators"].as_array().unwrap() {
                let unit = ind["reporter"].as_str().unwrap().to_string();
                let mut points = match ind["status"].as_str().unwrap() {
                    "not_reported" => -2.0,
                    "severely_behind" => -2.0,
                    "behind" => -1.0,
                    "overdue" => -3.0,
                    _ => 0.0,
                };
                if ind["done_in"] == month && month < due {
                    points += 1.0;
                }
                *expected.entry(unit).or_default() += points;
            }
            if item["streak"].as_u64().unwrap() >= 2 {
                let lead = item["lead"][0].as_str().unwrap().to_string();
                *expected.entry(lead).or_default() -= 1.0;
            }
        }
        // A file received after the due day of a closed month: `late` = −1.
        for u in report["late"].as_array().unwrap() {
            *expected
                .entry(u["id"].as_str().unwrap().to_string())
                .or_default() -= 1.0;
        }
    }
    let units = score["units"].as_array().unwrap();
    assert_eq!(units.len(), 24);
    for u in units {
        let id = u["id"].as_str().unwrap();
        let want = 100.0 + expected.get(id).copied().unwrap_or(0.0);
        assert_eq!(u["score"].as_f64().unwrap(), want, "{id}");
    }
    // Ranks: competition style over descending scores.
    let ranked: Vec<(f64, u64)> = units
        .iter()
        .filter(|u| !u["rank"].is_null())
        .map(|u| (u["score"].as_f64().unwrap(), u["rank"].as_u64().unwrap()))
        .collect();
    for (i, (s, r)) in ranked.iter().enumerate() {
        let better = ranked.iter().filter(|(t, _)| t > s).count() as u64;
        assert_eq!(*r, better + 1, "position {i}");
    }
}

#[test]
fn input_hash_follows_the_documented_recipe() {
    use sha2::{Digest, Sha256};
    let report = json(&["report", "--month", "2023-06"]);
    let files = report["inputs"]["files"].as_array().unwrap();
    // The plan and every progress file of January to June.
    assert_eq!(files[0], "data/2023-01/县交通运输局.csv");
    assert!(files.iter().any(|f| f == "seeds/2023.toml"));
    let progress_files = (1..=6)
        .map(|m| {
            std::fs::read_dir(repo().join(format!("data/2023-{m:02}")))
                .unwrap()
                .count()
        })
        .sum::<usize>();
    assert_eq!(files.len(), progress_files + 1);
    let mut h = Sha256::new();
    for f in files {
        let f = f.as_str().unwrap();
        h.update(f.as_bytes());
        h.update([0u8]);
        h.update(Sha256::digest(std::fs::read(repo().join(f)).unwrap()));
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(report["inputs"]["sha256"], hex.as_str());
}
