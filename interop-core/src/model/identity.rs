//! The identity of an inventory: a hash that the bindings bake in at generation and compare, when they
//! load the library, with the hash the library computes of its own inventory (ADR 0017).
//!
//! The hash is FNV-1a (64 bits) of the inventory serialized as JSON by this crate. It detects
//! accidental mismatches (bindings generated for another build of the library); it is no security
//! measure, so a fast dependency-free hash suffices. Everything the bindings rely on is in the
//! inventory (every signature, every size, alignment and field offset, the target facts), so equal
//! hashes mean the library has the ABI the bindings were generated for.

use super::Inventory;

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// FNV-1a, 64 bits.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(FNV_OFFSET, |h, b| {
        (h ^ u64::from(*b)).wrapping_mul(FNV_PRIME)
    })
}

impl Inventory {
    /// The inventory's hash as 16 lowercase hex digits (what `interop_inventory_hash` returns).
    pub fn hash(&self) -> String {
        if let Some(hash) = &self.library_hash {
            return hash.clone();
        }
        // Serializing plain data to a String cannot fail (no maps with non-string keys, no I/O).
        let json = serde_json::to_string(self).unwrap_or_default();
        format!("{:016x}", fnv1a(json.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn the_hash_changes_with_the_inventory_and_survives_a_round_trip() {
        let a = Inventory::empty();
        let mut b = Inventory::empty();
        b.target.pointer_size += 1;
        assert_ne!(a.hash(), b.hash());
        assert_eq!(a.hash().len(), 16);
        let back: Inventory =
            serde_json::from_str(&serde_json::to_string(&a).expect("json")).expect("parse");
        assert_eq!(back.hash(), a.hash());
    }
}
