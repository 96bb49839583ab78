//! A plan's history: its drafts in version order, each point's lineage through them, the semver bump
//! each revision implies, and the negotiation status of the points.
//!
//! # Semver for drafts
//!
//! A diff implies a bump ([`implied_bump`]):
//!
//! | bump | when the diff has |
//! |---|---|
//! | major | any point removed, merged, split or deferred, or any deferred item dropped from the deferred list, merged or split: the structure of what is negotiated changed |
//! | minor | otherwise, any point added or reinstated, or any item newly set aside (with no old counterpart) |
//! | patch | otherwise, any point or deferred item reworded, a point moved, a status or a party's position changed, or a deferred item moved to another forum |
//! | none | nothing changed |
//!
//! The deferred list's items count as points do. An item dropped from the list and not reinstated
//! is a matter that left the negotiation altogether, as a removed point is: major. An item newly set
//! aside is a new matter on the table somewhere: minor, as an added point. A reworded item, or one
//! handed to another forum, is the same matter in other words or another room: patch.
//!
//! The declared bump is read off the two versions ([`declared_bump`]): a larger major number is a
//! major bump, else a larger minor a minor bump, else a larger patch a patch bump. [`History::check`]
//! reports every revision whose declared bump is smaller than the implied one; a larger bump than
//! needed is fine. Versions below 1.0.0 follow the same rule (no special case for `0.x`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use semver::{Version, VersionReq};
use serde::Serialize;

use crate::diff::{ChangeKind, PlanDiff, PointRef, Scope, deferred_names, diff};
use crate::error::{Error, ErrorKind, Result};
use crate::format::{self, Format};
use crate::model::{Draft, Status};

/// One draft of a history, with the file it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The file, when the draft was loaded from one.
    pub path: Option<PathBuf>,
    /// The draft; its version is set.
    pub draft: Draft,
}

impl Entry {
    /// The draft's version (always present in a history).
    pub fn version(&self) -> &Version {
        // `History` admits only versioned drafts.
        self.draft.version.as_ref().unwrap_or(&ZERO)
    }

    fn name(&self) -> String {
        match &self.path {
            Some(p) => p.display().to_string(),
            None => self.draft.name(),
        }
    }
}

static ZERO: Version = Version::new(0, 0, 0);

/// The drafts of one plan, ordered by version.
///
/// ```
/// use peaceplan::history::{Bump, History};
/// let h = History::load_dir("examples/data/plan")?;
/// assert_eq!(h.entries().len(), 3);
/// let steps = h.steps();
/// assert_eq!(steps[0].implied, Bump::Major);
/// assert!(h.check().iter().all(|f| f.ok()));
/// # Ok::<(), peaceplan::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct History {
    entries: Vec<Entry>,
    skipped: Vec<Skipped>,
    warnings: Vec<format::Warning>,
}

/// A file of a history directory that [`History::load_dir`] left out, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    /// The file.
    pub path: PathBuf,
    /// Why it is not one of the history's drafts.
    pub reason: SkipReason,
}

/// Why a file of a history directory is not one of its drafts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum SkipReason {
    /// Its name starts with a dot (`.draft.md.swp`, macOS's `._draft.md`).
    Hidden,
    /// A symbolic link to a file outside the directory (or one that cannot be resolved).
    LinkOutside,
    /// It reads as a draft but has no version (a README, notes): every draft of a history has one.
    NoVersion,
    /// Named like a draft but not a regular file: a directory, a device, a pipe, or a link that
    /// leads nowhere.
    NotAFile,
}

impl History {
    /// Loads every draft file (`.md`, `.markdown`, `.txt`, `.json`, `.toml`) directly in `dir`.
    /// No two drafts may share a version; errors name the files. Files that are not drafts of the
    /// history are left out and listed in [`History::skipped`]: hidden files, links to files outside
    /// `dir` (a history never reads beyond its directory), and files without a version (a
    /// README beside the drafts).
    ///
    /// ```no_run
    /// use peaceplan::history::History;
    /// let h = History::load_dir("examples/data/plan")?;
    /// peaceplan::render::write_log_text(&h.log(), std::io::stdout().lock())?;
    /// for finding in h.check() {
    ///     println!("{finding}"); // "1.0.0 -> 2.0.0 is a major bump; major required, as ..."
    /// }
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<History> {
        History::load_dir_with_limit(dir, format::DEFAULT_MAX_BYTES)
    }

