//! Notices: what the app tells the user it did on their behalf.

/// Something the user can do from a notice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoticeAction {
    /// Put back the model as it was before the change the notice reports.
    Undo,
    /// Download the saved text the page could not read (kept as the
    /// calculator's backup); dismissing the notice lets it go.
    DownloadBackup,
}

impl NoticeAction {
    /// The action's button.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Undo => "Undo",
            Self::DownloadBackup => "Download the saved text",
        }
    }
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

/// Most notices about one parameter name (`threshold`, `csm`): a link that
/// repeats a bad value 100,000 times shows three, and counts the rest.
pub const MAX_NOTICES_PER_PARAMETER: usize = 3;

/// Most notices about one link's parameters; the rest are counted in one more.
pub const MAX_LINK_NOTICES: usize = 8;

/// The notices about one link's parameters, bounded whatever the link holds:
/// at most [`MAX_NOTICES_PER_PARAMETER`] per parameter name and
/// [`MAX_LINK_NOTICES`] in all are kept; the others are only counted, and
/// their words never made ([`LinkNotices::push_with`] takes a closure).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LinkNotices {
    kept: Vec<String>,
    /// Notices kept per parameter name; only names that had a notice, so a
    /// handful (a link's known names are bounded by the model).
    per_name: Vec<(String, usize)>,
    more: usize,
}

impl LinkNotices {
    /// Counts a notice about parameter `name`, and makes its sentence only if
    /// it will be shown.
    pub fn push_with(&mut self, name: &str, message: impl FnOnce() -> String) {
        let index = match self.per_name.iter().position(|(n, _)| n == name) {
            Some(i) => i,
            None if self.kept.len() < MAX_LINK_NOTICES => {
                self.per_name.push((name.to_owned(), 0));
                self.per_name.len() - 1
            }
            None => {
                self.more += 1;
                return;
            }
        };
        let shown = &mut self.per_name[index].1;
        if *shown < MAX_NOTICES_PER_PARAMETER && self.kept.len() < MAX_LINK_NOTICES {
            *shown += 1;
            self.kept.push(message());
        } else {
            self.more += 1;
        }
    }

    /// The sentences to show, then one counting those left out, if any.
    #[must_use]
    pub fn finish(mut self) -> Vec<String> {
        match self.more {
            0 => {}
            1 => self
                .kept
                .push("1 more link parameter could not be used either; it keeps its default.".to_owned()),
            more => self.kept.push(format!(
                "{more} more link parameters could not be used either; each keeps its default."
            )),
        }
        self.kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_notices_per_name_and_eight_in_all_are_kept_the_rest_counted() {
        let mut notices = LinkNotices::default();
        let mut made = 0;
        for i in 0..10 {
            notices.push_with("threshold", || {
                made += 1;
                format!("t{i}")
            });
        }
        // Three made; the seven others counted, never written.
        assert_eq!(made, 3);
        for name in ["a", "b", "c", "d", "e", "f"] {
            notices.push_with(name, || name.to_owned());
        }
        // 3 + 5 = 8 kept; "f" and 7 thresholds: 8 more.
        assert_eq!(
            notices.finish(),
            [
                "t0",
                "t1",
                "t2",
                "a",
                "b",
                "c",
                "d",
                "e",
                "8 more link parameters could not be used either; each keeps its default."
            ]
        );
    }
}
