//! JSON for scripts as every command writes it: pretty, with a final newline
//! (a file or a terminal line that ends like text).

use serde::Serialize;

/// `v` as indented JSON ending in a newline.
pub fn pretty<T: Serialize + ?Sized>(v: &T) -> serde_json::Result<String> {
    let mut s = serde_json::to_string_pretty(v)?;
    s.push('\n');
    Ok(s)
}

#[cfg(test)]
mod tests {
    #[test]
    fn indented_with_a_final_newline() {
        let s = super::pretty(&serde_json::json!({"a": [1]})).unwrap();
        assert_eq!(s, "{\n  \"a\": [\n    1\n  ]\n}\n");
    }
}
