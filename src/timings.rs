//! Stage timings for profiling a build: with `METODIST_TIMINGS=1` in the
//! environment each stage prints its wall time to stderr
//! («timings: render.pages 412 ms»). Off by default and free when off;
//! `benches/serve.rs` uses it to say what a save costs.

use std::sync::OnceLock;
use std::time::Instant;

fn enabled() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("METODIST_TIMINGS").is_some_and(|v| v != "0"))
}

/// A stopwatch that prints the time since its last lap.
pub struct Laps {
    last: Option<Instant>,
}

impl Laps {
    pub fn start() -> Laps {
        Laps {
            last: enabled().then(Instant::now),
        }
    }

    /// Prints the time since the previous lap under `stage`.
    pub fn lap(&mut self, stage: &str) {
        if let Some(last) = self.last {
            let now = Instant::now();
            eprintln!(
                "timings: {stage} {:.1} ms",
                (now - last).as_secs_f64() * 1000.0
            );
            self.last = Some(now);
        }
    }
}
