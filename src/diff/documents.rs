//! A plan spread over several documents: the old draft and the new one each with companion documents
//! (a framework agreement negotiated in parallel, a separate track). Each side's documents are read
//! as one draft, the companions' points labelled `<document>/<label>`, and diffed as any two drafts
//! are: a point that continues in a companion is a correspondence like any other.

use std::ops::Range;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Result};
use crate::hash::{HashMap, HashSet};
use crate::model::{Deferred, Draft, Point};
use crate::tokens;

/// A companion document: its id (the `id:` of its front matter, or its file name without extension;
/// the command's choice) and its draft.
#[derive(Debug, Clone, Copy)]
pub struct Document<'a> {
    /// The id its points are qualified with (`security-guarantees-framework/3`).
    pub id: &'a str,
    /// The draft.
    pub draft: &'a Draft,
}

/// One document's share of a side of a diff of several documents: which body points and deferred
/// items of the combined draft are its.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct DocumentSpan {
    /// The document's id; empty for the main draft, whose labels are not qualified.
    pub id: String,
    /// Its title.
    pub title: Option<String>,
    /// Its body points: indices into the combined draft's points.
    pub points: Range<usize>,
    /// Its deferred items: indices into the combined draft's deferred list.
    pub deferred: Range<usize>,
}

/// A deferred item of the new draft set aside for a forum that is one of its companion documents,
/// and the companion's point that takes it up (the one whose words it shares most, at least half of
/// the item's content words).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TakenUp {
    /// The deferred item, as the diff names it (`D1`, `D2`, ...).
    pub item: String,
    /// Its text.
    pub text: String,
    /// Its forum as written.
    pub forum: String,
    /// The companion document the forum names.
    pub document: String,
    /// The companion's point that takes it up, qualified (`security-guarantees-framework/3`);
    /// `None` when none shares enough of its words.
    pub point: Option<String>,
}

impl std::fmt::Display for TakenUp {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.point {
            Some(p) => write!(
                f,
                "{} \"{}\" (set aside for {}) is taken up in {p}",
                self.item, self.text, self.forum
            ),
            None => write!(
                f,
                "{} \"{}\" is set aside for the companion {}, which has no point like it",
                self.item, self.text, self.document
            ),
        }
    }
}

/// The longest id a companion document may have (in characters): it qualifies every label of the
/// document, so a long one would multiply the output.
pub const MAX_DOCUMENT_ID: usize = 64;

/// A companion document's id as the command gives it: the `id:` of its front matter, else `stem`
/// (its file name without extension), trimmed, with white space and `/` as dashes so that it can
/// qualify labels. Check it with [`check_document_id`].
pub fn document_id(stem: Option<&str>, draft: &Draft) -> String {
    let raw = draft
        .meta
        .get("id")
        .map(String::as_str)
        .or(stem)
        .unwrap_or("document");
    raw.trim()
        .chars()
        .map(|c| {
            if c.is_whitespace() || c == '/' {
                '-'
            } else {
                c
            }
        })
        .collect()
}

/// Refuses an id that cannot qualify labels: empty, with `/`, white space, control or invisible
/// characters (which would make labels look alike) in it, or longer than [`MAX_DOCUMENT_ID`] characters.
pub fn check_document_id(id: &str) -> Result<()> {
    if id.is_empty()
        || id.contains('/')
        || id.contains(|c: char| {
            c.is_whitespace() || c.is_control() || crate::model::is_invisible(c)
        })
        || id.chars().count() > MAX_DOCUMENT_ID
    {
        // Quoted in the message at most at its limit (an id of megabytes must not fill the screen).
        let mut shown: String = id.chars().take(MAX_DOCUMENT_ID).collect();
        if shown.len() < id.len() {
            shown.push('…');
        }
        return Err(Error::new(ErrorKind::BadDocumentId { id: shown }));
    }
    Ok(())
}

