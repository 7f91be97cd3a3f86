//! Live reload: the browser's side channel, a WebSocket on the same port.
//!
//! Why a WebSocket rather than Server-Sent Events: the upgrade hands the
//! socket over to us ([`Reply::Upgrade`]), so an open tab costs one
//! small writer thread and no HTTP worker. An SSE stream would be a response
//! that never ends, holding one of the pool's workers per open tab — a few
//! tabs would starve page requests. A WebSocket write to a closed tab also
//! fails promptly, which is how dead clients are dropped.
//!
//! The server only ever writes (JSON messages, see [`Message`]); every client
//! has a thread that waits on a channel, sends, and pings when idle so that a
//! closed tab is noticed within [`PING_EVERY`].

use super::conn::{Reply, Request, Response};
use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tungstenite::protocol::Role;
use tungstenite::WebSocket;

/// The URL of the reload channel, at the server's root whatever the base
/// path; it shadows a `static/__metodist/reload` file, which nobody has.
pub const PATH: &str = "/__metodist/reload";

const PING_EVERY: Duration = Duration::from_secs(15);
/// Open tabs kept at once; more get 503 (the connection cap of
/// [`super::conn`] does not count upgraded sockets).
pub const MAX_TABS: usize = 64;

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
    /// Tabs whose writer thread still runs.
    open: Arc<AtomicUsize>,
}

impl Hub {
    /// True if the request asks for a WebSocket upgrade.
    pub fn is_upgrade(request: &Request) -> bool {
        request
            .header("Upgrade")
            .is_some_and(|v| v.eq_ignore_ascii_case("websocket"))
    }

    /// The handshake's reply: the socket is kept until writing to it fails;
    /// `hello` is the first message the client gets.
    pub fn accept(&self, request: &Request, hello: Message) -> Reply {
        let Some(key) = request.header("Sec-WebSocket-Key") else {
            return Reply::Respond(Response::text(400, "Нет заголовка Sec-WebSocket-Key."));
        };
        if self.open.load(Ordering::Relaxed) >= MAX_TABS {
            return Reply::Respond(Response::text(
                503,
                "Открыто слишком много вкладок предпросмотра; закройте лишние.",
            ));
        }
        let response = Response::new(101, Vec::new())
            .with_header("Upgrade", "websocket")
            .with_header("Connection", "Upgrade")
            .with_header(
                "Sec-WebSocket-Accept",
                &tungstenite::handshake::derive_accept_key(key.as_bytes()),
            );
        let (tx, rx) = mpsc::channel::<String>();
        let _ = tx.send(to_json(&hello));
        self.clients.lock().expect("hub lock").push(tx);
        let tab = Tab::open(&self.open);
        Reply::Upgrade(
            response,
            Box::new(move |stream| {
                let _tab = tab;
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
            }),
        )
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

/// One counted tab; dropped when its channel ends or never starts.
struct Tab(Arc<AtomicUsize>);

impl Tab {
    fn open(count: &Arc<AtomicUsize>) -> Tab {
        count.fetch_add(1, Ordering::Relaxed);
        Tab(count.clone())
    }
}

impl Drop for Tab {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::Relaxed);
    }
}

fn to_json(message: &Message) -> String {
    serde_json::to_string(message).expect("messages serialize")
}
