//! Indicator tables: monitoring results read from YAML, CSV or spreadsheets
//! and published as accessible tables with build-time SVG charts.

pub mod chart;
pub mod grid;
pub mod html;
mod ods;
pub mod table;
pub mod value;

use std::path::{Path, PathBuf};

use table::{Error, Position, Table};

use crate::ru::typography::TypographyConfig;

/// A table with its chart, as placed on its own page or embedded in any
/// page: the caption (title, unit, period) and the table first, as the
/// source of truth, then the chart illustrating it, then notes, source and
/// the download link. `csv_href` adds the link.
pub fn render(table: &Table, csv_href: Option<&str>, typo: &TypographyConfig) -> String {
    format!(
        "<section class=\"indicator\" id=\"{}\">{}{}{}</section>",
        html::dom_id(table),
        html::table_html(table, typo),
        chart::chart_svg(table, typo).unwrap_or_default(),
        html::footer_html(table, csv_href, typo)
    )
}

/// Extensions of spreadsheet sources calamine reads.
const SHEETS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// The `name.yaml` (or `.yml`) beside a CSV or spreadsheet, if present.
fn sidecar_of(path: &Path) -> Option<PathBuf> {
    ["yaml", "yml"]
        .iter()
        .map(|ext| path.with_extension(ext))
        .find(|p| p.is_file())
}

/// Whether `path` is a YAML sidecar describing a CSV or spreadsheet beside
/// it rather than a table of its own.
pub fn is_sidecar(path: &Path) -> bool {
    matches!(extension(path).as_str(), "yaml" | "yml")
        && std::iter::once("csv")
            .chain(SHEETS)
            .any(|ext| path.with_extension(ext).is_file())
}

/// Whether `path` can hold an indicator table (sidecars excluded).
pub fn is_table_file(path: &Path) -> bool {
    let ext = extension(path);
    let known = matches!(ext.as_str(), "yaml" | "yml" | "csv") || SHEETS.contains(&ext.as_str());
    known && !is_sidecar(path)
}

/// Loads one table file of any supported form; every error found in it is
/// returned at once.
pub fn load(path: &Path) -> Result<Table, Vec<Error>> {
    let read = |p: &Path| {
        // Russian Excel saves CSV in Windows-1251.
        std::fs::read(p)
            .map(|b| crate::load::decode(b).0)
            .map_err(|e| {
                vec![Error::new(
                    p,
                    Position::File,
                    format!("не удалось прочитать файл: {}", crate::write::io_ru(&e)),
                )]
            })
    };
    let ext = extension(path);
    if matches!(ext.as_str(), "yaml" | "yml") {
        return table::from_yaml(path, &read(path)?);
    }
    let sidecar = match sidecar_of(path) {
        Some(p) => Some((read(&p)?, p)),
        None => None,
    };
    let sidecar = sidecar
        .as_ref()
        .map(|(text, p)| (p.as_path(), text.as_str()));
    if ext == "csv" {
        grid::from_csv(path, &read(path)?, sidecar)
    } else {
        grid::from_spreadsheet(path, sidecar)
    }
}