    /// Like [`History::load_dir`], refusing draft files larger than `max_bytes`.
    pub fn load_dir_with_limit(dir: impl AsRef<Path>, max_bytes: u64) -> Result<History> {
        let dir = dir.as_ref();
        let read =
            std::fs::read_dir(dir).map_err(|e| Error::new(ErrorKind::Io(e)).with_path(dir))?;
        let io = |e| Error::new(ErrorKind::Io(e)).with_path(dir);
        let mut paths: Vec<PathBuf> = Vec::new();
        let mut skipped = Vec::new();
        let mut real_dir = None;
        for entry in read {
            let entry = entry.map_err(io)?;
            let path = entry.path();
            if Format::from_path(&path).is_err() {
                continue;
            }
            let reason = if !path.is_file() {
                // A directory, a device, a pipe, or a link that leads nowhere (or in a circle),
                // named like a draft.
                Some(SkipReason::NotAFile)
            } else if entry.file_name().to_string_lossy().starts_with('.') {
                Some(SkipReason::Hidden)
            } else if entry.file_type().map_err(io)?.is_symlink() {
                if real_dir.is_none() {
                    real_dir = Some(dir.canonicalize().map_err(io)?);
                }
                let inside = match (path.canonicalize(), &real_dir) {
                    (Ok(target), Some(real)) => target.parent() == Some(real.as_path()),
                    _ => false,
                };
                (!inside).then_some(SkipReason::LinkOutside)
            } else {
                None
            };
            match reason {
                Some(reason) => skipped.push(Skipped { path, reason }),
                None => paths.push(path),
            }
        }
        paths.sort();
        let mut entries = Vec::with_capacity(paths.len());
        let mut warnings = Vec::new();
        for path in paths {
            let read = format::load_with_warnings(&path, Format::from_path(&path)?, max_bytes)?;
            let draft = read.draft;
            if draft.version.is_none() {
                skipped.push(Skipped {
                    path,
                    reason: SkipReason::NoVersion,
                });
                continue;
            }
            warnings.extend(read.warnings);
            entries.push(Entry {
                path: Some(path),
                draft,
            });
        }
        if entries.is_empty() {
            return Err(Error::new(ErrorKind::EmptyHistory).with_path(dir));
        }
        skipped.sort_by(|a, b| a.path.cmp(&b.path));
        let mut h = History::from_entries(entries)?;
        h.skipped = skipped;
        h.warnings = warnings;
        Ok(h)
    }

    /// A history of drafts held in memory.
    pub fn from_drafts(drafts: impl IntoIterator<Item = Draft>) -> Result<History> {
        History::from_entries(
            drafts
                .into_iter()
                .map(|draft| Entry { path: None, draft })
                .collect(),
        )
    }

    /// A history of entries; checks that every draft has a version and that versions are distinct.
    pub fn from_entries(mut entries: Vec<Entry>) -> Result<History> {
        for e in &entries {
            if e.draft.version.is_none() {
                let err = Error::new(ErrorKind::MissingVersion);
                return Err(match &e.path {
                    Some(p) => err.with_path(p),
                    None => err,
                });
            }
        }
        entries.sort_by(|a, b| a.version().cmp(b.version()));
        for w in entries.windows(2) {
            if w[0].version() == w[1].version() {
                let err = Error::new(ErrorKind::DuplicateVersion {
                    version: w[1].version().to_string(),
                    other: w[0].name(),
                });
                return Err(match &w[1].path {
                    Some(p) => err.with_path(p),
                    None => err,
                });
            }
        }
        if entries.is_empty() {
            return Err(Error::new(ErrorKind::EmptyHistory));
        }
        Ok(History {
            entries,
            skipped: Vec::new(),
            warnings: Vec::new(),
        })
    }

    /// The files of the directory that [`History::load_dir`] left out, and why, in path order
    /// (empty for a history built in memory).
    pub fn skipped(&self) -> &[Skipped] {
        &self.skipped
    }

