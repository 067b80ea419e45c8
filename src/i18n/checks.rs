//! Checks of the catalog files, so a missing or stray text fails a test
//! instead of reaching a reader: every file parses, the three languages
//! define the same texts with the same placeholders, every file under
//! `locales/` is compiled in, and every text is used by the code.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;
use fluent_syntax::parser;

use super::Lang;
use super::catalog::AREAS;

/// Keys the code builds at run time rather than naming them as literals:
/// a key starting with one of these prefixes counts as used. Keep short.
const BUILT_AT_RUN_TIME: &[&str] = &[];

/// Each text of one language, "message" or "message.attribute", with the
/// variables it uses. Terms ("-name") are included: they must exist in
/// every language too.
type Texts = BTreeMap<String, BTreeSet<String>>;

fn texts_of(lang: Lang) -> Texts {
    let mut texts = Texts::new();
    for area in AREAS {
        let resource = match parser::parse(area.source(lang)) {
            Ok(resource) => resource,
            Err((_, errors)) => panic!("{}/{}.ftl: {errors:?}", lang.code(), area.name),
        };
        for entry in resource.body {
            let (id, value, attributes) = match entry {
                ast::Entry::Message(m) => (m.id.name.to_string(), m.value, m.attributes),
                ast::Entry::Term(t) => (format!("-{}", t.id.name), Some(t.value), t.attributes),
                _ => continue,
            };
            if let Some(value) = value {
                let before = texts.insert(id.clone(), variables(&value));
                assert!(before.is_none(), "{}: {id} defined twice", lang.code());
            }
            for attribute in attributes {
                let key = format!("{id}.{}", attribute.id.name);
                let before = texts.insert(key.clone(), variables(&attribute.value));
                assert!(before.is_none(), "{}: {key} defined twice", lang.code());
            }
        }
    }
    texts
}

fn variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    in_pattern(pattern, &mut found);
    found
}

fn in_pattern(pattern: &ast::Pattern<&str>, found: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            in_expression(expression, found);
        }
    }
}

fn in_expression(expression: &ast::Expression<&str>, found: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            in_inline(selector, found);
            for variant in variants {
                in_pattern(&variant.value, found);
            }
        }
        ast::Expression::Inline(inline) => in_inline(inline, found),
    }
}

fn in_inline(inline: &ast::InlineExpression<&str>, found: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            found.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            in_arguments(arguments, found);
        }
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => in_arguments(arguments, found),
        ast::InlineExpression::Placeable { expression } => in_expression(expression, found),
        _ => {}
    }
}

fn in_arguments(arguments: &ast::CallArguments<&str>, found: &mut BTreeSet<String>) {
    for positional in &arguments.positional {
        in_inline(positional, found);
    }
    for named in &arguments.named {
        in_inline(&named.value, found);
    }
}

fn locales_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("locales")
}

fn rust_sources(dir: &Path, into: &mut String) {
    for (_, text) in rust_files(dir) {
        into.push_str(&text);
    }
}

/// Every `.rs` file below `dir`, in path order, with its text (read at
/// test time, so the checks see the sources as they are).
pub(crate) fn rust_files(dir: &Path) -> Vec<(PathBuf, String)> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path)
                .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            out.push((path, text));
        }
    }
    out
}

#[test]
fn every_catalog_file_parses() {
    for lang in Lang::ALL {
        for area in AREAS {
            if let Err((_, errors)) = parser::parse(area.source(lang)) {
                panic!(
                    "{}/{}.ftl does not parse: {errors:?}",
                    lang.code(),
                    area.name
                );
            }
        }
    }
}

#[test]
fn every_catalog_file_is_compiled_in() {
    let known: BTreeSet<&str> = AREAS.iter().map(|a| a.name).collect();
    for lang in Lang::ALL {
        let dir = locales_dir().join(lang.code());
        let on_disk: BTreeSet<String> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .filter_map(Result::ok)
            .filter_map(|e| {
                let name = e.file_name().into_string().ok()?;
                name.strip_suffix(".ftl").map(str::to_string)
            })
            .collect();
        let on_disk: BTreeSet<&str> = on_disk.iter().map(String::as_str).collect();
        assert_eq!(
            on_disk,
            known,
            "locales/{}/ against catalog::AREAS",
            lang.code()
        );
    }
}

#[test]
fn every_language_has_the_same_texts_with_the_same_placeholders() {
    let english = texts_of(Lang::En);
    assert!(!english.is_empty());
    for lang in [Lang::Ja, Lang::Fr] {
        let other = texts_of(lang);
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(
            missing.is_empty(),
            "missing in {}: {missing:?}",
            lang.code()
        );
        assert!(extra.is_empty(), "only in {}: {extra:?}", lang.code());
        for (key, variables) in &english {
            assert_eq!(
                other.get(key),
                Some(variables),
                "{key}: placeholders in {} differ from English",
                lang.code()
            );
        }
    }
}

#[test]
fn every_text_is_used_by_the_code() {
    let mut code = String::new();
    rust_sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut code,
    );
    let unused: Vec<String> = texts_of(Lang::En)
        .into_keys()
        // Terms are used by other texts, not by the code.
        .filter(|key| !key.starts_with('-'))
        .filter(|key| !code.contains(&format!("\"{key}\"")))
        .filter(|key| !BUILT_AT_RUN_TIME.iter().any(|p| key.starts_with(p)))
        .collect();
    assert!(unused.is_empty(), "texts no code uses: {unused:?}");
}

#[test]
fn placeholders_are_found_in_selectors_and_variants() {
    let source = "n = { $count ->\n    [one] one { NUMBER($size) }\n   *[other] { $count } of { $total }\n}\n";
    let resource = match parser::parse(source) {
        Ok(resource) => resource,
        Err((_, errors)) => panic!("{errors:?}"),
    };
    let Some(ast::Entry::Message(message)) = resource.body.first() else {
        panic!("no message in {source}");
    };
    let Some(value) = &message.value else {
        panic!("no value in {source}");
    };
    let found: Vec<String> = variables(value).into_iter().collect();
    assert_eq!(found, ["count", "size", "total"]);
}
