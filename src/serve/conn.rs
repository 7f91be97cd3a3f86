//! The preview's HTTP/1.1 connection layer: accepting, bounding and timing
//! connections, reading request heads with [`httparse`], writing responses,
//! and handing a socket over for the live-reload WebSocket.
//!
//! Why not tiny_http any more (it served the preview until issue 13): its
//! accept thread ends on the first accept error, so when file handles ran
//! out (about 510 idle connections under the usual desktop limit of 1,024)
//! the preview refused every request from then on while the process stayed
//! alive; it starts one thread per connection without a bound, has no idle
//! or header timeout, and buffers a whole request line before any length
//! check (400 MB for a 400 MB line). None of that is configurable. The
//! preview needs little of HTTP (GET and HEAD of files from memory, one
//! upgrade, small bodies for the coming editor), so this layer keeps the
//! parts that matter for a boundary in our hands:
//! - at most [`MAX_CONNECTIONS`] connections; at the cap a new one waits
//!   until one that has sent nothing for [`GRACE`] (an idle keep-alive or a
//!   client that connected and stays silent) is closed for it, so idle
//!   clients cannot starve the author's browser;
//! - the accept loop never ends: a failed accept (no file handles left)
//!   closes an idle connection, waits a moment and goes on;
//! - a request head is read against a size limit ([`MAX_HEAD`]) and a
//!   deadline ([`HEAD_TIMEOUT`]) as it arrives, never buffered past them;
//!   bodies only with a `Content-Length`: up to [`MAX_BODY`] for the
//!   editor's saves and attached files, [`MAX_SMALL_BODY`] for anything
//!   else, and never more than [`BODY_BUDGET`] in memory at once over all
//!   connections (a hostile page posting big bodies on 256 connections
//!   would otherwise hold 8 GiB).

