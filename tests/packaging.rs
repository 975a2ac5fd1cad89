//! What the Windows package is made of and cannot be checked by CI running it
//! (scripts/windows.sh needs wine): the launchers must survive the conversion
//! to GBK, and the guides must be where the package and the code take them.

use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn launchers_are_gbk_encodable_and_run_from_their_folder() {
    let dir = root().join("scripts/windows");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("bat") {
            continue;
        }
        n += 1;
        let text = std::fs::read_to_string(&path).unwrap();
        let (_, _, unmappable) = encoding_rs::GBK.encode(&text);
        assert!(
            !unmappable,
            "{}: a character GBK cannot hold",
            path.display()
        );
        assert!(
            !text.contains('\r'),
            "{}: kept with LF here, CRLF when packed",
            path.display()
        );
        for needed in [
            "@echo off",
            "pushd \"%~dp0\"",
            "mingsheng.exe",
            "--month %MONTH%",
            "pause",
        ] {
            assert!(text.contains(needed), "{}: no {needed}", path.display());
        }
    }
    assert_eq!(n, 2, "检查本月报表.bat and 生成月调度通报.bat");
}

#[test]
fn guides_exist_for_the_package() {
    for g in ["docs/使用说明.md", "docs/填报说明.md"] {
        let text = std::fs::read_to_string(root().join(g)).unwrap();
        assert!(text.starts_with("# "), "{g}");
    }
    assert_eq!(
        mingsheng::guide::FILLING_INSTRUCTIONS,
        std::fs::read_to_string(root().join("docs/填报说明.md")).unwrap()
    );
}
