//! The preview's HTTP side: answers requests (read by [`super::conn`]) from
//! the current in-memory build, and hands the editor's (under
//! [`super::editor::PREFIX`]) to it. Otherwise only GET and HEAD; the URL is decoded
//! and checked before it is used as a key, and keys are looked up in the
//! build's file list (never joined onto a folder), so no request can reach a
//! file the build did not produce.

use super::conn::{Reply, Request, Response};
use super::overlay;
use super::reload::{Hub, Message};
use super::state::{Current, State};

/// Longer request targets get 414: no page of a site needs more.
pub const MAX_URL: usize = 2048;

/// Where a request target leads.
#[derive(Debug, PartialEq, Eq)]
pub enum Target {
    /// A key of the build's output (`praktiki/index.html`).
    File(String),
    /// A folder asked without its slash: send the browser there.
    Redirect(String),
    NotFound,
    /// A malformed or hostile target (encoded slash, `..`, not a path).
    Bad,
}

/// Decodes and checks a request target against the site's base path.
pub fn route(url: &str, base_path: &str) -> Target {
    let raw = url.split(['?', '#']).next().unwrap_or_default();
    if !raw.starts_with('/') {
        return Target::Bad;
    }
    let lower = raw.to_ascii_lowercase();
    if ["%2f", "%5c", "%00"].iter().any(|e| lower.contains(e)) {
        return Target::Bad;
    }
    let Ok(path) = percent_encoding::percent_decode_str(raw).decode_utf8() else {
        return Target::Bad;
    };
    if path.contains(['\\', '\0']) || path.split('/').any(|s| s == ".." || s == ".") {
        return Target::Bad;
    }
    if format!("{path}/") == base_path {
        return Target::Redirect(base_path.to_string());
    }
    let Some(rel) = path.strip_prefix(base_path) else {
        return Target::NotFound;
    };
    if rel.starts_with('/') {
        return Target::Bad;
    }
    if rel.is_empty() || rel.ends_with('/') {
        Target::File(format!("{rel}index.html"))
    } else {
        Target::File(rel.to_string())
    }
}

/// Answers one request.
pub fn handle(request: &Request, state: &State) -> Reply {
    Reply::Respond(match answer(request, state) {
        Ok(response) => response,
        Err(upgrade) => return upgrade,
    })
}

/// The response, or the WebSocket upgrade of the live-reload channel.
fn answer(request: &Request, state: &State) -> Result<Response, Reply> {
    if request.url.len() > MAX_URL {
        return Ok(Response::text(414, "Слишком длинный адрес."));
    }
    let host = request.header("Host");
    if !state.guard.host_ok(host) {
        let message = format!(
            "Предпросмотр отвечает только по адресу этого компьютера (127.0.0.1 или localhost), \
             а запрошен «{}». Если сайт открыт с другого устройства, запустите serve с --interface.",
            host.unwrap_or_default()
        );
        return Ok(Response::text(403, &message));
    }
    if request.url.starts_with(super::editor::PREFIX) {
        return Ok(match &state.editor {
            Some(editor) => editor.handle(request, state),
            None => Response::text(
                404,
                "Редактор работает, только когда предпросмотр открыт на этом компьютере \
                 (без --interface).",
            ),
        });
    }
    let is_upgrade = request.url == super::reload::PATH && Hub::is_upgrade(request);
    let is_read = matches!(request.method.as_str(), "GET" | "HEAD");
    if (is_upgrade || !is_read) && !state.guard.origin_ok(request.header("Origin")) {
        return Ok(Response::text(
            403,
            "Запрос со страницы другого сайта отклонён.",
        ));
    }
    let current = state.current();
    if is_upgrade {
        let hello = Message::Hello {
            generation: current.generation,
            errors: current.overlay.clone(),
        };
        return Err(state.hub.accept(request, hello));
    }
    if !is_read {
        return Ok(
            Response::text(405, "Метод не поддерживается: только GET и HEAD.")
                .with_header("Allow", "GET, HEAD"),
        );
    }
    Ok(match route(&request.url, &current.base_path) {
        Target::Bad => Response::text(400, "Недопустимый адрес."),
        Target::Redirect(to) => redirect(&to),
        Target::File(key) => {
            if current.output.files.contains_key(&key) {
                send(&current, &key, 200, state.editor.as_ref())
            } else if current
                .output
                .files
                .contains_key(&format!("{key}/index.html"))
            {
                let query = request
                    .url
                    .find('?')
                    .map(|i| &request.url[i..])
                    .unwrap_or_default();
                redirect(&format!("{}{key}/{query}", current.base_path))
            } else {
                not_found(&current)
            }
        }
        Target::NotFound => not_found(&current),
    })
}