    /// What the readers of the directory's drafts repaired or doubt (see
    /// [`format::load_with_warnings`]), file by file in path order (empty for a history built in
    /// memory).
    pub fn warnings(&self) -> &[format::Warning] {
        &self.warnings
    }

    /// The drafts in version order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The draft with exactly this version.
    pub fn get(&self, version: &Version) -> Option<&Draft> {
        self.position(version).map(|i| &self.entries[i].draft)
    }

    /// The newest draft whose version matches a requirement such as `>=2.0`.
    pub fn matching(&self, req: &VersionReq) -> Option<&Draft> {
        self.entries
            .iter()
            .rev()
            .find(|e| req.matches(e.version()))
            .map(|e| &e.draft)
    }

    /// Finds a version from a string: an exact version (`2.0.0`) or a requirement (`>=2.0`, `^1`),
    /// which selects the newest matching draft.
    pub fn resolve(&self, spec: &str) -> Result<Version> {
        let spec = spec.trim().strip_prefix('v').unwrap_or(spec.trim());
        // A bare version is exact: `2.0` and `2` mean 2.0.0 (a range needs an operator: `^2.0`).
        let bare = spec.starts_with(|c: char| c.is_ascii_digit())
            && !spec.contains(['<', '>', '=', '~', '^', '*', ',', ' ', 'x', 'X']);
        let padded;
        let spec = match spec.matches('.').count() {
            0 if bare => {
                padded = format!("{spec}.0.0");
                &padded
            }
            1 if bare => {
                padded = format!("{spec}.0");
                &padded
            }
            _ => spec,
        };
        if let Ok(v) = Version::parse(spec) {
            return match self.position(&v) {
                Some(_) => Ok(v),
                None => Err(Error::new(ErrorKind::UnknownVersion(v.to_string()))),
            };
        }
        let req = VersionReq::parse(spec).map_err(|e| {
            Error::new(ErrorKind::BadVersionArgument {
                value: spec.to_string(),
                source: e,
            })
        })?;
        self.matching(&req)
            .and_then(|d| d.version.clone())
            .ok_or_else(|| Error::new(ErrorKind::UnknownVersion(spec.to_string())))
    }

    fn position(&self, version: &Version) -> Option<usize> {
        self.entries.iter().position(|e| e.version() == version)
    }

    /// The diff between two versions of the history (in either order).
    pub fn diff(&self, from: &Version, to: &Version) -> Result<PlanDiff> {
        let a = self
            .get(from)
            .ok_or_else(|| Error::new(ErrorKind::UnknownVersion(from.to_string())))?;
        let b = self
            .get(to)
            .ok_or_else(|| Error::new(ErrorKind::UnknownVersion(to.to_string())))?;
        Ok(diff(a, b))
    }

    /// Each consecutive revision with its diff and bumps.
    pub fn steps(&self) -> Vec<Step> {
        self.steps_with(|_, _| {})
    }

    /// [`History::steps`], calling `progress(done, total)` as each diff completes (from any thread
    /// with the `parallel` feature; `done` counts up to `total`), for a progress bar. The steps come
    /// back in order whatever the order of completion.
    ///
    /// ```
    /// # use peaceplan::{Draft, Point, history::History};
    /// # let draft = |v: &str, text: &str| Draft {
    /// #     version: Some(v.parse().unwrap()),
    /// #     points: vec![Point::new("1", text)],
    /// #     ..Draft::default()
    /// # };
    /// let h = History::from_drafts(vec![draft("1.0.0", "A ceasefire."), draft("1.1.0", "A full ceasefire.")])?;
    /// let done = std::sync::atomic::AtomicUsize::new(0);
    /// let steps = h.steps_with(|_, _| {
    ///     done.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    /// });
    /// assert_eq!((steps.len(), done.into_inner()), (1, 1));
    /// # Ok::<(), peaceplan::Error>(())
    /// ```
    pub fn steps_with(&self, progress: impl Fn(usize, usize) + Sync + Send) -> Vec<Step> {
        self.map_steps_with(|step| step, progress)
    }

