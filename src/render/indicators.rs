//! Indicator tables in the render stage: ```` ```indicator ID ```` blocks
//! in Markdown become the table with its chart, and every table's CSV
//! download is added to the output.

use std::ops::Range;

use pulldown_cmark::{CodeBlockKind, Event, Tag, TagEnd};

use crate::indicators::table::Table;
use crate::output::Output;
use crate::render::markdown::{Rendered, Source};
use crate::site::indicators::FENCE;
use crate::site::Site;

/// Replaces every ```` ```indicator ID ```` block of a Markdown text with
/// the table and its chart; an unknown id is an error with a suggestion.
/// The table's text joins the page's plain text, for search.
pub fn expand_blocks(
    events: &mut Vec<(Event<'_>, Range<usize>)>,
    body: &str,
    src: &Source,
    out: &mut Rendered,
) {
    // A table appears once per page: its element ids must stay unique.
    let mut shown: Vec<String> = Vec::new();
    let mut i = 0;
    while i < events.len() {
        let id = match &events[i].0 {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
                let mut words = info.split_whitespace();
                match words.next() {
                    Some(FENCE) => words.next().map(str::to_string),
                    _ => {
                        i += 1;
                        continue;
                    }
                }
            }
            _ => {
                i += 1;
                continue;
            }
        };
        let end = (i..events.len())
            .find(|&j| matches!(events[j].0, Event::End(TagEnd::CodeBlock)))
            .unwrap_or(events.len() - 1);
        // The id may also stand inside the block.
        let id = id.or_else(|| {
            events[i + 1..end].iter().find_map(|(e, _)| match e {
                Event::Text(t) => t.split_whitespace().next().map(str::to_string),
                _ => None,
            })
        });
        let start = events[i].1.clone();
        let html = match id.as_deref().map(|id| (id, src.site.indicators.get(id))) {
            Some((_, Some(table))) if shown.contains(&table.id) => {
                let (line, col) = crate::diagnostics::line_col(body, start.start);
                out.diagnostics.push(
                    src.file
                        .warn(
                            src.body_line + line - 1,
                            col,
                            format!("таблица «{}» уже есть на этой странице", table.id),
                        )
                        .with_hint("вставьте её один раз; повтор пропущен"),
                );
                String::new()
            }
            Some((_, Some(table))) => {
                shown.push(table.id.clone());
                embed(table, src, out)
            }
            other => {
                let (line, col) = crate::diagnostics::line_col(body, start.start);
                let known: Vec<&str> = src
                    .site
                    .indicators
                    .tables()
                    .iter()
                    .map(|t| t.id.as_str())
                    .collect();
                let (message, hint) = match other {
                    None => (
                        "в блоке indicator не указан идентификатор таблицы".to_string(),
                        Some("пишите так: ```indicator portret-klasterov".to_string()),
                    ),
                    Some((id, _)) => (
                        format!("нет таблицы показателей «{id}»"),
                        crate::suggest::did_you_mean(id, known.iter().copied()),
                    ),
                };
                out.diagnostics.push(
                    src.file
                        .diag(src.body_line + line - 1, col, message)
                        .with_hint_opt(hint),
                );
                String::new()
            }
        };
        events.splice(i..=end, [(Event::Html(html.into()), start)]);
        i += 1;
    }
    // Tables that name this page in `belongs_to` follow its text.
    // Tables already embedded in the text are not repeated.
    let owned: Vec<&Table> = src
        .site
        .indicators
        .owned_by(src.page, src.file)
        .into_iter()
        .filter(|t| !shown.contains(&t.id))
        .collect();
    if !owned.is_empty() {
        let mut html = String::from("<section class=\"indicator-owned\"><h2>Показатели</h2>");
        for table in owned {
            html.push_str(&embed(table, src, out));
        }
        html.push_str("</section>");
        events.push((Event::Html(html.into()), body.len()..body.len()));
    }
}

/// A table with its chart and CSV link, its text added to the page's.
fn embed(table: &Table, src: &Source, out: &mut Rendered) -> String {
    let csv = src
        .site
        .indicators
        .csv_path(src.site, &table.id)
        .map(|p| format!("{}{p}", src.site.config.base_path()));
    out.text.push_str(&plain_text(table));
    crate::indicators::render(table, csv.as_deref(), &src.typography)
}

/// Title, labels and notes of a table, for the search index.
fn plain_text(table: &Table) -> String {
    let mut text = vec![table.title.clone()];
    text.extend(table.leaves().iter().map(|l| l.label()));
    text.extend(table.flat_rows().iter().map(|(_, r)| r.label.clone()));
    text.extend(table.notes.iter().cloned());
    text.join("\n") + "\n"
}

/// Adds every table's CSV download to the output.
pub fn write_csv(site: &Site, output: &mut Output) {
    for table in site.indicators.tables() {
        if let Some(path) = site.indicators.csv_path(site, &table.id) {
            output.add(path, table.to_csv());
        }
    }
}
