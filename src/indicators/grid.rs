//! CSV and spreadsheet sources. Both become a grid of raw cells with their
//! positions, described by YAML metadata: a sidecar `name.yaml` beside
//! `name.csv` / `name.xlsx` / `name.ods`, or (CSV only) a header between
//! `---` lines at the top of the file. The grid's first column holds row
//! labels («- » marks a sub-row, as in the reports), its first
//! `header_rows` rows the column headers (merged cells read as empty cells
//! to the right of or below the label).

use std::path::Path;

use calamine::{Data, Reader};

use super::table::{self, Column, Error, Meta, Position, Row, Table};
use super::value::{self, Cell, Kind, Value};
use crate::ru::numbers;

/// A raw cell and where it came from.
#[derive(Debug, Clone)]
struct GridCell {
    raw: String,
    position: Position,
}

type Grid = Vec<Vec<GridCell>>;

/// Reads a CSV table. `sidecar` is the text of `name.yaml`, if present; a
/// front-matter header in the CSV itself is used otherwise.
pub fn from_csv(
    file: &Path,
    text: &str,
    sidecar: Option<(&Path, &str)>,
) -> Result<Table, Vec<Error>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let (meta, body, line_offset) = match split_front_matter(text) {
        Some((yaml, body, offset)) => (parse_meta(file, yaml, 1)?, body, offset),
        None => match sidecar {
            Some((path, yaml)) => (parse_meta(path, yaml, 0)?, text, 0),
            None => return Err(vec![missing_meta(file)]),
        },
    };
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(sniff_delimiter(body))
        .from_reader(body.as_bytes());
    let mut grid = Grid::new();
    for record in reader.records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(0, |p| p.line()) + line_offset;
            vec![Error::new(
                file,
                Position::Text { line, column: 1 },
                "не удалось прочитать строку CSV".to_string(),
            )
            .with_hint("проверьте кавычки в строке: поле в кавычках должно их и закрывать, а кавычка внутри поля пишется дважды (\"\")")]
        })?;
        let line = record.position().map_or(0, |p| p.line()) + line_offset;
        grid.push(
            record
                .iter()
                .enumerate()
                .map(|(i, raw)| GridCell {
                    // Undo the formula guard of our own CSV downloads.
                    raw: raw
                        .strip_prefix('\'')
                        .filter(|r| r.starts_with(['=', '+', '-', '@', '\t', '\r']))
                        .unwrap_or(raw)
                        .to_string(),
                    position: Position::Text {
                        line,
                        column: i as u64 + 1,
                    },
                })
                .collect(),
        );
    }
    from_grid(file, meta, grid)
}

/// Reads an XLSX, XLS or ODS table described by the sidecar YAML.
pub fn from_spreadsheet(file: &Path, sidecar: Option<(&Path, &str)>) -> Result<Table, Vec<Error>> {
    let Some((path, yaml)) = sidecar else {
        return Err(vec![missing_meta(file)]);
    };
    let meta = parse_meta(path, yaml, 0)?;
    let whole = |message: String| vec![Error::new(file, Position::File, message)];
    let mut book = calamine::open_workbook_auto(file)
        .map_err(|e| whole(format!("не удалось открыть таблицу: {}", sheet_error(&e))))?;
    let names = book.sheet_names();
    let sheet = match &meta.sheet {
        Some(name) if names.contains(name) => name.clone(),
        Some(name) => {
            return Err(whole(format!(
                "в книге нет листа «{name}»; есть: {}",
                names.join(", ")
            )))
        }
        None => names
            .first()
            .cloned()
            .ok_or_else(|| whole("в книге нет листов".to_string()))?,
    };
    let range = book.worksheet_range(&sheet).map_err(|e| {
        whole(format!(
            "не удалось прочитать лист «{sheet}»: {}",
            sheet_error(&e)
        ))
    })?;
    // Only XLSX keeps number formats; elsewhere the style range is empty.
    let styles = book.worksheet_style(&sheet).ok();
    let is_ods = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ods"));
    let percents = if is_ods {
        super::ods::percent_cells(file, &sheet).map_err(|e| {
            whole(format!(
                "не удалось прочитать проценты листа «{sheet}»: {e}"
            ))
        })?
    } else {
        Default::default()
    };
    let Some((row0, col0)) = range.start() else {
        return Err(whole(format!("лист «{sheet}» пуст")));
    };
    let grid: Grid = range
        .rows()
        .enumerate()
        .map(|(r, cells)| {
            cells
                .iter()
                .enumerate()
                .map(|(c, data)| {
                    let pos = (row0 + r as u32, col0 + c as u32);
                    let format = styles
                        .as_ref()
                        .and_then(|s| s.get(pos))
                        .and_then(|s| s.number_format.as_ref())
                        .map(|f| f.format_code.as_str());
                    GridCell {
                        raw: percents
                            .get(&pos)
                            .cloned()
                            .unwrap_or_else(|| spreadsheet_text(data, format)),
                        position: Position::Sheet {
                            sheet: sheet.clone(),
                            cell: cell_name(pos.0, pos.1),
                        },
                    }
                })
                .collect()
        })
        .collect();
    from_grid(file, meta, grid)
}

