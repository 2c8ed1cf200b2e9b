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

    /// The query string that shows this view, from the current one: its
    /// `view=` replaced (or removed for the calculator), every other
    /// parameter kept as it was.
    #[must_use]
    pub fn query(self, current: &str) -> String {
        let mut parts: Vec<String> = current
            .trim_start_matches('?')
            .split('&')
            .filter(|part| !part.is_empty() && part.split('=').next() != Some("view"))
            .map(str::to_owned)
            .collect();
        if self != View::Account {
            parts.insert(0, format!("view={}", self.key()));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
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

/// The colour theme asked for by the address (`?theme=light|dark|auto`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Light, whatever the system says (`theme=light`).
    Light,
    /// Dark, whatever the system says (`theme=dark`).
    Dark,
    /// The system's choice (`prefers-color-scheme`): no `theme`, `theme=auto`,
    /// or a value this page does not know.
    #[default]
    Auto,
}

impl Theme {
    /// Reads `theme` from a query string.
    #[must_use]
    pub fn from_query(query: &str) -> Self {
        form_urlencoded::parse(query.trim_start_matches('?').as_bytes())
            .filter(|(key, _)| key == "theme")
            .last()
            .map_or(Self::Auto, |(_, value)| match value.trim().to_ascii_lowercase().as_str() {
                "light" => Self::Light,
                "dark" => Self::Dark,
                _ => Self::Auto,
            })
    }

    /// The theme in force (`light` or `dark`, for `<html data-theme>`), given
    /// whether the system prefers dark.
    #[must_use]
    pub fn in_force(self, prefers_dark: bool) -> &'static str {
        match (self, prefers_dark) {
            (Self::Dark, _) | (Self::Auto, true) => "dark",
            _ => "light",
        }
    }

    /// The value for a link (`None`: follow the system, so no parameter).
    #[must_use]
    pub fn key(self) -> Option<&'static str> {
        match self {
            Self::Light => Some("light"),
            Self::Dark => Some("dark"),
            Self::Auto => None,
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
    fn a_view_replaces_only_its_own_parameter() {
        assert_eq!(View::Book.query(""), "?view=book");
        assert_eq!(View::Book.query("?view=programme&weights=1,2,3"), "?view=book&weights=1,2,3");
        assert_eq!(View::Account.query("?view=book&lock=1"), "?lock=1");
        assert_eq!(View::Account.query("?view=book"), "");
        // A parameter that only starts with "view" is not the view.
        assert_eq!(View::Programme.query("?viewer=1"), "?view=programme&viewer=1");
    }

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
