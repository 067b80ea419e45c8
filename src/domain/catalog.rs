//! The organization's structure: departments, positions, locations.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CatalogKind {
    Department,
    Position,
    Location,
}

impl CatalogKind {
    pub const ALL: [CatalogKind; 3] = [
        CatalogKind::Department,
        CatalogKind::Position,
        CatalogKind::Location,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CatalogKind::Department => "department",
            CatalogKind::Position => "position",
            CatalogKind::Location => "location",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            CatalogKind::Department => "departments",
            CatalogKind::Position => "positions",
            CatalogKind::Location => "locations",
        }
    }

    pub fn parse(s: &str) -> Option<CatalogKind> {
        Self::ALL
            .into_iter()
            .find(|k| k.as_str() == s || k.plural() == s)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogEntry {
    pub kind: CatalogKind,
    pub name: String,
    pub created_at: DateTime<Utc>,
}