fn not_found(current: &Current) -> Response {
    if current.output.files.contains_key("404.html") {
        send(current, "404.html", 404, None)
    } else {
        // No site yet (the first build failed) or a theme without 404.html:
        // still a page, so that the overlay and live reload reach it.
        let page = overlay::inject(
            NOT_FOUND,
            current.generation,
            current.overlay.as_deref(),
            "",
        );
        Response::new(404, page.into_bytes())
            .with_header("Content-Type", "text/html; charset=utf-8")
            .with_header("Cache-Control", "no-store")
    }
}

const NOT_FOUND: &str = "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\">\
<title>Страница не найдена</title></head><body><h1>Страница не найдена</h1></body></html>";

fn send(
    current: &Current,
    key: &str,
    status: u16,
    editor: Option<&super::editor::Editor>,
) -> Response {
    let bytes = match current.output.read(key) {
        Some(Ok(b)) => b,
        Some(Err(e)) => {
            return Response::text(
                500,
                &format!("Не удалось прочитать файл: {}", crate::write::io_ru(&e)),
            );
        }
        None => return Response::text(404, "Страница не найдена."),
    };
    let bytes = if key.ends_with(".html") {
        overlay::inject(
            &String::from_utf8_lossy(&bytes),
            current.generation,
            current.overlay.as_deref(),
            &editor.map_or_else(String::new, |e| e.toolbar(current, key)),
        )
        .into_bytes()
    } else {
        bytes.to_vec()
    };
    Response::new(status, bytes)
        .with_header("Content-Type", &content_type(key))
        .with_header("Cache-Control", "no-store")
        .with_header("X-Content-Type-Options", "nosniff")
}

/// The MIME type by extension, with `charset=utf-8` for text: the site is
/// Russian and must not be shown in the browser's guess of a codepage.
pub fn content_type(key: &str) -> String {
    let mime = mime_guess::from_path(key).first_or_octet_stream();
    let textual = mime.type_() == mime_guess::mime::TEXT
        || matches!(mime.subtype().as_str(), "javascript" | "json" | "xml")
        || mime.essence_str() == "image/svg+xml";
    if textual {
        format!("{}; charset=utf-8", mime.essence_str())
    } else {
        mime.essence_str().to_string()
    }
}

fn redirect(to: &str) -> Response {
    Response::new(301, Vec::new()).with_header("Location", to)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_under_the_base_path() {
        assert_eq!(route("/", "/"), Target::File("index.html".into()));
        assert_eq!(
            route("/metod/praktiki/?x=1", "/metod/"),
            Target::File("praktiki/index.html".into())
        );
        assert_eq!(
            route("/metod", "/metod/"),
            Target::Redirect("/metod/".into())
        );
        assert_eq!(route("/other/", "/metod/"), Target::NotFound);
        assert_eq!(
            route("/%D0%BF%D0%BB%D0%B0%D0%BD.pdf", "/"),
            Target::File("план.pdf".into())
        );
    }

    #[test]
    fn rejects_traversal_in_every_spelling() {
        for url in [
            "/../etc/passwd",
            "/a/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a%2f..%2f..%2fetc",
            "/a%5c..%5cwin.ini",
            "/..%5c..%5cwin.ini",
            "//etc/passwd",
            "/%00",
            "/%ff",
            "http://evil/",
            "/./index.html",
        ] {
            assert_eq!(route(url, "/"), Target::Bad, "{url}");
        }
    }

    #[test]
    fn content_types_for_site_files() {
        for (key, want) in [
            ("a/index.html", "text/html; charset=utf-8"),
            ("css/style.css", "text/css; charset=utf-8"),
            ("js/search.js", "charset=utf-8"),
            ("grafik.svg", "image/svg+xml; charset=utf-8"),
            ("foto.jpg", "image/jpeg"),
            ("foto.png", "image/png"),
            ("prikaz.pdf", "application/pdf"),
            (
                "plan.docx",
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            ),
            (
                "tablitsa.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
            ("sobytiia.ics", "text/calendar; charset=utf-8"),
            ("sitemap.xml", "xml; charset=utf-8"),
        ] {
            let got = content_type(key);
            assert!(got.contains(want), "{key}: {got}");
        }
    }
}
