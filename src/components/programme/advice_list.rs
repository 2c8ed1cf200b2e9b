//! Advice in plain words, in the order the reader's role needs it.

use yew::prelude::*;

use crate::model::programme::{Advice, Role};

/// Props of [`AdviceSection`].
#[derive(Clone, Debug, PartialEq, Properties)]
pub struct AdviceSectionProps {
    /// The advice, already ordered for the role.
    pub advice: Vec<Advice>,
    /// The reader's role.
    pub role: Role,
}

/// The role's guidance, then each piece of advice with its numbers.
#[component]
pub fn AdviceSection(props: &AdviceSectionProps) -> Html {
    html! {
        <section class="card programme-section" id="programme-advice" data-section="advice" aria-labelledby="advice-title">
            <h2 id="advice-title">{ "What to look at" }</h2>
            <p class="role-guidance"><strong>{ format!("As {}: ", props.role.label()) }</strong>{ props.role.guidance() }</p>
            <ol class="advice-list">
                for item in &props.advice {
                    <li data-testid={format!("advice-{}", item.kind.key())}>
                        <strong>{ item.title.clone() }</strong>
                        <p>{ item.detail.clone() }</p>
                    </li>
                }
            </ol>
        </section>
    }
}