use std::collections::HashMap;
use std::io::{self, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Connections served at once; far more than a browser opens (six per
/// host) and far below the file-handle limit of a desktop.
pub const MAX_CONNECTIONS: usize = 256;
/// How long a connection may stay silent before it may be closed to make
/// room for a new one.
pub const GRACE: Duration = Duration::from_millis(250);
/// A keep-alive connection with no new request this long is closed.
pub const IDLE_TIMEOUT: Duration = Duration::from_secs(30);
/// The whole head of a request must arrive this soon after its first byte.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// A response must be taken by the client this soon.
const WRITE_TIMEOUT: Duration = Duration::from_secs(30);
/// Request line and headers together; no request of a browser comes near.
pub const MAX_HEAD: usize = 20 * 1024;
pub const MAX_HEADERS: usize = 100;
/// Request bodies of the editor (its saves and attached files) up to this size.
pub const MAX_BODY: usize = 32 * 1024 * 1024;
/// Bodies of any other request: the preview itself takes none.
pub const MAX_SMALL_BODY: usize = 64 * 1024;
/// All bodies being read or handled at once.
pub const BODY_BUDGET: usize = 96 * 1024 * 1024;

/// Bytes of request bodies held now, over all connections.
static BODIES: AtomicUsize = AtomicUsize::new(0);

/// A share of [`BODY_BUDGET`], given back when dropped.
struct BodyShare(usize);

impl BodyShare {
    fn take(length: usize) -> Option<BodyShare> {
        let before = BODIES.fetch_add(length, Ordering::SeqCst);
        if before + length > BODY_BUDGET {
            BODIES.fetch_sub(length, Ordering::SeqCst);
            return None;
        }
        Some(BodyShare(length))
    }
}

impl Drop for BodyShare {
    fn drop(&mut self) {
        BODIES.fetch_sub(self.0, Ordering::SeqCst);
    }
}

/// A request as the handler sees it.
#[derive(Debug)]
pub struct Request {
    pub method: String,
    pub url: String,
    headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// The first header of that name, compared without case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// A complete response; `Content-Length` is added when it is written.
#[derive(Debug)]
pub struct Response {
    pub status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    pub fn new(status: u16, body: Vec<u8>) -> Response {
        Response {
            status,
            headers: Vec::new(),
            body,
        }
    }

    /// A plain Russian text, as every error of the preview is.
    pub fn text(status: u16, message: &str) -> Response {
        Response::new(status, message.as_bytes().to_vec())
            .with_header("Content-Type", "text/plain; charset=utf-8")
    }

    pub fn with_header(mut self, name: &str, value: &str) -> Response {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// What the handler does with a request.
pub enum Reply {
    Respond(Response),
    /// Send the response (101) and give the socket to the closure, which
    /// owns it from then on (the live-reload channel).
    Upgrade(Response, Box<dyn FnOnce(TcpStream) + Send>),
}

pub type Handler = dyn Fn(&Request) -> Reply + Send + Sync;

/// Serves `listener` with `handler` until the process ends.
pub fn serve(listener: TcpListener, handler: Arc<Handler>) {
    let slots = Arc::new(Slots::default());
    let mut failing = false;
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => {
                failing = false;
                stream
            }
            Err(e) => {
                // Out of file handles (or another passing failure): free
                // one if we can, breathe, go on; say so once per episode.
                if !failing && !is_transient(&e) {
                    eprintln!(
                        "предупреждение: предпросмотр не может принять соединение ({}); \
                         продолжаю работу",
                        crate::write::io_ru(&e)
                    );
                }
                failing = true;
                slots.evict_idlest(Duration::ZERO);
                std::thread::sleep(Duration::from_millis(20));
                continue;
            }
        };
        while !slots.has_room() && !slots.evict_idlest(GRACE) {
            std::thread::sleep(Duration::from_millis(10));
        }
        let Some(id) = slots.add(&stream) else {
            continue;
        };
        let (slots_c, handler) = (slots.clone(), handler.clone());
        let spawned = std::thread::Builder::new()
            .name("metodist-http".into())
            .stack_size(256 * 1024)
            .spawn(move || {
                connection(stream, id, &slots_c, &*handler);
                slots_c.remove(id);
            });
        if spawned.is_err() {
            slots.remove(id);
        }
    }
}

fn is_transient(e: &io::Error) -> bool {
    matches!(
        e.kind(),
        io::ErrorKind::ConnectionAborted | io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock
    )
}

/// The open connections, for the cap and for closing idle ones.
#[derive(Default)]
struct Slots {
    open: Mutex<HashMap<u64, Slot>>,
    next: AtomicU64,
}

struct Slot {
    /// A handle to shut the socket down from the accept loop.
    stream: TcpStream,
    /// Since when the connection waits for the start of a request; `None`
    /// while a request is read or answered.
    silent_since: Option<Instant>,
}

impl Slots {
    fn add(&self, stream: &TcpStream) -> Option<u64> {
        let handle = stream.try_clone().ok()?;
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        self.lock().insert(
            id,
            Slot {
                stream: handle,
                silent_since: Some(Instant::now()),
            },
        );
        Some(id)
    }

    fn remove(&self, id: u64) {
        self.lock().remove(&id);
    }

    fn has_room(&self) -> bool {
        self.lock().len() < MAX_CONNECTIONS
    }

    fn set_silent(&self, id: u64, silent: bool) {
        if let Some(slot) = self.lock().get_mut(&id) {
            slot.silent_since = silent.then(Instant::now);
        }
    }

    /// Closes the connection that has been silent longest, if it has been
    /// for at least `min`; true if one was closed.
    fn evict_idlest(&self, min: Duration) -> bool {
        let mut open = self.lock();
        let now = Instant::now();
        let idlest = open
            .iter()
            .filter_map(|(id, s)| s.silent_since.map(|t| (*id, now - t)))
            .filter(|(_, silent)| *silent >= min)
            .max_by_key(|(_, silent)| *silent)
            .map(|(id, _)| id);
        match idlest.and_then(|id| open.remove(&id)) {
            Some(slot) => {
                let _ = slot.stream.shutdown(Shutdown::Both);
                true
            }
            None => false,
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u64, Slot>> {
        self.open.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Answers requests on one connection until it closes, times out, errs,
/// or is upgraded.
fn connection(mut stream: TcpStream, id: u64, slots: &Slots, handler: &Handler) {
    let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
    let _ = stream.set_nodelay(true);
    let mut buf: Vec<u8> = Vec::new();
    loop {
        slots.set_silent(id, buf.is_empty());
        let head = match read_head(&mut stream, &mut buf, || slots.set_silent(id, false)) {
            Ok(Some(head)) => head,
            Ok(None) => return,
            Err(response) => return refuse(stream, &response),
        };
        let (mut request, keep_alive, length) = match parse(&buf[..head]) {
            Ok(parsed) => parsed,
            Err(response) => return refuse(stream, &response),
        };
        buf.drain(..head);
        let _share = match BodyShare::take(length) {
            Some(share) => share,
            None => {
                return refuse(
                    stream,
                    &Response::text(
                        503,
                        "Сервер занят другими загрузками: повторите через минуту.",
                    ),
                )
            }
        };
        if length > 0 {
            match read_body(&mut stream, &mut buf, length) {
                Ok(body) => request.body = body,
                Err(()) => return,
            }
        }
        let head_only = request.method == "HEAD";
        match handler(&request) {
            Reply::Respond(response) => {
                let close = !keep_alive;
                if write_response(&mut stream, &response, head_only, close).is_err() || close {
                    return;
                }
            }
            Reply::Upgrade(response, take) => {
                if write_response(&mut stream, &response, false, false).is_ok() {
                    slots.remove(id);
                    let _ = stream.set_read_timeout(None);
                    take(stream);
                }
                return;
            }
        }
    }
}

/// Sends an error and closes. Unread input would make the close a reset
/// that can destroy the response before the client reads it, so the rest
/// of the request is read and dropped for a moment first (a lingering
/// close), bounded in bytes and time.
fn refuse(mut stream: TcpStream, response: &Response) {
    if write_response(&mut stream, response, false, true).is_err() {
        return;
    }
    let _ = stream.shutdown(Shutdown::Write);
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let mut chunk = [0u8; 8192];
    let mut drained = 0;
    while drained < 1 << 20 {
        match stream.read(&mut chunk) {
            Ok(0) | Err(_) => break,
            Ok(n) => drained += n,
        }
    }
}

/// Reads until `buf` holds a complete request head; returns its length,
/// `None` when the client closed or stayed silent past [`IDLE_TIMEOUT`],
/// or the error response for a head too large or too slow.
fn read_head(
    stream: &mut TcpStream,
    buf: &mut Vec<u8>,
    mut started: impl FnMut(),
) -> Result<Option<usize>, Response> {
    let mut deadline = (!buf.is_empty()).then(|| Instant::now() + HEAD_TIMEOUT);
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = head_end(buf) {
            return Ok(Some(end));
        }
        if buf.len() > MAX_HEAD {
            return Err(too_large(buf));
        }
        let wait = match deadline {
            None => IDLE_TIMEOUT,
            Some(d) => match d.checked_duration_since(Instant::now()) {
                Some(left) if !left.is_zero() => left,
                _ => return Err(Response::text(408, "Запрос пришёл не полностью.")),
            },
        };
        let _ = stream.set_read_timeout(Some(wait));
        match stream.read(&mut chunk) {
            Ok(0) => return Ok(None),
            Ok(n) => {
                if deadline.is_none() {
                    deadline = Some(Instant::now() + HEAD_TIMEOUT);
                    started();
                }
                buf.extend_from_slice(&chunk[..n]);
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                if buf.is_empty() {
                    return Ok(None);
                }
            }
            Err(_) => return Ok(None),
        }
    }
}

/// Where the blank line ending the head is, if it has arrived.
fn head_end(buf: &[u8]) -> Option<usize> {
    buf.windows(4).position(|w| w == b"\r\n\r\n").map(|i| i + 4)
}

fn too_large(buf: &[u8]) -> Response {
    if buf.contains(&b'\n') {
        Response::text(431, "Слишком большие заголовки запроса.")
    } else {
        Response::text(414, "Слишком длинный адрес.")
    }
}

/// A request head as the server reads it (for the fuzz target).
pub fn parse_head(head: &[u8]) -> Result<Request, Response> {
    parse(head).map(|(request, _, _)| request)
}

/// The request, whether the connection stays open, and the body's length.
fn parse(head: &[u8]) -> Result<(Request, bool, usize), Response> {
    let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
    let mut parsed = httparse::Request::new(&mut headers);
    match parsed.parse(head) {
        Ok(httparse::Status::Complete(_)) => {}
        Err(httparse::Error::TooManyHeaders) => {
            return Err(Response::text(431, "Слишком много заголовков запроса."));
        }
        _ => return Err(Response::text(400, "Запрос не по правилам HTTP.")),
    }
    let headers: Vec<(String, String)> = parsed
        .headers
        .iter()
        .map(|h| {
            (
                h.name.to_string(),
                String::from_utf8_lossy(h.value).trim().to_string(),
            )
        })
        .collect();
    let request = Request {
        method: parsed.method.unwrap_or_default().to_string(),
        url: parsed.path.unwrap_or_default().to_string(),
        headers,
        body: Vec::new(),
    };
    if request.header("Transfer-Encoding").is_some() {
        return Err(Response::text(
            411,
            "Тело запроса нужно передавать с заголовком Content-Length.",
        ));
    }
    let length = match request.header("Content-Length") {
        None => 0,
        Some(v) => v
            .parse::<usize>()
            .map_err(|_| Response::text(400, "Неверный заголовок Content-Length."))?,
    };
    let limit = if request.method == "POST" && request.url.starts_with(super::editor::PREFIX) {
        MAX_BODY
    } else {
        MAX_SMALL_BODY
    };
    if length > limit {
        return Err(Response::text(413, "Слишком большое тело запроса."));
    }
    let connection = request.header("Connection").unwrap_or_default();
    let has = |word: &str| {
        connection
            .split(',')
            .any(|t| t.trim().eq_ignore_ascii_case(word))
    };
    let keep_alive = if parsed.version == Some(0) {
        has("keep-alive")
    } else {
        !has("close")
    };
    Ok((request, keep_alive, length))
}

/// Reads a body of `length` bytes, part of which may already be in `buf`.
fn read_body(stream: &mut TcpStream, buf: &mut Vec<u8>, length: usize) -> Result<Vec<u8>, ()> {
    let deadline = Instant::now() + IDLE_TIMEOUT;
    let mut chunk = [0u8; 8192];
    while buf.len() < length {
        let left = deadline
            .checked_duration_since(Instant::now())
            .filter(|d| !d.is_zero())
            .ok_or(())?;
        let _ = stream.set_read_timeout(Some(left));
        match stream.read(&mut chunk) {
            Ok(0) => return Err(()),
            Ok(n) => buf.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(()),
        }
    }
    Ok(buf.drain(..length).collect())
}

fn write_response(
    stream: &mut TcpStream,
    response: &Response,
    head_only: bool,
    close: bool,
) -> io::Result<()> {
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        response.status,
        reason(response.status)
    );
    for (name, value) in &response.headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    if response.status != 101 {
        out.push_str(&format!("Content-Length: {}\r\n", response.body.len()));
        if close {
            out.push_str("Connection: close\r\n");
        }
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    if !head_only {
        bytes.extend_from_slice(&response.body);
    }
    stream.write_all(&bytes)?;
    stream.flush()
}

fn reason(status: u16) -> &'static str {
    match status {
        101 => "Switching Protocols",
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        411 => "Length Required",
        413 => "Content Too Large",
        414 => "URI Too Long",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_a_browser_request() {
        let head =
            b"GET /a/?q=1 HTTP/1.1\r\nHost: localhost:1111\r\nConnection: keep-alive\r\n\r\n";
        let (request, keep_alive, length) = parse(head).unwrap();
        assert_eq!(request.method, "GET");
        assert_eq!(request.url, "/a/?q=1");
        assert_eq!(request.header("host"), Some("localhost:1111"));
        assert!(keep_alive);
        assert_eq!(length, 0);
    }

    #[test]
    fn http_1_0_closes_unless_asked_and_close_is_honoured() {
        let (_, keep, _) = parse(b"GET / HTTP/1.0\r\n\r\n").unwrap();
        assert!(!keep);
        let (_, keep, _) = parse(b"GET / HTTP/1.1\r\nConnection: close\r\n\r\n").unwrap();
        assert!(!keep);
    }

    #[test]
    fn refuses_what_it_will_not_read() {
        let status = |head: &[u8]| parse(head).err().map(|r| r.status);
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"),
            Some(411)
        );
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nContent-Length: 99999999999\r\n\r\n"),
            Some(413)
        );
        assert_eq!(
            status(b"GET / HTTP/1.1\r\nContent-Length: x\r\n\r\n"),
            Some(400)
        );
        // Only the editor takes big bodies.
        assert_eq!(
            status(b"POST / HTTP/1.1\r\nContent-Length: 1000000\r\n\r\n"),
            Some(413)
        );
        let upload = format!(
            "POST {}x HTTP/1.1\r\nContent-Length: 1000000\r\n\r\n",
            super::super::editor::PREFIX
        );
        assert_eq!(status(upload.as_bytes()), None);
        assert_eq!(status(b"\x00\x01garbage\r\n\r\n"), Some(400));
        let many: String = (0..=MAX_HEADERS).map(|i| format!("X-{i}: 1\r\n")).collect();
        let head = format!("GET / HTTP/1.1\r\n{many}\r\n");
        assert_eq!(status(head.as_bytes()), Some(431));
    }

    #[test]
    fn bodies_in_memory_stay_within_the_budget() {
        let big = BodyShare::take(BODY_BUDGET - 1000).expect("the first fits");
        assert!(BodyShare::take(2000).is_none(), "over the budget");
        let small = BodyShare::take(500).expect("what is left fits");
        drop(big);
        assert!(
            BodyShare::take(BODY_BUDGET / 2).is_some(),
            "given back on drop"
        );
        drop(small);
    }

    #[test]
    fn an_overlong_line_is_named_by_what_grew() {
        assert_eq!(too_large(b"GET /aaaa").status, 414);
        assert_eq!(too_large(b"GET / HTTP/1.1\r\nX: aaaa").status, 431);
    }
}
