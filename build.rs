//! Embeds the default theme and the example site of `metodist init` in the
//! binary: every file under themes/default becomes an entry of
//! `THEME_FILES`, every file under src/types/init-site one of `INIT_FILES` (and
//! src/types/init-municipal, what a municipal body's site has instead of
//! /sveden/, of `INIT_MUNICIPAL_FILES`),
//! so a file added later is embedded without touching any list.

use std::path::Path;

fn main() {
    // Read at run time: a build script binary may be reused from another
    // checkout sharing the target folder.
    let manifest = std::env::var("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR");
    let mut out = String::new();
    for (name, dir) in [
        ("THEME_FILES", "themes/default"),
        ("INIT_FILES", "src/types/init-site"),
        ("INIT_MUNICIPAL_FILES", "src/types/init-municipal"),
    ] {
        let root = Path::new(&manifest).join(dir);
        println!("cargo:rerun-if-changed={}", root.display());
        let mut files = Vec::new();
        collect(&root, &root, &mut files);
        files.sort();
        out.push_str(&format!(
            "/// (path inside {dir}, contents)\npub static {name}: &[(&str, &[u8])] = &[\n"
        ));
        for (rel, abs) in files {
            out.push_str(&format!("    ({rel:?}, include_bytes!({abs:?})),\n"));
        }
        out.push_str("];\n");
    }
    let dest = Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("theme_files.rs");
    std::fs::write(dest, out).expect("write theme_files.rs");
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if name.starts_with('.') || name.ends_with('~') {
            continue;
        }
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(root, &path, out);
        } else {
            let rel = path
                .strip_prefix(root)
                .expect("inside the theme")
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect::<Vec<_>>()
                .join("/");
            out.push((rel, path.display().to_string()));
        }
    }
}