    /// Each revision's [`Step`] handed to `f` as soon as its diff is done, keeping only what `f`
    /// returns: a long history is summarised without holding every diff at once (the memory of
    /// [`History::steps`] grows with the whole history; this, with the diffs being made at a time).
    /// `progress` as in [`History::steps_with`]; the results come back in order.
    ///
    /// ```
    /// use peaceplan::history::History;
    /// let h = History::load_dir("examples/data/plan")?;
    /// let summaries = h.map_steps_with(|s| s.diff.summary().to_string(), |_, _| {});
    /// assert!(summaries[0].starts_with("28 -> 19 points"));
    /// # Ok::<(), peaceplan::Error>(())
    /// ```
    pub fn map_steps_with<T: Send>(
        &self,
        f: impl Fn(Step) -> T + Sync + Send,
        progress: impl Fn(usize, usize) + Sync + Send,
    ) -> Vec<T> {
        let pairs: Vec<usize> = (1..self.entries.len()).collect();
        let total = pairs.len();
        let done = std::sync::atomic::AtomicUsize::new(0);
        crate::par::map_chunks(&pairs, |&i| {
            let (a, b) = (&self.entries[i - 1], &self.entries[i]);
            let d = diff(&a.draft, &b.draft);
            let n = done.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            progress(n, total);
            f(Step {
                from: a.version().clone(),
                to: b.version().clone(),
                implied: implied_bump(&d),
                declared: declared_bump(a.version(), b.version()),
                diff: d,
            })
        })
    }

    /// The rows of `peaceplan log`, oldest first: each version with the bumps and the summary of its
    /// diff from the previous one (print them with [`crate::render::write_log_text`]).
    pub fn log(&self) -> Vec<LogRow> {
        self.log_rows_with(|_, _| {})
    }

    /// The rows of `peaceplan log` ([`log_rows`]), each diff dropped as soon as its row is made;
    /// `progress` as in [`History::steps_with`].
    pub fn log_rows_with(&self, progress: impl Fn(usize, usize) + Sync + Send) -> Vec<LogRow> {
        let mut steps = self
            .map_steps_with(|s| (s.implied, s.declared, s.diff.summary()), progress)
            .into_iter();
        self.entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                let step = if i == 0 { None } else { steps.next() };
                LogRow {
                    version: e.version().clone(),
                    date: e.draft.date.clone(),
                    label: e.draft.label.clone(),
                    points: e.draft.points.len(),
                    bump: step.as_ref().map(|s| s.0),
                    declared: step.as_ref().map(|s| s.1),
                    summary: step.map(|s| s.2),
                }
            })
            .collect()
    }

    /// Compares each revision's declared bump with the bump its diff implies.
    pub fn check(&self) -> Vec<Finding> {
        self.check_with(|_, _| {})
    }

    /// [`History::check`] with a progress callback, as in [`History::steps_with`].
    pub fn check_with(&self, progress: impl Fn(usize, usize) + Sync + Send) -> Vec<Finding> {
        self.map_steps_with(
            |s| Finding {
                reasons: bump_reasons(&s.diff, s.implied),
                from: s.from,
                to: s.to,
                declared: s.declared,
                required: s.implied,
            },
            progress,
        )
    }

    /// Follows a point (or deferred item, named as [`deferred_names`] says) of version `at` through the later
    /// drafts ([`Direction::Forward`]) or back through the earlier ones ([`Direction::Backward`]),
    /// through merges, splits, deferrals and reinstatements.
    pub fn trace(&self, label: &str, at: &Version, direction: Direction) -> Result<Trace> {
        self.trace_with(label, at, direction, |_, _| {})
    }

    /// [`History::trace`], calling `progress(done, total)` after each diff; `total` is the number of
    /// revisions the trace may cross (it stops early when the point's line ends).
    pub fn trace_with(
        &self,
        label: &str,
        at: &Version,
        direction: Direction,
        progress: impl Fn(usize, usize),
    ) -> Result<Trace> {
        let start = self
            .position(at)
            .ok_or_else(|| Error::new(ErrorKind::UnknownVersion(at.to_string())))?;
        let draft = &self.entries[start].draft;
        let known = draft.points.iter().any(|p| p.label == label)
            || deferred_names(draft).iter().any(|n| n == label);
        if !known {
            return Err(Error::new(ErrorKind::UnknownLabel {
                label: label.to_string(),
                version: at.to_string(),
            }));
        }
        let mut tracked: Vec<String> = vec![label.to_string()];
        let mut steps = Vec::new();
        let pairs: Vec<(usize, usize)> = match direction {
            Direction::Forward => (start..self.entries.len().saturating_sub(1))
                .map(|i| (i, i + 1))
                .collect(),
            Direction::Backward => (1..=start).rev().map(|i| (i - 1, i)).collect(),
        };
        let total = pairs.len();
        for (done, (a, b)) in pairs.into_iter().enumerate() {
            if tracked.is_empty() {
                break;
            }
            let d = diff(&self.entries[a].draft, &self.entries[b].draft);
            progress(done + 1, total);
            let step = trace_step(
                &d,
                &tracked,
                direction,
                self.entries[a].version(),
                self.entries[b].version(),
            );
            tracked = step.labels.clone();
            steps.push(step);
        }
        Ok(Trace {
            label: label.to_string(),
            version: at.clone(),
            direction,
            steps,
        })
    }
}

