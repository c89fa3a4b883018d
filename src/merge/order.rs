//! Two orders of the same items made into one: ours' order is the skeleton, and what theirs
//! placed goes after the item before it in theirs' order, past the items only ours added
//! there. Used for the stages of a map and for the cards of each lane.

use std::collections::HashMap;
use std::hash::Hash;

/// Who decides where an item of theirs' order goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Placed {
    /// Ours: the item is in the skeleton, and marks a place for theirs' items after it.
    ByOurs,
    /// Theirs: the item goes where theirs put it.
    ByTheirs,
    /// Not here: deleted, or placed in another list.
    Gone,
}

/// The merged order. `ours_new` tells the items only ours added; `same(theirs, ours)` tells
/// an item theirs added that is one ours added too (at the same place), so it appears once.
/// Every item theirs placed is in the result: after its neighbour when ours has it, at the
/// end otherwise.
pub(super) fn interleave<K: Copy + Eq + Hash>(
    skeleton: &[K],
    theirs: &[(K, Placed)],
    ours_new: impl Fn(K) -> bool,
    same: impl Fn(K, K) -> bool,
) -> Vec<K> {
    let mut groups: HashMap<Option<K>, Vec<K>> = HashMap::new();
    let mut after = None;
    for &(k, placed) in theirs {
        match placed {
            Placed::ByOurs => after = Some(k),
            Placed::ByTheirs => groups.entry(after).or_default().push(k),
            Placed::Gone => {}
        }
    }
    let mut out = Vec::with_capacity(skeleton.len() + theirs.len());
    let mut pending = groups.remove(&None);
    let mut run_start = 0;
    for &k in skeleton {
        // An item ours added is a neighbour for theirs' items only when theirs has it too
        // (a stage both sides added under one name).
        let anchor = groups.get(&Some(k));
        if !ours_new(k) || anchor.is_some() {
            place(&mut out, pending.take().as_ref(), run_start, &same);
            out.push(k);
            pending = groups.remove(&Some(k));
            run_start = out.len();
        } else {
            out.push(k);
        }
    }
    place(&mut out, pending.as_ref(), run_start, &same);
    // Theirs' items after a neighbour that is not in ours' order: at the end, in theirs'
    // order, rather than lost.
    let run_start = out.len();
    for &(k, placed) in theirs {
        if placed == Placed::ByOurs
            && let Some(group) = groups.remove(&Some(k))
        {
            place(&mut out, Some(&group), run_start, &same);
        }
    }
    out
}

/// Appends theirs' `group` after the run of ours' new items `out[run_start..]`, leaving out
/// each item that is, in order, one of that run.
fn place<K: Copy>(
    out: &mut Vec<K>,
    group: Option<&Vec<K>>,
    run_start: usize,
    same: &impl Fn(K, K) -> bool,
) {
    let Some(group) = group else { return };
    let run_end = out.len();
    let mut next = run_start;
    for &k in group {
        if let Some(j) = (next..run_end).find(|&j| same(k, out[j])) {
            next = j + 1;
        } else {
            out.push(k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(skeleton: &[&'static str], theirs: &[(&'static str, Placed)]) -> Vec<&'static str> {
        interleave(
            skeleton,
            theirs,
            |k| k.starts_with('o'),
            |t, o| t[1..] == o[1..],
        )
    }

    #[test]
    fn theirs_goes_after_its_neighbour_and_after_ours() {
        use Placed::*;
        // Base a b; ours added o1 after a; theirs added t2 after a and t3 at the start.
        let got = run(
            &["a", "o1", "b"],
            &[
                ("t3", ByTheirs),
                ("a", ByOurs),
                ("t2", ByTheirs),
                ("b", ByOurs),
            ],
        );
        assert_eq!(got, ["t3", "a", "o1", "t2", "b"]);
        // The same card added on both sides appears once.
        let got = run(
            &["a", "o1", "b"],
            &[("a", ByOurs), ("t1", ByTheirs), ("b", ByOurs)],
        );
        assert_eq!(got, ["a", "o1", "b"]);
    }

    #[test]
    fn theirs_after_an_item_both_added_is_kept() {
        use Placed::*;
        // Both added o1 (theirs knows it as o1 too); theirs added t2 after it.
        let got = run(
            &["a", "o1"],
            &[("a", ByOurs), ("o1", ByOurs), ("t2", ByTheirs)],
        );
        assert_eq!(got, ["a", "o1", "t2"]);
        // After a neighbour ours does not have: at the end.
        let got = run(&["a"], &[("x", ByOurs), ("t2", ByTheirs)]);
        assert_eq!(got, ["a", "t2"]);
    }
}
