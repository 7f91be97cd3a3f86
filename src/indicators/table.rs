//! The indicator table model and its YAML form. A table is a tree of column
//! headers (years, clusters, «семьи / уч-ся») over a tree of rows (a parent
//! row left empty with its sub-rows), every cell kept as published. YAML,
//! CSV and spreadsheet sources (see [`super::grid`]) all end in this model.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::yaml::{At, FieldError, Pos};

use super::value::{self, Cell, Kind, Value};
use crate::ru::dates::SchoolYear;

/// How a table is drawn; `None` in [`Table::chart`] means «choose for me».
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Horizontal bars, one series.
    Bar,
    /// Horizontal bars, one bar per column within each row.
    GroupedBar,
    /// A line per row over period columns.
    Line,
    /// Columns stacked into one bar per row (parts of a whole).
    StackedBar,
    /// No chart: the table alone.
    None,
}

/// A column header; leaves carry data, inner nodes group them (a year over
/// «семьи» and «уч-ся»).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub label: String,
    pub unit: Option<String>,
    pub kind: Kind,
    pub children: Vec<Column>,
}

/// A data row; a row with `children` is a row group, its own cells usually
/// empty («Рост доли обучающихся … (от 10%)» over «Регионального уровня»).
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    /// The unit of this row's values when rows differ («ч.» beside «%»).
    pub unit: Option<String>,
    pub cells: Vec<Cell>,
    pub target: Option<Cell>,
    pub baseline: Option<Cell>,
    pub children: Vec<Row>,
}

/// One indicator table, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Stable id used by embeds and URLs: `id:` or the file name.
    pub id: String,
    pub title: String,
    pub unit: Option<String>,
    pub period: Option<String>,
    pub source: Option<String>,
    pub notes: Vec<String>,
    /// The corner header over the row labels («Показатели»).
    pub row_header: Option<String>,
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    pub chart: Option<ChartKind>,
    /// Whether to show ▲/▼ between period columns; `None` = when there are.
    pub dynamics: Option<bool>,
    /// Pages (paths inside `content/`) that show this table after their text:
    /// a school, a pair, a seminar.
    pub belongs_to: Vec<String>,
}

/// A data column with the labels of all its header levels, top first.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf<'a> {
    pub path: Vec<&'a str>,
    pub unit: Option<&'a str>,
    pub kind: Kind,
}

/// A period a column header names: a school year («2017 - 2018»,
/// «2021/2022») or a calendar year («2021»). Only periods of one kind are
/// compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Period {
    SchoolYear(i32),
    Year(i32),
}

impl Period {
    /// The period a header label names, if it is nothing but a period
    /// (a year, or two years a school year apart, with «уч. г.» allowed).
    pub fn parse(label: &str) -> Option<Period> {
        let rest = label.trim();
        let digits = rest.chars().filter(char::is_ascii_digit).count();
        if digits == 4 {
            let year: i32 = rest
                .trim_end_matches(" г.")
                .trim_end_matches("г.")
                .trim()
                .parse()
                .ok()?;
            return (1900..=2200).contains(&year).then_some(Period::Year(year));
        }
        if digits != 8
            || rest
                .chars()
                .any(|c| c.is_alphabetic() && !"учгод".contains(c))
        {
            return None;
        }
        SchoolYear::parse(rest)
            .ok()
            .map(|y| Period::SchoolYear(y.first))
    }

    /// Whether two periods can be compared (both school or both calendar).
    pub fn comparable(&self, other: &Period) -> bool {
        matches!(
            (self, other),
            (Period::SchoolYear(_), Period::SchoolYear(_)) | (Period::Year(_), Period::Year(_))
        )
    }
}

impl Leaf<'_> {
    /// The full label of the column, levels joined by « — ».
    pub fn label(&self) -> String {
        self.path.join(" — ")
    }
}

impl Column {
    /// A data column with a label only.
    pub fn leaf(label: &str) -> Self {
        Column {
            label: label.to_string(),
            unit: None,
            kind: Kind::Number,
            children: Vec::new(),
        }
    }

    fn depth(&self) -> usize {
        1 + self.children.iter().map(Column::depth).max().unwrap_or(0)
    }

    fn collect_leaves<'a>(&'a self, prefix: &mut Vec<&'a str>, out: &mut Vec<Leaf<'a>>) {
        prefix.push(&self.label);
        if self.children.is_empty() {
            out.push(Leaf {
                path: prefix.clone(),
                unit: self.unit.as_deref(),
                kind: self.kind,
            });
        } else {
            for child in &self.children {
                child.collect_leaves(prefix, out);
            }
        }
        prefix.pop();
    }

    /// Number of data columns under this header.
    pub fn width(&self) -> usize {
        if self.children.is_empty() {
            1
        } else {
            self.children.iter().map(Column::width).sum()
        }
    }
}

