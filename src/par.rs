//! Order-preserving parallel map: rayon with the default `parallel` feature, a plain loop without it.
//! Results come back in input order, so output is identical with one thread or many.

/// Below this many items [`map`] runs on the calling thread: handing small work to the thread pool
/// costs more than it saves (the 28 -> 19 diff took about 1.5 times as long).
const SEQUENTIAL_BELOW: usize = 64;

/// Maps `f` over `items` (small units of work), in parallel when the `parallel` feature is on and
/// there are enough of them.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    if items.len() < SEQUENTIAL_BELOW {
        items.iter().map(f).collect()
    } else {
        map_chunks(items, f)
    }
}

/// [`map`] with scratch state: `init` makes one for each piece of work handed to a thread (once on
/// the calling thread when sequential), and `f` may reuse it from item to item. Results must not
/// depend on what an earlier item left in it.
pub(crate) fn map_init<T: Sync, S, R: Send>(
    items: &[T],
    init: impl Fn() -> S + Sync + Send,
    f: impl Fn(&mut S, &T) -> R + Sync + Send,
) -> Vec<R> {
    #[cfg(feature = "parallel")]
    if items.len() >= SEQUENTIAL_BELOW {
        use rayon::prelude::*;
        return items.par_iter().map_init(init, f).collect();
    }
    let mut state = init();
    items.iter().map(|item| f(&mut state, item)).collect()
}

/// Maps `f` over `items` that are each a sizeable piece of work (a chunk of units, a whole diff), in
/// parallel when the `parallel` feature is on and there are at least two.
#[cfg(feature = "parallel")]
pub(crate) fn map_chunks<T: Sync, R: Send>(
    items: &[T],
    f: impl Fn(&T) -> R + Sync + Send,
) -> Vec<R> {
    use rayon::prelude::*;
    if items.len() < 2 {
        return items.iter().map(f).collect();
    }
    items.par_iter().map(f).collect()
}

/// Maps `f` over `items`, in order (the `parallel` feature is off).
#[cfg(not(feature = "parallel"))]
pub(crate) fn map_chunks<T, R>(items: &[T], f: impl Fn(&T) -> R) -> Vec<R> {
    items.iter().map(f).collect()
}

/// Runs `a` and `b`, at once when the `parallel` feature is on (on the thread pool, which this also
/// starts), and returns both results.
pub(crate) fn join<A: Send, B: Send>(
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    #[cfg(feature = "parallel")]
    {
        rayon::join(a, b)
    }
    #[cfg(not(feature = "parallel"))]
    {
        (a(), b())
    }
}

/// Runs `f`, on a thread of the pool when the `parallel` feature is on and the work (`items` units)
/// is large enough for the hop to pay (a thousand or so; the hop costs tens of microseconds).
pub(crate) fn on_pool<R: Send>(items: usize, f: impl FnOnce() -> R + Send) -> R {
    #[cfg(feature = "parallel")]
    if items >= SEQUENTIAL_BELOW * 16 {
        return rayon::scope(|_| f());
    }
    let _ = items;
    f()
}

/// [`join`] when the work (`items` units) is large enough for it to pay, else `a` then `b` on the
/// calling thread.
pub(crate) fn join_when<A: Send, B: Send>(
    items: usize,
    a: impl FnOnce() -> A + Send,
    b: impl FnOnce() -> B + Send,
) -> (A, B) {
    if items >= SEQUENTIAL_BELOW * 16 {
        join(a, b)
    } else {
        (a(), b())
    }
}
