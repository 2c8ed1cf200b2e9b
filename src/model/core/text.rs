//! Quoting what the user typed back to them, kept short: a link or a pasted
//! paragraph can carry anything, and a message must stay readable.

/// The first `limit` characters of `text`, with an ellipsis when cut. Reads
/// at most `limit + 1` characters, however long the text.
#[must_use]
pub fn truncate(text: &str, limit: usize) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(limit).collect();
    if chars.next().is_some() {
        out.push('\u{2026}');
    }
    out
}

/// `text` in curly quotes, cut to 40 characters: `“abc”`.
#[must_use]
pub fn quoted(text: &str) -> String {
    format!("\u{201c}{}\u{201d}", truncate(text, 40))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_long_text_and_quotes() {
        assert_eq!(truncate("abc", 3), "abc");
        assert_eq!(truncate("abcd", 3), "abc\u{2026}");
        assert_eq!(truncate("\u{e9}\u{e9}\u{e9}\u{e9}", 2), "\u{e9}\u{e9}\u{2026}");
        assert_eq!(quoted("x"), "\u{201c}x\u{201d}");
        assert_eq!(quoted(&"y".repeat(50)).chars().count(), 43);
    }
}
