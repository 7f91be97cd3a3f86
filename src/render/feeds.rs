//! Machine-read files: `sitemap.xml`, `robots.txt` and Atom feeds for the
//! sections that ask for one (`feed: true`, e.g. news and events).

use super::taxonomy::Taxonomy;
use super::values::permalink;
use crate::markup::escape;
use crate::output::Output;
use crate::site::Site;
use std::collections::HashMap;
use std::fmt::Write;

pub fn sitemap(site: &Site, taxonomies: &[Taxonomy], output: &mut Output) {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    let mut url = |path: &str, lastmod: Option<String>| {
        let _ = write!(xml, "  <url><loc>{}</loc>", escape(&permalink(site, path)));
        if let Some(d) = lastmod {
            let _ = write!(xml, "<lastmod>{d}</lastmod>");
        }
        xml.push_str("</url>\n");
    };
    for s in &site.sections {
        url(&s.path, None);
    }
    for p in &site.pages {
        let date = p
            .front
            .updated
            .or(p.front.date)
            .map(|d| d.first_day().to_string());
        url(&p.path, date);
    }
    for t in taxonomies {
        url(&format!("{}/", t.slug), None);
        for term in &t.terms {
            url(&format!("{}/{}/", t.slug, term.slug), None);
        }
    }
    xml.push_str("</urlset>\n");
    output.add("sitemap.xml", xml);
}

/// `robots.txt`. Search engines read its `Sitemap:` line only as a full
/// address, so with a base_url that is a bare path (`/`, the default, or
/// `/metod/`) there is no address to give: the line is left out, and a
/// comment tells the author reading the file why.
pub fn robots(site: &Site, output: &mut Output) {
    let base = &site.config.base_url;
    let absolute = ["https://", "http://"]
        .iter()
        .any(|scheme| base.len() > scheme.len() && base.starts_with(scheme));
    let sitemap = if absolute {
        format!("Sitemap: {}\n", permalink(site, "sitemap.xml"))
    } else {
        "# Строки Sitemap нет: поисковым системам нужен полный адрес карты сайта, а адрес\n\
         # сайта (base_url в site.toml или --base-url) задан без https://.\n"
            .to_string()
    };
    output.add("robots.txt", format!("User-agent: *\nAllow: /\n{sitemap}"));
}

/// How many entries a feed carries.
pub const FEED_SIZE: usize = 30;

/// The feed of `section`; `html` holds the rendered body of its first
/// entries, `titles` every page's title with typography.
pub fn atom(
    site: &Site,
    section: usize,
    titles: &[String],
    html: &HashMap<usize, String>,
    output: &mut Output,
) {
    let s = &site.sections[section];
    let typo = site.config.typography.for_page(s.front.typography);
    let self_url = permalink(site, &format!("{}atom.xml", s.path));
    let updated = s
        .pages
        .iter()
        .filter_map(|&i| site.pages[i].front.updated.or(site.pages[i].front.date))
        .max()
        .map(|d| d.first_day())
        .unwrap_or_else(|| chrono::Local::now().date_naive());
    let title = if s.front.title.is_empty() {
        site.config.title.clone()
    } else {
        crate::ru::typeset(&format!("{} — {}", s.front.title, site.config.title), &typo)
    };
    let mut xml = String::new();
    let _ = write!(
        xml,
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <link rel=\"self\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <id>{}</id>\n  <updated>{}T00:00:00Z</updated>\n",
        escape(&site.config.language),
        escape(&title),
        escape(&self_url),
        escape(&permalink(site, &s.path)),
        escape(&self_url),
        updated
    );
    if !site.config.organization.name.is_empty() {
        let _ = writeln!(
            xml,
            "  <author><name>{}</name></author>",
            escape(&site.config.organization.name)
        );
    } else {
        let _ = writeln!(
            xml,
            "  <author><name>{}</name></author>",
            escape(&site.config.title)
        );
    }
    for &i in s.pages.iter().take(FEED_SIZE) {
        let p = &site.pages[i];
        let link = permalink(site, &p.path);
        let date = p
            .front
            .updated
            .or(p.front.date)
            .map(|d| d.first_day())
            .unwrap_or(updated);
        let _ = write!(
            xml,
            "  <entry>\n    <title>{}</title>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <id>{}</id>\n    <updated>{}T00:00:00Z</updated>\n",
            escape(&titles[i]),
            escape(&link),
            escape(&link),
            date
        );
        if let Some(d) = &p.front.description {
            let d = crate::ru::typeset(d, &site.config.typography.for_page(p.front.typography));
            let _ = writeln!(xml, "    <summary>{}</summary>", escape(&d));
        }
        let _ = write!(
            xml,
            "    <content type=\"html\">{}</content>\n  </entry>\n",
            escape(html.get(&i).map_or("", String::as_str))
        );
    }
    xml.push_str("</feed>\n");
    output.add(format!("{}atom.xml", s.path), xml);
}
