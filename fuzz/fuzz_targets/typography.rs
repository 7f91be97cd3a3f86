//! Any text through the Russian typography, as plain text and as HTML: the
//! hand-written code that sees every author's string (char boundaries,
//! quotes left open, identifiers).
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let cfg = Default::default();
        let _ = metodist::ru::typography::typograph(text, &cfg);
        let _ = metodist::ru::typography::typograph_html(text, &cfg);
    }
});
