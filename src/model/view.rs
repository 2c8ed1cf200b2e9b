//! Which page to show and how: the view and the embed flag from the query string.

/// The pages of the app.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    /// Score one account.
    Account,
    /// Score a whole book of accounts from a CSV file.
    Book,
    /// Measure the CSQL programme against the benchmarks.
    Programme,
}

impl View {
    /// Every view, in tab order.
    pub const ALL: [View; 3] = [View::Account, View::Book, View::Programme];

    /// The tab label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            View::Account => "Score an account",
            View::Book => "Score a book of accounts",
            View::Programme => "Programme",
        }
    }

    /// The value of `view=` that opens this view.
    #[must_use]
    pub fn key(self) -> &'static str {
        match self {
            View::Account => "account",
            View::Book => "book",
            View::Programme => "programme",
        }
    }
}

/// View settings read from the query string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ViewFlags {
    /// The view to open (`view=programme`); the account calculator otherwise.
    pub view: View,
    /// Compact layout for an iframe (`embed=1`): no header, toolbar or editor.
    pub embed: bool,
}

impl ViewFlags {
    /// Reads `view` and `embed` from a query string; anything else is ignored.
    #[must_use]
    pub fn from_query(query: &str) -> Self {
        let mut flags = Self {
            view: View::Account,
            embed: false,
        };
        for (key, value) in form_urlencoded::parse(query.trim_start_matches('?').as_bytes()) {
            match key.as_ref() {
                "view" => {
                    if let Some(view) = View::ALL.into_iter().find(|v| v.key() == value) {
                        flags.view = view;
                    }
                }
                "embed" => flags.embed = value == "1",
                _ => {}
            }
        }
        flags
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_view_and_embed() {
        assert_eq!(
            ViewFlags::from_query(""),
            ViewFlags {
                view: View::Account,
                embed: false
            }
        );
        assert_eq!(
            ViewFlags::from_query("?view=programme&embed=1"),
            ViewFlags {
                view: View::Programme,
                embed: true
            }
        );
        assert_eq!(
            ViewFlags::from_query("view=nonsense&embed=yes"),
            ViewFlags {
                view: View::Account,
                embed: false
            }
        );
    }
}
