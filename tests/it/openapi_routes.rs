//! docs/openapi.yaml and the routes the server registers stay in step: a
//! route added without its documentation, or documentation left for a
//! route that is gone, fails here. The routes are read from the source
//! that registers them (`src/web/api/`, and `/healthz` and `/metrics` in
//! `src/web/mod.rs`); the spec is read as YAML.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use yaml_rust2::{Yaml, YamlLoader};

use crate::common::repo_file;

const METHODS: [&str; 6] = ["get", "head", "post", "put", "patch", "delete"];

/// A route as the comparison sees it: the method, and the path with every
/// placeholder written `{}` (names and patterns differ between the code
/// and the spec without meaning anything).
type Route = (String, String);

/// One registered route.
#[derive(Debug, Clone)]
pub struct Registered {
    pub method: String,
    pub path: String,
}

fn normalized(path: &str) -> String {
    let mut out = String::new();
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '{' => {
                if depth == 0 {
                    out.push_str("{}");
                }
                depth += 1;
            }
            '}' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// Every `.route("path", web::method()…)` in `source`, in order.
pub fn routes_in(source: &str) -> Vec<Registered> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find(".route(") {
        rest = &rest[at + ".route(".len()..];
        let Some(path) = rest.trim_start().strip_prefix('"') else {
            continue;
        };
        let Some(end) = path.find('"') else { break };
        let after = path[end + 1..].trim_start();
        let Some(call) = after
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
        assert!(
            METHODS.contains(&method.as_str()),
            "unexpected route method web::{method}() for {:?}",
            &path[..end]
        );
        found.push(Registered {
            method,
            path: path[..end].to_string(),
        });
    }
    found
}

pub fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files.sort();
    files
}

/// The routes of the JSON API and the two operator endpoints.
fn registered() -> Vec<Registered> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let api_dir = root.join("src/web/api");
    let api = repo_file("src/web/api/mod.rs");
    let scope = api
        .split("web::scope(\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .expect("the API's web::scope(\"…\") in src/web/api/mod.rs");
    let mut all = Vec::new();
    for file in rust_files(&api_dir) {
        let text = std::fs::read_to_string(&file).unwrap();
        // Only `.route(path, method)` is read; another way of registering
        // would go unseen, so it must be taught here first.
        assert!(
            !text.contains("web::resource(")
                && !text.contains("#[get(")
                && !text.contains("#[post("),
            "{} registers routes in a way this test does not read",
            file.display()
        );
        all.extend(routes_in(&text).into_iter().map(|r| Registered {
            path: format!("{scope}{}", r.path),
            ..r
        }));
    }
    // The rest of src/web/mod.rs serves pages and static assets, which the
    // API document does not describe.
    let web = repo_file("src/web/mod.rs");
    all.extend(
        routes_in(&web)
            .into_iter()
            .filter(|r| r.path == "/healthz" || r.path == "/metrics"),
    );
    assert!(
        all.len() > 60,
        "only {} routes found: has the registration moved?",
        all.len()
    );
    all
}

fn spec() -> Yaml {
    let text = repo_file("docs/openapi.yaml");
    YamlLoader::load_from_str(&text)
        .expect("docs/openapi.yaml is YAML")
        .remove(0)
}

/// Method and path of every operation in the spec.
fn documented(spec: &Yaml) -> BTreeMap<Route, String> {
    let paths = spec["paths"].as_hash().expect("paths in the spec");
    let mut out = BTreeMap::new();
    for (path, item) in paths {
        let path = path.as_str().unwrap();
        for method in METHODS {
            if !item[method].is_badvalue() {
                out.insert(
                    (method.to_string(), normalized(path)),
                    format!("{} {path}", method.to_uppercase()),
                );
            }
        }
    }
    out
}

#[test]
fn every_registered_route_is_in_the_spec_and_every_documented_route_exists() {
    let spec = spec();
    let documented = documented(&spec);
    let registered = registered();
    let routes: BTreeSet<Route> = registered
        .iter()
        .map(|r| (r.method.clone(), normalized(&r.path)))
        .collect();

    let undocumented: Vec<String> = registered
        .iter()
        .filter(|r| !documented.contains_key(&(r.method.clone(), normalized(&r.path))))
        .map(|r| format!("{} {}", r.method.to_uppercase(), r.path))
        .collect();
    let unknown: Vec<&String> = documented
        .iter()
        .filter(|(route, _)| !routes.contains(*route))
        .map(|(_, shown)| shown)
        .collect();
    assert!(
        undocumented.is_empty() && unknown.is_empty(),
        "registered but missing from docs/openapi.yaml: {undocumented:#?}\n\
         in docs/openapi.yaml but not registered: {unknown:#?}"
    );
}

