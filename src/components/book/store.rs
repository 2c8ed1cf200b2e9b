//! The Book page's state as a Yew reducer; the transitions live in the model
//! ([`BookState::apply`]).

use std::rc::Rc;

use crate::model::book::{Book, BookState, ImportReport, Shared};

/// The page's reducer.
pub type Store = crate::components::store::Store<BookState>;

/// A built book and its report, or why it cannot be built.
pub type Built = Option<Result<(Shared<Book>, Rc<ImportReport>), String>>;