impl Table {
    /// Data columns, left to right.
    pub fn leaves(&self) -> Vec<Leaf<'_>> {
        leaves_of(&self.columns)
    }

    /// Number of header rows.
    pub fn header_depth(&self) -> usize {
        self.columns.iter().map(Column::depth).max().unwrap_or(0)
    }

    /// Every row with its depth (0 for top level), in reading order.
    pub fn flat_rows(&self) -> Vec<(usize, &Row)> {
        flatten(&self.rows)
    }

    /// The table as CSV for download: one header row (levels joined by
    /// « — »), sub-rows marked «- » as in the reports, cells as published.
    /// Semicolons and a byte-order mark, so Russian Excel opens it directly.
    pub fn to_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .delimiter(b';')
            .from_writer(Vec::new());
        let with_target = self.flat_rows().iter().any(|(_, r)| r.target.is_some());
        let with_baseline = self.flat_rows().iter().any(|(_, r)| r.baseline.is_some());
        let mut header = vec![self.row_header.clone().unwrap_or_default()];
        header.extend(self.leaves().iter().map(|l| csv_safe(&l.label())));
        if with_baseline {
            header.push(BASELINE_LABEL.to_string());
        }
        if with_target {
            header.push(TARGET_LABEL.to_string());
        }
        // Writing to a Vec cannot fail.
        w.write_record(&header).expect("in-memory CSV");
        for (depth, row) in self.flat_rows() {
            // Nested rows are indented with «— », which no spreadsheet reads
            // as the start of a formula (a «-» would be).
            let mut record = vec![format!("{}{}", "— ".repeat(depth), csv_safe(&row.label))];
            record.extend(row.cells.iter().map(|c| csv_safe(c.raw.trim())));
            let raw = |c: &Option<Cell>| c.as_ref().map(|c| csv_safe(&c.raw)).unwrap_or_default();
            if with_baseline {
                record.push(raw(&row.baseline));
            }
            if with_target {
                record.push(raw(&row.target));
            }
            w.write_record(&record).expect("in-memory CSV");
        }
        let body = String::from_utf8(w.into_inner().expect("in-memory CSV")).expect("UTF-8 input");
        format!("\u{FEFF}{body}")
    }
}

/// A cell safe to open in a spreadsheet: text starting with `= + - @`, a tab
/// or a carriage return would be run as a formula (CSV injection), so it gets
/// a leading `'`, which Excel and LibreOffice show as plain text. Numbers
/// such as `-5` or `+3,5 %` and a lone `-` (no data) stay as they are.
pub fn csv_safe(cell: &str) -> String {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    // `risky` first: its characters are ASCII, so byte 1 is a boundary.
    let number = risky
        && cell.len() > 1
        && cell[1..]
            .chars()
            .all(|c| c.is_ascii_digit() || " \u{a0},.%".contains(c))
        && cell[1..].chars().any(|c| c.is_ascii_digit());
    if risky && !number && cell != "-" {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// The header of the baseline column, in tables and CSV.
pub const BASELINE_LABEL: &str = "Базовое значение";
/// The header of the target column, in tables and CSV.
pub const TARGET_LABEL: &str = "Целевое значение";

/// Where in a source file a problem is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// A text file (YAML, CSV): 1-based line and column.
    Text { line: u64, column: u64 },
    /// A spreadsheet cell: sheet name and cell name such as `B7`.
    Sheet { sheet: String, cell: String },
    /// The file as a whole.
    File,
}

/// An author's mistake in an indicator file, with its place, in Russian.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error {
    pub file: PathBuf,
    pub position: Position,
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let file = self.file.display();
        let message = match &self.hint {
            Some(hint) => format!("{}; {hint}", self.message),
            None => self.message.clone(),
        };
        match &self.position {
            Position::Text { line, column } => {
                write!(f, "{file}:{line}:{column}: {}", message)
            }
            Position::Sheet { sheet, cell } => {
                write!(f, "{file}: лист «{sheet}», ячейка {cell}: {}", message)
            }
            Position::File => write!(f, "{file}: {}", message),
        }
    }
}

impl std::error::Error for Error {}

