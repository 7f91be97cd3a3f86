//! Percent cells of OpenDocument spreadsheets (LibreOffice, common in
//! Russian schools). calamine reads an ODS percentage cell as its fraction
//! (14,5% → 0.145) and keeps no number formats for ODS, so «14,5%» would
//! silently become «0,145». This reads the sheet's `content.xml` once more
//! and returns, for every cell of type `percentage`, the text LibreOffice
//! displays in it («14,5%»), which then stands as the cell's raw text.
//! zip and quick-xml are the crates calamine itself reads ODS with, so no
//! new code is compiled for this.

use std::collections::HashMap;
use std::io::BufReader;
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::XmlVersion;

/// The most repetitions of one cell that are expanded.
const REPEAT_LIMIT: u32 = 1024;

/// What is said of a file that is not a readable ODS (the libraries' own
/// messages are English).
const BROKEN: &str =
    "файл повреждён или сохранён не в формате ODS; откройте его в табличном редакторе и сохраните заново";

/// Displayed text of the percentage cells of `sheet`, by zero-based
/// `(row, column)`, as calamine numbers them.
pub fn percent_cells(path: &Path, sheet: &str) -> Result<HashMap<(u32, u32), String>, String> {
    let broken = |_| BROKEN.to_string();
    let file = std::fs::File::open(path).map_err(|e| crate::write::io_ru(&e))?;
    let mut archive = zip::ZipArchive::new(file).map_err(broken)?;
    let content = archive.by_name("content.xml").map_err(broken)?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(content));
    let mut buf = Vec::new();
    let mut cells = HashMap::new();
    let mut in_sheet = false;
    let (mut row, mut col) = (0u32, 0u32);
    let mut rows_repeated = 1u32;
    // The percentage cell being read: its position, width and text so far.
    let mut open: Option<(u32, u32, String)> = None;
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|_| BROKEN.to_string())?;
        match event {
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table" => {
                in_sheet = attr(&e, "table:name").as_deref() == Some(sheet);
                row = 0;
            }
            Event::End(e) if e.name().as_ref() == "table:table" => in_sheet = false,
            Event::Start(e) if in_sheet && e.name().as_ref() == "table:table-row" => {
                rows_repeated = repeat(&e, "table:number-rows-repeated");
                col = 0;
            }
            Event::End(e) if in_sheet && e.name().as_ref() == "table:table-row" => {
                row = row.saturating_add(rows_repeated);
            }
            Event::Start(e) if in_sheet && is_cell(&e) => {
                let width = repeat(&e, "table:number-columns-repeated");
                if attr(&e, "office:value-type").as_deref() == Some("percentage") {
                    open = Some((col, width, String::new()));
                }
                col = col.saturating_add(width);
            }
            Event::Empty(e) if in_sheet && is_cell(&e) => {
                col = col.saturating_add(repeat(&e, "table:number-columns-repeated"));
            }
            Event::Text(t) => {
                if let Some((_, _, text)) = open.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::End(e)
                if e.name().as_ref() == "table:table-cell"
                    || e.name().as_ref() == "table:covered-table-cell" =>
            {
                if let Some((start, width, text)) = open.take() {
                    // Repeated rows and columns repeat the cell (bounded:
                    // LibreOffice pads sheets with huge empty repeats).
                    for r in row..row.saturating_add(rows_repeated.min(REPEAT_LIMIT)) {
                        for c in start..start.saturating_add(width.min(REPEAT_LIMIT)) {
                            cells.insert((r, c), text.clone());
                        }
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(cells)
}

fn is_cell(e: &BytesStart) -> bool {
    matches!(
        e.name().as_ref(),
        "table:table-cell" | "table:covered-table-cell"
    )
}

fn attr(e: &BytesStart, name: &str) -> Option<String> {
    e.try_get_attribute(name).ok().flatten().and_then(|a| {
        a.normalized_value(XmlVersion::Explicit1_0)
            .ok()
            .map(|v| v.into_owned())
    })
}

/// A repetition count attribute (absent means 1).
fn repeat(e: &BytesStart, name: &str) -> u32 {
    attr(e, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(1)
        .max(1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write as _;

    /// A minimal ODS: a zip with content.xml only, which is all this reads.
    fn ods(content: &str) -> tempfile::NamedTempFile {
        let mut file = tempfile::Builder::new().suffix(".ods").tempfile().unwrap();
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("content.xml", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.write_all(content.as_bytes()).unwrap();
        let bytes = zip.finish().unwrap().into_inner();
        file.write_all(&bytes).unwrap();
        file
    }

    #[test]
    fn repeated_rows_and_columns_repeat_percent_cells() {
        let xml = r#"<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>
<table:table table:name="Другой"><table:table-row><table:table-cell office:value-type="percentage" office:value="0.1"><text:p>10%</text:p></table:table-cell></table:table-row></table:table>
<table:table table:name="Лист"><table:table-row><table:table-cell table:number-columns-repeated="2"/><table:table-cell office:value-type="string"><text:p>x</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell/><table:table-cell office:value-type="percentage" office:value="0.145" table:number-columns-repeated="2"><text:p>14,5%</text:p></table:table-cell></table:table-row>
</table:table></office:spreadsheet></office:body></office:document-content>"#;
        let file = ods(xml);
        let cells = percent_cells(file.path(), "Лист").unwrap();
        let mut keys: Vec<_> = cells.keys().copied().collect();
        keys.sort();
        assert_eq!(keys, [(1, 1), (1, 2), (2, 1), (2, 2)]);
        assert!(cells.values().all(|t| t == "14,5%"));
    }
}
