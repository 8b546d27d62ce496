//! Reading an `i128` that sits inside an internally tagged enum (`TypeKind`): serde buffers such
//! content and its buffer rejects `deserialize_i128`, so accept whatever integer the buffer holds.
//! Every value the model stores fits `i64` or `u64` (enum reprs and constants are at most 64-bit).

use serde::de::{self, Deserializer, Visitor};

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<i128, D::Error> {
    struct Wide;
    impl Visitor<'_> for Wide {
        type Value = i128;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("an integer")
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<i128, E> {
            Ok(i128::from(v))
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<i128, E> {
            Ok(i128::from(v))
        }
        fn visit_i128<E: de::Error>(self, v: i128) -> Result<i128, E> {
            Ok(v)
        }
        fn visit_u128<E: de::Error>(self, v: u128) -> Result<i128, E> {
            i128::try_from(v).map_err(|_| E::custom("integer out of range for i128"))
        }
    }
    d.deserialize_any(Wide)
}
