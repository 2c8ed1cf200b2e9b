//! Notices: what the app tells the user it did on their behalf.

/// Something the user can do from a notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeAction {
    /// Put back the model as it was before the change the notice reports.
    Undo,
    /// Save this text (e.g. unreadable saved data) to a file, so nothing is lost.
    Download {
        /// Suggested file name.
        file_name: String,
        /// The text to save.
        text: String,
    },
}

/// A message for the user, with an optional action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The message, naming what happened and what was used instead.
    pub message: String,
    /// What the user can do about it.
    pub action: Option<NoticeAction>,
}

impl Notice {
    /// A notice with no action.
    #[must_use]
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            action: None,
        }
    }

    /// A notice that offers [`NoticeAction::Undo`].
    #[must_use]
    pub fn with_undo(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            action: Some(NoticeAction::Undo),
        }
    }
}