fn trace_step(
    d: &PlanDiff,
    tracked: &[String],
    direction: Direction,
    from: &Version,
    to: &Version,
) -> TraceStep {
    let forward = direction == Direction::Forward;
    // The changes that hold a tracked label on the near side, found through the diff's label index
    // (constant time each), in reading order.
    let lookup = |l: &str| {
        if forward {
            d.position_of_old(l)
        } else {
            d.position_of_new(l)
        }
    };
    let hit: std::collections::BTreeSet<usize> = tracked.iter().filter_map(|l| lookup(l)).collect();
    let mut events = Vec::new();
    let mut labels: Vec<String> = Vec::new();
    let mut seen: crate::hash::HashSet<String> = crate::hash::HashSet::default();
    for &k in &hit {
        let c = &d.changes()[k];
        let far = if forward { &c.new } else { &c.old };
        let fate = match (c.scope, c.kind) {
            (Scope::DeferredList, ChangeKind::Unchanged) => Fate::StillDeferred,
            (_, kind) => Fate::from(kind),
        };
        events.push(TraceEvent {
            fate,
            old: labels_of(&c.old),
            new: labels_of(&c.new),
            forum: c.forum.clone(),
            old_forum: c.old_forum.clone(),
            moved: c.moved,
        });
        for l in far {
            if seen.insert(l.label().to_string()) {
                labels.push(l.label().to_string());
            }
        }
    }
    // Every unit is in a change; should a label not be found (a label the caller made up), its
    // line ends here.
    for l in tracked {
        if lookup(l).is_none() {
            events.push(TraceEvent {
                fate: if forward { Fate::Removed } else { Fate::Added },
                old: if forward { vec![l.clone()] } else { Vec::new() },
                new: if forward { Vec::new() } else { vec![l.clone()] },
                forum: None,
                old_forum: None,
                moved: false,
            });
        }
    }
    TraceStep {
        from: from.clone(),
        to: to.clone(),
        events,
        labels,
    }
}

/// The direction of a [`Trace`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    /// From a version to the later drafts.
    Forward,
    /// From a version back to the earlier drafts.
    Backward,
}

/// What happened to a traced point in one revision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Fate {
    /// Kept word for word (perhaps renumbered).
    Unchanged,
    /// Kept in other words.
    Reworded,
    /// Merged with other points.
    Merged,
    /// Split into several points.
    Split,
    /// Set aside for another forum.
    Deferred,
    /// A deferred item that stays deferred.
    StillDeferred,
    /// A deferred item returned to the body.
    Reinstated,
    /// Gone (going forward).
    Removed,
    /// Appeared in this revision (going backward: where the lineage starts).
    Added,
}

impl From<ChangeKind> for Fate {
    fn from(k: ChangeKind) -> Fate {
        match k {
            ChangeKind::Unchanged => Fate::Unchanged,
            ChangeKind::Reworded => Fate::Reworded,
            ChangeKind::Removed => Fate::Removed,
            ChangeKind::Added => Fate::Added,
            ChangeKind::Merged => Fate::Merged,
            ChangeKind::Split => Fate::Split,
            ChangeKind::Deferred => Fate::Deferred,
            ChangeKind::Reinstated => Fate::Reinstated,
        }
    }
}

