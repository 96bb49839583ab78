//! Shared test support: the labelled-pair generator and its corpora.
#![allow(dead_code)]
pub mod corpus_en;
pub mod corpus_uk;
pub mod pairs;
#[path = "../support/rng.rs"]
pub mod rng;
pub mod triples;
