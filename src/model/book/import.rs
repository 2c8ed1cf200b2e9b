//! Reading a CSV file (or pasted text) into a [`Table`]: checks, delimiter
//! detection, headers. No scoring happens here.

use std::collections::BTreeSet;

use super::BookError;

/// The largest file accepted, in bytes (200 MB).
pub const MAX_BYTES: usize = 200 * 1024 * 1024;

/// How many leading bytes are checked for NUL bytes and invalid UTF-8.
pub const SNIFF_BYTES: usize = 64 * 1024;

/// Delimiters the importer recognises, in order of preference on a tie.
pub const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// One data record of the file, as read.
#[derive(Clone, Debug, PartialEq)]
pub struct TableRow {
    /// 1-based data row number (the header is row 0).
    pub row: usize,
    /// 1-based line of the file on which the record starts.
    pub line: u64,
    /// The fields, or `None` when the record is not valid UTF-8 text.
    pub record: Option<csv::StringRecord>,
}

/// A parsed CSV file: headers and raw records, before any mapping.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The detected delimiter (`,`, `;` or tab).
    pub delimiter: u8,
    /// Column names, trimmed; a blank or repeated name becomes `column N`
    /// (N = 1-based column position), so every name is unique.
    pub headers: Vec<String>,
    /// Data records in file order. Records made only of blank fields are left out
    /// and counted in [`Table::blank_rows`].
    pub rows: Vec<TableRow>,
    /// Records whose fields were all blank (`,,,`), ignored.
    pub blank_rows: usize,
}

impl Table {
    /// The column index of a header name, if present.
    #[must_use]
    pub fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

/// Strips a UTF-8 byte-order mark.
fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)
}

/// What is wrong with the first [`SNIFF_BYTES`], if anything: a NUL byte means
/// binary, invalid UTF-8 means text in another encoding. A multi-byte character
/// cut at the end of the chunk is not counted as invalid.
fn sniff(bytes: &[u8]) -> Option<BookError> {
    let chunk = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if chunk.contains(&0) {
        return Some(BookError::Binary);
    }
    match std::str::from_utf8(chunk) {
        Ok(_) => None,
        // `error_len() == None`: the chunk ends inside a character, which is fine.
        Err(e) => e.error_len().map(|_| BookError::NotUtf8),
    }
}

/// Picks the delimiter: the candidate found most often outside quotes on the
/// header line (the first line, or more when a quoted header spans lines). On
/// a tie the candidates are compared over the first ten lines, and then comma
/// beats semicolon beats tab. A single-column file reads as comma-separated.
#[must_use]
pub fn detect_delimiter(bytes: &[u8]) -> u8 {
    const LINES: usize = 10;
    let bytes = strip_bom(bytes);
    // counts[line][candidate]
    let mut counts: Vec<[usize; 3]> = vec![[0; 3]];
    let mut in_quotes = false;
    for &b in bytes.iter().take(SNIFF_BYTES) {
        if b == b'"' {
            in_quotes = !in_quotes;
        } else if b == b'\n' && !in_quotes {
            if counts.len() == LINES {
                break;
            }
            counts.push([0; 3]);
        } else if !in_quotes {
            if let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
                if let Some(line) = counts.last_mut() {
                    line[i] += 1;
                }
            }
        }
    }
    let header = counts[0];
    let best = header.iter().copied().max().unwrap_or(0);
    if best == 0 {
        return b',';
    }
    let tied: Vec<usize> = (0..3).filter(|&i| header[i] == best).collect();
    if tied.len() == 1 {
        return DELIMITERS[tied[0]];
    }
    // Tie on the header: prefer the candidate that appears the same number of
    // times on the most of the following lines.
    let consistency = |i: usize| counts.iter().skip(1).filter(|line| line[i] == header[i]).count();
    let mut winner = tied[0];
    for &i in &tied[1..] {
        if consistency(i) > consistency(winner) {
            winner = i;
        }
    }
    DELIMITERS[winner]
}