/// One event of a lineage: the change that involved a traced point.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct TraceEvent {
    /// What happened.
    pub fate: Fate,
    /// The old labels of the change.
    pub old: Vec<String>,
    /// The new labels of the change.
    pub new: Vec<String>,
    /// The forum, for deferrals and for items of the deferred list.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub forum: Option<std::sync::Arc<str>>,
    /// For items that stayed deferred: their old forum, when they moved to another.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub old_forum: Option<std::sync::Arc<str>>,
    /// Whether the point moved relative to the others.
    pub moved: bool,
}

/// One revision of a lineage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TraceStep {
    /// The older version of the revision.
    pub from: Version,
    /// The newer version.
    pub to: Version,
    /// What happened to the traced points.
    pub events: Vec<TraceEvent>,
    /// The labels traced onward: in `to` going forward, in `from` going backward.
    pub labels: Vec<String>,
}

/// The lineage of one point through a history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Trace {
    /// The label traced.
    pub label: String,
    /// The version it was traced from.
    pub version: Version,
    /// Forward or backward.
    pub direction: Direction,
    /// One step per revision, until the lineage ends.
    pub steps: Vec<TraceStep>,
}

/// A semver bump, ordered from none to major.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// Same version numbers.
    None,
    /// Patch number raised.
    Patch,
    /// Minor number raised.
    Minor,
    /// Major number raised.
    Major,
}

impl Bump {
    /// `version` raised by this bump (pre-release and build metadata dropped), or `None` when the
    /// number to raise is already `u64::MAX` and no higher version exists.
    ///
    /// ```
    /// use peaceplan::history::Bump;
    /// use semver::Version;
    /// assert_eq!(Bump::Minor.apply(&Version::new(1, 2, 3)), Some(Version::new(1, 3, 0)));
    /// assert_eq!(Bump::Major.apply(&Version::new(u64::MAX, 0, 0)), None);
    /// ```
    pub fn apply(self, version: &Version) -> Option<Version> {
        let v = version;
        Some(match self {
            Bump::None => v.clone(),
            Bump::Patch => Version::new(v.major, v.minor, v.patch.checked_add(1)?),
            Bump::Minor => Version::new(v.major, v.minor.checked_add(1)?, 0),
            Bump::Major => Version::new(v.major.checked_add(1)?, 0, 0),
        })
    }
}

/// The bump a diff implies (see the module docs for the rule).
pub fn implied_bump(d: &PlanDiff) -> Bump {
    let has = |k: ChangeKind| d.changes().iter().any(|c| c.kind == k);
    if [
        ChangeKind::Removed,
        ChangeKind::Merged,
        ChangeKind::Split,
        ChangeKind::Deferred,
    ]
    .into_iter()
    .any(has)
    {
        Bump::Major
    } else if has(ChangeKind::Added) || has(ChangeKind::Reinstated) {
        Bump::Minor
    } else if !d.is_empty() {
        Bump::Patch
    } else {
        Bump::None
    }
}

/// The bump declared by going from version `from` to version `to`.
pub fn declared_bump(from: &Version, to: &Version) -> Bump {
    if to.major > from.major {
        Bump::Major
    } else if to.major == from.major && to.minor > from.minor {
        Bump::Minor
    } else if to.major == from.major && to.minor == from.minor && to.patch > from.patch {
        Bump::Patch
    } else {
        Bump::None
    }
}

/// The changes that force `bump`, in words: "points 5, 21 were removed", "3+4 merged into 2".
fn old(c: &crate::diff::Change) -> &[PointRef] {
    &c.old
}

fn new(c: &crate::diff::Change) -> &[PointRef] {
    &c.new
}

/// The labels of points of a diff (for what outlives the diff: traces, reasons).
fn labels_of(refs: &[PointRef]) -> Vec<String> {
    refs.iter().map(|r| r.label().to_string()).collect()
}

