//! The one sort in the bundle. `slice::sort_by` is compiled again for every
//! element type and comparator (each copy a few kB of wasm); every list here
//! sorts through [`sort_by_key`], whose only sort is over item positions with
//! the comparison passed as `&dyn`, so it is compiled once.

use std::cmp::Ordering;

/// Sorts `items` by `key`, ascending; items with equal keys keep their order.
pub fn sort_by_key<T, K: Ord>(items: &mut Vec<T>, key: impl Fn(&T) -> K) {
    let keys: Vec<K> = items.iter().map(key).collect();
    let order = positions(keys.len(), &|a, b| keys[a].cmp(&keys[b]));
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// The positions `0..len` in the order `cmp` gives them (stable).
#[inline(never)]
pub fn positions(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    order.sort_by(|a, b| cmp(*a, *b));
    order
}

#[cfg(test)]
mod tests {
    #[test]
    fn sorts_by_the_key_and_keeps_equal_keys_in_order() {
        let mut items = vec![(3, "a"), (1, "b"), (3, "c"), (2, "d"), (1, "e")];
        super::sort_by_key(&mut items, |(n, _)| *n);
        assert_eq!(items, [(1, "b"), (1, "e"), (2, "d"), (3, "a"), (3, "c")]);
        let mut empty: Vec<u8> = Vec::new();
        super::sort_by_key(&mut empty, |n| *n);
        assert!(empty.is_empty());
    }
}
