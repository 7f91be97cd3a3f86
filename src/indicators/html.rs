//! The accessible HTML form of an indicator table: a caption with unit and
//! period, `scope`d headers for column groups and row groups, numbers in
//! Russian notation, the change between periods as ▲/▼ in text (and colour
//! through CSS classes, with words for screen readers), notes and source.
//! The table is the source of truth; the chart beside it only illustrates.

use std::fmt::Write as _;

use super::table::{flatten, Column, Leaf, Period, Row, Table, BASELINE_LABEL, TARGET_LABEL};
use super::value::{Cell, Value};
use crate::ru::numbers;
use crate::ru::typography::TypographyConfig;

pub use crate::markup::escape;

/// Author text (titles, labels, notes) with Russian typography, escaped.
fn text(s: &str, typo: &TypographyConfig) -> String {
    escape(&crate::ru::typeset(s, typo))
}

/// A column header: school years in the site's one spelling («2019- 2020»
/// and «2019 - 2020» both read «2019/2020», see `ru::school_years`), other
/// labels with typography.
fn header_text(label: &str, typo: &TypographyConfig) -> String {
    match Period::parse(label) {
        Some(Period::SchoolYear(first)) => format!("{first}/{}", first + 1),
        _ => text(label, typo),
    }
}

/// The id prefix of a table's elements, unique on a page that embeds
/// several tables.
pub fn dom_id(table: &Table) -> String {
    format!("pokazatel-{}", crate::ru::slug::slugify(&table.id))
}

