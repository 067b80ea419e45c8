//! The languages the product speaks and how a request's is chosen.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
    Fr,
}

impl Lang {
    /// Every language the product speaks, English (the fallback) first.
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Ja, Lang::Fr];

    /// "ja", "ja-JP", "fr_FR" … anything else is English.
    pub fn parse(code: &str) -> Lang {
        let code = code.trim().to_ascii_lowercase();
        if code.starts_with("ja") {
            Lang::Ja
        } else if code.starts_with("fr") {
            Lang::Fr
        } else {
            Lang::En
        }
    }

    /// The first supported language of an Accept-Language header.
    pub fn from_accept_language(header: &str) -> Lang {
        header
            .split(',')
            .filter_map(|part| {
                let mut it = part.split(';');
                let tag = it.next()?.trim();
                let q = it
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                let lang = Lang::parse(tag);
                (lang != Lang::En || tag.to_ascii_lowercase().starts_with("en"))
                    .then_some((lang, q))
            })
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(l, _)| l)
            .unwrap_or_default()
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
            Lang::Fr => "fr",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_preferred_supported_one() {
        assert_eq!(
            Lang::from_accept_language("ja-JP,ja;q=0.9,en;q=0.8"),
            Lang::Ja
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,fr;q=0.7,en;q=0.5"),
            Lang::Fr
        );
        assert_eq!(Lang::from_accept_language("en-US,fr;q=0.5"), Lang::En);
        assert_eq!(Lang::from_accept_language("de"), Lang::En);
        assert_eq!(Lang::from_accept_language(""), Lang::En);
    }
}
