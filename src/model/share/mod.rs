//! Keeping and sharing a model: the versioned document (autosave and file
//! export), the share-link codec, the query-string links, the saved scenarios
//! and the page an address opens.

pub mod document;
pub mod link;
pub mod query;
pub mod route;
pub mod scenario;

pub use document::*;
pub use link::*;
