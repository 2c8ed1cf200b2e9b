//! Helpers shared by the native test files (`mod common;` in each).
#![allow(dead_code)] // each test file uses some of them

use csql_calculator::model::core::effect::Effect;

/// The bytes of a file in tests/fixtures.
#[must_use]
pub fn fixture(name: &str) -> Vec<u8> {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Carries out the yields among `effects` as the shell would (each is the next
/// step of a flow), until none is left; returns the other effects asked for.
pub fn settle<E>(mut effects: Vec<Effect<E>>, mut update: impl FnMut(E) -> Vec<Effect<E>>) -> Vec<Effect<E>> {
    let mut done = Vec::new();
    while let Some(effect) = effects.pop() {
        match effect {
            Effect::Yield(event) => effects.extend(update(event)),
            other => done.push(other),
        }
    }
    done
}

/// A model's shape: each component's key with its signals' keys.
pub fn shape(model: &csql_calculator::model::Model) -> Vec<(String, Vec<String>)> {
    model
        .components
        .iter()
        .map(|c| (c.key.clone(), c.signals.iter().map(|s| s.key.clone()).collect()))
        .collect()
}
