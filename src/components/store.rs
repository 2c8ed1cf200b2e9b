//! One Yew reducer for every page state: the transitions themselves are the
//! model's own pure `apply` functions, so they are tested without a browser.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::book::{BookAction, BookState};
use crate::model::programme::{ProgrammeAction, ProgrammeState};
use crate::model::state::{Action, State};

/// A page state the model knows how to change.
pub trait Transitions: Clone + PartialEq {
    /// What the page can ask for.
    type Action;
    /// Applies one action (the model's pure transition).
    fn apply(&mut self, action: Self::Action);
}

impl Transitions for State {
    type Action = Action;
    fn apply(&mut self, action: Action) {
        State::apply(self, action);
    }
}

impl Transitions for BookState {
    type Action = BookAction;
    fn apply(&mut self, action: BookAction) {
        BookState::apply(self, action);
    }
}

impl Transitions for ProgrammeState {
    type Action = ProgrammeAction;
    fn apply(&mut self, action: ProgrammeAction) {
        ProgrammeState::apply(self, action);
    }
}

/// A page state held by `use_reducer`; an action that changes nothing does not re-render.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Store<S>(pub S);

impl<S: Transitions> Reducible for Store<S> {
    type Action = S::Action;

    fn reduce(self: Rc<Self>, action: S::Action) -> Rc<Self> {
        let mut next = self.0.clone();
        next.apply(action);
        if next == self.0 {
            self
        } else {
            Rc::new(Self(next))
        }
    }
}