impl Error {
    pub fn new(file: &Path, position: Position, message: impl Into<String>) -> Self {
        Error {
            file: file.to_path_buf(),
            position,
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// The YAML metadata of a table, read as every other YAML file of the
    /// site is (so the same Russian messages, every unknown field at once);
    /// `line_offset` lines precede the YAML in `file`.
    pub(crate) fn read_meta(file: &Path, text: &str, line_offset: u64) -> Result<Meta, Vec<Error>> {
        let at = |pos: Pos| Position::Text {
            line: pos.line as u64 + line_offset,
            column: pos.column as u64,
        };
        let node = crate::yaml::parse(text).map_err(|e| {
            vec![Error {
                hint: e.hint,
                ..Error::new(file, at(e.pos), e.message)
            }]
        })?;
        crate::yaml::from_node(&node, &[], true).map_err(|errors: Vec<FieldError>| {
            errors
                .into_iter()
                .map(|e| Error {
                    hint: e.hint,
                    ..Error::new(file, e.pos.map_or(Position::File, at), e.message)
                })
                .collect()
        })
    }
}

/// Metadata shared by every source form; YAML tables add `columns` and
/// `rows`, spreadsheet sidecars add the grid options.
#[derive(Debug, Deserialize)]
pub(crate) struct Meta {
    pub id: Option<String>,
    pub title: String,
    pub unit: Option<String>,
    pub period: Option<String>,
    pub source: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    pub row_header: Option<String>,
    pub chart: Option<ChartKind>,
    pub dynamics: Option<bool>,
    /// One page or a list of pages.
    pub belongs_to: Option<Pages>,
    pub columns: Option<Vec<ColumnSpec>>,
    pub rows: Option<Vec<RowSpec>>,
    /// Spreadsheets: the sheet to read (default: the first).
    pub sheet: Option<String>,
    /// CSV and spreadsheets: how many header rows the grid has (default 1).
    pub header_rows: Option<usize>,
    /// CSV and spreadsheets: labels of leaf columns holding text.
    #[serde(default)]
    pub text_columns: Vec<String>,
    /// CSV and spreadsheets: the header of a column of targets.
    pub target_column: Option<String>,
    /// CSV and spreadsheets: the header of a column of baselines.
    pub baseline_column: Option<String>,
}

/// `belongs_to`: one page or a list. Read by hand rather than as an
/// untagged enum, whose mismatch error is English and has no place.
#[derive(Debug)]
pub(crate) struct Pages(Vec<String>);

impl<'de> Deserialize<'de> for Pages {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Pages, D::Error> {
        struct PagesVisitor;
        impl<'de> serde::de::Visitor<'de> for PagesVisitor {
            type Value = Pages;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("страница или список страниц")
            }
            fn visit_str<E: serde::de::Error>(self, s: &str) -> Result<Pages, E> {
                Ok(Pages(vec![s.to_string()]))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<Pages, A::Error> {
                let mut pages = Vec::new();
                while let Some(p) = seq.next_element::<String>()? {
                    pages.push(p);
                }
                Ok(Pages(pages))
            }
        }
        d.deserialize_any(PagesVisitor)
    }
}

/// A column in YAML: a bare label (`rename = "@label"`), or a label with
/// details and sub-columns.
#[derive(Debug, Deserialize)]
#[serde(rename = "@label")]
pub(crate) struct ColumnSpec {
    label: String,
    unit: Option<String>,
    #[serde(default)]
    kind: Kind,
    #[serde(default)]
    columns: Vec<ColumnSpec>,
}

/// A row in YAML.
#[derive(Debug, Deserialize)]
pub(crate) struct RowSpec {
    label: At<String>,
    unit: Option<String>,
    #[serde(default)]
    values: Vec<At<Option<String>>>,
    target: Option<At<Option<String>>>,
    baseline: Option<At<Option<String>>>,
    #[serde(default)]
    rows: Vec<RowSpec>,
}

impl ColumnSpec {
    fn into_column(self) -> Column {
        Column {
            label: self.label,
            unit: self.unit,
            kind: self.kind,
            children: self
                .columns
                .into_iter()
                .map(ColumnSpec::into_column)
                .collect(),
        }
    }
}

impl Meta {
    /// The table with these metadata and the given body; `file` names the id
    /// when `id:` is absent.
    pub(crate) fn into_table(self, file: &Path, columns: Vec<Column>, rows: Vec<Row>) -> Table {
        let id = self.id.unwrap_or_else(|| {
            file.file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        });
        Table {
            id,
            title: self.title,
            unit: self.unit,
            period: self.period,
            source: self.source,
            notes: self.notes,
            row_header: self.row_header,
            columns,
            rows,
            chart: self.chart,
            dynamics: self.dynamics,
            belongs_to: self.belongs_to.map(|p| p.0).unwrap_or_default(),
        }
    }
}

/// `rows` and all their descendants with their depth, in reading order.
pub fn flatten(rows: &[Row]) -> Vec<(usize, &Row)> {
    fn walk<'a>(rows: &'a [Row], depth: usize, out: &mut Vec<(usize, &'a Row)>) {
        for r in rows {
            out.push((depth, r));
            walk(&r.children, depth + 1, out);
        }
    }
    let mut out = Vec::new();
    walk(rows, 0, &mut out);
    out
}

/// The kinds of the data columns under `columns`, left to right.
pub(crate) fn leaf_kinds(columns: &[Column]) -> Vec<Kind> {
    leaves_of(columns).iter().map(|l| l.kind).collect()
}

fn leaves_of(columns: &[Column]) -> Vec<Leaf<'_>> {
    let mut out = Vec::new();
    for c in columns {
        c.collect_leaves(&mut Vec::new(), &mut out);
    }
    out
}

/// A target or baseline: a number where it reads as one («не менее 75%»),
/// text otherwise («Отсутствие обращений», as in the Tyumen catalogue).
pub(crate) fn reference_value(raw: &str) -> Cell {
    value::parse(raw, Kind::Number)
        .or_else(|_| value::parse(raw, Kind::Text))
        .expect("text cells always parse")
}

fn reference_cell(at: At<Option<String>>) -> Cell {
    reference_value(&at.value.unwrap_or_default())
}

/// Parses a YAML table; all cell errors of the file are returned together.
pub fn from_yaml(file: &Path, text: &str) -> Result<Table, Vec<Error>> {
    let mut meta = Error::read_meta(file, text, 0)?;
    let Some(columns) = meta.columns.take() else {
        return Err(vec![Error::new(
            file,
            Position::File,
            "нет столбцов: добавьте список columns (например, годы или кластеры)",
        )]);
    };
    let columns: Vec<Column> = columns.into_iter().map(ColumnSpec::into_column).collect();
    let mut rows = YamlRows {
        file,
        kinds: leaf_kinds(&columns),
        units: leaves_of(&columns)
            .iter()
            .map(|l| l.unit.map(str::to_string))
            .collect(),
        errors: Vec::new(),
    };
    let built = rows.build(meta.rows.take().unwrap_or_default());
    if rows.errors.is_empty() {
        Ok(meta.into_table(file, columns, built))
    } else {
        Err(rows.errors)
    }
}

fn text_position(pos: Pos) -> Position {
    Position::Text {
        line: pos.line as u64,
        column: pos.column as u64,
    }
}

/// Turns YAML rows into [`Row`]s, collecting every error on the way.
struct YamlRows<'a> {
    file: &'a Path,
    kinds: Vec<Kind>,
    /// Units of the data columns, for values that repeat them.
    units: Vec<Option<String>>,
    errors: Vec<Error>,
}

