//! Any bytes as an indicator table in each of its formats (CSV, XLSX, ODS,
//! YAML), read as the build reads them.
#![no_main]
use libfuzzer_sys::fuzz_target;

const FORMATS: [&str; 4] = ["csv", "xlsx", "ods", "yaml"];

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let dir = metodist_fuzz::site().join("content/monitoring");
    let file = dir.join(format!("fuzz.{}", FORMATS[pick as usize % FORMATS.len()]));
    std::fs::write(&file, rest).expect("write the input");
    if let Ok(table) = metodist::indicators::load(&file) {
        let _ = metodist::indicators::render(&table, Some("fuzz.csv"), &Default::default());
    }
    let _ = std::fs::remove_file(&file);
});
