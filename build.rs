//! Writes the table of HTML pages and the methods each takes, read from
//! the `.route("path", web::method()…)` calls under `src/web/ui/`, so that
//! a page asked with another method answers 405 with `Allow` (the JSON
//! API reads its own from docs/openapi.yaml).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const METHODS: [&str; 6] = ["get", "head", "post", "put", "patch", "delete"];

fn main() {
    let ui = Path::new("src/web/ui");
    println!("cargo::rerun-if-changed={}", ui.display());
    let mut files = Vec::new();
    collect(ui, &mut files);
    files.sort();
    let mut table: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for file in &files {
        println!("cargo::rerun-if-changed={}", file.display());
        let Ok(text) = std::fs::read_to_string(file) else {
            continue;
        };
        for (path, method) in routes_in(&text) {
            let methods = table.entry(path).or_default();
            if !methods.contains(&method) {
                methods.push(method);
            }
        }
    }
    let mut out = String::from("/// HTML pages and their methods, from src/web/ui/.\n");
    out.push_str("pub const HTML_ROUTES: &[(&str, &[&str])] = &[\n");
    for (path, methods) in &table {
        let list: Vec<String> = methods.iter().map(|m| format!("{m:?}")).collect();
        out.push_str(&format!("    ({path:?}, &[{}]),\n", list.join(", ")));
    }
    out.push_str("];\n");
    let Some(dir) = std::env::var_os("OUT_DIR") else {
        panic!("cargo sets OUT_DIR for build scripts");
    };
    let target = PathBuf::from(dir).join("html_routes.rs");
    if let Err(e) = std::fs::write(&target, out) {
        panic!("cannot write {}: {e}", target.display());
    }
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// `(path, METHOD)` of every `.route("path", web::method()` in `source`.
fn routes_in(source: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let Some(path) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let Some(end) = path.find('"') else { break };
        let Some(call) = path[end + 1..]
            .trim_start()
            .strip_prefix(',')
            .map(str::trim_start)
            .and_then(|a| a.strip_prefix("web::"))
        else {
            continue;
        };
        let method: String = call
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        if METHODS.contains(&method.as_str()) {
            found.push((path[..end].to_string(), method.to_ascii_uppercase()));
        }
    }
    found
}
