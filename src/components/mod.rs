//! Thin view components, one per file: model values in, events out. They hold
//! no async flow, no storage call and no arithmetic: the shell
//! (`crate::web::shell`) carries out effects, the model computes.

mod add_button;
pub mod book;
mod calculator;
mod component_card;
mod criteria;
mod embed;
mod field;
mod field_error;
mod gates;
mod notices;
pub mod programme;
mod result_card;
mod signal_editor;
mod signal_field;
mod toolbar;
mod view_tabs;

pub use add_button::AddButton;
pub use book::BookPage;
pub use calculator::Calculator;
pub use component_card::ComponentCard;
pub use criteria::CriteriaPanel;
pub use embed::EmbedPanel;
pub use field::TextField;
pub use field_error::FieldError;
pub use gates::GatesPanel;
pub use notices::Notices;
pub use programme::ProgrammePage;
pub use result_card::{ResultCard, ResultCardProps};
pub use signal_editor::SignalEditor;
pub use signal_field::SignalField;
pub use toolbar::ModelToolbar;
pub use view_tabs::ViewTabs;