/// Makes header names unique and non-blank: trims them, and renames a blank
/// or repeated one (ignoring ASCII case) to `column N`, or `column N (2)`,
/// `(3)`, ... when that is taken too.
///
/// The names seen so far are kept lower-cased in a set, so each header costs a
/// lookup rather than a scan of every earlier one (40,000 columns froze the
/// page). The renaming loop stays linear overall: each extra try steps over a
/// distinct earlier header. A `BTreeSet`, not a hash set, because `BTreeMap`
/// is already in the WebAssembly module.
fn clean_headers(raw: &csv::StringRecord) -> Vec<String> {
    let mut headers: Vec<String> = Vec::with_capacity(raw.len());
    let mut seen: BTreeSet<String> = BTreeSet::new();
    for (i, name) in raw.iter().enumerate() {
        let name = name.trim();
        let mut header = name.to_owned();
        let mut n = 1;
        while header.is_empty() || seen.contains(&header.to_ascii_lowercase()) {
            n += 1;
            header = if n == 2 {
                format!("column {}", i + 1)
            } else {
                format!("column {} ({})", i + 1, n - 1)
            };
        }
        seen.insert(header.to_ascii_lowercase());
        headers.push(header);
    }
    headers
}

/// Reads CSV bytes (a file or pasted text) into a [`Table`].
///
/// Strips a UTF-8 BOM, detects the delimiter ([`detect_delimiter`]), takes the
/// headers from the first record, and keeps every other record, including those
/// with a different number of fields (they become row errors when the table is
/// turned into a [`super::Book`]). Quoted fields may hold delimiters, quotes
/// (`""`) and newlines.
///
/// # Errors
/// [`BookError::Empty`], [`BookError::TooLarge`], [`BookError::Binary`], or
/// [`BookError::NoHeader`] when nothing but blank lines is found.
pub fn read_table(bytes: &[u8]) -> Result<Table, BookError> {
    if bytes.len() > MAX_BYTES {
        return Err(BookError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_BYTES,
        });
    }
    let bytes = strip_bom(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(BookError::Empty);
    }
    if let Some(problem) = sniff(bytes) {
        return Err(problem);
    }
    let delimiter = detect_delimiter(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(bytes);

    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    let mut blank_rows = 0;
    let mut record = csv::ByteRecord::new();
    loop {
        let line = reader.position().line();
        match reader.read_byte_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            // Byte records from a slice do not fail in practice; report it if one does.
            Err(e) => return Err(BookError::Unreadable(e.to_string())),
        }
        let line = record.position().map_or(line, csv::Position::line);
        let text = csv::StringRecord::from_byte_record(record.clone()).ok();
        match &headers {
            None => {
                let Some(text) = text else {
                    return Err(BookError::Binary);
                };
                if text.iter().all(|f| f.trim().is_empty()) {
                    continue;
                }
                headers = Some(clean_headers(&text));
            }
            Some(_) => {
                if let Some(text) = &text {
                    if text.iter().all(|f| f.trim().is_empty()) {
                        blank_rows += 1;
                        continue;
                    }
                }
                rows.push(TableRow {
                    row: rows.len() + 1,
                    line,
                    record: text,
                });
            }
        }
    }
    let headers = headers.ok_or(BookError::NoHeader)?;
    Ok(Table {
        delimiter,
        headers,
        rows,
        blank_rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_comes_from_the_header_line() {
        assert_eq!(detect_delimiter(b"a;b;c\n1,5;2;3\n"), b';');
        assert_eq!(detect_delimiter(b"a\tb\n1\t2\n"), b'\t');
        assert_eq!(detect_delimiter(b"\"a;b\",c\n"), b',');
        assert_eq!(detect_delimiter(b"single\n1\n"), b',');
    }

    #[test]
    fn headers_are_unique_and_named() {
        let raw = csv::StringRecord::from(vec!["id", " ", "Name", "name", ""]);
        assert_eq!(clean_headers(&raw), vec!["id", "column 2", "Name", "column 4", "column 5"]);
    }

    #[test]
    fn a_cut_multibyte_character_at_the_chunk_end_is_not_binary() {
        let mut text = vec![b'a'; SNIFF_BYTES - 1];
        text.extend_from_slice("é".as_bytes());
        assert_eq!(sniff(&text), None);
        assert_eq!(sniff(b"ab\xFFcd"), Some(BookError::NotUtf8));
        assert_eq!(sniff(b"ab\0cd"), Some(BookError::Binary));
    }
}
