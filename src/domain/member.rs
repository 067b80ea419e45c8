use std::fmt;

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::{MemberId, Role};

/// Where a member stands in the organization (PRODUCT.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MemberState {
    Draft,
    Invited,
    Pending,
    Active,
    Rejected,
    Terminated,
}

impl MemberState {
    pub const ALL: [MemberState; 6] = [
        MemberState::Active,
        MemberState::Invited,
        MemberState::Pending,
        MemberState::Draft,
        MemberState::Rejected,
        MemberState::Terminated,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            MemberState::Draft => "draft",
            MemberState::Invited => "invited",
            MemberState::Pending => "pending",
            MemberState::Active => "active",
            MemberState::Rejected => "rejected",
            MemberState::Terminated => "terminated",
        }
    }

    pub fn parse(s: &str) -> Option<MemberState> {
        MemberState::ALL.into_iter().find(|m| m.as_str() == s)
    }
}

/// A normalized email address: trimmed, lower-cased, syntax checked.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Option<Email> {
        let s = raw.trim().to_lowercase();
        if s.len() > 254 || s.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return None;
        }
        let (local, domain) = s.rsplit_once('@')?;
        let domain_ok = !domain.is_empty()
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '-' || c == '.');
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.contains(['<', '>', '(', ')', '[', ']', ',', ';', ':', '"', '\\', '@']);
        (domain_ok && local_ok).then_some(Email(s))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;
    fn try_from(s: String) -> Result<Self, Self::Error> {
        Email::parse(&s).ok_or_else(|| format!("invalid email address: {s}"))
    }
}

impl From<Email> for String {
    fn from(e: Email) -> String {
        e.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A person of the organization, with every field of PRODUCT.md §3 that is
/// a plain value. Schedules, calendar connections, preferences and API keys
/// live in their own tables keyed by the member id.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Member {
    pub id: MemberId,
    pub email: Email,
    pub first_name: String,
    pub last_name: String,
    #[serde(default)]
    pub phone: String,
    pub role: Role,
    pub state: MemberState,
    #[serde(default)]
    pub department: Option<String>,
    #[serde(default)]
    pub position: String,
    #[serde(default)]
    pub work_number: String,
    #[serde(default)]
    pub location: String,
    #[serde(default)]
    pub supervisor_id: Option<MemberId>,
    /// Customer-facing contact (shown to guests).
    #[serde(default)]
    pub contact: String,
    #[serde(default)]
    pub slack_member_id: String,
    #[serde(default)]
    pub email_signature: String,
    #[serde(default)]
    pub meeting_url: String,
    pub timezone: String,
    pub language: String,
    #[serde(default)]
    pub icon_color: String,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// Set only on the host view of an external member (never stored in
    /// the member table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external: Option<super::external::ExternalHost>,
}

impl Member {
    /// A member with only the essentials; everything else empty.
    pub fn new(
        email: Email,
        role: Role,
        state: MemberState,
        timezone: &str,
        language: &str,
        now: DateTime<Utc>,
    ) -> Member {
        Member {
            id: MemberId::new(),
            email,
            first_name: String::new(),
            last_name: String::new(),
            phone: String::new(),
            role,
            state,
            department: None,
            position: String::new(),
            work_number: String::new(),
            location: String::new(),
            supervisor_id: None,
            contact: String::new(),
            slack_member_id: String::new(),
            email_signature: String::new(),
            meeting_url: String::new(),
            timezone: timezone.to_string(),
            language: language.to_string(),
            icon_color: String::new(),
            created_at: now,
            updated_at: now,
            external: None,
        }
    }

    /// The name as written, whoever reads it: given name first, or family
    /// name first for a name in Japanese or Chinese script; the email
    /// address when there is no name. Mails use the reader's order
    /// (`i18n::names`) instead.
    pub fn display_name(&self) -> String {
        let (first, last) = (self.first_name.trim(), self.last_name.trim());
        let name = if written_family_first(first, last) {
            format!("{last} {first}")
        } else {
            format!("{first} {last}")
        };
        let name = name.trim();
        if name.is_empty() {
            self.email.to_string()
        } else {
            name.to_string()
        }
    }

    /// Where the member stands in the directory: by family name, given
    /// name, then email, whatever the case of the letters.
    pub fn directory_key(&self) -> (String, String, Email) {
        (
            self.last_name.to_lowercase(),
            self.first_name.to_lowercase(),
            self.email.clone(),
        )
    }

    /// A member may sign in only while active.
    pub fn can_sign_in(&self) -> bool {
        self.state == MemberState::Active && self.external.is_none()
    }

    pub fn is_external(&self) -> bool {
        self.external.is_some()
    }
}

/// Whether a name is written family name first whatever the reader's
/// language: when either part is in Han, Hiragana or Katakana.
pub fn written_family_first(first: &str, last: &str) -> bool {
    in_cjk_script(first) || in_cjk_script(last)
}

fn in_cjk_script(text: &str) -> bool {
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
    fn email_normalizes_and_checks() {
        assert_eq!(
            Email::parse("  Ann@Example.ORG ").unwrap().as_str(),
            "ann@example.org"
        );
        assert_eq!(
            Email::parse("山田@例え.jp").unwrap().as_str(),
            "山田@例え.jp"
        );
        for bad in [
            "",
            "ann",
            "@x.org",
            "ann@",
            "ann@.org",
            "a b@x.org",
            "a@x..org",
            "<a>@x.org",
        ] {
            assert!(Email::parse(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn display_names_keep_the_written_order() {
        let mut m = Member::new(
            Email::parse("taro@example.org").unwrap(),
            Role::Member,
            MemberState::Active,
            "Asia/Tokyo",
            "en",
            Utc::now(),
        );
        assert_eq!(m.display_name(), "taro@example.org");
        (m.first_name, m.last_name) = ("太郎".into(), "山田".into());
        assert_eq!(m.display_name(), "山田 太郎");
        (m.first_name, m.last_name) = ("Taro".into(), "Yamada".into());
        assert_eq!(m.display_name(), "Taro Yamada");
        (m.first_name, m.last_name) = (" ".into(), "Yamada".into());
        assert_eq!(m.display_name(), "Yamada");
    }

    #[test]
    fn roles_are_ordered_highest_first() {
        assert!(Role::Owner > Role::Admin && Role::Admin > Role::Manager);
        assert!(Role::Manager > Role::Member && Role::Member > Role::Restricted);
        assert_eq!(Role::parse("manager"), Some(Role::Manager));
        assert!(Role::Admin.is_admin() && !Role::Manager.is_admin());
    }
}
