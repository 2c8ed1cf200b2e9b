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

/// Characters that make a spreadsheet read a cell as a formula (or that some
/// spreadsheets strip before looking for one) when they start it.
pub const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// A text cell for a CSV that people open in a spreadsheet: text starting with
/// one of [`FORMULA_STARTS`] gets a leading `'`, so `=HYPERLINK(...)` in an
/// account name stays text instead of running as a formula (CSV injection).
#[must_use]
pub fn spreadsheet_safe(text: &str) -> std::borrow::Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        std::borrow::Cow::Owned(format!("'{text}"))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
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

    #[test]
    fn formula_starts_are_quoted_for_spreadsheets() {
        assert_eq!(spreadsheet_safe("=1+2"), "'=1+2");
        assert_eq!(spreadsheet_safe("+1"), "'+1");
        assert_eq!(spreadsheet_safe("-1"), "'-1");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("\tx"), "'\tx");
        assert_eq!(spreadsheet_safe("\rx"), "'\rx");
        assert_eq!(spreadsheet_safe("Acme = best"), "Acme = best");
        assert_eq!(spreadsheet_safe(""), "");
    }
}
