//! People's names in the order their reader expects.

use super::Lang;
use crate::domain::Member;
use crate::domain::member::written_family_first;

/// A person's name from its two parts: family name first for Japanese
/// readers, and for a name written in Han, Hiragana or Katakana whoever
/// reads it (山田 花子 stays 山田 花子 in an English mail); given name first
/// otherwise. A missing part is left out; with both missing the result is
/// empty and the caller shows something else (an email address).
pub fn person_name(lang: Lang, first: &str, last: &str) -> String {
    let (first, last) = (first.trim(), last.trim());
    let family_first = lang == Lang::Ja || written_family_first(first, last);
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

/// Splits a whole name typed in one field into (given, family), the
/// counterpart of [`person_name`]: "Ann Lee" at its first space, "山田 太郎"
/// family name first as it is written.
pub fn split_full_name(full: &str) -> (String, String) {
    let full = full.trim();
    match full.split_once(char::is_whitespace) {
        Some((a, b)) if written_family_first(full, "") => (b.trim().to_string(), a.to_string()),
        Some((a, b)) => (a.to_string(), b.trim().to_string()),
        None => (full.to_string(), String::new()),
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
    fn whole_names_split_in_the_order_they_are_written() {
        let split = |s: &str| split_full_name(s);
        assert_eq!(split(" Ann  Lee "), ("Ann".into(), "Lee".into()));
        assert_eq!(split("Ann"), ("Ann".into(), String::new()));
        assert_eq!(split("山田 太郎"), ("太郎".into(), "山田".into()));
        assert_eq!(split("山田太郎"), ("山田太郎".into(), String::new()));
        for lang in Lang::ALL {
            let (first, last) = split("山田 太郎");
            assert_eq!(person_name(lang, &first, &last), "山田 太郎");
            let (first, last) = split("Ann Lee");
            let expected = if lang == Lang::Ja {
                "Lee Ann"
            } else {
                "Ann Lee"
            };
            assert_eq!(person_name(lang, &first, &last), expected);
        }
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
