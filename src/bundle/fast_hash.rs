//! A fast, non-cryptographic hasher for the indexes built at load.
//!
//! The standard library's SipHash resists hash flooding, which a page indexing a bundle it
//! fetched itself does not need; on a 2,000-tool bundle it was a large share of the load time.
//! This is the multiply-rotate hash used by rustc ("FxHash").

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hash map keyed with [`FxHasher`].
pub type FxHashMap<K, V> = HashMap<K, V, BuildHasherDefault<FxHasher>>;

const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;

/// rustc's Fx hash: eight bytes at a time, rotate, xor, multiply.
#[derive(Default, Clone, Copy)]
pub struct FxHasher {
    hash: u64,
}

impl FxHasher {
    #[inline]
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FxHasher {
    #[inline]
    fn write(&mut self, mut bytes: &[u8]) {
        while let Some((chunk, rest)) = bytes.split_first_chunk::<8>() {
            self.add(u64::from_le_bytes(*chunk));
            bytes = rest;
        }
        if let Some((chunk, rest)) = bytes.split_first_chunk::<4>() {
            self.add(u32::from_le_bytes(*chunk).into());
            bytes = rest;
        }
        for &b in bytes {
            self.add(b.into());
        }
    }

    #[inline]
    fn write_u8(&mut self, i: u8) {
        self.add(i.into());
    }

    #[inline]
    fn write_u32(&mut self, i: u32) {
        self.add(i.into());
    }

    #[inline]
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    #[inline]
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    #[inline]
    fn finish(&self) -> u64 {
        self.hash
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_maps_work() {
        let mut map: FxHashMap<&str, usize> = FxHashMap::default();
        for (i, key) in ["a", "ab", "abcdefgh", "abcdefghi", "é", ""].into_iter().enumerate() {
            map.insert(key, i);
        }
        assert_eq!(map.len(), 6);
        assert_eq!(map.get("abcdefghi"), Some(&3));
        assert_eq!(map.get(""), Some(&5));
        assert_eq!(map.get("abcdefgh "), None);
    }

    #[test]
    fn different_lengths_differ() {
        let hash = |s: &str| {
            let mut h = FxHasher::default();
            std::hash::Hash::hash(s, &mut h);
            h.finish()
        };
        // str hashing appends a terminator, so a prefix never collides by construction.
        assert_ne!(hash("ab"), hash("ab\0"));
        assert_ne!(hash("tool-1"), hash("tool-2"));
    }
}
