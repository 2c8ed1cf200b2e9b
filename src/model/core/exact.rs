//! Numbers in saved and shared documents, written as text (`"229.86"`) and read
//! back with Rust's correctly rounded parser, so every value comes back exactly
//! as typed. `serde_json`'s own fast float parser can miss by one unit in the
//! last place (`229.85999999999999`), and its exact mode costs 8.7 KB gzipped.
//! Plain JSON numbers are still accepted, for documents written by hand.

use serde::{Deserialize, Deserializer, Serializer};

/// The end of the message for a number written as text that is not one; the
/// document loader recognises it to say so in words.
pub const NOT_A_NUMBER: &str = " is not a number";

/// Writes `value` as its shortest exact decimal text.
///
/// # Errors
/// Whatever the serializer reports.
#[allow(clippy::trivially_copy_pass_by_ref)] // serde's `with` calls it with a reference
pub fn serialize<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_str(value)
}

/// Reads a number written as text or as a JSON number.
///
/// # Errors
/// Text that is not a finite number.
pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<f64, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Written {
        Text(String),
        Number(f64),
    }
    match Written::deserialize(deserializer)? {
        Written::Number(value) => Ok(value),
        Written::Text(text) => match text.trim().parse::<f64>() {
            Ok(value) if value.is_finite() => Ok(value),
            _ => Err(serde::de::Error::custom(format!(
                "{}{NOT_A_NUMBER}",
                crate::model::core::text::quoted(&text)
            ))),
        },
    }
}

#[cfg(test)]
mod tests {
    use serde::{Deserialize, Serialize};

    #[derive(Debug, PartialEq, Serialize, Deserialize)]
    struct Holder {
        #[serde(with = "super")]
        value: f64,
    }

    #[test]
    fn text_round_trips_exactly_and_numbers_are_accepted() -> Result<(), serde_json::Error> {
        let json = serde_json::to_string(&Holder { value: 229.86 })?;
        assert_eq!(json, r#"{"value":"229.86"}"#);
        assert_eq!(serde_json::from_str::<Holder>(&json)?, Holder { value: 229.86 });
        assert_eq!(serde_json::from_str::<Holder>(r#"{"value":2}"#)?, Holder { value: 2.0 });
        assert!(serde_json::from_str::<Holder>(r#"{"value":"two"}"#).is_err());
        assert!(serde_json::from_str::<Holder>(r#"{"value":"NaN"}"#).is_err());
        Ok(())
    }
}
