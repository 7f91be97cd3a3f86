//! metodist: a static-site generator for Russian municipal methodology offices.

pub mod indicators;
pub mod ru;
pub mod search;