fn missing_meta(file: &Path) -> Error {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    Error::new(
        file,
        Position::File,
        format!(
            "нет описания таблицы: создайте рядом файл «{stem}.yaml» (хотя бы с полем title) \
             или, для CSV, добавьте описание в начало файла между строками «---»"
        ),
    )
}

/// Parses metadata found `line_offset` lines into `file`.
fn parse_meta(file: &Path, yaml: &str, line_offset: u64) -> Result<Meta, Vec<Error>> {
    let meta = Error::read_meta(file, yaml, line_offset)?;
    if meta.columns.is_some() || meta.rows.is_some() {
        return Err(vec![Error::new(
            file,
            Position::File,
            "в описании CSV- или Excel-таблицы поля columns и rows не нужны: столбцы и строки \
             берутся из самой таблицы; уберите их",
        )]);
    }
    Ok(meta)
}

/// `(yaml, csv body, lines before the body)` when the text starts with a
/// `---` header.
fn split_front_matter(text: &str) -> Option<(&str, &str, u64)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for line in rest.split_inclusive('\n') {
        if line.trim_end() == "---" {
            let yaml = &rest[..offset];
            let body = &rest[offset + line.len()..];
            let lines = 2 + yaml.matches('\n').count() as u64;
            return Some((yaml, body, lines));
        }
        offset += line.len();
    }
    None
}

/// Semicolon (Russian Excel), tab, or comma: whichever the header line uses.
fn sniff_delimiter(body: &str) -> u8 {
    let first = body.lines().next().unwrap_or("");
    if first.contains(';') {
        b';'
    } else if first.contains('\t') {
        b'\t'
    } else {
        b','
    }
}

/// `B7` for zero-based row 6, column 1.
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(row + 1).to_string()
}

/// The text a spreadsheet cell shows: numbers with their percent format
/// applied, so 0.145 formatted «0.0%» reads «14,5%».
fn spreadsheet_text(data: &Data, format: Option<&str>) -> String {
    let decimals = |code: &str| -> usize {
        code.split_once('.')
            .map_or(0, |(_, f)| f.chars().take_while(|&c| c == '0').count())
    };
    match data {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Bool(b) => if *b { "да" } else { "нет" }.to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => match format {
            Some(code) if code.contains('%') => {
                numbers::percent_ru(f * 100.0, Some(decimals(code)))
            }
            Some(code) if code.contains('.') && code.contains('0') => {
                numbers::number_ru(*f, Some(decimals(code)))
            }
            // «General»: the shortest form, rid of binary noise such as
            // 14.499999999999998 from formulas.
            _ => {
                let s = format!("{f:.10}");
                let s = s.trim_end_matches('0').trim_end_matches('.');
                s.replace('.', ",")
            }
        },
        other => other.to_string(),
    }
}

fn is_blank(cell: &GridCell) -> bool {
    cell.raw.trim().is_empty()
}

/// Strips the «- » that marks a sub-row in reports.
fn sub_row_label(label: &str) -> Option<&str> {
    ["- ", "– ", "— "]
        .iter()
        .find_map(|m| label.strip_prefix(m))
        .map(str::trim)
}

