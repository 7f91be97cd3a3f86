//! `metodist serve` for end-to-end tests: the binary on a free loopback
//! port of a fixture site, its output collected, plain HTTP requests. Every
//! wait is bounded in time.

use super::Fixture;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const WAIT: Duration = Duration::from_secs(30);

pub struct Served {
    pub child: Child,
    /// `127.0.0.1:PORT`
    pub addr: String,
    pub log: Arc<Mutex<String>>,
    pub site: Fixture,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub struct Reply {
    pub status: u16,
    pub headers: String,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn header(&self, name: &str) -> Option<String> {
        let prefix = format!("{}:", name.to_ascii_lowercase());
        self.headers
            .lines()
            .find(|l| l.to_ascii_lowercase().starts_with(&prefix))
            .map(|l| l[prefix.len()..].trim().to_string())
    }
}

pub fn serve(site: Fixture, extra: &[&str]) -> Served {
    serve_command(site, Command::new(env!("CARGO_BIN_EXE_metodist")), extra)
}

/// The preview under a desktop's usual open-file limit (soft and hard
/// 1,024), so that it cannot lift it.
pub fn serve_desktop_limits(site: Fixture) -> Served {
    let mut sh = Command::new("sh");
    sh.args(["-c", "ulimit -n 1024 && exec \"$0\" \"$@\""])
        .arg(env!("CARGO_BIN_EXE_metodist"));
    serve_command(site, sh, &[])
}

pub fn serve_command(site: Fixture, mut command: Command, extra: &[&str]) -> Served {
    let mut child = command
        .args(["serve", "--port", "0"])
        .args(extra)
        .current_dir(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start metodist serve");
    let log = Arc::new(Mutex::new(String::new()));
    for stream in [
        Box::new(child.stdout.take().unwrap()) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().unwrap()),
    ] {
        let log = log.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                let mut log = log.lock().unwrap();
                log.push_str(&line);
                log.push('\n');
            }
        });
    }
    let mut served = Served {
        child,
        addr: String::new(),
        log,
        site,
    };
    served.addr = served.wait_log(
        "Сайт доступен по адресу http://",
        |log| {
            let at = log.find("http://")? + "http://".len();
            let rest = &log[at..];
            Some(rest[..rest.find('/')?].to_string())
        },
    );
    served
}

impl Served {
    /// Waits until the server's output satisfies `f`.
    pub fn wait_log<T>(&mut self, what: &str, f: impl Fn(&str) -> Option<T>) -> T {
        let deadline = Instant::now() + WAIT;
        loop {
            if let Some(v) = f(&self.log.lock().unwrap()) {
                return v;
            }
            if let Ok(Some(status)) = self.child.try_wait() {
                panic!("serve exited ({status}):\n{}", self.log.lock().unwrap());
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for «{what}»:\n{}",
                self.log.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub fn raw(&self, request: &str) -> Reply {
        self.raw_bytes(request.as_bytes())
    }

    pub fn raw_bytes(&self, request: &[u8]) -> Reply {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(WAIT)).unwrap();
        stream.write_all(request).unwrap();
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes).expect("read reply");
        let end = bytes
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of headers");
        let headers = String::from_utf8_lossy(&bytes[..end]).into_owned();
        let status = headers[9..12].parse().expect("status code");
        Reply {
            status,
            headers,
            body: bytes[end + 4..].to_vec(),
        }
    }

    pub fn request(&self, method: &str, path: &str) -> Reply {
        self.raw(&format!(
            "{method} {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        ))
    }

    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", path)
    }

    /// Polls `path` until its text satisfies `f`.
    pub fn get_until(&self, path: &str, f: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + WAIT;
        loop {
            let text = self.get(path).text();
            if f(&text) {
                return text;
            }
            assert!(Instant::now() < deadline, "{path} never matched:\n{text}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}
