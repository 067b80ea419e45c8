//! PATCH fields that can be cleared: absent leaves the field as it is
//! (`None`), `null` clears it (`Some(None)`), a value sets it. Serde alone
//! reads both absent and `null` as `None`.

use serde::{Deserialize, Deserializer};

/// Use as `#[serde(default, deserialize_with = "patch::present")]`.
pub fn present<'de, D, T>(d: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(d).map(Some)
}