fn from_grid(file: &Path, mut meta: Meta, mut grid: Grid) -> Result<Table, Vec<Error>> {
    grid.retain(|row| !row.iter().all(is_blank));
    let width = grid
        .iter()
        .map(|row| row.iter().rposition(|c| !is_blank(c)).map_or(0, |i| i + 1))
        .max()
        .unwrap_or(0);
    let depth = meta.header_rows.unwrap_or(1).max(1);
    let whole = |message: String| vec![Error::new(file, Position::File, message)];
    if grid.len() <= depth || width < 2 {
        return Err(whole(format!(
            "в таблице нет данных: ожидается заголовок ({}), затем строки с \
             названием показателя в первом столбце и значениями в следующих",
            crate::ru::plural::plural_ru(depth as f64, "строка", "строки", "строк")
        )));
    }
    // Pad short rows so every row has `width` cells with a position.
    for row in &mut grid {
        while row.len() < width {
            let position = match &row.last().map(|c| c.position.clone()) {
                Some(Position::Text { line, column }) => Position::Text {
                    line: *line,
                    column: column + 1,
                },
                // Only CSV rows can be short: calamine ranges are rectangular.
                _ => Position::File,
            };
            row.push(GridCell {
                raw: String::new(),
                position,
            });
        }
        row.truncate(width);
    }
    let mut errors = Vec::new();
    let header = &grid[..depth];
    if meta.row_header.is_none() && !is_blank(&header[0][0]) {
        meta.row_header = Some(header[0][0].raw.trim().to_string());
    }
    let data_cols: Vec<usize> = (1..width).collect();
    // Pull out target and baseline columns before building the tree.
    let find_special = |name: &Option<String>, errors: &mut Vec<Error>| -> Option<usize> {
        let name = name.as_deref()?;
        let found = data_cols
            .iter()
            .copied()
            .find(|&j| header.iter().any(|h| h[j].raw.trim() == name));
        if found.is_none() {
            errors.push(Error::new(
                file,
                Position::File,
                format!("столбец «{name}» не найден в заголовке таблицы"),
            ));
        }
        found
    };
    let target_col = find_special(&meta.target_column, &mut errors);
    let baseline_col = find_special(&meta.baseline_column, &mut errors);
    let value_cols: Vec<usize> = data_cols
        .iter()
        .copied()
        .filter(|j| Some(*j) != target_col && Some(*j) != baseline_col)
        .collect();
    let mut columns = build_columns(file, header, 0, &value_cols, &mut errors);
    let mut leaf_ids = Vec::new();
    mark_text_columns(
        &mut columns,
        &meta.text_columns,
        &mut Vec::new(),
        &mut leaf_ids,
    );
    for name in &meta.text_columns {
        if !leaf_ids.contains(name) {
            errors.push(Error::new(
                file,
                Position::File,
                format!("в text_columns указан столбец «{name}», которого нет в таблице"),
            ));
        }
    }
    let kinds = table::leaf_kinds(&columns);
    let mut rows: Vec<Row> = Vec::new();
    for line in &grid[depth..] {
        let label_cell = &line[0];
        let label = label_cell.raw.trim();
        let mut cells = Vec::with_capacity(value_cols.len());
        for (&j, &kind) in value_cols.iter().zip(&kinds) {
            let source = &line[j];
            match value::parse(&source.raw, kind) {
                Ok(cell) => cells.push(cell),
                Err(e) => {
                    errors.push(Error::new(file, source.position.clone(), e.message));
                    cells.push(Cell {
                        raw: source.raw.clone(),
                        value: Value::Empty,
                    });
                }
            }
        }
        let reference = |col: Option<usize>| {
            col.map(|j| &line[j].raw)
                .filter(|raw| !raw.trim().is_empty())
                .map(|raw| table::reference_value(raw))
        };
        let (label, is_sub) = match sub_row_label(label) {
            Some(sub) => (sub, true),
            None => (label, false),
        };
        if label.is_empty() {
            errors.push(Error::new(
                file,
                label_cell.position.clone(),
                "у строки нет названия в первом столбце",
            ));
            continue;
        }
        let row = Row {
            label: label.to_string(),
            unit: None,
            cells,
            target: reference(target_col),
            baseline: reference(baseline_col),
            children: Vec::new(),
        };
        match (is_sub, rows.last_mut()) {
            (true, Some(parent)) => parent.children.push(row),
            (true, None) => errors.push(Error::new(
                file,
                label_cell.position.clone(),
                format!("строка «- {label}» отмечена как подстрока, но над ней нет строки-группы"),
            )),
            (false, _) => rows.push(row),
        }
    }
    if errors.is_empty() {
        Ok(meta.into_table(file, columns, rows))
    } else {
        Err(errors)
    }
}

