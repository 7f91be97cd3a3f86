//! Any bytes as any one file of a real site (a page's front matter and
//! Markdown of each content type, a YAML data file, a section, site.toml),
//! through the whole build.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let files = metodist_fuzz::editable();
    let file = &files[pick as usize % files.len()];
    metodist_fuzz::build_with(file, rest);
});