/// A placeholder limited to a few words in the code (`{kind:a|b|c}`) is an
/// enum of exactly those words in the spec.
#[test]
fn placeholders_limited_in_the_code_are_enums_of_the_same_words_in_the_spec() {
    let spec = spec();
    let mut checked = 0;
    for route in registered() {
        for segment in route.path.split('/') {
            let Some((name, pattern)) = segment
                .strip_prefix('{')
                .and_then(|s| s.strip_suffix('}'))
                .and_then(|s| s.split_once(':'))
            else {
                continue;
            };
            if !pattern
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "|-_".contains(c))
            {
                continue; // a pattern like `.*`, not a list of words
            }
            let mut words: Vec<&str> = pattern.split('|').collect();
            words.sort();
            let spec_path = documented_path(&spec, &route.path);
            let values = enum_of(&spec, &spec_path, &route.method, name);
            assert_eq!(
                values, words,
                "{} {spec_path}: the values of {{{name}}}",
                route.method
            );
            checked += 1;
        }
    }
    assert!(checked > 0, "no limited placeholder found");
}

/// The spec's spelling of a registered path.
fn documented_path(spec: &Yaml, registered: &str) -> String {
    let wanted = normalized(registered);
    spec["paths"]
        .as_hash()
        .unwrap()
        .keys()
        .filter_map(Yaml::as_str)
        .find(|p| normalized(p) == wanted)
        .unwrap_or_else(|| panic!("{registered} is not in the spec"))
        .to_string()
}

/// The sorted enum of the path parameter `name` of one operation, looking
/// through `$ref`s into components/parameters.
fn enum_of(spec: &Yaml, path: &str, method: &str, name: &str) -> Vec<String> {
    let item = &spec["paths"][path];
    let params = item[method]["parameters"]
        .as_vec()
        .into_iter()
        .chain(item["parameters"].as_vec())
        .flatten();
    for param in params {
        let param = resolve(spec, param);
        if param["name"].as_str() == Some(name) && param["in"].as_str() == Some("path") {
            let schema = resolve(spec, &param["schema"]);
            let mut values: Vec<String> = schema["enum"]
                .as_vec()
                .unwrap_or_else(|| panic!("{path}: {{{name}}} has no enum"))
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            values.sort();
            return values;
        }
    }
    panic!("{method} {path}: no path parameter {name}")
}

fn resolve<'a>(spec: &'a Yaml, node: &'a Yaml) -> &'a Yaml {
    match node["$ref"].as_str() {
        Some(reference) => {
            let mut at = spec;
            for part in reference.trim_start_matches("#/").split('/') {
                at = &at[part];
            }
            at
        }
        None => node,
    }
}

#[test]
fn the_route_reader_sees_each_route_with_its_method() {
    let source = r#"
        cfg.service(web::scope("/api/v1")
            .route("/a", web::get().to(x))
            .route(
                "/b/{id}",
                web::delete().to(y),
            ));
    "#;
    let found: Vec<(String, String)> = routes_in(source)
        .into_iter()
        .map(|r| (r.method, r.path))
        .collect();
    assert_eq!(
        found,
        [
            ("get".to_string(), "/a".to_string()),
            ("delete".to_string(), "/b/{id}".to_string())
        ]
    );
    assert_eq!(
        normalized("/api/v1/{kind:departments|positions}/{name}"),
        "/api/v1/{}/{}"
    );
}

fn schema_enum(spec: &Yaml, schema: &str) -> BTreeSet<String> {
    spec["components"]["schemas"][schema]["enum"]
        .as_vec()
        .unwrap_or_else(|| panic!("components/schemas/{schema} has no enum"))
        .iter()
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

/// The spec's lists of webhook events and notification kinds are the
/// code's: an event or kind added in one place only fails here.
#[test]
fn webhook_events_and_notification_kinds_are_the_codes_own() {
    let spec = spec();
    let events: BTreeSet<String> = convene::domain::webhook::EVENTS
        .iter()
        .map(|e| e.to_string())
        .collect();
    assert_eq!(schema_enum(&spec, "WebhookEvent"), events);
    let kinds: BTreeSet<String> = convene::domain::NotificationKind::ALL
        .iter()
        .map(|k| k.as_str().to_string())
        .collect();
    assert_eq!(schema_enum(&spec, "NotificationKind"), kinds);
    let channels: BTreeSet<String> = spec["components"]["schemas"]["NotificationPreferences"]
        ["properties"]["channels"]["properties"]
        .as_hash()
        .unwrap()
        .keys()
        .filter_map(|k| k.as_str().map(str::to_string))
        .collect();
    assert_eq!(channels, kinds);
}
