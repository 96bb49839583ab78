//! Printers for a history: the log, a lineage (trace), the bump check and the status summary, as
//! text (also their `Display`), and a lineage as JSON. The history module computes; these print.

use std::fmt;
use std::io::Write;

use serde::Serialize;

use crate::diff::{ChangeKind, Scope};
use crate::history::{
    Bump, Direction, Fate, Finding, LogRow, Reason, SkipReason, Skipped, StatusSummary, Trace,
    TraceEvent,
};
use crate::model::Status;

/// The JSON schema name written by [`write_trace_json`].
pub const TRACE_SCHEMA: &str = "peaceplan.trace/1";

impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let why = match self.reason {
            SkipReason::Hidden => "a hidden file",
            SkipReason::LinkOutside => "a link to a file outside the directory",
            SkipReason::NoVersion => "not a draft of the history: no version in its front matter",
            SkipReason::NotAFile => "not a regular file",
        };
        write!(f, "skipped {}: {why}", self.path.display())
    }
}

impl fmt::Display for TraceEvent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (o, n) = (self.old.join(", "), self.new.join(", "));
        match self.fate {
            Fate::Unchanged => write!(f, "{o} kept as {n}")?,
            Fate::Reworded => write!(f, "{o} reworded as {n}")?,
            Fate::Merged => write!(f, "{o} merged into {n}")?,
            Fate::Split => write!(f, "{o} split into {n}")?,
            Fate::Deferred => match &self.forum {
                Some(forum) => write!(f, "{o} deferred to {forum} as {n}")?,
                None => write!(f, "{o} deferred as {n}")?,
            },
            Fate::StillDeferred => write!(f, "{o} still deferred as {n}")?,
            Fate::Reinstated => write!(f, "{o} reinstated as {n}")?,
            Fate::Removed => write!(f, "{o} removed")?,
            Fate::Added => write!(f, "{n} added")?,
        }
        if let (Some(old), Fate::StillDeferred | Fate::Reworded | Fate::Merged | Fate::Split) =
            (&self.old_forum, self.fate)
        {
            let new = self.forum.as_deref().unwrap_or("no forum named");
            write!(f, ", moved from {old} to {new}")?;
        }
        if self.moved {
            f.write_str(" (moved)")?;
        }
        Ok(())
    }
}

impl fmt::Display for Trace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let dir = match self.direction {
            Direction::Forward => "forward",
            Direction::Backward => "backward",
        };
        writeln!(f, "point {} of {}, traced {dir}", self.label, self.version)?;
        if self.steps.is_empty() {
            writeln!(f, "  (no other drafts in that direction)")?;
        }
        for s in &self.steps {
            let events: Vec<String> = s.events.iter().map(ToString::to_string).collect();
            writeln!(f, "  {} -> {}: {}", s.from, s.to, events.join("; "))?;
        }
        Ok(())
    }
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// "a", "a and b", "a, b and c".
fn and_list(items: &[impl ToString]) -> String {
    let items: Vec<String> = items.iter().map(ToString::to_string).collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

impl fmt::Display for Finding {
    /// "1.0.0 -> 1.1.0 is a minor bump, but point 26 was removed: requires a major bump (2.0.0)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let reasons = if self.reasons.is_empty() {
            "nothing changed".to_string()
        } else {
            and_list(&self.reasons)
        };
        if self.ok() {
            write!(
                f,
                "{} -> {} is a {} bump; {} required, as {reasons}",
                self.from, self.to, self.declared, self.required
            )
        } else {
            let next = match self.required.apply(&self.from) {
                Some(v) => v.to_string(),
                None => format!("but no version above {} exists", self.from),
            };
            write!(
                f,
                "{} -> {} is a {} bump, but {reasons}: requires a {} bump ({next})",
                self.from, self.to, self.declared, self.required,
            )
        }
    }
}

impl fmt::Display for StatusSummary {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let agreed = self.counts.get(&Status::Agreed).copied().unwrap_or(0);
        write!(f, "{agreed} of {} agreed", self.points)?;
        for status in [
            Status::Open,
            Status::Disputed,
            Status::Proposed,
            Status::Withdrawn,
        ] {
            let items: Vec<String> = self
                .pending
                .iter()
                .filter(|(s, ..)| *s == status)
                .map(|(_, label, topic)| format!("{label} ({topic})"))
                .collect();
            if !items.is_empty() {
                write!(f, "; {status}: {}", items.join(", "))?;
            }
        }
        if self.unknown > 0 {
            write!(f, "; no status: {}", self.unknown)?;
        }
        Ok(())
    }
}

