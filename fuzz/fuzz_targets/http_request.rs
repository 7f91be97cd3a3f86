//! Any bytes as the head of a request to the preview: parsed as the
//! connection layer parses it, then routed as the server routes it.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(request) = metodist::serve::conn::parse_head(data) {
        for base in ["/", "/metod/"] {
            let _ = metodist::serve::http::route(&request.url, base);
        }
    }
});
