//! The preview's HTTP side: a few worker threads answer tiny_http requests
//! from the current in-memory build. Only GET and HEAD; the URL is decoded
//! and checked before it is used as a key, and keys are looked up in the
//! build's file list (never joined onto a folder), so no request can reach a
//! file the build did not produce.

use super::overlay;
use super::reload::{Hub, Message};
use super::state::{Current, State};
use std::sync::Arc;
use tiny_http::{Header, Method, Request, Response, Server};

/// Longer request targets get 414: no page of a site needs more.
pub const MAX_URL: usize = 2048;
/// Requests whose headers together exceed this get 400.
pub const MAX_HEADERS_BYTES: usize = 16 * 1024;
pub const MAX_HEADERS: usize = 100;

/// Enough for a browser's parallel requests while a build runs on the
/// remaining cores.
const WORKERS: usize = 8;

/// Starts the worker threads; they run until the process ends.
pub fn spawn_workers(server: Arc<Server>, state: Arc<State>) {
    for i in 0..WORKERS {
        let (server, state) = (server.clone(), state.clone());
        std::thread::Builder::new()
            .name(format!("metodist-http-{i}"))
            .spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(request, &state);
                }
            })
            .expect("spawn an HTTP worker thread");
    }
}

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

fn handle(request: Request, state: &State) {
    if request.url().len() > MAX_URL {
        return text(request, 414, "Слишком длинный адрес.");
    }
    let headers = request.headers();
    let header_bytes: usize = headers
        .iter()
        .map(|h| h.field.as_str().as_str().len() + h.value.as_str().len() + 4)
        .sum();
    if headers.len() > MAX_HEADERS || header_bytes > MAX_HEADERS_BYTES {
        return text(request, 400, "Слишком большие заголовки запроса.");
    }
    let host = header_value(&request, "Host");
    if !state.guard.host_ok(host.as_deref()) {
        let message = format!(
            "Предпросмотр отвечает только по адресу этого компьютера (127.0.0.1 или localhost), \
             а запрошен «{}». Если сайт открыт с другого устройства, запустите serve с --interface.",
            host.unwrap_or_default()
        );
        return text(request, 403, &message);
    }
    let is_upgrade = request.url() == super::reload::PATH && Hub::is_upgrade(&request);
    let is_read = matches!(request.method(), Method::Get | Method::Head);
    if (is_upgrade || !is_read)
        && !state
            .guard
            .origin_ok(header_value(&request, "Origin").as_deref())
    {
        return text(request, 403, "Запрос со страницы другого сайта отклонён.");
    }
    let current = state.current();
    if is_upgrade {
        let hello = Message::Hello {
            generation: current.generation,
            errors: current.overlay.clone(),
        };
        return state.hub.accept(request, &hello);
    }
    if !is_read {
        let response = Response::from_string("Метод не поддерживается: только GET и HEAD.")
            .with_status_code(405)
            .with_header(header("Allow", "GET, HEAD"))
            .with_header(header("Content-Type", "text/plain; charset=utf-8"));
        let _ = request.respond(response);
        return;
    }
    match route(request.url(), &current.base_path) {
        Target::Bad => text(request, 400, "Недопустимый адрес."),
        Target::Redirect(to) => redirect(request, &to),
        Target::File(key) => {
            if current.output.files.contains_key(&key) {
                send(request, &current, &key, 200)
            } else if current
                .output
                .files
                .contains_key(&format!("{key}/index.html"))
            {
                let query = request
                    .url()
                    .find('?')
                    .map(|i| request.url()[i..].to_string())
                    .unwrap_or_default();
                let to = format!("{}{key}/{query}", current.base_path);
                redirect(request, &to)
            } else {
                not_found(request, &current)
            }
        }
        Target::NotFound => not_found(request, &current),
    }
}

fn not_found(request: Request, current: &Current) {
    if current.output.files.contains_key("404.html") {
        send(request, current, "404.html", 404)
    } else {
        // No site yet (the first build failed) or a theme without 404.html:
        // still a page, so that the overlay and live reload reach it.
        let page = overlay::inject(NOT_FOUND, current.generation, current.overlay.as_deref());
        let response = Response::from_string(page)
            .with_status_code(404)
            .with_header(header("Content-Type", "text/html; charset=utf-8"))
            .with_header(header("Cache-Control", "no-store"));
        let _ = request.respond(response);
    }
}

const NOT_FOUND: &str = "<!doctype html><html lang=\"ru\"><head><meta charset=\"utf-8\">\
<title>Страница не найдена</title></head><body><h1>Страница не найдена</h1></body></html>";

fn send(request: Request, current: &Current, key: &str, status: u16) {
    let bytes = match current.output.read(key) {
        Some(Ok(b)) => b,
        Some(Err(e)) => {
            return text(
                request,
                500,
                &format!("Не удалось прочитать файл: {}", crate::write::io_ru(&e)),
            );
        }
        None => return text(request, 404, "Страница не найдена."),
    };
    let bytes = if key.ends_with(".html") {
        overlay::inject(
            &String::from_utf8_lossy(&bytes),
            current.generation,
            current.overlay.as_deref(),
        )
        .into_bytes()
    } else {
        bytes
    };
    let response = Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", &content_type(key)))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"));
    let _ = request.respond(response);
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

fn redirect(request: Request, to: &str) {
    let response = Response::empty(301).with_header(header("Location", to));
    let _ = request.respond(response);
}

fn text(request: Request, status: u16, message: &str) {
    let response = Response::from_string(message)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"));
    let _ = request.respond(response);
}

fn header_value(request: &Request, name: &'static str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str().to_string())
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name, value).expect("header values we make are ASCII")
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
