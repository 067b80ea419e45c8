//! The message catalogs: one Fluent bundle per language, built once from
//! the `locales/<lang>/*.ftl` files compiled into the binary.
//!
//! A text missing in Japanese or French is shown in English; a text
//! missing in English too shows its key. Either is logged, never a panic:
//! the catalog checks (`checks.rs`) keep both from reaching a release.

use std::sync::OnceLock;

use fluent_bundle::bundle::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use intl_memoizer::concurrent::IntlLangMemoizer;
use unic_langid::LanguageIdentifier;

use super::Lang;

/// The concurrent memoizer makes a bundle `Sync`, so one per language
/// serves every worker thread.
type Bundle = FluentBundle<FluentResource, IntlLangMemoizer>;

/// One catalog file, the same area of the product in each language.
pub(crate) struct Area {
    pub name: &'static str,
    pub en: &'static str,
    pub ja: &'static str,
    pub fr: &'static str,
}

impl Area {
    pub fn source(&self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.en,
            Lang::Ja => self.ja,
            Lang::Fr => self.fr,
        }
    }
}

macro_rules! area {
    ($name:literal) => {
        Area {
            name: $name,
            en: include_str!(concat!("../../locales/en/", $name, ".ftl")),
            ja: include_str!(concat!("../../locales/ja/", $name, ".ftl")),
            fr: include_str!(concat!("../../locales/fr/", $name, ".ftl")),
        }
    };
}

/// Every catalog file; the checks fail on a file under `locales/` that is
/// missing here.
pub(crate) const AREAS: &[Area] = &[
    area!("common"),
    area!("mail"),
    area!("booking"),
    area!("errors"),
    area!("guest"),
    area!("booking_admin"),
    area!("members"),
    area!("org"),
    area!("editors"),
    area!("dashboard"),
    area!("settings"),
    area!("calendars"),
    area!("audit"),
    area!("feeds"),
    area!("connect"),
    area!("departures"),
    area!("operations"),
];

/// A value for a placeholder. Text is inserted as it is, never read as
/// Fluent syntax, so a guest called "{ $title }" keeps that name. Numbers
/// stay numbers so that plural selectors can match them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s)
    }
}

impl<'a, 'b> From<&'b &'a str> for Arg<'a> {
    fn from(s: &'b &'a str) -> Self {
        Arg::Text(s)
    }
}

macro_rules! number_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg<'_> {
            fn from(n: $t) -> Self {
                Arg::Number(i64::from(n))
            }
        }
    )*};
}
number_arg!(i64, i32, u32, u16, u8);

// Counts beyond i64 do not occur; saturating keeps the conversion total.
impl From<u64> for Arg<'_> {
    fn from(n: u64) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl From<usize> for Arg<'_> {
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

impl<'a> Arg<'a> {
    fn value(self) -> FluentValue<'a> {
        match self {
            Arg::Text(s) => FluentValue::from(s),
            Arg::Number(n) => FluentValue::from(n),
        }
    }
}

/// The bundles of the three languages.
pub struct Catalog {
    en: Bundle,
    ja: Bundle,
    fr: Bundle,
}

impl Catalog {
    /// Builds the bundles from catalog sources, `(file name, text)` per
    /// language. A file that does not parse keeps the messages that did,
    /// and the errors are logged.
    pub fn from_sources(sources: impl Fn(Lang) -> Vec<(&'static str, String)>) -> Catalog {
        Catalog {
            en: bundle(Lang::En, sources(Lang::En)),
            ja: bundle(Lang::Ja, sources(Lang::Ja)),
            fr: bundle(Lang::Fr, sources(Lang::Fr)),
        }
    }

    /// The catalog compiled into the binary.
    fn embedded() -> Catalog {
        Catalog::from_sources(|lang| {
            AREAS
                .iter()
                .map(|a| (a.name, a.source(lang).to_string()))
                .collect()
        })
    }

    fn bundle(&self, lang: Lang) -> &Bundle {
        match lang {
            Lang::En => &self.en,
            Lang::Ja => &self.ja,
            Lang::Fr => &self.fr,
        }
    }

    /// The text of `key` ("message" or "message.attribute") in `lang`.
    pub fn format(&self, lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
        let (id, attribute) = match key.split_once('.') {
            Some((id, attribute)) => (id, Some(attribute)),
            None => (key, None),
        };
        let found = [lang, Lang::En].into_iter().find_map(|l| {
            let bundle = self.bundle(l);
            let message = bundle.get_message(id)?;
            let pattern = match attribute {
                Some(name) => message.get_attribute(name)?.value(),
                None => message.value()?,
            };
            Some((l, bundle, pattern))
        });
        let Some((found_in, bundle, pattern)) = found else {
            tracing::warn!(key, lang = lang.code(), "text missing from the catalog");
            return key.to_string();
        };
        if found_in != lang {
            tracing::warn!(
                key,
                lang = lang.code(),
                "text missing in this language, shown in English"
            );
        }
        let args = (!args.is_empty()).then(|| {
            let mut fluent = FluentArgs::with_capacity(args.len());
            for (name, value) in args {
                fluent.set(*name, value.value());
            }
            fluent
        });
        let mut errors = Vec::new();
        let text = bundle
            .format_pattern(pattern, args.as_ref(), &mut errors)
            .into_owned();
        if !errors.is_empty() {
            tracing::warn!(
                key,
                lang = found_in.code(),
                ?errors,
                "text formatted with errors"
            );
        }
        text
    }
}

/// Plural rules need only the language. The codes are constants that
/// parse; the plural tests would show the undetermined fallback.
fn language_id(lang: Lang) -> LanguageIdentifier {
    lang.code().parse().unwrap_or_default()
}

fn bundle(lang: Lang, files: Vec<(&'static str, String)>) -> Bundle {
    let mut bundle = Bundle::new_concurrent(vec![language_id(lang)]);
    // Isolation marks (U+2068, U+2069) around each value would end up in
    // mail subjects and plain-text bodies, where nothing renders them.
    bundle.set_use_isolating(false);
    if let Err(error) = bundle.add_builtins() {
        tracing::warn!(lang = lang.code(), %error, "Fluent built-in functions not added");
    }
    for (file, source) in files {
        let resource = match FluentResource::try_new(source) {
            Ok(resource) => resource,
            Err((resource, errors)) => {
                tracing::warn!(
                    lang = lang.code(),
                    file,
                    ?errors,
                    "catalog file has syntax errors"
                );
                resource
            }
        };
        if let Err(errors) = bundle.add_resource(resource) {
            tracing::warn!(
                lang = lang.code(),
                file,
                ?errors,
                "catalog file redefines texts"
            );
        }
    }
    bundle
}

fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(Catalog::embedded)
}

/// The text of `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    catalog().format(lang, key, &[])
}

