//! Reading a CSV file (or pasted text): checks, delimiter detection, headers,
//! then the records, all at once into a [`Table`] ([`read_table`], for the
//! book view) or one at a time ([`TableReader`], for the command-line scorer).
//! No scoring happens here.

use std::io::Read;

use std::collections::BTreeSet;

use crate::model::book::BookError;

/// The largest file accepted, in bytes (200 MB).
pub const MAX_BYTES: usize = 200 * 1024 * 1024;

/// The longest column name read, in bytes (a CRM's longest header is under 200 characters).
pub const MAX_HEADER_BYTES: usize = 4096;

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

/// How many bytes [`TableReader::new`] reads ahead to check the encoding and
/// find the delimiter: the sniffed chunk plus room for two byte-order marks
/// ([`read_table`] strips one and [`detect_delimiter`] another).
const HEAD_BYTES: usize = SNIFF_BYTES + 6;

/// A [`Read`](std::io::Read) that remembers whether anything but ASCII
/// whitespace has passed through it, to tell an empty file from one holding
/// only blank records (`,,,`).
struct Watch<R> {
    inner: R,
    text_seen: bool,
    /// Bytes read so far.
    offset: u64,
    /// Where the line breaks read but not yet passed by a record are: a CRLF
    /// is one break (at its `\n`), a lone CR or LF one each. Only the reader's
    /// read-ahead is kept, so memory does not grow with the file.
    breaks: std::collections::VecDeque<u64>,
    /// Line breaks before the last record asked about.
    passed: u64,
    /// A CR just read, not yet known to be part of a CRLF.
    pending_cr: Option<u64>,
}

impl<R> Watch<R> {
    fn new(inner: R) -> Self {
        Self {
            inner,
            text_seen: false,
            offset: 0,
            breaks: std::collections::VecDeque::new(),
            passed: 0,
            pending_cr: None,
        }
    }

    /// The 1-based line of the file at byte `byte` (a record's start). The
    /// `csv` crate's own line count is one short per CRLF before a record
    /// (it counts the `\n` of a CRLF only when the next record is read), so
    /// lines are counted here, the same for LF, CRLF and CR files.
    fn line_at(&mut self, byte: u64) -> u64 {
        if let Some(cr) = self.pending_cr.filter(|cr| *cr < byte) {
            self.pending_cr = None;
            self.breaks.push_back(cr);
        }
        while self.breaks.front().is_some_and(|b| *b < byte) {
            self.breaks.pop_front();
            self.passed += 1;
        }
        // A record reported at the `\n` of the CRLF before it starts after it.
        if self.breaks.front() == Some(&byte) {
            self.breaks.pop_front();
            self.passed += 1;
        }
        self.passed + 1
    }
}

impl<R: std::io::Read> std::io::Read for Watch<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if !self.text_seen {
            self.text_seen = buf[..n].iter().any(|b| !b.is_ascii_whitespace());
        }
        for (i, byte) in buf[..n].iter().enumerate() {
            let at = self.offset + i as u64;
            match byte {
                b'\n' => {
                    // The CR of a CRLF is not a break of its own.
                    self.pending_cr = None;
                    self.breaks.push_back(at);
                }
                b'\r' => {
                    if let Some(cr) = self.pending_cr.replace(at) {
                        self.breaks.push_back(cr);
                    }
                }
                _ => {
                    if let Some(cr) = self.pending_cr.take() {
                        self.breaks.push_back(cr);
                    }
                }
            }
        }
        self.offset += n as u64;
        Ok(n)
    }
}

/// Reads a CSV file record by record, the one definition of how the book reads
/// a file: [`read_table`] collects every row, the command-line scorer streams
/// them. Holds one record at a time, so memory does not grow with the file.
///
/// Every field and header is read through [`crate::model::book::escape::unescape`], which
/// removes the `'` an export put before a cell a spreadsheet would run as a
/// formula (`'-3` reads as `-3`); other cells are read as they are.
///
/// Strips a UTF-8 BOM, checks the first [`SNIFF_BYTES`] for binary data and
/// other encodings, detects the delimiter ([`detect_delimiter`]), takes the
/// headers from the first record that is not blank, and then yields every
/// other record, including those with a different number of fields (they
/// become row errors when the row is scored). Records made only of blank
/// fields are skipped and counted. Quoted fields may hold delimiters, quotes
/// (`""`) and newlines.
pub struct TableReader<R> {
    reader: csv::Reader<Watch<std::io::Chain<std::io::Cursor<Vec<u8>>, R>>>,
    delimiter: u8,
    headers: Vec<String>,
    rows: usize,
    blank_rows: usize,
    /// A spare buffer for the next record.
    spare: csv::ByteRecord,
}

