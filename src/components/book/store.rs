//! The Book page's state as a Yew reducer; the transitions live in the model
//! ([`BookState::apply`]).

use std::rc::Rc;

use yew::prelude::*;

use crate::model::book::{Book, BookAction, BookState, ImportReport, Shared};

/// The page state as a Yew reducer; the transitions live in the model.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Store(pub BookState);

impl Reducible for Store {
    type Action = BookAction;

    fn reduce(self: Rc<Self>, action: BookAction) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        if next == self.0 {
            self
        } else {
            Rc::new(Self(next))
        }
    }
}

/// A built book and its report, or why it cannot be built.
pub type Built = Option<Result<(Shared<Book>, Rc<ImportReport>), String>>;