impl YamlRows<'_> {
    fn build(&mut self, specs: Vec<RowSpec>) -> Vec<Row> {
        specs.into_iter().map(|spec| self.row(spec)).collect()
    }

    fn row(&mut self, spec: RowSpec) -> Row {
        let width = self.kinds.len();
        let n = spec.values.len();
        // No values at all is a parent row (or an empty one); otherwise the
        // count must match the data columns.
        if n != 0 && n != width {
            self.errors.push(Error::new(
                self.file,
                text_position(spec.label.pos),
                format!(
                    "в строке «{}» значений: {n}, а столбцов с данными: {width}",
                    spec.label.value
                ),
            ));
        }
        let kinds = self.kinds.clone();
        let units = self.units.clone();
        let mut cells: Vec<Cell> = spec
            .values
            .into_iter()
            .zip(kinds.into_iter().zip(units))
            .map(|(v, (kind, column_unit))| {
                self.cell(v, kind, spec.unit.as_deref().or(column_unit.as_deref()))
            })
            .collect();
        cells.resize(
            width,
            Cell {
                raw: String::new(),
                value: Value::Empty,
            },
        );
        Row {
            label: spec.label.value,
            unit: spec.unit,
            cells,
            target: spec.target.map(reference_cell),
            baseline: spec.baseline.map(reference_cell),
            children: self.build(spec.rows),
        }
    }

    fn cell(&mut self, at: At<Option<String>>, kind: Kind, unit: Option<&str>) -> Cell {
        let raw = at.value.unwrap_or_default();
        value::parse_with_unit(&raw, kind, unit).unwrap_or_else(|e| {
            self.errors
                .push(Error::new(self.file, text_position(at.pos), e.message));
            Cell {
                raw,
                value: Value::Empty,
            }
        })
    }
}