impl<R: std::io::Read> TableReader<R> {
    /// Opens `input` and reads up to and including the header record.
    ///
    /// # Errors
    /// [`BookError::Binary`] or [`BookError::NotUtf8`] for what the first
    /// [`SNIFF_BYTES`] show; [`BookError::Empty`] for a file of whitespace;
    /// [`BookError::NoHeader`] when nothing but blank records is found;
    /// [`BookError::Unreadable`] when reading fails.
    pub fn new(mut input: R) -> Result<Self, BookError> {
        let mut head = Vec::with_capacity(HEAD_BYTES);
        (&mut input)
            .take(HEAD_BYTES as u64)
            .read_to_end(&mut head)
            .map_err(|e| BookError::Unreadable(e.to_string()))?;
        let skip = head.len() - strip_bom(&head).len();
        head.drain(..skip);
        // (A file of whitespace alone passes the sniff; it is found empty below.)
        if let Some(problem) = sniff(&head) {
            return Err(problem);
        }
        let delimiter = detect_delimiter(&head);
        let watched = Watch::new(std::io::Cursor::new(head).chain(input));
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .from_reader(watched);
        let mut table = Self {
            reader,
            delimiter,
            headers: Vec::new(),
            rows: 0,
            blank_rows: 0,
            spare: csv::ByteRecord::new(),
        };
        loop {
            let mut record = std::mem::take(&mut table.spare);
            if !table.next_record(&mut record)? {
                return Err(if table.reader.get_ref().text_seen {
                    BookError::NoHeader
                } else {
                    BookError::Empty
                });
            }
            let Ok(mut text) = csv::StringRecord::from_byte_record(record) else {
                return Err(BookError::Binary);
            };
            unescape_record(&mut text);
            if !is_blank(&text) {
                // A header is column names: one far longer than a name is not a
                // header, and its copies (names, mapping, profile) would grow with it.
                if let Some(longest) = text.iter().map(str::len).max().filter(|n| *n > MAX_HEADER_BYTES) {
                    return Err(BookError::LongHeader(longest));
                }
                table.headers = clean_headers(&text);
                table.spare = text.into_byte_record();
                return Ok(table);
            }
            table.spare = text.into_byte_record();
        }
    }

    /// The detected delimiter (`,`, `;` or tab).
    #[must_use]
    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    /// Column names, cleaned as in [`Table::headers`].
    #[must_use]
    pub fn headers(&self) -> &[String] {
        &self.headers
    }

    /// Blank records skipped so far.
    #[must_use]
    pub fn blank_rows(&self) -> usize {
        self.blank_rows
    }

    fn next_record(&mut self, record: &mut csv::ByteRecord) -> Result<bool, BookError> {
        self.reader
            .read_byte_record(record)
            .map_err(|e| BookError::Unreadable(e.to_string()))
    }

    /// Reads the next data record into `row`, reusing its memory; `Ok(false)`
    /// at the end of the file. Blank records are skipped (and counted).
    ///
    /// # Errors
    /// [`BookError::Unreadable`] when reading fails.
    pub fn read(&mut self, row: &mut TableRow) -> Result<bool, BookError> {
        let mut record = row
            .record
            .take()
            .map_or_else(|| std::mem::take(&mut self.spare), csv::StringRecord::into_byte_record);
        loop {
            let start = self.reader.position().byte();
            if !self.next_record(&mut record)? {
                self.spare = record;
                return Ok(false);
            }
            let start = record.position().map_or(start, csv::Position::byte);
            let line = self.reader.get_mut().line_at(start);
            let mut text = csv::StringRecord::from_byte_record(record);
            if let Ok(text) = &mut text {
                unescape_record(text);
            }
            match text {
                Ok(text) if is_blank(&text) => {
                    self.blank_rows += 1;
                    record = text.into_byte_record();
                }
                Ok(text) => {
                    self.rows += 1;
                    *row = TableRow {
                        row: self.rows,
                        line,
                        record: Some(text),
                    };
                    return Ok(true);
                }
                Err(e) => {
                    self.rows += 1;
                    self.spare = e.into_byte_record();
                    *row = TableRow {
                        row: self.rows,
                        line,
                        record: None,
                    };
                    return Ok(true);
                }
            }
        }
    }
}

