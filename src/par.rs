//! Order-preserving parallel map: rayon with the default `parallel` feature, a plain loop without it.
//! Results come back in input order, so output is identical with one thread or many.

/// Maps `f` over `items`, in parallel when the `parallel` feature is on.
#[cfg(feature = "parallel")]
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    items.par_iter().map(f).collect()
}

/// Maps `f` over `items`, in parallel when the `parallel` feature is on.
#[cfg(not(feature = "parallel"))]
pub(crate) fn map<T, R>(items: &[T], f: impl Fn(&T) -> R) -> Vec<R> {
    items.iter().map(f).collect()
}