/// The main draft and its companions as one draft: the companions' points after the main draft's,
/// labelled `<id>/<label>`, their deferred items after its own; with each document's span. The
/// combined draft has the main draft's title, version, label and date.
///
/// Ids must pass [`check_document_id`] and be distinct.
pub fn combine(main: &Draft, also: &[Document<'_>]) -> Result<(Draft, Vec<DocumentSpan>)> {
    let mut out = main.clone();
    let mut spans = vec![DocumentSpan {
        id: String::new(),
        title: main.title.clone(),
        points: 0..main.points.len(),
        deferred: 0..main.deferred.len(),
    }];
    let mut seen: crate::hash::HashSet<&str> = crate::hash::HashSet::default();
    for doc in also {
        check_document_id(doc.id)?;
        if !seen.insert(doc.id) {
            return Err(Error::new(ErrorKind::DuplicateDocument {
                id: doc.id.to_string(),
            }));
        }
        let (p0, d0) = (out.points.len(), out.deferred.len());
        for p in &doc.draft.points {
            let mut q: Point = p.clone();
            q.label = format!("{}/{}", doc.id, p.label);
            out.points.push(q);
        }
        // A companion's deferred items are qualified too: a labelled one by its label, the others
        // as `D1`, `D2`, ... are named in a draft of their own (the first free name).
        let own_names = crate::diff::deferred_names(doc.draft);
        for (d, name) in doc.draft.deferred.iter().zip(own_names) {
            let mut q: Deferred = d.clone();
            q.label = Some(format!("{}/{name}", doc.id));
            out.deferred.push(q);
        }
        spans.push(DocumentSpan {
            id: doc.id.to_string(),
            title: doc.draft.title.clone(),
            points: p0..out.points.len(),
            deferred: d0..out.deferred.len(),
        });
    }
    // A qualified label may not meet a main label written the same (`framework/1` in both).
    let mut labels: crate::hash::HashSet<&str> = crate::hash::HashSet::default();
    let all = out
        .points
        .iter()
        .map(|p| p.label.as_str())
        .chain(out.deferred.iter().filter_map(|d| d.label.as_deref()));
    for label in all {
        if !labels.insert(label) {
            return Err(Error::new(ErrorKind::DuplicateLabel {
                label: label.to_string(),
                first_line: None,
            }));
        }
    }
    Ok((out, spans))
}

/// The most points of a companion looked at for one deferred item (the earliest that share its
/// rarest stems).
const MAX_TAKEN_UP_CANDIDATES: usize = 1024;

/// A companion's points as sets of stems (case folded, no stop words), and for each stem the points
/// that have it: built once per companion that an item names.
struct Stems {
    sets: Vec<HashSet<String>>,
    postings: HashMap<String, Vec<usize>>,
}

impl Stems {
    fn of(points: &[Point]) -> Stems {
        let sets: Vec<HashSet<String>> = points
            .iter()
            .map(|p| tokens::content_stems(&p.text).into_iter().collect())
            .collect();
        let mut postings: HashMap<String, Vec<usize>> = HashMap::default();
        for (k, set) in sets.iter().enumerate() {
            for w in set {
                postings.entry(w.clone()).or_default().push(k);
            }
        }
        Stems { sets, postings }
    }

    /// The point that holds the largest share of `item`'s stems (at least half; ties to the
    /// earlier), as an index among the companion's points. Only points that have one of the item's
    /// rarest stems are looked at: a point that has none of stems making up more than half of the
    /// item cannot hold half of it. So an item and a companion of many points cost their common
    /// stems, not every pair.
    fn taking_up(&self, item: &str) -> Option<usize> {
        let stems = tokens::content_stems(item);
        if stems.is_empty() {
            return None;
        }
        let mut counts: HashMap<&str, usize> = HashMap::default();
        for w in &stems {
            *counts.entry(w.as_str()).or_insert(0) += 1;
        }
        let mut distinct: Vec<(&str, usize)> = counts.into_iter().collect();
        let rarity = |w: &str| self.postings.get(w).map_or(0, Vec::len);
        distinct.sort_by(|a, b| rarity(a.0).cmp(&rarity(b.0)).then(a.0.cmp(b.0)));
        let total = stems.len();
        let mut prefix = 0;
        let mut candidates: Vec<usize> = Vec::new();
        for &(w, n) in &distinct {
            if 2 * prefix > total {
                break;
            }
            prefix += n;
            // Postings are in point order: the first of their union are among each one's first.
            candidates.extend(
                self.postings
                    .get(w)
                    .into_iter()
                    .flatten()
                    .take(MAX_TAKEN_UP_CANDIDATES)
                    .copied(),
            );
        }
        candidates.sort_unstable();
        candidates.dedup();
        // Points that all share the item's words (a companion of near-copies) would make every item
        // cost every point: the first `MAX_TAKEN_UP_CANDIDATES` of them, in order, are looked at.
        candidates.truncate(MAX_TAKEN_UP_CANDIDATES);
        let mut best: Option<(usize, usize)> = None;
        for k in candidates {
            let found: usize = distinct
                .iter()
                .filter(|(w, _)| self.sets[k].contains(*w))
                .map(|&(_, n)| n)
                .sum();
            if 2 * found >= total && best.is_none_or(|(b, _)| found > b) {
                best = Some((found, k));
            }
        }
        best.map(|(_, k)| k)
    }
}

/// Items set aside for a companion of the new side, and the companion's points that take them up.
pub(crate) fn taken_up(new: &Draft, spans: &[DocumentSpan], names_of: &[String]) -> Vec<TakenUp> {
    let Some(main) = spans.first() else {
        return Vec::new();
    };
    // A forum names a companion by its id (dashes and underscores as spaces:
    // `security-guarantees-framework` and `security-guarantees framework`) or its title, compared as
    // forums are ([`tokens::same_forum`]). The companions by the keys of their names, looked up instead of
    // compared with each forum: many forums and many companions cost their sum. A key named by
    // several companions names the first.
    let spaced = |s: &str| s.replace(['-', '_'], " ");
    let mut by_id: HashMap<Vec<String>, usize> = HashMap::default();
    let mut by_title: HashMap<Vec<String>, usize> = HashMap::default();
    for (d, span) in spans.iter().enumerate().skip(1) {
        by_id
            .entry(tokens::forum_key(&spaced(&span.id)))
            .or_insert(d);
        if let Some(t) = span.title.as_deref() {
            by_title.entry(tokens::forum_key(t)).or_insert(d);
        }
    }
    let named = |forum: &str| -> Option<usize> {
        let found = [
            by_id.get(&tokens::forum_key(&spaced(forum))).copied(),
            by_title.get(&tokens::forum_key(forum)).copied(),
        ];
        found.into_iter().flatten().min()
    };
    // Per forum, the companion it names; per companion, its stems; per (companion, item text), the
    // point that takes it up: each found once however many items repeat them.
    let mut doc_of: HashMap<&str, Option<usize>> = HashMap::default();
    let mut stems: HashMap<usize, Stems> = HashMap::default();
    let mut found: HashMap<(usize, &str), Option<usize>> = HashMap::default();
    let mut out = Vec::new();
    for k in main.deferred.clone() {
        let item = &new.deferred[k];
        let Some(forum) = item.forum.as_deref() else {
            continue;
        };
        let doc = *doc_of.entry(forum).or_insert_with(|| named(forum));
        let Some(d) = doc else {
            continue;
        };
        let span = &spans[d];
        let best = *found.entry((d, item.text.as_str())).or_insert_with(|| {
            let st = stems
                .entry(d)
                .or_insert_with(|| Stems::of(&new.points[span.points.clone()]));
            st.taking_up(&item.text).map(|j| span.points.start + j)
        });
        out.push(TakenUp {
            item: names_of.get(k).cloned().unwrap_or_default(),
            text: item.text.clone(),
            forum: forum.to_string(),
            document: span.id.clone(),
            point: best.map(|j| new.points[j].label.clone()),
        });
    }
    out
}