/// Removes the quote an export put before formula-like cells
/// ([`crate::model::book::escape::unescape`]). Records without a leading quote in any
/// field, nearly all of them, are left untouched without copying.
fn unescape_record(record: &mut csv::StringRecord) {
    if record.iter().any(|f| f.starts_with('\'')) {
        *record = record.iter().map(crate::model::book::escape::unescape).collect();
    }
}

/// Whether every field of a record is blank (`,,,`).
fn is_blank(record: &csv::StringRecord) -> bool {
    record.iter().all(|f| f.trim().is_empty())
}

/// Reads CSV bytes (a file or pasted text) into a [`Table`], as [`TableReader`]
/// reads them, keeping every row.
///
/// # Errors
/// [`BookError::TooLarge`] above [`MAX_BYTES`], and those of [`TableReader`]:
/// [`BookError::Empty`], [`BookError::Binary`], [`BookError::NotUtf8`],
/// [`BookError::NoHeader`] when nothing but blank lines is found.
pub fn read_table(bytes: &[u8]) -> Result<Table, BookError> {
    if bytes.len() > MAX_BYTES {
        return Err(BookError::TooLarge {
            bytes: bytes.len(),
            limit: MAX_BYTES,
        });
    }
    let mut reader = TableReader::new(bytes)?;
    let mut rows = Vec::new();
    loop {
        let mut row = TableRow {
            row: 0,
            line: 0,
            record: None,
        };
        if !reader.read(&mut row)? {
            break;
        }
        rows.push(row);
    }
    Ok(Table {
        delimiter: reader.delimiter,
        headers: reader.headers,
        rows,
        blank_rows: reader.blank_rows,
    })
}

/// A file read into a [`Table`] a slice of records at a time, so a large file
/// never holds the page for long: [`TableJob::step`] until it says done, then
/// [`TableJob::finish`]. [`read_table`] is the same in one go.
pub struct TableJob {
    reader: TableReader<std::io::Cursor<Vec<u8>>>,
    rows: Vec<TableRow>,
}

impl std::fmt::Debug for TableJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TableJob").field("rows", &self.rows.len()).finish_non_exhaustive()
    }
}

impl TableJob {
    /// Starts reading `bytes`: checks the size, encoding and header.
    ///
    /// # Errors
    /// As [`read_table`].
    pub fn new(bytes: Vec<u8>) -> Result<Self, BookError> {
        if bytes.len() > MAX_BYTES {
            return Err(BookError::TooLarge {
                bytes: bytes.len(),
                limit: MAX_BYTES,
            });
        }
        Ok(Self {
            reader: TableReader::new(std::io::Cursor::new(bytes))?,
            rows: Vec::new(),
        })
    }

    /// Reads up to `records` more data records; `Ok(true)` at the end of the file.
    ///
    /// # Errors
    /// [`BookError::Unreadable`] when reading fails.
    pub fn step(&mut self, records: usize) -> Result<bool, BookError> {
        for _ in 0..records {
            let mut row = TableRow {
                row: 0,
                line: 0,
                record: None,
            };
            if !self.reader.read(&mut row)? {
                return Ok(true);
            }
            self.rows.push(row);
        }
        Ok(false)
    }

    /// Records read so far.
    #[must_use]
    pub fn rows_read(&self) -> usize {
        self.rows.len()
    }

    /// The table (call once [`TableJob::step`] says done).
    #[must_use]
    pub fn finish(self) -> Table {
        Table {
            delimiter: self.reader.delimiter,
            headers: self.reader.headers,
            rows: self.rows,
            blank_rows: self.reader.blank_rows,
        }
    }
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