impl fmt::Display for Reason {
    /// "points 3, 5 were removed", "2+16 merged into 2", "a status changed".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Changed {
                scope,
                kind,
                labels,
            } => {
                let (one, many) = match scope {
                    Scope::DeferredList => ("deferred item", "deferred items"),
                    _ => ("point", "points"),
                };
                let verb = match (scope, kind) {
                    (Scope::DeferredList, ChangeKind::Removed) => "dropped from the deferred list",
                    (Scope::DeferredList, ChangeKind::Added) => "newly set aside",
                    _ => kind.as_str(),
                };
                match labels.as_slice() {
                    [one_label] => write!(f, "{one} {one_label} was {verb}"),
                    _ => write!(f, "{many} {} were {verb}", labels.join(", ")),
                }
            }
            Reason::Merged { old, new } => {
                write!(f, "{} merged into {}", old.join("+"), new.join(", "))
            }
            Reason::Split { old, new } => {
                write!(f, "{} split into {}", old.join(", "), new.join("+"))
            }
            Reason::Reinstated { old, new } => {
                write!(f, "{} reinstated as {}", old.join(", "), new.join(", "))
            }
            Reason::Moved { labels } => match labels.as_slice() {
                [one] => write!(f, "point {one} moved"),
                _ => write!(f, "points {} moved", labels.join(", ")),
            },
            Reason::StatusChanged { labels } => match labels.as_slice() {
                [one] => write!(f, "the status of point {one} changed"),
                _ => write!(f, "the status of points {} changed", labels.join(", ")),
            },
            Reason::ForumChanged { labels } => match labels.as_slice() {
                [one] => write!(f, "deferred item {one} moved to another forum"),
                _ => write!(
                    f,
                    "deferred items {} moved to another forum",
                    labels.join(", ")
                ),
            },
            Reason::PositionChanged { labels } => match labels.as_slice() {
                [one] => write!(f, "a party's position on point {one} changed"),
                _ => write!(
                    f,
                    "a party's position on points {} changed",
                    labels.join(", ")
                ),
            },
        }
    }
}

/// One line per version: version, date, label, point count, the declared and the required bump, and
/// the summary of the diff from the previous version. Control characters from the drafts are shown,
/// not obeyed (see [`super::visible`]).
pub fn write_log_text(rows: &[LogRow], mut w: impl Write) -> std::io::Result<()> {
    for r in rows {
        let mut line = format!(
            "{:<8} {:<10} {:<28} {:>4} points",
            r.version.to_string(),
            crate::model::one_line(r.date.as_deref().unwrap_or("-")),
            crate::model::one_line(r.label.as_deref().unwrap_or("-")),
            r.points
        );
        if let (Some(bump), Some(declared), Some(summary)) = (r.bump, r.declared, &r.summary) {
            line.push_str(&format!(
                "  declared {:<5}  required {:<5}  {summary}",
                declared.to_string(),
                bump.to_string()
            ));
        }
        writeln!(w, "{}", super::visible(&line))?;
    }
    Ok(())
}

/// [`write_log_text`] into a string.
pub fn log_text(rows: &[LogRow]) -> String {
    let mut out = Vec::new();
    let _ = write_log_text(rows, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// A lineage as text: a heading line and one line per revision (its `Display`, made safe for a
/// terminal).
pub fn write_trace_text(t: &Trace, mut w: impl Write) -> std::io::Result<()> {
    w.write_all(super::visible(&t.to_string()).as_bytes())
}

/// A lineage as JSON (schema [`TRACE_SCHEMA`], documented in `docs/JSON.md`), pretty-printed, with a
/// final line feed.
pub fn write_trace_json(t: &Trace, mut w: impl Write) -> std::io::Result<()> {
    #[derive(Serialize)]
    struct Doc<'a> {
        schema: &'static str,
        #[serde(flatten)]
        trace: &'a Trace,
    }
    let doc = Doc {
        schema: TRACE_SCHEMA,
        trace: t,
    };
    serde_json::to_writer_pretty(&mut w, &doc)?;
    w.write_all(b"\n")
}

/// [`write_trace_json`] into a string.
pub fn trace_json(t: &Trace) -> String {
    let mut out = Vec::new();
    let _ = write_trace_json(t, &mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// The bump check: `ok` or `short` and each finding, then a count of the revisions with too small
/// a bump.
pub fn write_check_text(findings: &[Finding], mut w: impl Write) -> std::io::Result<()> {
    for f in findings {
        let verdict = if f.ok() { "ok    " } else { "short " };
        writeln!(w, "{verdict}{}", super::visible(&f.to_string()))?;
    }
    let short = findings.iter().filter(|f| !f.ok()).count();
    writeln!(
        w,
        "{} revision(s) checked, {short} with too small a bump",
        findings.len()
    )
}

/// The status summary on one line (its `Display`, made safe for a terminal).
pub fn write_status_text(s: &StatusSummary, mut w: impl Write) -> std::io::Result<()> {
    writeln!(w, "{}", super::visible(&s.to_string()))
}
