//! metodist: a static-site generator for Russian municipal methodology offices.

pub mod ru;
