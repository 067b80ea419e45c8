//! Which methods a path takes, for a 405 with `Allow` instead of a 404
//! when a known path is asked with another method. The JSON API's are read
//! from the OpenAPI file compiled in (a test keeps that file and the
//! registered routes in step); the HTML pages' from the table the build
//! script reads out of `src/web/ui/`. Every HTML page that answers GET
//! answers HEAD too (`middleware::head_as_get`).

use std::sync::LazyLock;

use actix_web::dev::ResourceDef;

const SPEC: &str = include_str!("../../docs/openapi.yaml");

const METHODS: [&str; 6] = ["get", "head", "put", "post", "patch", "delete"];

/// Placeholders the code limits to a few words (the spec's enums): a path
/// with one of them is left out, so `/api/v1/no-such-kind` stays a 404
/// rather than a 405 from `/api/v1/{kind}`.
const LIMITED: [&str; 2] = ["{kind}", "{action}"];

include!(concat!(env!("OUT_DIR"), "/html_routes.rs"));

static HTML: LazyLock<Vec<(ResourceDef, Vec<&'static str>)>> = LazyLock::new(html_routes);

static ROUTES: LazyLock<Vec<(ResourceDef, Vec<&'static str>)>> = LazyLock::new(|| {
    let mut routes = parse(SPEC);
    routes.extend(HTML.iter().cloned());
    routes
});

/// The HTML pages, HEAD beside every GET.
fn html_routes() -> Vec<(ResourceDef, Vec<&'static str>)> {
    HTML_ROUTES
        .iter()
        .map(|(path, methods)| {
            let mut methods: Vec<&'static str> = methods.to_vec();
            if methods.contains(&"GET") && !methods.contains(&"HEAD") {
                methods.push("HEAD");
            }
            (ResourceDef::new(*path), methods)
        })
        .collect()
}

/// Whether `path` is an HTML page that answers GET (and so HEAD).
pub fn is_html_page(path: &str) -> bool {
    HTML.iter()
        .any(|(def, methods)| methods.contains(&"GET") && def.is_match(path))
}

/// `paths:` entries ("  /api/v1/x/{id}:") and their operations
/// ("    get:").
fn parse(spec: &'static str) -> Vec<(ResourceDef, Vec<&'static str>)> {
    let mut out: Vec<(ResourceDef, Vec<&'static str>)> = Vec::new();
    let mut in_paths = false;
    for line in spec.lines() {
        if !line.starts_with(' ') && !line.is_empty() {
            in_paths = line == "paths:";
            continue;
        }
        if !in_paths {
            continue;
        }
        if let Some(path) = line.strip_prefix("  /").and_then(|p| p.strip_suffix(':')) {
            // A limited path is still listed, so that its operations are
            // not taken for the path before it, but it never matches.
            let pattern = if LIMITED.iter().any(|l| path.contains(l)) {
                "/\u{0}".to_string()
            } else {
                format!("/{path}")
            };
            out.push((ResourceDef::new(pattern), Vec::new()));
        } else if let Some(method) = line.strip_prefix("    ").and_then(|m| m.strip_suffix(':'))
            && let Some(m) = METHODS.iter().find(|x| **x == method)
            && let Some((_, methods)) = out.last_mut()
        {
            methods.push(m);
        }
    }
    out
}

/// The methods `path` answers, upper case, when it is a known path.
pub fn methods_of(path: &str) -> Option<Vec<String>> {
    let mut found: Vec<String> = Vec::new();
    for (def, methods) in ROUTES.iter() {
        if def.is_match(path) {
            found.extend(methods.iter().map(|m| m.to_ascii_uppercase()));
        }
    }
    if found.is_empty() {
        return None;
    }
    found.sort();
    found.dedup();
    Some(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_paths_name_their_methods_and_unknown_ones_none() {
        assert_eq!(
            methods_of("/api/v1/webhooks/abc"),
            Some(vec!["DELETE".to_string()])
        );
        let members = methods_of("/api/v1/members/abc").unwrap();
        assert!(members.contains(&"GET".to_string()) && members.contains(&"PATCH".to_string()));
        assert!(
            methods_of("/healthz")
                .unwrap()
                .contains(&"HEAD".to_string())
        );
        assert_eq!(methods_of("/api/v1/no-such-thing"), None);
    }

    #[test]
    fn html_pages_name_their_methods_with_head_beside_get() {
        assert_eq!(
            methods_of("/login"),
            Some(vec![
                "GET".to_string(),
                "HEAD".to_string(),
                "POST".to_string()
            ])
        );
        assert_eq!(methods_of("/logout"), Some(vec!["POST".to_string()]));
        let member = methods_of("/members/abc/schedule").unwrap();
        assert!(member.contains(&"GET".to_string()) && member.contains(&"POST".to_string()));
        assert!(is_html_page("/members/abc"));
        assert!(!is_html_page("/logout"));
        assert!(!is_html_page("/no-such-page"));
        assert!(HTML_ROUTES.len() > 40, "the build script found the pages");
    }
}
