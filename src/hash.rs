//! The one content hash heptaglot uses (XXH3-64): stable across platforms and releases, so
//! ids and addresses derived from it never change under the reader's feet.

/// The XXH3-64 hash of `bytes`.
pub fn hash64(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}
