//! Build-time SVG charts of indicator tables: horizontal bars (one series,
//! grouped, or stacked) and lines over periods. No JavaScript and no chart
//! library in the browser: the SVG is inline, works from `file://` and
//! prints. Each chart has `<title>` and `<desc>` (`role="img"`), direct value
//! labels, and series told apart by colour (the Okabe–Ito palette, safe for
//! colour-blind readers) *and* by hatching, dash and marker shape, so it
//! survives greyscale printing. The table stays the source of truth. Written
//! here because the Rust chart crates (plotters, charming) either render
//! through a backend without accessible markup or emit JavaScript charts.
//!
//! The SVG has no `viewBox`: it is as wide as its column, heights and text
//! are in CSS px and positions across in percent of the width, so the text
//! keeps its 12 px from a 320 px phone to print instead of shrinking with the
//! drawing. Category labels stand above their bars, which leaves the bars the
//! whole width on a phone. Text, axes and outlines are drawn in
//! `currentColor` and the halo behind labels in the page's background
//! (`.halo` in indicators.css), so the low-vision colour schemes recolour
//! the chart with the page.

use std::fmt::Write as _;

use super::html::{dom_id, escape};
use super::table::{ChartKind, Leaf, Period, Row, Table};
use super::value::{Number, Value};
use crate::ru::numbers;
use crate::ru::typography::TypographyConfig;

/// Okabe–Ito colours, darkest first so that neighbours differ in lightness.
const PALETTE: [&str; 6] = [
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9",
];
/// Dash patterns of lines, one per series.
const DASHES: [&str; 6] = ["", "8 4", "2 3", "10 3 2 3", "4 4", "1 2"];

/// Text size and line height, in CSS px.
const FONT_SIZE: f64 = 12.0;
const LINE_HEIGHT: f64 = 15.0;
const BAR: f64 = 18.0;
/// Where the axis of bars ends, in percent of the width; the rest holds the
/// value label of the longest bar.
const PLOT_END: f64 = 80.0;
/// Characters per line of a category label or legend entry: about 270 px of
/// 12 px text, which fits the 288 px column of a 320 px phone.
const LABEL_CHARS: usize = 40;
const FONT: &str =
    "font-family=\"system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif\"";

/// What is drawn: categories along one axis, one value per series in each.
#[derive(Debug, Clone)]
struct Data {
    categories: Vec<String>,
    series: Vec<String>,
    /// `values[category][series]`: the cell's value.
    values: Vec<Vec<Value>>,
}

impl Data {
    fn scalars(&self) -> impl Iterator<Item = Number> + '_ {
        self.values.iter().flatten().filter_map(Value::scalar)
    }
}