fn bump_reasons(d: &PlanDiff, bump: Bump) -> Vec<Reason> {
    let of = |kind: ChangeKind| {
        d.changes()
            .iter()
            .filter(move |c| c.kind == kind && c.scope == Scope::Body)
    };
    // The points (or, in the deferred list, the items) of one kind, all in one reason.
    let named =
        |scope: Scope, kind: ChangeKind, labels: fn(&crate::diff::Change) -> &[PointRef]| {
            let labels: Vec<String> = d
                .changes()
                .iter()
                .filter(|c| c.kind == kind && c.scope == scope)
                .flat_map(|c| labels(c).iter().map(|r| r.label().to_string()))
                .collect();
            (!labels.is_empty()).then_some(Reason::Changed {
                scope,
                kind,
                labels,
            })
        };
    let listed = |kind, labels| named(Scope::Body, kind, labels);
    let in_list = |kind, labels| named(Scope::DeferredList, kind, labels);
    let pair = |c: &crate::diff::Change| (labels_of(&c.old), labels_of(&c.new));
    // The old labels of the changes that `f` picks, as one reason (none when there are none).
    let which = |f: fn(&crate::diff::Change) -> bool, reason: fn(Vec<String>) -> Reason| {
        let labels: Vec<String> = d
            .changes()
            .iter()
            .filter(|c| f(c))
            .flat_map(|c| labels_of(&c.old))
            .collect();
        (!labels.is_empty()).then(|| reason(labels))
    };
    let mut out: Vec<Option<Reason>> = Vec::new();
    match bump {
        Bump::Major => {
            out.push(listed(ChangeKind::Removed, old));
            out.extend(of(ChangeKind::Merged).map(|c| {
                let (old, new) = pair(c);
                Some(Reason::Merged { old, new })
            }));
            out.extend(of(ChangeKind::Split).map(|c| {
                let (old, new) = pair(c);
                Some(Reason::Split { old, new })
            }));
            out.push(listed(ChangeKind::Deferred, old));
            out.push(in_list(ChangeKind::Removed, old));
            out.push(in_list(ChangeKind::Merged, old));
            out.push(in_list(ChangeKind::Split, old));
        }
        Bump::Minor => {
            out.push(listed(ChangeKind::Added, new));
            out.push(in_list(ChangeKind::Added, new));
            out.extend(of(ChangeKind::Reinstated).map(|c| {
                let (old, new) = pair(c);
                Some(Reason::Reinstated { old, new })
            }));
        }
        Bump::Patch => {
            out.push(listed(ChangeKind::Reworded, old));
            out.push(which(|c| c.moved, |labels| Reason::Moved { labels }));
            out.push(which(
                |c| c.status.is_some(),
                |labels| Reason::StatusChanged { labels },
            ));
            out.push(in_list(ChangeKind::Reworded, old));
            out.push(which(
                |c| c.old_forum.is_some(),
                |labels| Reason::ForumChanged { labels },
            ));
            out.push(which(
                |c| !c.positions.is_empty(),
                |labels| Reason::PositionChanged { labels },
            ));
        }
        Bump::None => {}
    }
    out.into_iter().flatten().collect()
}

/// A change that forces a revision's bump (see [`Finding::reasons`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
#[non_exhaustive]
pub enum Reason {
    /// Points (in the body) or items (of the deferred list) had changes of one kind: removed,
    /// deferred, added, reworded; in the list also dropped (`Removed`), newly set aside (`Added`),
    /// merged or split.
    Changed {
        /// The body or the deferred list.
        scope: Scope,
        /// What happened to them.
        kind: ChangeKind,
        /// Their labels (old ones, new ones for additions).
        labels: Vec<String>,
    },
    /// Points merged into one.
    Merged {
        /// The old labels.
        old: Vec<String>,
        /// The new label.
        new: Vec<String>,
    },
    /// A point split into several.
    Split {
        /// The old label.
        old: Vec<String>,
        /// The new labels.
        new: Vec<String>,
    },
    /// Deferred items brought back into the body.
    Reinstated {
        /// The old labels (deferred items).
        old: Vec<String>,
        /// The new labels (points).
        new: Vec<String>,
    },
    /// Points moved relative to the others.
    Moved {
        /// Their old labels.
        labels: Vec<String>,
    },
    /// Points' negotiation status changed.
    StatusChanged {
        /// Their old labels.
        labels: Vec<String>,
    },
    /// Deferred items were handed to another forum.
    ForumChanged {
        /// Their old labels.
        labels: Vec<String>,
    },
    /// A party's position on points changed.
    PositionChanged {
        /// Their old labels.
        labels: Vec<String>,
    },
}