/// The text of `key` in `lang` with its placeholders filled.
pub fn tr(lang: Lang, key: &str, args: &[(&str, Arg<'_>)]) -> String {
    catalog().format(lang, key, args)
}

/// `tr!(lang, "key")` or `tr!(lang, "key", name = value, count = n)`: the
/// text of a catalog key, its placeholders named like Rust arguments. The
/// key must be a literal, so the check for unused keys can find it.
#[macro_export]
macro_rules! tr {
    ($lang:expr, $key:literal $(,)?) => {
        $crate::i18n::t($lang, $key)
    };
    ($lang:expr, $key:literal, $($name:ident = $value:expr),+ $(,)?) => {
        $crate::i18n::tr(
            $lang,
            $key,
            &[$((stringify!($name), $crate::i18n::Arg::from($value))),+],
        )
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    fn small(en: &str, ja: &str, fr: &str) -> Catalog {
        let (en, ja, fr) = (en.to_string(), ja.to_string(), fr.to_string());
        Catalog::from_sources(move |lang| {
            let source = match lang {
                Lang::En => en.clone(),
                Lang::Ja => ja.clone(),
                Lang::Fr => fr.clone(),
            };
            vec![("test.ftl", source)]
        })
    }

    const PLURALS_EN: &str = "bookings = { $count ->\n    [one] { $count } booking\n   *[other] { $count } bookings\n}\n";
    const PLURALS_JA: &str = "bookings = 予約 { $count } 件\n";
    const PLURALS_FR: &str = "bookings = { $count ->\n    [one] { $count } réservation\n   *[other] { $count } réservations\n}\n";

    #[test]
    fn plural_selectors_follow_each_language() {
        let c = small(PLURALS_EN, PLURALS_JA, PLURALS_FR);
        let n = |lang, count: i64| c.format(lang, "bookings", &[("count", Arg::from(count))]);
        assert_eq!(n(Lang::En, 0), "0 bookings");
        assert_eq!(n(Lang::En, 1), "1 booking");
        assert_eq!(n(Lang::En, 2), "2 bookings");
        // French "one" covers zero as well.
        assert_eq!(n(Lang::Fr, 0), "0 réservation");
        assert_eq!(n(Lang::Fr, 1), "1 réservation");
        assert_eq!(n(Lang::Fr, 2), "2 réservations");
        assert_eq!(n(Lang::Ja, 1), "予約 1 件");
    }

    #[test]
    fn a_missing_translation_falls_back_to_english_then_to_the_key() {
        let c = small(
            "hello = Hello { $name }\nbye = Bye\n    .title = Leaving\n",
            "hello = こんにちは { $name }\n",
            "",
        );
        let name = [("name", Arg::from("Ann"))];
        assert_eq!(c.format(Lang::Ja, "hello", &name), "こんにちは Ann");
        assert_eq!(c.format(Lang::Fr, "hello", &name), "Hello Ann");
        assert_eq!(c.format(Lang::Ja, "bye", &[]), "Bye");
        assert_eq!(c.format(Lang::Fr, "bye.title", &[]), "Leaving");
        assert_eq!(c.format(Lang::En, "nowhere", &[]), "nowhere");
        assert_eq!(c.format(Lang::En, "bye.nothing", &[]), "bye.nothing");
        // A missing argument is logged and shown as the placeholder.
        assert_eq!(c.format(Lang::En, "hello", &[]), "Hello {$name}");
    }

    #[test]
    fn broken_files_keep_the_messages_that_parse() {
        let c = small("good = Good\nbad = { $\nalso = Also\n", "", "");
        assert_eq!(c.format(Lang::En, "good", &[]), "Good");
        assert_eq!(c.format(Lang::Fr, "also", &[]), "Also");
    }

    #[test]
    fn values_are_never_read_as_catalog_syntax() {
        let c = small("hi = Hi { $name }, { $title }\n", "", "");
        let args = [("name", Arg::from("{ $title }")), ("title", Arg::from("x"))];
        assert_eq!(c.format(Lang::En, "hi", &args), "Hi { $title }, x");
        // No isolation marks around the values.
        assert!(!c.format(Lang::En, "hi", &args).contains('\u{2068}'));
    }

    #[test]
    fn the_embedded_catalog_answers_through_the_macro() {
        assert_eq!(tr!(Lang::Ja, "label-separator"), "：");
        assert_eq!(
            tr!(Lang::En, "mail-test-subject", org = "{ $org }"),
            "Test message from { $org }"
        );
        let pending = 3_usize;
        assert!(
            tr!(
                Lang::Fr,
                "mail-digest-subject",
                org = "Club",
                pending = pending,
                failed = 0_u64
            )
            .starts_with("Club : 3 en attente")
        );
    }
}
