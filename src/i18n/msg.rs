//! A message to a person that is rendered late, in the reader's language:
//! errors are built deep in the services, where nobody knows who reads
//! them, and become text at the edge (the JSON `message`, a form's field
//! error, an error page).

use std::fmt;

use super::{Arg, Lang, tr};

/// What a message says: a catalog key with its arguments, or text given
/// as it is (what an outside party said, like an SMTP server's answer).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Says {
    Key(&'static str),
    Plain(String),
}

/// One argument, owned, because the message outlives the values it was
/// built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MsgArg {
    Text(String),
    Number(i64),
}

impl From<&str> for MsgArg {
    fn from(s: &str) -> Self {
        MsgArg::Text(s.to_string())
    }
}

impl From<String> for MsgArg {
    fn from(s: String) -> Self {
        MsgArg::Text(s)
    }
}

impl From<&String> for MsgArg {
    fn from(s: &String) -> Self {
        MsgArg::Text(s.clone())
    }
}

macro_rules! number_msg_arg {
    ($($t:ty),*) => {$(
        impl From<$t> for MsgArg {
            fn from(n: $t) -> Self {
                MsgArg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
    )*};
}
number_msg_arg!(i64, i32, u32, u16, u8, u64, usize);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Msg {
    says: Says,
    args: Vec<(&'static str, MsgArg)>,
}

impl Msg {
    /// The catalog text of `key`.
    pub fn key(key: &'static str) -> Msg {
        Msg {
            says: Says::Key(key),
            args: Vec::new(),
        }
    }

    /// Text shown as it is in every language.
    pub fn plain(text: impl Into<String>) -> Msg {
        Msg {
            says: Says::Plain(text.into()),
            args: Vec::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<MsgArg>) -> Msg {
        self.args.push((name, value.into()));
        self
    }

    /// The catalog key, if the message has one (tests match on it).
    pub fn catalog_key(&self) -> Option<&'static str> {
        match self.says {
            Says::Key(k) => Some(k),
            Says::Plain(_) => None,
        }
    }

    pub fn render(&self, lang: Lang) -> String {
        match &self.says {
            Says::Plain(text) => text.clone(),
            Says::Key(key) => {
                let args: Vec<(&str, Arg<'_>)> = self
                    .args
                    .iter()
                    .map(|(name, value)| {
                        let arg = match value {
                            MsgArg::Text(s) => Arg::Text(s),
                            MsgArg::Number(n) => Arg::Number(*n),
                        };
                        (*name, arg)
                    })
                    .collect();
                tr(lang, key, &args)
            }
        }
    }
}

/// English, for logs and for code that has no reader.
impl fmt::Display for Msg {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Results that list several refusals (an invitation per address, an
/// import per line) are serialized with the English text, as they always
/// were; pages render the message in the reader's language instead.
impl serde::Serialize for Msg {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.render(Lang::En))
    }
}

impl From<String> for Msg {
    fn from(text: String) -> Self {
        Msg::plain(text)
    }
}

impl From<&str> for Msg {
    fn from(text: &str) -> Self {
        Msg::plain(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_serializes_as_its_english_text() {
        let m = Msg::key("err-refusal-active").arg("email", "ann@example.org");
        assert_eq!(
            serde_json::to_string(&m).unwrap(),
            "\"ann@example.org is already a member\""
        );
        assert_ne!(m.render(Lang::Fr), m.render(Lang::En));
    }

    #[test]
    fn plain_text_is_the_same_in_every_language() {
        let m = Msg::plain("550 mailbox unavailable");
        for lang in Lang::ALL {
            assert_eq!(m.render(lang), "550 mailbox unavailable");
        }
    }
}
