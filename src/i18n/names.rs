//! People's names in the order their reader expects.

use super::Lang;
use crate::domain::Member;

/// A person's name from its two parts: family name first for Japanese
/// readers, and for a name written in Han, Hiragana or Katakana whoever
/// reads it (山田 花子 stays 山田 花子 in an English mail); given name first
/// otherwise. A missing part is left out; with both missing the result is
/// empty and the caller shows something else (an email address).
pub fn person_name(lang: Lang, first: &str, last: &str) -> String {
    let (first, last) = (first.trim(), last.trim());
    let family_first = lang == Lang::Ja || is_cjk(first) || is_cjk(last);
    let (a, b) = if family_first {
        (last, first)
    } else {
        (first, last)
    };
    match (a.is_empty(), b.is_empty()) {
        (false, false) => format!("{a} {b}"),
        (false, true) => a.to_string(),
        (true, _) => b.to_string(),
    }
}

/// A member's name for `lang`, or their email address when they have
/// given no name.
pub fn member_name(lang: Lang, member: &Member) -> String {
    let name = person_name(lang, &member.first_name, &member.last_name);
    if name.is_empty() {
        member.email.to_string()
    } else {
        name
    }
}

fn is_cjk(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c,
            '\u{3005}'                  // 々, the repetition mark in 佐々木
            | '\u{3040}'..='\u{309F}'   // Hiragana
            | '\u{30A0}'..='\u{30FF}'   // Katakana
            | '\u{31F0}'..='\u{31FF}'   // Katakana phonetic extensions
            | '\u{3400}'..='\u{4DBF}'   // Han, extension A
            | '\u{4E00}'..='\u{9FFF}'   // Han
            | '\u{F900}'..='\u{FAFF}'   // Han compatibility ideographs
            | '\u{FF66}'..='\u{FF9F}'   // half-width Katakana
            | '\u{20000}'..='\u{3134F}' // Han, extensions B to G
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_readers_get_the_family_name_first() {
        assert_eq!(person_name(Lang::Ja, "花子", "山田"), "山田 花子");
        assert_eq!(person_name(Lang::Ja, "Ann", "Lee"), "Lee Ann");
        assert_eq!(person_name(Lang::En, "Ann", "Lee"), "Ann Lee");
        assert_eq!(person_name(Lang::Fr, "Marie", "Curie"), "Marie Curie");
    }

    #[test]
    fn names_in_japanese_script_are_family_first_for_everyone() {
        for lang in Lang::ALL {
            assert_eq!(person_name(lang, "花子", "山田"), "山田 花子");
            assert_eq!(person_name(lang, "はなこ", "やまだ"), "やまだ はなこ");
            assert_eq!(person_name(lang, "ハナコ", "ヤマダ"), "ヤマダ ハナコ");
            assert_eq!(person_name(lang, "真一", "佐々木"), "佐々木 真一");
            // One part in Japanese script is enough.
            assert_eq!(person_name(lang, "Hanako", "山田"), "山田 Hanako");
        }
    }

    #[test]
    fn missing_parts_are_left_out() {
        for lang in Lang::ALL {
            assert_eq!(person_name(lang, "  Ann ", ""), "Ann");
            assert_eq!(person_name(lang, "", " Lee"), "Lee");
            assert_eq!(person_name(lang, "", "山田"), "山田");
            assert_eq!(person_name(lang, " ", "\t"), "");
        }
        assert_eq!(person_name(Lang::En, " Ann ", " Lee "), "Ann Lee");
    }

    #[test]
    fn members_without_a_name_are_their_address() {
        let email = crate::domain::Email::parse("hanako@example.org").unwrap();
        let mut m = Member::new(
            email,
            crate::domain::Role::Member,
            crate::domain::MemberState::Active,
            "Asia/Tokyo",
            "ja",
            chrono::Utc::now(),
        );
        assert_eq!(member_name(Lang::En, &m), "hanako@example.org");
        (m.first_name, m.last_name) = ("Hanako".into(), "Yamada".into());
        assert_eq!(member_name(Lang::Ja, &m), "Yamada Hanako");
        assert_eq!(member_name(Lang::En, &m), "Hanako Yamada");
    }
}