/// For each data column, the earlier column it is compared with: the
/// nearest earlier period whose other header levels are the same
/// («2021-2022 — семьи» against «2020-2021 — семьи»).
pub fn previous_periods(leaves: &[Leaf<'_>]) -> Vec<Option<usize>> {
    let keyed: Vec<Option<(Period, Vec<&str>)>> = leaves
        .iter()
        .map(|leaf| {
            let (level, period) = leaf
                .path
                .iter()
                .enumerate()
                .find_map(|(i, label)| Period::parse(label).map(|p| (i, p)))?;
            let mut rest = leaf.path.clone();
            rest.remove(level);
            Some((period, rest))
        })
        .collect();
    keyed
        .iter()
        .map(|this| {
            let (period, rest) = this.as_ref()?;
            keyed
                .iter()
                .enumerate()
                .filter_map(|(j, other)| {
                    let (p, r) = other.as_ref()?;
                    (r == rest && p.comparable(period) && p < period).then_some((p, j))
                })
                .max_by(|a, b| a.0.cmp(b.0))
                .map(|(_, j)| j)
        })
        .collect()
}

/// The ▲/▼ mark for a change from `before` to `now`, or nothing when the
/// two are not single numbers of the same kind.
fn dynamics(before: &Cell, now: &Cell, since: &str) -> Option<String> {
    let (a, b) = (before.value.scalar()?, now.value.scalar()?);
    if a.percent != b.percent {
        return None;
    }
    let decimals = usize::from(a.decimals.max(b.decimals));
    let diff = b.value - a.value;
    let shown = numbers::number_ru(diff.abs(), Some(decimals));
    let unit = if b.percent { "\u{a0}п.\u{a0}п." } else { "" };
    let zero = shown.chars().all(|c| matches!(c, '0' | ','));
    let (class, sign, arrow, words) = if zero {
        ("same", "", "=", "без изменений")
    } else if diff > 0.0 {
        ("up", "+", "▲", "рост на")
    } else {
        ("down", "\u{2212}", "▼", "снижение на")
    };
    // `since` is already escaped header text.
    let spoken = if zero {
        format!("{words} по сравнению с {since}")
    } else {
        format!("{words} {shown}{unit} по сравнению с {since}")
    };
    Some(format!(
        "<span class=\"indicator-dyn indicator-dyn-{class}\"><span aria-hidden=\"true\">{arrow}\u{a0}{sign}{shown}{unit}</span><span class=\"visually-hidden\"> ({spoken})</span></span>"
    ))
}

/// Whether the cell shows a number (right-aligned, tabular figures).
fn is_numeric(cell: &Cell) -> bool {
    !matches!(cell.value, Value::Text(_) | Value::Empty)
}

fn cell_html(out: &mut String, cell: &Cell, extra: Option<String>) {
    let class = if is_numeric(cell) {
        " class=\"num\""
    } else {
        ""
    };
    let shown = match &cell.value {
        Value::Missing => {
            "—<span class=\"visually-hidden\"> (прочерк: нет данных)</span>".to_string()
        }
        v => escape(&v.to_ru()),
    };
    let raw = cell.raw.trim();
    let title = if !raw.is_empty() && raw != cell.value.to_ru() {
        format!(" data-raw=\"{}\"", escape(raw))
    } else {
        String::new()
    };
    let _ = write!(out, "<td{class}{title}>{shown}");
    if let Some(mark) = extra {
        out.push(' ');
        out.push_str(&mark);
    }
    out.push_str("</td>");
}

/// One header level: `(column, starting leaf index)` of every header at
/// depth `level`; leaves higher up reach down with `rowspan`.
fn header_rows(table: &Table) -> Vec<Vec<(&Column, usize)>> {
    let depth = table.header_depth();
    let mut rows: Vec<Vec<(&Column, usize)>> = vec![Vec::new(); depth];
    fn walk<'a>(c: &'a Column, level: usize, start: usize, rows: &mut [Vec<(&'a Column, usize)>]) {
        rows[level].push((c, start));
        let mut s = start;
        for child in &c.children {
            walk(child, level + 1, s, rows);
            s += child.width();
        }
    }
    let mut start = 0;
    for c in &table.columns {
        walk(c, 0, start, &mut rows);
        start += c.width();
    }
    rows
}

/// Renders the table itself (see [`footer_html`] for what goes under it).
pub fn table_html(table: &Table, typo: &TypographyConfig) -> String {
    let id = dom_id(table);
    let leaves = table.leaves();
    let depth = table.header_depth().max(1);
    let flat = table.flat_rows();
    let with_baseline = flat.iter().any(|(_, r)| r.baseline.is_some());
    let with_target = flat.iter().any(|(_, r)| r.target.is_some());
    let previous = if table.dynamics == Some(false) {
        vec![None; leaves.len()]
    } else {
        previous_periods(&leaves)
    };
    let mut out = String::new();
    let _ = write!(
        out,
        "<div class=\"indicator-table-wrap\" role=\"region\" aria-labelledby=\"{id}-caption\" tabindex=\"0\">\
         <table class=\"indicator-table\" id=\"{id}-table\"><caption id=\"{id}-caption\">\
         <span class=\"indicator-title\">{}</span>",
        text(&table.title, typo)
    );
    let mut meta = Vec::new();
    if let Some(unit) = &table.unit {
        meta.push(format!("Единица измерения: {}", text(unit, typo)));
    }
    if let Some(period) = &table.period {
        meta.push(format!("Период: {}", text(period, typo)));
    }
    if !meta.is_empty() {
        let _ = write!(
            out,
            " <span class=\"indicator-meta\">{}</span>",
            meta.join(". ")
        );
    }
    out.push_str("</caption><thead>");
    let full_height = if depth > 1 {
        format!(" rowspan=\"{depth}\"")
    } else {
        String::new()
    };
    for (level, headers) in header_rows(table).iter().enumerate() {
        out.push_str("<tr>");
        if level == 0 {
            let corner = table.row_header.as_deref().unwrap_or("Показатель");
            let _ = write!(
                out,
                "<th scope=\"col\"{full_height}>{}</th>",
                text(corner, typo)
            );
        }
        for (column, _) in headers {
            let unit = column
                .unit
                .as_deref()
                .map(|u| format!(" <span class=\"indicator-unit\">({})</span>", text(u, typo)))
                .unwrap_or_default();
            if column.children.is_empty() {
                let rowspan = depth - level;
                let span = if rowspan > 1 {
                    format!(" rowspan=\"{rowspan}\"")
                } else {
                    String::new()
                };
                let _ = write!(
                    out,
                    "<th scope=\"col\"{span}>{}{unit}</th>",
                    header_text(&column.label, typo)
                );
            } else {
                let _ = write!(
                    out,
                    "<th scope=\"colgroup\" colspan=\"{}\">{}{unit}</th>",
                    column.width(),
                    header_text(&column.label, typo)
                );
            }
        }
        if level == 0 {
            for (on, label) in [(with_baseline, BASELINE_LABEL), (with_target, TARGET_LABEL)] {
                if on {
                    let _ = write!(out, "<th scope=\"col\"{full_height}>{label}</th>");
                }
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</thead>");
    let write_row = |out: &mut String, row: &Row, scope: &str, class: &str| {
        let unit = row
            .unit
            .as_deref()
            .map(|u| format!(" <span class=\"indicator-unit\">({})</span>", text(u, typo)))
            .unwrap_or_default();
        let _ = write!(
            out,
            "<tr{class}><th scope=\"{scope}\">{}{unit}</th>",
            text(&row.label, typo)
        );
        for (j, cell) in row.cells.iter().enumerate() {
            let mark = previous[j].and_then(|p| {
                let since = leaves[p]
                    .path
                    .iter()
                    .find(|l| Period::parse(l).is_some())
                    .copied()
                    .unwrap_or_default();
                dynamics(&row.cells[p], cell, &header_text(since, typo))
            });
            cell_html(out, cell, mark);
        }
        for (on, reference) in [(with_baseline, &row.baseline), (with_target, &row.target)] {
            if on {
                match reference {
                    Some(cell) => cell_html(out, cell, None),
                    None => out.push_str("<td></td>"),
                }
            }
        }
        out.push_str("</tr>");
    };
    let mut plain_open = false;
    for row in &table.rows {
        if row.children.is_empty() {
            if !plain_open {
                out.push_str("<tbody>");
                plain_open = true;
            }
            write_row(&mut out, row, "row", "");
            continue;
        }
        if plain_open {
            out.push_str("</tbody>");
            plain_open = false;
        }
        out.push_str("<tbody class=\"indicator-group\">");
        write_row(&mut out, row, "rowgroup", " class=\"indicator-group-head\"");
        for (_, sub) in flatten(&row.children) {
            write_row(&mut out, sub, "row", " class=\"indicator-subrow\"");
        }
        out.push_str("</tbody>");
    }
    if plain_open {
        out.push_str("</tbody>");
    }
    out.push_str("</table></div>");
    out
}

/// Notes, the dash note, the source and the CSV link (when `csv_href` is
/// given) under the table and its chart.
pub fn footer_html(table: &Table, csv_href: Option<&str>, typo: &TypographyConfig) -> String {
    let mut out = String::new();
    let has_dash = table
        .flat_rows()
        .iter()
        .any(|(_, r)| r.cells.iter().any(|c| contains_missing(&c.value)));
    let mut notes: Vec<String> = table.notes.iter().map(|n| text(n, typo)).collect();
    if has_dash {
        notes.push("Прочерк «—» стоит там, где в источнике прочерк: данных нет или показатель отсутствует.".to_string());
    }
    if notes.is_empty() && table.source.is_none() && csv_href.is_none() {
        return out;
    }
    out.push_str("<div class=\"indicator-footer\">");
    if !notes.is_empty() {
        out.push_str(
            "<p class=\"indicator-notes-title\">Примечания</p><ul class=\"indicator-notes\">",
        );
        for n in notes {
            let _ = write!(out, "<li>{n}</li>");
        }
        out.push_str("</ul>");
    }
    if let Some(source) = &table.source {
        let _ = write!(
            out,
            "<p class=\"indicator-source\">Источник: {}</p>",
            text(source, typo)
        );
    }
    if let Some(href) = csv_href {
        let _ = write!(
            out,
            "<p class=\"indicator-download\"><a href=\"{}\" download=\"\">Скачать таблицу в формате CSV</a></p>",
            escape(href)
        );
    }
    out.push_str("</div>");
    out
}

fn contains_missing(v: &Value) -> bool {
    match v {
        Value::Missing => true,
        Value::Pair(a, b) => contains_missing(a) || contains_missing(b),
        _ => false,
    }
}