/// Rows that carry values, labelled with their group («Рост доли … —
/// Регионального уровня»).
fn leaf_rows(table: &Table) -> Vec<(String, &Row)> {
    fn walk<'a>(rows: &'a [Row], prefix: &str, out: &mut Vec<(String, &'a Row)>) {
        for r in rows {
            let label = if prefix.is_empty() {
                r.label.clone()
            } else {
                format!("{prefix} — {}", r.label)
            };
            if r.children.is_empty() {
                out.push((label, r));
            } else {
                if r.cells.iter().any(|c| c.value != Value::Empty) {
                    out.push((label.clone(), r));
                }
                walk(&r.children, &label, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&table.rows, "", &mut out);
    out
}

/// The chart a table gets when its metadata does not choose: a line when
/// three or more periods run along the categories, bars for one series,
/// grouped bars otherwise. `data` has periods as categories already when
/// it was built from a single row.
fn default_kind(data: &Data, over_columns: bool) -> ChartKind {
    let axis = if over_columns {
        &data.categories
    } else {
        &data.series
    };
    if axis.len() >= 3 && axis.iter().all(|l| Period::parse(l).is_some()) {
        ChartKind::Line
    } else if data.series.len() == 1 {
        ChartKind::Bar
    } else {
        ChartKind::GroupedBar
    }
}

/// The data of a table with one row: its columns become the categories.
/// Under grouped headers the last level becomes the series («семьи» and
/// «уч-ся» side by side in each year).
fn from_one_row(leaves: &[Leaf<'_>], numeric: &[usize], label: &str, row: &Row) -> Data {
    let depth = leaves[numeric[0]].path.len();
    if depth < 2 || numeric.iter().any(|&j| leaves[j].path.len() != depth) {
        return Data {
            categories: numeric.iter().map(|&j| leaves[j].label()).collect(),
            series: vec![label.to_string()],
            values: numeric
                .iter()
                .map(|&j| vec![row.cells[j].value.clone()])
                .collect(),
        };
    }
    let mut categories: Vec<String> = Vec::new();
    let mut series: Vec<String> = Vec::new();
    for &j in numeric {
        let path = &leaves[j].path;
        let category = path[..depth - 1].join(" — ");
        if !categories.contains(&category) {
            categories.push(category);
        }
        let name = path[depth - 1].to_string();
        if !series.contains(&name) {
            series.push(name);
        }
    }
    let mut values = vec![vec![Value::Empty; series.len()]; categories.len()];
    for &j in numeric {
        let path = &leaves[j].path;
        let c = categories
            .iter()
            .position(|x| *x == path[..depth - 1].join(" — "))
            .unwrap_or_default();
        let s = series
            .iter()
            .position(|x| x == path[depth - 1])
            .unwrap_or_default();
        values[c][s] = row.cells[j].value.clone();
    }
    Data {
        categories,
        series,
        values,
    }
}

/// Draws the table, or returns `None` for `chart: none` and for tables with
/// fewer than two numbers to draw.
pub fn chart_svg(table: &Table, typo: &TypographyConfig) -> Option<String> {
    if table.chart == Some(ChartKind::None) {
        return None;
    }
    let leaves = table.leaves();
    let numeric: Vec<usize> = (0..leaves.len())
        .filter(|&j| {
            table
                .flat_rows()
                .iter()
                .any(|(_, r)| r.cells[j].value.scalar().is_some())
        })
        .collect();
    let rows = leaf_rows(table);
    let rows: Vec<&(String, &Row)> = rows
        .iter()
        .filter(|(_, r)| numeric.iter().any(|&j| r.cells[j].value != Value::Empty))
        .collect();
    if numeric.is_empty() || rows.is_empty() {
        return None;
    }
    // One row: the columns become the categories (pupils by year).
    let over_columns = rows.len() == 1 && numeric.len() > 1;
    let data = if over_columns {
        from_one_row(&leaves, &numeric, &rows[0].0, rows[0].1)
    } else {
        Data {
            categories: rows.iter().map(|(l, _)| l.clone()).collect(),
            series: numeric.iter().map(|&j| leaves[j].label()).collect(),
            values: rows
                .iter()
                .map(|(_, r)| numeric.iter().map(|&j| r.cells[j].value.clone()).collect())
                .collect(),
        }
    };
    if data.scalars().count() < 2 {
        return None;
    }
    // Labels read as in the table, with Russian typography.
    let typeset = |labels: Vec<String>| -> Vec<String> {
        labels.iter().map(|l| crate::ru::typeset(l, typo)).collect()
    };
    let data = Data {
        categories: typeset(data.categories),
        series: typeset(data.series),
        values: data.values,
    };
    let title = crate::ru::typeset(&table.title, typo);
    let kind = table
        .chart
        .unwrap_or_else(|| default_kind(&data, over_columns));
    let id = format!("{}-chart", dom_id(table));
    Some(match kind {
        ChartKind::Line if over_columns => line(&title, &id, &data),
        ChartKind::Line => line(&title, &id, &transpose(&data)),
        ChartKind::StackedBar => bars(&title, &id, &data, true),
        _ => bars(&title, &id, &data, false),
    })
}

/// Swaps categories and series (a line over columns wants periods along x).
fn transpose(data: &Data) -> Data {
    Data {
        categories: data.series.clone(),
        series: data.categories.clone(),
        values: (0..data.series.len())
            .map(|s| data.values.iter().map(|row| row[s].clone()).collect())
            .collect(),
    }
}

/// The axis for values up to `max`: a step of 1, 2, 2.5 or 5 times a power
/// of ten giving about five ticks, and the axis end, a whole number of
/// steps at least `max` (1035 → step 250, end 1250; 90% → 20, 100%).
fn axis_scale(max: f64) -> (f64, f64) {
    if max <= 0.0 {
        return (1.0, 0.2);
    }
    let rough = max / 5.0;
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|&v| v >= rough - 1e-9)
        .unwrap_or(10.0 * power);
    ((max / step - 1e-9).ceil().max(1.0) * step, step)
}

/// Splits a label into lines of at most `width` characters at ordinary
/// spaces; no-break spaces set by typography hold their words together.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match lines.last_mut() {
            Some(line) if line.chars().count() + 1 + word.chars().count() <= width => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

fn fmt(x: f64) -> String {
    let s = format!("{x:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `<defs>` with one fill per series: a colour plus a hatching that tells
/// the series apart in greyscale.
fn fills(id: &str, n: usize) -> String {
    let mut out = String::from("<defs>");
    for s in 0..n {
        let colour = PALETTE[s % PALETTE.len()];
        let marks = match s % PALETTE.len() {
            0 => String::new(),
            1 => "<path d=\"M0 8L8 0\" stroke=\"#000\" stroke-opacity=\"0.55\" stroke-width=\"1.5\"/>".into(),
            2 => "<circle cx=\"4\" cy=\"4\" r=\"1.6\" fill=\"#000\" fill-opacity=\"0.55\"/>".into(),
            3 => "<path d=\"M0 0L8 8M8 0L0 8\" stroke=\"#000\" stroke-opacity=\"0.5\" stroke-width=\"1\"/>".into(),
            4 => "<path d=\"M0 4H8\" stroke=\"#000\" stroke-opacity=\"0.55\" stroke-width=\"1.5\"/>".into(),
            _ => "<path d=\"M4 0V8\" stroke=\"#000\" stroke-opacity=\"0.55\" stroke-width=\"1.5\"/>".into(),
        };
        let _ = write!(
            out,
            "<pattern id=\"{id}-fill-{s}\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"{colour}\"/>{marks}</pattern>"
        );
    }
    out.push_str("</defs>");
    out
}

fn value_text(v: &Value) -> String {
    match v {
        Value::Missing => "нет данных".to_string(),
        other => other.to_ru(),
    }
}

/// A horizontal position in percent of the chart's width.
fn pct(x: f64) -> String {
    format!("{}%", fmt(x))
}

/// The chart's opening, `<title>` and `<desc>`.
fn open(out: &mut String, title: &str, id: &str, height: f64, kind: &str, data: &Data) {
    let mut desc = format!("{kind}. ");
    for (c, category) in data.categories.iter().enumerate() {
        let parts: Vec<String> = data
            .series
            .iter()
            .zip(&data.values[c])
            .filter(|(_, v)| **v != Value::Empty)
            .map(|(s, v)| {
                if data.series.len() == 1 {
                    value_text(v)
                } else {
                    format!("{s} — {}", value_text(v))
                }
            })
            .collect();
        let _ = write!(desc, "{category}: {}. ", parts.join("; "));
    }
    desc.push_str("Точные значения — в таблице.");
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"indicator-chart\" width=\"100%\" height=\"{}\" role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" {FONT} font-size=\"{FONT_SIZE}\" fill=\"currentColor\">\
         <title id=\"{id}-title\">{}</title><desc id=\"{id}-desc\">{}</desc>",
        fmt(height),
        escape(title),
        escape(&desc)
    );
}

/// The legend: a swatch drawn like the series and its name, one per line.
fn legend(out: &mut String, id: &str, series: &[String], top: f64, lines: bool) -> f64 {
    let mut y = top;
    for (s, name) in series.iter().enumerate() {
        if lines {
            let _ = write!(
                out,
                "<line x1=\"0\" y1=\"{0}\" x2=\"28\" y2=\"{0}\" stroke=\"{1}\" stroke-width=\"2.5\" stroke-dasharray=\"{2}\"/>",
                fmt(y + 6.0),
                PALETTE[s % PALETTE.len()],
                DASHES[s % DASHES.len()]
            );
            marker(out, s, "14", y + 6.0);
        } else {
            let _ = write!(
                out,
                "<rect x=\"0\" y=\"{}\" width=\"28\" height=\"12\" fill=\"url(#{id}-fill-{s})\" stroke=\"currentColor\" stroke-width=\"0.5\"/>",
                fmt(y)
            );
        }
        let lines = wrap(name, LABEL_CHARS);
        for (i, line) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<text x=\"36\" y=\"{}\">{}</text>",
                fmt(y + 10.0 + i as f64 * LINE_HEIGHT),
                escape(line)
            );
        }
        y += lines.len().saturating_sub(1) as f64 * LINE_HEIGHT;
        y += 20.0;
    }
    y
}

/// A marker shape per series, for lines in greyscale, centred on `x` (in
/// percent or px) and `y` (px): a nested `<svg>` places the shape, since a
/// transform cannot take a percentage.
fn marker(out: &mut String, s: usize, x: &str, y: f64) {
    let colour = PALETTE[s % PALETTE.len()];
    let shape = match s % 4 {
        0 => format!("<circle r=\"4\" fill=\"{colour}\""),
        1 => format!("<rect x=\"-4\" y=\"-4\" width=\"8\" height=\"8\" fill=\"{colour}\""),
        2 => format!("<path d=\"M0 -5L5 4H-5Z\" fill=\"{colour}\""),
        _ => format!("<path d=\"M0 -5L5 0L0 5L-5 0Z\" fill=\"{colour}\""),
    };
    let _ = write!(
        out,
        "<svg class=\"marker\" x=\"{x}\" y=\"{}\" overflow=\"visible\">{shape} stroke=\"currentColor\" stroke-width=\"0.8\"/></svg>",
        fmt(y)
    );
}

/// The label of an axis tick.
fn tick_label(v: f64, percent: bool) -> String {
    if percent {
        numbers::percent_ru(v, None)
    } else {
        numbers::number_ru(v, None)
    }
}

/// Horizontal bars: one per series in each category, or stacked, each
/// category under its label.
fn bars(title: &str, id: &str, data: &Data, stacked: bool) -> String {
    let percent = data.scalars().all(|n| n.percent);
    let max = if stacked {
        data.values
            .iter()
            .map(|row| {
                row.iter()
                    .filter_map(Value::scalar)
                    .map(|n| n.value.max(0.0))
                    .sum::<f64>()
            })
            .fold(0.0, f64::max)
    } else {
        data.scalars().map(|n| n.value).fold(0.0, f64::max)
    };
    let (max, step) = axis_scale(max);
    let scale = PLOT_END / max;
    let ticks = (max / step).round() as u32;
    let per_category = if stacked { 1 } else { data.series.len() };
    let mut body = String::new();
    let mut y = 4.0;
    for (c, category) in data.categories.iter().enumerate() {
        let label_lines = wrap(category, LABEL_CHARS);
        for (i, line) in label_lines.iter().enumerate() {
            let _ = write!(
                body,
                "<text class=\"category\" x=\"0\" y=\"{}\">{}</text>",
                fmt(y + 12.0 + i as f64 * LINE_HEIGHT),
                escape(line)
            );
        }
        let bars_top = y + label_lines.len() as f64 * LINE_HEIGHT + 4.0;
        let bars_bottom = bars_top + per_category as f64 * (BAR + 2.0);
        // The grid runs behind the bars of each category, not through labels.
        for t in 0..=ticks {
            let x = pct(step * f64::from(t) * scale);
            let _ = write!(
                body,
                "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"currentColor\" stroke-opacity=\"0.3\" stroke-width=\"0.5\"/>",
                fmt(bars_top - 2.0),
                fmt(bars_bottom)
            );
        }
        let mut stack_x = 0.0;
        for (s, value) in data.values[c].iter().enumerate() {
            let bar_y = if stacked {
                bars_top
            } else {
                bars_top + s as f64 * (BAR + 2.0)
            };
            let name = escape(&format!(
                "{category}, {}: {}",
                data.series[s],
                value_text(value)
            ));
            match value.scalar() {
                Some(n) => {
                    let w = n.value.max(0.0) * scale;
                    let x = if stacked { stack_x } else { 0.0 };
                    let _ = write!(
                        body,
                        "<rect class=\"bar\" data-value=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{BAR}\" fill=\"url(#{id}-fill-{s})\" stroke=\"currentColor\" stroke-width=\"0.5\"><title>{name}</title></rect>",
                        n.value,
                        pct(x),
                        fmt(bar_y),
                        pct(w)
                    );
                    if stacked {
                        stack_x += w;
                        // Inside the segment when it is wide enough (9 % of
                        // a phone's 288 px is 26 px, three digits).
                        if w > 9.0 {
                            let _ = write!(
                                body,
                                "<text class=\"halo\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
                                pct(x + w / 2.0),
                                fmt(bar_y + 13.0),
                                escape(&n.to_ru())
                            );
                        }
                    } else {
                        let _ = write!(
                            body,
                            "<text class=\"halo\" x=\"{}\" dx=\"4\" y=\"{}\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
                            pct(w),
                            fmt(bar_y + 13.0),
                            escape(&n.to_ru())
                        );
                    }
                }
                // No value: said in words where the bar would be; nothing
                // is drawn that could be read as a short bar.
                // Next to other series it is named, as a swatch would.
                None if !stacked && *value == Value::Missing => {
                    let said = if data.series.len() > 1 {
                        format!("{} — {}", data.series[s], value_text(value))
                    } else {
                        value_text(value)
                    };
                    let _ = write!(
                        body,
                        "<text class=\"no-data\" x=\"0\" y=\"{}\" font-style=\"italic\">{}<title>{name}</title></text>",
                        fmt(bar_y + 13.0),
                        escape(&said)
                    );
                }
                None if !stacked && *value != Value::Empty => {
                    // Not a single number («- / 9%», «0/8»): say it in words
                    // where the bar would be, after a swatch of its series,
                    // so nothing vanishes silently.
                    let _ = write!(
                        body,
                        "<rect class=\"swatch\" x=\"0\" y=\"{}\" width=\"10\" height=\"10\" fill=\"url(#{id}-fill-{s})\" stroke=\"currentColor\" stroke-width=\"0.5\"/>\
                         <text x=\"14\" y=\"{}\" font-style=\"italic\">{}<title>{name}</title></text>",
                        fmt(bar_y + 4.0),
                        fmt(bar_y + 13.0),
                        escape(&value_text(value))
                    );
                }
                None => {}
            }
        }
        y = bars_bottom + 10.0;
    }
    let plot_bottom = y;
    let mut out = String::new();
    let legend_needed = data.series.len() > 1;
    let mut legend_svg = String::new();
    let total = if legend_needed {
        legend(&mut legend_svg, id, &data.series, plot_bottom + 28.0, false) + 4.0
    } else {
        plot_bottom + 24.0
    };
    let kind = match (stacked, data.series.len()) {
        (true, _) => "Диаграмма с накоплением",
        (false, 1) => "Столбчатая диаграмма",
        _ => "Сгруппированная столбчатая диаграмма",
    };
    open(&mut out, title, id, total, kind, data);
    out.push_str(&fills(id, data.series.len()));
    out.push_str(&body);
    // The scale under the plot; its first label starts at the baseline.
    for t in 0..=ticks {
        let v = step * f64::from(t);
        let anchor = if t == 0 { "start" } else { "middle" };
        let _ = write!(
            out,
            "<text class=\"tick\" x=\"{}\" y=\"{}\" text-anchor=\"{anchor}\">{}</text>",
            pct(v * scale),
            fmt(plot_bottom + 14.0),
            escape(&tick_label(v, percent))
        );
    }
    let _ = write!(
        out,
        "<line x1=\"0\" y1=\"4\" x2=\"0\" y2=\"{}\" stroke=\"currentColor\"/>",
        fmt(plot_bottom)
    );
    out.push_str(&legend_svg);
    out.push_str("</svg>");
    out
}

/// Lines over the categories (periods), one per series. The lines are drawn
/// in a nested `<svg>` stretched to the width (x in percent, y in px) with
/// strokes that do not stretch; markers and labels are placed outside it.
fn line(title: &str, id: &str, data: &Data) -> String {
    let percent = data.scalars().all(|n| n.percent);
    let (max, step) = axis_scale(data.scalars().map(|n| n.value).fold(0.0, f64::max));
    let (top, height) = (16.0, 220.0);
    let bottom = top + height;
    // The scale's labels end at `left`; the points stand clear of them.
    let (left, right) = (14.0, 95.0);
    let (first, last) = (21.0, 92.0);
    let n = data.categories.len().max(2);
    let x_of = |c: usize| first + (last - first) * c as f64 / (n - 1) as f64;
    let y_of = |v: f64| bottom - height * v / max;
    let mut body = String::new();
    for t in 0..=(max / step).round() as u32 {
        let v = step * f64::from(t);
        let y = fmt(y_of(v));
        let _ = write!(
            body,
            "<line x1=\"{0}\" y1=\"{y}\" x2=\"{1}\" y2=\"{y}\" stroke=\"currentColor\" stroke-opacity=\"0.3\" stroke-width=\"0.5\"/><text class=\"tick\" x=\"{0}\" dx=\"-6\" y=\"{2}\" text-anchor=\"end\">{3}</text>",
            pct(left),
            pct(right),
            fmt(y_of(v) + 4.0),
            escape(&tick_label(v, percent))
        );
    }
    let mut label_lines = 1;
    for (c, category) in data.categories.iter().enumerate() {
        // A school year on two lines («2019/» over «2020»), so that six of
        // them fit side by side on a phone.
        let shown = match Period::parse(category) {
            Some(Period::SchoolYear(first)) => vec![format!("{first}/"), (first + 1).to_string()],
            _ => wrap(category, 12),
        };
        label_lines = label_lines.max(shown.len());
        for (i, l) in shown.iter().enumerate() {
            let _ = write!(
                body,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                pct(x_of(c)),
                fmt(bottom + 18.0 + i as f64 * LINE_HEIGHT),
                escape(l)
            );
        }
    }
    let mut lines = String::new();
    let mut marks = String::new();
    for s in 0..data.series.len() {
        let points: Vec<(f64, f64, Number)> = data
            .values
            .iter()
            .enumerate()
            .filter_map(|(c, row)| row[s].scalar().map(|v| (x_of(c), y_of(v.value), v)))
            .collect();
        let path: Vec<String> = points
            .iter()
            .map(|(x, y, _)| format!("{},{}", fmt(*x), fmt(*y)))
            .collect();
        let _ = write!(
            lines,
            "<polyline class=\"line\" points=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2.5\" stroke-dasharray=\"{}\" vector-effect=\"non-scaling-stroke\"/>",
            path.join(" "),
            PALETTE[s % PALETTE.len()],
            DASHES[s % DASHES.len()]
        );
        for (x, y, v) in &points {
            marker(&mut marks, s, &pct(*x), *y);
            let _ = write!(
                marks,
                "<text class=\"halo\" x=\"{}\" y=\"{}\" text-anchor=\"middle\" stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">{}</text>",
                pct(*x),
                fmt(y - 9.0),
                escape(&v.to_ru())
            );
        }
    }
    let axis_bottom = bottom + 18.0 + label_lines as f64 * LINE_HEIGHT;
    let mut legend_svg = String::new();
    let total = legend(&mut legend_svg, id, &data.series, axis_bottom + 8.0, true) + 4.0;
    let mut out = String::new();
    open(&mut out, title, id, total, "Линейная диаграмма", data);
    out.push_str(&body);
    let _ = write!(
        out,
        "<svg width=\"100%\" height=\"{0}\" viewBox=\"0 0 100 {0}\" preserveAspectRatio=\"none\" overflow=\"visible\">{lines}</svg>",
        fmt(total)
    );
    out.push_str(&marks);
    out.push_str(&legend_svg);
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn axis_scales() {
        assert_eq!(axis_scale(90.0), (100.0, 20.0));
        assert_eq!(axis_scale(50.0), (50.0, 10.0));
        assert_eq!(axis_scale(24.0), (25.0, 5.0));
        assert_eq!(axis_scale(1035.0), (1250.0, 250.0));
        assert_eq!(axis_scale(22.0), (25.0, 5.0));
        assert_eq!(axis_scale(0.0), (1.0, 0.2));
    }

    #[test]
    fn wraps_at_spaces() {
        assert_eq!(
            wrap("Доля школ, показавших положительную динамику по ОГЭ", 20),
            [
                "Доля школ,",
                "показавших",
                "положительную",
                "динамику по ОГЭ"
            ]
        );
    }
}
