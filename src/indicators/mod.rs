//! Indicator tables: monitoring results read from YAML, CSV or spreadsheets
//! and published as accessible tables with build-time SVG charts.

pub mod value;
