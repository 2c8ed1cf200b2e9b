//! Thin view components, one per file: model values in, [`Action`]s out.
//!
//! [`Action`]: crate::model::state::Action

mod component_card;
mod field_error;
mod gates;
mod notices;
mod result_card;
mod signal_field;
mod threshold;
mod weights;

pub use component_card::ComponentCard;
pub use field_error::FieldError;
pub use gates::GatesPanel;
pub use notices::Notices;
pub use result_card::ResultCard;
pub use signal_field::SignalField;
pub use threshold::ThresholdField;
pub use weights::WeightsPanel;
