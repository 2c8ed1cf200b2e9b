//! Thin view components, one per file: model values in, [`Action`]s out.
//!
//! [`Action`]: crate::model::state::Action

pub mod book;
mod component_card;
mod embed;
mod field_error;
mod gates;
mod notices;
pub mod programme;
mod result_card;
mod signal_editor;
mod signal_field;
pub mod store;
mod threshold;
mod toolbar;
mod weights;

pub use book::BookPage;
pub use component_card::ComponentCard;
pub use embed::EmbedPanel;
pub use field_error::FieldError;
pub use gates::GatesPanel;
pub use notices::Notices;
pub use programme::ProgrammePage;
pub use result_card::ResultCard;
pub use signal_editor::SignalEditor;
pub use signal_field::SignalField;
pub use threshold::ThresholdField;
pub use toolbar::ModelToolbar;
pub use weights::WeightsPanel;
