//! The Russian language layer: everything that makes generated text read as
//! written by a careful Russian editor.

pub mod citation;
pub mod dates;
pub mod filters;
pub mod numbers;
pub mod plural;
pub mod slug;
pub mod typography;
