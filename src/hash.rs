//! The one content hash heptaglot uses (XXH3-64): stable across platforms and releases, so
//! ids and addresses derived from it never change under the reader's feet; and the hasher
//! of the maps on hot paths.

/// A hash map keyed by text on a hot path (search tokens). aHash is several times faster
/// than std's SipHash on short keys and, like it, randomly seeded, so that crafted notes
/// cannot make every token collide.
pub type FastMap<K, V> = std::collections::HashMap<K, V, ahash::RandomState>;

/// The XXH3-64 hash of `bytes`.
pub fn hash64(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}