/// Builds the header tree of `cols` from header level `level` down: a
/// non-empty cell starts a group that runs until the next non-empty cell.
fn build_columns(
    file: &Path,
    header: &[Vec<GridCell>],
    level: usize,
    cols: &[usize],
    errors: &mut Vec<Error>,
) -> Vec<Column> {
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for &j in cols {
        if groups.is_empty() || !is_blank(&header[level][j]) {
            groups.push(vec![j]);
        } else if let Some(g) = groups.last_mut() {
            g.push(j);
        }
    }
    groups
        .into_iter()
        .map(|group| {
            let cell = &header[level][group[0]];
            let label = cell.raw.trim().to_string();
            if label.is_empty() {
                errors.push(Error::new(
                    file,
                    cell.position.clone(),
                    "у столбца нет заголовка",
                ));
            }
            let below =
                level + 1 < header.len() && group.iter().any(|&j| !is_blank(&header[level + 1][j]));
            let mut column = Column::leaf(&label);
            if below {
                column.children = build_columns(file, header, level + 1, &group, errors);
            } else if group.len() > 1 {
                errors.push(Error::new(
                    file,
                    cell.position.clone(),
                    format!(
                        "заголовок «{label}» объединяет {} столбца(ов), но у них нет своих \
                         заголовков",
                        group.len()
                    ),
                ));
            }
            column
        })
        .collect()
}

/// Sets `kind: text` on the leaves named (by last label or full path) in
/// `names`, collecting the names that matched.
fn mark_text_columns(
    columns: &mut [Column],
    names: &[String],
    prefix: &mut Vec<String>,
    matched: &mut Vec<String>,
) {
    for c in columns {
        prefix.push(c.label.clone());
        if c.children.is_empty() {
            let full = prefix.join(" — ");
            for name in names {
                if *name == c.label || *name == full {
                    c.kind = Kind::Text;
                    matched.push(name.clone());
                }
            }
        } else {
            mark_text_columns(&mut c.children, names, prefix, matched);
        }
        prefix.pop();
    }
}

/// A spreadsheet library's error in Russian: its own text is English.
fn sheet_error(e: &calamine::Error) -> String {
    match e {
        calamine::Error::Io(io) => crate::write::io_ru(io),
        _ => "файл повреждён или сохранён не в формате XLSX/ODS; откройте его в табличном редакторе и сохраните заново".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(6, 1), "B7");
        assert_eq!(cell_name(9, 25), "Z10");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(0, 27), "AB1");
    }

    #[test]
    fn spreadsheet_numbers_show_as_formatted() {
        assert_eq!(spreadsheet_text(&Data::Float(0.145), Some("0.0%")), "14,5%");
        assert_eq!(spreadsheet_text(&Data::Float(0.5), Some("0%")), "50%");
        assert_eq!(
            spreadsheet_text(&Data::Float(14.499999999999998), None),
            "14,5"
        );
        assert_eq!(spreadsheet_text(&Data::Float(10.0), Some("General")), "10");
        assert_eq!(spreadsheet_text(&Data::Float(2.5), Some("0.00")), "2,50");
        assert_eq!(spreadsheet_text(&Data::Int(7), None), "7");
        assert_eq!(spreadsheet_text(&Data::Bool(true), None), "да");
    }

    #[test]
    fn front_matter_is_split_and_counted() {
        let (yaml, body, offset) = split_front_matter("---\ntitle: Т\n---\nа;б\n").unwrap();
        assert_eq!(yaml, "title: Т\n");
        assert_eq!(body, "а;б\n");
        assert_eq!(offset, 3);
        assert!(split_front_matter("а;б\n").is_none());
    }

    #[test]
    fn delimiters() {
        assert_eq!(sniff_delimiter("a;b\n"), b';');
        assert_eq!(sniff_delimiter("a\tb\n"), b'\t');
        assert_eq!(sniff_delimiter("a,\"1,5\"\n"), b',');
    }
}
