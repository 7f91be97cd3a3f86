//! The preview as a boundary against the web pages the author has open in
//! the same browser. A page on another site may make the browser send
//! requests to 127.0.0.1, or — by DNS rebinding — to a name of its own that
//! resolves to 127.0.0.1; it may open a WebSocket to the live reload (Vite's
//! CVE-2025-24010). So:
//! - the `Host` of every request must name this machine's loopback
//!   (`localhost`, `127.0.0.1`, `[::1]`, `*.localhost`) or the interface the
//!   preview was bound to; others get 403 — unless the author bound an
//!   address other machines reach (`--interface 0.0.0.0`), where the names
//!   they use cannot be known;
//! - the live-reload WebSocket and any non-GET request must come with an
//!   `Origin` of the preview itself;
//! - no `Access-Control-Allow-*` header is ever sent, so other origins
//!   cannot read responses.

use std::net::IpAddr;

/// What the preview accepts as its own name.
#[derive(Debug, Clone)]
pub struct Guard {
    interface: IpAddr,
    port: u16,
}

impl Guard {
    pub fn new(interface: IpAddr, port: u16) -> Guard {
        Guard { interface, port }
    }

    /// Whether the preview answers a request with this `Host` header.
    pub fn host_ok(&self, host: Option<&str>) -> bool {
        if !self.interface.is_loopback() {
            return true;
        }
        // HTTP/1.0 clients may send none; browsers always do.
        let Some(host) = host else {
            return true;
        };
        self.own_authority(host)
    }

    /// Whether a request that can change something or that streams the
    /// preview (the WebSocket) comes from the preview's own pages.
    pub fn origin_ok(&self, origin: Option<&str>) -> bool {
        let Some(origin) = origin else {
            // Not a browser (curl, a test): nothing to be tricked.
            return true;
        };
        let Some(authority) = origin.strip_prefix("http://") else {
            return false;
        };
        if !self.interface.is_loopback() && !authority.contains('/') {
            // Bound for the local network: the page must be served from
            // this preview's port, whichever name the device used.
            return split_port(authority).1 == Some(self.port);
        }
        self.own_authority(authority)
    }

    /// `name[:port]` naming this preview.
    fn own_authority(&self, authority: &str) -> bool {
        let (name, port) = split_port(authority);
        if port.is_some_and(|p| p != self.port) {
            return false;
        }
        let name = name.to_ascii_lowercase();
        let name = name.trim_end_matches('.');
        if name == "localhost" || name.ends_with(".localhost") {
            return true;
        }
        let ip = name.trim_start_matches('[').trim_end_matches(']');
        match ip.parse::<IpAddr>() {
            Ok(ip) => ip.is_loopback() || ip == self.interface,
            Err(_) => false,
        }
    }
}

/// `example:8080` → (`example`, Some(8080)); `[::1]:1111` → (`[::1]`, Some(1111)).
fn split_port(authority: &str) -> (&str, Option<u16>) {
    match authority.rsplit_once(':') {
        Some((name, port)) if !name.is_empty() && (!name.contains(':') || name.ends_with(']')) => {
            match port.parse() {
                Ok(p) => (name, Some(p)),
                Err(_) => (authority, None),
            }
        }
        _ => (authority, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn local() -> Guard {
        Guard::new("127.0.0.1".parse().unwrap(), 1111)
    }

    #[test]
    fn loopback_names_pass_and_rebinding_names_do_not() {
        let g = local();
        for ok in [
            "127.0.0.1:1111",
            "localhost:1111",
            "LOCALHOST",
            "sait.localhost:1111",
            "[::1]:1111",
            "127.0.0.1",
        ] {
            assert!(g.host_ok(Some(ok)), "{ok}");
        }
        for bad in [
            "evil.example:1111",
            "127.0.0.1.nip.io:1111",
            "localhost.evil.example",
            "127.0.0.1:2222",
            "10.0.0.5:1111",
        ] {
            assert!(!g.host_ok(Some(bad)), "{bad}");
        }
    }

    #[test]
    fn only_the_previews_own_pages_may_open_the_live_reload() {
        let g = local();
        assert!(g.origin_ok(Some("http://127.0.0.1:1111")));
        assert!(g.origin_ok(Some("http://localhost:1111")));
        assert!(g.origin_ok(None));
        for bad in [
            "https://evil.example",
            "http://evil.example:1111",
            "http://127.0.0.1:2222",
            "null",
            "file://",
        ] {
            assert!(!g.origin_ok(Some(bad)), "{bad}");
        }
    }

    #[test]
    fn a_preview_for_the_local_network_answers_any_name_on_its_port() {
        let g = Guard::new("0.0.0.0".parse().unwrap(), 1111);
        assert!(g.host_ok(Some("192.168.1.20:1111")));
        assert!(g.origin_ok(Some("http://192.168.1.20:1111")));
        assert!(!g.origin_ok(Some("http://evil.example")));
    }
}