/// The verdict on one revision of a history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Finding {
    /// The older version.
    pub from: Version,
    /// The newer version.
    pub to: Version,
    /// The bump the versions declare.
    pub declared: Bump,
    /// The bump the diff requires.
    pub required: Bump,
    /// The changes that force the required bump.
    pub reasons: Vec<Reason>,
}

impl Finding {
    /// True when the declared bump is at least the required one.
    pub fn ok(&self) -> bool {
        self.declared >= self.required
    }
}

/// One revision: versions, bumps and the diff.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// The older version.
    pub from: Version,
    /// The newer version.
    pub to: Version,
    /// The bump the diff implies.
    pub implied: Bump,
    /// The bump the versions declare.
    pub declared: Bump,
    /// The diff of the two drafts.
    pub diff: PlanDiff,
}

/// How many points of a draft have each negotiation status, and which are not agreed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct StatusSummary {
    /// Number of body points.
    pub points: usize,
    /// Points per status.
    pub counts: BTreeMap<Status, usize>,
    /// Points with no status recorded.
    pub unknown: usize,
    /// The points that are not agreed, as (status, label, topic), in draft order.
    pub pending: Vec<(Status, String, String)>,
}

/// The opening of a text to name a point by: its first sentence, or that sentence's first
/// `max_words` words and `…` when it is longer; never cut inside a word.
fn opening(text: &str, max_words: usize) -> String {
    let first = crate::tokens::sentences(text)
        .into_iter()
        .next()
        .unwrap_or(text)
        .trim();
    let first = first.trim_end_matches(['.', ';', ':', '!', '?', ',']);
    match crate::tokens::words(first).nth(max_words) {
        None => first.to_string(),
        Some(next) => {
            let cut = crate::tokens::offset_in(first, next);
            format!(
                "{} …",
                first[..cut].trim_end_matches(|c: char| !c.is_alphanumeric())
            )
        }
    }
}

/// Summarises the negotiation status of a draft's points.
///
/// ```
/// let d = peaceplan::format::parse_text(
///     "1. Sovereignty. {status: agreed}\n2. Territory lines. {tags: territory; status: open}\n",
/// )?;
/// let s = peaceplan::history::status_summary(&d);
/// assert_eq!(s.to_string(), "1 of 2 agreed; open: 2 (territory)");
/// # Ok::<(), peaceplan::Error>(())
/// ```
pub fn status_summary(d: &Draft) -> StatusSummary {
    let mut counts = BTreeMap::new();
    let mut unknown = 0;
    let mut pending = Vec::new();
    for p in &d.points {
        match p.status {
            Some(s) => {
                *counts.entry(s).or_insert(0) += 1;
                if s != Status::Agreed {
                    let topic = p
                        .tags
                        .first()
                        .cloned()
                        .unwrap_or_else(|| opening(&p.text, 8));
                    pending.push((s, p.label.clone(), topic));
                }
            }
            None => unknown += 1,
        }
    }
    StatusSummary {
        points: d.points.len(),
        counts,
        unknown,
        pending,
    }
}

/// One row of a history's log: a version with its implied bump and the summary of its diff from the
/// previous version (none for the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct LogRow {
    /// The version.
    pub version: Version,
    /// The draft's date.
    pub date: Option<String>,
    /// The draft's label.
    pub label: Option<String>,
    /// Number of body points.
    pub points: usize,
    /// The bump the diff from the previous version requires.
    pub bump: Option<Bump>,
    /// The bump the two versions declare.
    pub declared: Option<Bump>,
    /// The summary of that diff.
    pub summary: Option<crate::diff::Summary>,
}

/// The rows of `peaceplan log` from steps already computed (by [`History::steps_with`], say).
pub fn log_rows(h: &History, steps: &[Step]) -> Vec<LogRow> {
    h.entries()
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let step = i.checked_sub(1).and_then(|k| steps.get(k));
            LogRow {
                version: e.version().clone(),
                date: e.draft.date.clone(),
                label: e.draft.label.clone(),
                points: e.draft.points.len(),
                bump: step.map(|s| s.implied),
                declared: step.map(|s| s.declared),
                summary: step.map(|s| s.diff.summary()),
            }
        })
        .collect()
}
