//! Notices: what the app tells the user it did on their behalf.

/// Something the user can do from a notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoticeAction {
    /// Put back the model as it was before the change the notice reports.
    Undo,
    /// Download the saved text the page could not read (kept as the
    /// calculator's backup); dismissing the notice lets it go.
    DownloadBackup,
}

/// A message for the user, with an optional action.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    /// The message, naming what happened and what was used instead.
    pub message: String,
    /// What the user can do about it.
    pub action: Option<NoticeAction>,
    /// A fact to mention once, quietly (not a warning): shown as a small status line.
    pub quiet: bool,
}

impl Notice {
    /// A notice with no action.
    #[must_use]
    pub fn new(message: impl Into<String>) -> Self {
        Self {
            message: message.into(),
            action: None,
            quiet: false,
        }
    }

    /// A quiet notice: a fact, not a warning.
    #[must_use]
    pub fn quiet(message: impl Into<String>) -> Self {
        Self {
            quiet: true,
            ..Self::new(message)
        }
    }

    /// A notice with an action.
    #[must_use]
    pub fn with_action(message: impl Into<String>, action: NoticeAction) -> Self {
        Self {
            action: Some(action),
            ..Self::new(message)
        }
    }

    /// A notice that offers [`NoticeAction::Undo`].
    #[must_use]
    pub fn with_undo(message: impl Into<String>) -> Self {
        Self::with_action(message, NoticeAction::Undo)
    }
}
