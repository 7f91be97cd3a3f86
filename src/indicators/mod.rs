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

/// The most rows a table page shows: a page of a municipal portal shows
/// summaries, and a million-row export would make a page of hundreds of MB.
pub const MAX_ROWS: usize = 5000;
/// Files larger than this are not read at all.
const MAX_BYTES: u64 = 20 * 1024 * 1024;

/// Loads one table file of any supported form; every error found in it is
/// returned at once. Tables beyond [`MAX_ROWS`] rows are refused.
pub fn load(path: &Path) -> Result<Table, Vec<Error>> {
    if let Ok(meta) = std::fs::metadata(path) {
        if meta.len() > MAX_BYTES {
            return Err(vec![Error::new(
                path,
                Position::File,
                format!(
                    "файл таблицы слишком велик для страницы сайта: {} МБ",
                    meta.len() / (1024 * 1024)
                ),
            )
            .with_hint("на сайте показывают сводные данные: оставьте итоговые строки или разбейте таблицу на несколько")]);
        }
    }
    let table = load_any(path)?;
    let rows = table::flatten(&table.rows).len();
    if rows > MAX_ROWS {
        return Err(vec![Error::new(
            path,
            Position::File,
            format!("в таблице {rows} строк, а на странице сайта помещается не больше {MAX_ROWS}"),
        )
        .with_hint("на сайте показывают сводные данные: оставьте итоговые строки или разбейте таблицу на несколько")]);
    }
    Ok(table)
}

fn load_any(path: &Path) -> Result<Table, Vec<Error>> {
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
