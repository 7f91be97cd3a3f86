//! Live reload: the browser's side channel, a WebSocket on the same port.
//!
//! Why a WebSocket rather than Server-Sent Events: tiny_http's
//! `Request::upgrade` hands the socket over to us, so an open tab costs one
//! small writer thread and no HTTP worker. An SSE stream would be a response
//! that never ends, holding one of the pool's workers per open tab — a few
//! tabs would starve page requests. A WebSocket write to a closed tab also
//! fails promptly, which is how dead clients are dropped.
//!
//! The server only ever writes (JSON messages, see [`Message`]); every client
//! has a thread that waits on a channel, sends, and pings when idle so that a
//! closed tab is noticed within [`PING_EVERY`].

use serde::Serialize;
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;
use tiny_http::{Header, Request, Response};
use tungstenite::protocol::Role;
use tungstenite::WebSocket;

/// The URL of the reload channel, at the server's root whatever the base
/// path; it shadows a `static/__metodist/reload` file, which nobody has.
pub const PATH: &str = "/__metodist/reload";

const PING_EVERY: Duration = Duration::from_secs(15);

/// What the browser is told. `generation` identifies the served build: a tab
/// that reconnects (after a restart of `serve`) and sees another generation
/// reloads, so a missed message never leaves a stale page.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Message {
    /// Sent on connect: the current build and its errors, if any.
    Hello {
        generation: u64,
        errors: Option<String>,
    },
    /// These URLs changed; a tab reloads if its page or a non-HTML file is among them.
    Reload { generation: u64, paths: Vec<String> },
    /// Only stylesheets changed: swap them in place.
    Css { generation: u64, paths: Vec<String> },
    /// The build failed: show the overlay (HTML made by `overlay::html`).
    Errors { html: String },
    /// The errors are fixed: remove the overlay.
    Fixed,
}

#[derive(Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<String>>>,
}

impl Hub {
    /// True if the request asks for a WebSocket upgrade.
    pub fn is_upgrade(request: &Request) -> bool {
        header(request, "Upgrade").is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
    }

    /// Completes the handshake and keeps the connection until it fails;
    /// `hello` is the first message the client gets.
    pub fn accept(&self, request: Request, hello: &Message) {
        let Some(key) = header(&request, "Sec-WebSocket-Key").map(str::to_owned) else {
            let _ = request.respond(Response::empty(400));
            return;
        };
        let accept = tungstenite::handshake::derive_accept_key(key.as_bytes());
        let response = Response::empty(101)
            .with_header(Header::from_bytes("Upgrade", "websocket").expect("static header"))
            .with_header(
                Header::from_bytes("Sec-WebSocket-Accept", accept).expect("base64 is ASCII"),
            );
        let stream = request.upgrade("websocket", response);
        let (tx, rx) = mpsc::channel::<String>();
        let _ = tx.send(to_json(hello));
        self.clients.lock().expect("hub lock").push(tx);
        let spawned = std::thread::Builder::new()
            .name("metodist-reload".into())
            .spawn(move || {
                let mut ws = WebSocket::from_raw_socket(stream, Role::Server, None);
                loop {
                    let sent = match rx.recv_timeout(PING_EVERY) {
                        Ok(text) => ws.send(tungstenite::Message::text(text)),
                        Err(RecvTimeoutError::Timeout) => {
                            ws.send(tungstenite::Message::Ping(Vec::new().into()))
                        }
                        Err(RecvTimeoutError::Disconnected) => break,
                    };
                    if sent.is_err() {
                        break;
                    }
                }
            });
        if spawned.is_err() {
            eprintln!("предупреждение: не удалось открыть канал обновления для вкладки браузера");
        }
    }

    /// Sends `message` to every open tab, forgetting closed ones.
    pub fn broadcast(&self, message: &Message) {
        let text = to_json(message);
        self.clients
            .lock()
            .expect("hub lock")
            .retain(|tx| tx.send(text.clone()).is_ok());
    }
}

fn to_json(message: &Message) -> String {
    serde_json::to_string(message).expect("messages serialize")
}

fn header<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|h| h.field.equiv(name))
        .map(|h| h.value.as_str())
}
