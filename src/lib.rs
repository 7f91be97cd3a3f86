//! metodist: a static-site generator for Russian municipal methodology offices.
//!
//! The pipeline is load ([`load`]) → resolve ([`site`]) → render ([`render`])
//! → write ([`write`]), driven by [`pipeline`]; every command reuses it.

pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod images;
pub mod indicators;
pub mod load;
pub mod markup;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod ru;
pub mod search;
pub mod serve;
pub mod site;
pub mod suggest;
pub mod theme;
pub mod timings;
pub mod types;
pub mod write;
pub mod yaml;
