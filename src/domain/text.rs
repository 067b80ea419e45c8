//! What user-given text may contain once it is stored or sent.
//!
//! Names, titles and labels end up in mail headers, iCal properties, CSV
//! cells and log lines, where a line break starts a new header or property
//! and a NUL ends the string for some peers. So every path that takes such
//! text keeps it on one line here, and the mail builder passes every header
//! value through [`header_value`] again, which also covers rows stored
//! before this rule existed.

/// Bidirectional formatting characters: they can make a name read
/// differently from what it is ("Trojan Source"), and no name needs them.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
    )
}

/// Characters that are dropped outright (they carry no visible text).
fn is_dropped(c: char) -> bool {
    c == '\0'
        || is_bidi_control(c)
        || c == '\u{FEFF}' // byte order mark / zero-width no-break space
        || ('\u{FFF9}'..='\u{FFFB}').contains(&c) // interlinear annotation
}

/// Characters that break a line or are otherwise control codes: they become
/// a space so that "First\nLast" stays two words.
fn is_line_breaking(c: char) -> bool {
    c.is_control() || c == '\u{2028}' || c == '\u{2029}'
}

/// One line of text: control characters, line and paragraph separators and
/// tabs become spaces, NUL and bidi controls are dropped, runs of white
/// space are one space, and the ends are trimmed. Letters of every script,
/// accents, quotes, commas and emoji are kept as typed.
pub fn one_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_dropped(c) {
            continue;
        }
        if is_line_breaking(c) || c.is_whitespace() {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// Text that may span lines (notes, reasons, signatures): line breaks are
/// kept as `\n` (a CR LF or lone CR becomes one), tabs are kept, every
/// other control character, NUL and bidi control is dropped, and trailing
/// white space is trimmed.
pub fn multi_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push('\n');
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push('\n'),
            '\t' => out.push('\t'),
            c if is_dropped(c) || c.is_control() => {}
            c => out.push(c),
        }
    }
    out.trim_end().to_string()
}

/// One line of at most `max_chars` characters, cut at a character
/// boundary with an ellipsis (for headers and terminal listings).
pub fn bounded_line(s: &str, max_chars: usize) -> String {
    let line = one_line(s);
    if line.chars().count() <= max_chars {
        return line;
    }
    let mut cut: String = line.chars().take(max_chars.saturating_sub(1)).collect();
    cut.truncate(cut.trim_end().len());
    cut.push('…');
    cut
}

/// Longest header value built from user text, in characters. Long enough
/// for any real name or subject; short enough that no header runs to
/// hundreds of folded lines.
pub const HEADER_MAX_CHARS: usize = 200;

/// A header value from user text: one line, at most `max_chars` characters
/// (cut at a character boundary with an ellipsis). Encoding (RFC 2047 for
/// non-ASCII) is the mail library's job; this makes sure there is nothing
/// it could refuse.
///
/// Text that looks like an RFC 2047 encoded word (`=?utf-8?q?…?=`) would be
/// decoded by the reader's mail client into whatever it hides, line breaks
/// included; a word joiner after each `=` of `=?` makes the library encode
/// the value, so it reads back exactly as typed.
pub fn header_value(s: &str, max_chars: usize) -> String {
    let line = bounded_line(s, max_chars);
    if line.contains("=?") {
        line.replace("=?", "=\u{2060}?")
    } else {
        line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn names_stay_one_line() {
        assert_eq!(one_line("Only\nLF"), "Only LF");
        assert_eq!(one_line("CR\rOnly"), "CR Only");
        assert_eq!(
            one_line("Evil\r\nBcc: stolen@evil.example"),
            "Evil Bcc: stolen@evil.example"
        );
        assert_eq!(one_line("Nul\0Byte"), "NulByte");
        assert_eq!(one_line("Tab\there"), "Tab here");
        assert_eq!(one_line("Line\u{2028}Sep"), "Line Sep");
        assert_eq!(one_line("abc\u{202E}gpj.exe"), "abcgpj.exe");
        assert_eq!(one_line("  spaced   out  "), "spaced out");
        assert_eq!(one_line("\u{85}next\u{9f}"), "next");
    }

    #[test]
    fn ordinary_names_are_kept() {
        for name in [
            "山田 太郎",
            "Jörg \"JJ\" <jj@x.example>, 山田",
            "Zoë O'Brien-Łukasiewicz",
            "=?utf-8?q?x?=",
            "محمد",
            "👩‍💻 Dev",
        ] {
            assert_eq!(one_line(name), name);
        }
    }

    #[test]
    fn multi_line_keeps_lines_only() {
        assert_eq!(multi_line("a\r\nb\rc\nd\0e\u{202E}f\t "), "a\nb\nc\ndef");
        assert_eq!(multi_line("x\u{7}y"), "xy");
    }

    #[test]
    fn header_values_are_bounded() {
        let long = "あ".repeat(3_000);
        let v = header_value(&long, HEADER_MAX_CHARS);
        assert_eq!(v.chars().count(), HEADER_MAX_CHARS);
        assert!(v.ends_with('…'));
        assert_eq!(header_value("short", 10), "short");
        assert_eq!(header_value("=?utf-8?q?x?=", 50), "=\u{2060}?utf-8?q?x?=");
    }

    proptest! {
        #[test]
        fn one_line_has_no_control_characters(s in any::<String>()) {
            let v = one_line(&s);
            let bad = v.chars().any(|c| is_line_breaking(c) || is_dropped(c));
            prop_assert!(!bad, "{:?}", v);
            prop_assert_eq!(v.trim(), v.as_str());
            prop_assert_eq!(one_line(&v), v.clone(), "cleaning twice changes nothing");
        }

        #[test]
        fn header_value_is_bounded_and_one_line(s in any::<String>(), max in 1usize..300) {
            let v = header_value(&s, max);
            let visible = v.chars().filter(|c| *c != '\u{2060}').count();
            prop_assert!(visible <= max);
            prop_assert!(!v.contains("=?"));
            prop_assert!(!v.contains(['\r', '\n', '\0']));
        }
    }
}
