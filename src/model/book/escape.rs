//! Keeping exported CSV safe to open in a spreadsheet (CSV formula injection).
//!
//! Excel, Sheets and LibreOffice run a cell that starts with `=`, `+`, `-` or
//! `@` as a formula, and a leading tab or carriage return can hide one. OWASP's
//! advice is to prefix such a cell with a single quote, so the spreadsheet
//! shows it as text. [`escape`] does that for every cell and header the book
//! copies from the user's file; the numbers the program writes itself (scores)
//! are left as numbers. [`unescape`] undoes it when a file is read, so an
//! exported file imports back to the same values (`-3` is exported as `'-3`
//! and read back as `-3`).
//!
//! The rule, chosen so that the two are exact inverses:
//! - a cell is escaped when, after any leading single quotes, it starts with
//!   one of [`TRIGGERS`]: `=x` becomes `'=x`, and `'=x` (already quoted by
//!   someone) becomes `''=x`;
//! - on reading, a cell that starts with a single quote followed (after any
//!   further single quotes) by one of [`TRIGGERS`] loses its first quote. Any
//!   other cell is read as it is: `'5`, `'abc` and `'` keep their quote.

use std::borrow::Cow;

/// First characters that make a spreadsheet read a cell as a formula.
pub const TRIGGERS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// Whether `cell` must be prefixed with `'` before it is written to a CSV file.
#[must_use]
pub fn needs_escape(cell: &str) -> bool {
    cell.trim_start_matches('\'').starts_with(TRIGGERS)
}

/// `cell` as it is written to an exported CSV file: prefixed with `'` when it
/// would otherwise start a formula (see the module rule).
#[must_use]
pub fn escape(cell: &str) -> Cow<'_, str> {
    if needs_escape(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// `cell` as read from a CSV file: the quote [`escape`] added is removed, and
/// nothing else changes.
#[must_use]
pub fn unescape(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_escape(rest) => rest,
        _ => cell,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_quoted_and_plain_text_is_not() {
        assert_eq!(escape("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
        assert_eq!(escape("+1"), "'+1");
        assert_eq!(escape("-3"), "'-3");
        assert_eq!(escape("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(escape("\tx"), "'\tx");
        assert_eq!(escape("\rx"), "'\rx");
        assert_eq!(escape("'=x"), "''=x");
        for plain in ["", "abc", "3", " -3", "'", "'5", "a=b", "''"] {
            assert_eq!(escape(plain), plain);
        }
    }

    #[test]
    fn unescape_undoes_escape_and_leaves_other_quotes() {
        for cell in ["=x", "-3", "'=x", "''-1", "", "'", "'5", "'abc", "plain", "\t", "@", "''"] {
            assert_eq!(unescape(&escape(cell)), cell, "{cell:?}");
        }
        assert_eq!(unescape("'-3"), "-3");
        assert_eq!(unescape("'5"), "'5");
        assert_eq!(unescape("'"), "'");
    }
}
