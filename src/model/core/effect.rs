//! Effects: what an `update` function asks the outside world to do, as plain
//! values. `src/web/` carries them out; native tests assert them.
//!
//! The shape follows crux: `update(&mut state, event) -> Vec<Effect<Event>>`.
//! An effect that has an answer (a file read, a refused save, a copy that
//! worked or not) comes back to the same `update` as an event of its own.

use serde::Serialize;

/// Where a value is kept in the browser's storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageKey {
    /// The model and its inputs, as a versioned document.
    Model,
    /// Saved text the page could not read, kept until the user dismisses it,
    /// so that autosave never overwrites it.
    Backup,
    /// The book's last column mapping.
    Mapping,
}

impl StorageKey {
    /// The `localStorage` key; the number is the format version.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            Self::Model => "csql-calculator/model/v1",
            Self::Backup => "csql-calculator/model/unreadable",
            Self::Mapping => "csql-calculator/mapping/v1",
        }
    }
}

/// A file the user chose or dropped, known to the model by the shell's handle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileRef {
    /// The shell's handle for the file object.
    pub id: u32,
    /// The file's name, as the browser gives it.
    pub name: String,
    /// Its size in bytes.
    pub size: u64,
}

/// What the page tells its host frame (`window.parent.postMessage`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "type")]
pub enum HostMessage {
    /// The page's height changed.
    #[serde(rename = "csql-calculator:height")]
    Height {
        /// CSS pixels.
        height: u32,
    },
    /// The result after load and after every change.
    #[serde(rename = "csql-calculator:result")]
    Result(ResultMessage),
}

/// The result as the host page receives it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ResultMessage {
    /// The CSQL score 0-100, or null when the inputs cannot be scored.
    pub score: Option<f64>,
    /// `csql`, `gates-missing`, `below-threshold` or `invalid`.
    pub verdict: &'static str,
    /// One entry per component.
    pub components: Vec<ComponentResult>,
    /// Keys of the required gates not met.
    pub gates_missing: Vec<String>,
    /// A link that opens this model and these inputs.
    pub model_link: String,
    /// What the host's last message set that was not used, and why (empty
    /// after any other change).
    pub ignored: Vec<IgnoredEntry>,
}

/// One entry of a host message that was not used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IgnoredEntry {
    /// The key as the host sent it (empty when the whole message was ignored).
    pub key: String,
    /// Why, in words.
    pub reason: String,
}

/// One component in a [`ResultMessage`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ComponentResult {
    /// Component key.
    pub key: String,
    /// Component name.
    pub name: String,
    /// Its 0-100 score, or null.
    pub score: Option<f64>,
    /// Points it adds to the CSQL score, or null.
    pub points: Option<f64>,
}

/// What a clipboard copy was for, so its answer can say the right thing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CopyWhat {
    /// The share link.
    Link,
    /// The plain-text result summary.
    Result,
    /// The embed snippet.
    Embed,
    /// SQL for the warehouse.
    Sql,
    /// A spreadsheet formula.
    Formula,
}

/// What the shell tells `update` about an effect's outcome. Each root event
/// type wraps these, so one effect runner serves the app and the embed.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// The browser refused to write this key (full or blocked storage).
    SaveRefused(StorageKey),
    /// Part of a file was read: 0-100.
    FileProgress(u32, u8),
    /// A file was read whole.
    FileRead(u32, Vec<u8>),
    /// A file could not be read.
    FileFailed(u32),
    /// A clipboard copy worked (`true`) or was refused.
    Copied(CopyWhat, bool),
}

/// Something for the shell to do. `E` is the event type of the part of the
/// app that asked, for the one effect that carries an event back ([`Effect::Yield`]);
/// the other outcomes come back as an [`Answer`].
#[derive(Clone, Debug, PartialEq)]
pub enum Effect<E> {
    /// Write text under a storage key; a refusal comes back as [`Answer::SaveRefused`].
    Save {
        /// Where.
        key: StorageKey,
        /// What.
        text: String,
    },
    /// Remove a storage key (a backup the user dismissed).
    Remove(StorageKey),
    /// Read a chosen file in chunks, answering with [`Answer::FileProgress`],
    /// then [`Answer::FileRead`] or [`Answer::FileFailed`].
    ReadFile(FileRef),
    /// Offer text as a file download.
    Download {
        /// Suggested file name.
        file_name: String,
        /// MIME type.
        mime: &'static str,
        /// The content.
        text: String,
    },
    /// Put text on the clipboard, answering with [`Answer::Copied`].
    CopyText(CopyWhat, String),
    /// Post a message to the host frame, when there is one.
    PostToHost(HostMessage),
    /// Let the browser paint, then send this event (long work in steps).
    Yield(E),
    /// Move keyboard focus to the element with this id after the next render.
    Focus(String),
    /// Scroll the element with this id into view after the next render.
    Reveal(String),
    /// Put this query string in the address bar (a new history entry when
    /// `push`, else replacing the current one), keeping the fragment.
    SetAddress {
        /// The query string, with its `?`, or empty.
        query: String,
        /// A new history entry (Back returns to the previous view).
        push: bool,
    },
}

impl<E> Effect<E> {
    /// The same effect for an enclosing part of the app, whose events wrap `E`.
    #[must_use]
    pub fn map<F>(self, wrap: fn(E) -> F) -> Effect<F> {
        match self {
            Self::Save { key, text } => Effect::Save { key, text },
            Self::Remove(key) => Effect::Remove(key),
            Self::ReadFile(file) => Effect::ReadFile(file),
            Self::Download { file_name, mime, text } => Effect::Download { file_name, mime, text },
            Self::CopyText(what, text) => Effect::CopyText(what, text),
            Self::PostToHost(message) => Effect::PostToHost(message),
            Self::Yield(event) => Effect::Yield(wrap(event)),
            Self::Focus(id) => Effect::Focus(id),
            Self::Reveal(id) => Effect::Reveal(id),
            Self::SetAddress { query, push } => Effect::SetAddress { query, push },
        }
    }
}

/// Wraps every effect of a part for the enclosing part.
#[must_use]
pub fn map_all<E, F>(effects: Vec<Effect<E>>, wrap: fn(E) -> F) -> Vec<Effect<F>> {
    effects.into_iter().map(|e| e.map(wrap)).collect()
}
