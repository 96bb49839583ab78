//! Hash maps keyed by untrusted text (words, labels, ids, texts' hashes): foldhash with a random seed
//! per process, so that no draft can be written to make its keys collide and a look-up quadratic
//! (FxHash, unkeyed, would allow it). Nothing the crate outputs depends on a map's iteration order,
//! so output stays byte-identical from run to run (the determinism tests check it).

use std::hash::BuildHasher;
use std::sync::OnceLock;

/// A `HashMap` with a randomly seeded foldhash.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;

/// A `HashSet` with a randomly seeded foldhash.
pub(crate) type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;

/// A hash of bytes with one random seed for the whole process: equal bytes hash equal wherever they
/// are hashed (as exact matching needs), and a draft cannot know the seed.
pub(crate) fn hash_bytes(bytes: &[u8]) -> u64 {
    static STATE: OnceLock<foldhash::fast::RandomState> = OnceLock::new();
    STATE.get_or_init(Default::default).hash_one(bytes)
}
