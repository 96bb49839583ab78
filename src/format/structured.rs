//! JSON and TOML: both have exactly the shape of [`Draft`].

use crate::error::{Error, ErrorKind, Result};
use crate::format::line_col;
use crate::model::{Draft, Place};

pub(crate) fn parse_json(src: &str) -> Result<Draft> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    // A bare array of point texts is a draft of points numbered 1..n.
    if src.trim_start().starts_with('[') {
        let texts: Vec<String> = serde_json::from_str(src).map_err(json_error)?;
        let draft = Draft {
            points: texts
                .iter()
                .enumerate()
                .map(|(k, t)| crate::model::Point::new((k + 1).to_string(), t))
                .collect(),
            ..Draft::default()
        };
        return finish(draft, src, Syntax::Json);
    }
    let draft: Draft = serde_json::from_str(src).map_err(json_error)?;
    finish(draft, src, Syntax::Json)
}

/// A `serde_json` error at its line and column.
fn json_error(e: serde_json::Error) -> Error {
    let (line, column) = (e.line(), e.column().max(1));
    let kind = ErrorKind::Json(e);
    if line > 0 {
        Error::at(kind, line, column)
    } else {
        Error::new(kind)
    }
}

pub(crate) fn parse_toml(src: &str) -> Result<Draft> {
    let src = src.strip_prefix('\u{feff}').unwrap_or(src);
    let draft: Draft = toml::from_str(src).map_err(|e| {
        let span = e.span();
        let kind = ErrorKind::Toml(e);
        match span {
            Some(span) => {
                let (line, col) = line_col(src, span.start);
                Error::at(kind, line, col)
            }
            None => Error::new(kind),
        }
    })?;
    finish(draft, src, Syntax::Toml)
}

pub(crate) fn write_json(draft: &Draft) -> Result<String> {
    let mut s = serde_json::to_string_pretty(draft).map_err(|e| {
        Error::new(ErrorKind::Write {
            format: "json",
            source: Box::new(e),
        })
    })?;
    s.push('\n');
    Ok(s)
}

pub(crate) fn write_toml(draft: &Draft) -> Result<String> {
    toml::to_string_pretty(draft).map_err(|e| {
        Error::new(ErrorKind::Write {
            format: "toml",
            source: Box::new(e),
        })
    })
}

#[derive(Clone, Copy)]
enum Syntax {
    Json,
    Toml,
}

/// Normalises and validates a freshly deserialised draft; a validation error gets the line of the
/// offending point's (or item's) label or text, found in the source.
fn finish(mut draft: Draft, src: &str, syntax: Syntax) -> Result<Draft> {
    let (points, deferred) = (draft.points.len(), draft.deferred.len());
    let entries: usize = draft
        .points
        .iter()
        .map(|p| p.tags.len() + p.positions.len())
        .sum::<usize>()
        + draft.meta.len();
    if points + deferred + entries > super::MAX_ITEMS {
        let over = match super::MAX_ITEMS.checked_sub(points) {
            None => locate_entry(src, syntax, "points", super::MAX_ITEMS),
            Some(k) if k < deferred => locate_entry(src, syntax, "deferred", k),
            // Too many tags, positions or metadata entries: no one entry is to blame.
            Some(_) => None,
        };
        let err = Error::new(ErrorKind::TooManyItems {
            limit: super::MAX_ITEMS,
        });
        return Err(match over {
            Some((line, col)) => err.with_position(line, col),
            None => err,
        });
    }
    draft.normalize();
    match draft.validate_at() {
        Ok(()) => Ok(draft),
        Err((place, mut err)) => {
            let locate = |place| match place {
                Place::Draft => None,
                Place::Point(i) => locate_entry(src, syntax, "points", i),
                Place::Deferred(i) => locate_entry(src, syntax, "deferred", i),
            };
            let position = locate(place);
            // A repeated label names the line of its first use too.
            if let ErrorKind::DuplicateLabel { label, .. } = err.kind() {
                let first = match draft.points.iter().position(|p| &p.label == label) {
                    Some(i) => Place::Point(i),
                    None => draft
                        .deferred
                        .iter()
                        .position(|d| d.label.as_ref() == Some(label))
                        .map_or(Place::Draft, Place::Deferred),
                };
                err = Error::new(ErrorKind::DuplicateLabel {
                    label: label.clone(),
                    first_line: locate(first).map(|(line, _)| line),
                });
            }
            Err(match position {
                Some((line, col)) => err.with_position(line, col),
                None => err,
            })
        }
    }
}

/// Finds the line and column where entry `index` of the array `key` starts, by scanning the source for
/// the entries' opening marks. Good enough for error messages; `None` when the shape is unusual.
fn locate_entry(src: &str, syntax: Syntax, key: &str, index: usize) -> Option<(usize, usize)> {
    let offset = match syntax {
        Syntax::Toml => {
            let header = format!("[[{key}]]");
            let mut found = None;
            let mut count = 0;
            let mut pos = 0;
            for line in src.split_inclusive('\n') {
                if line.trim() == header {
                    if count == index {
                        found = Some(pos);
                        break;
                    }
                    count += 1;
                }
                pos += line.len();
            }
            found?
        }
        Syntax::Json => {
            let needle = format!("\"{key}\"");
            let start = src.find(&needle)? + needle.len();
            let bytes = src.as_bytes();
            let mut i = start + src[start..].find('[')? + 1;
            let (mut depth, mut count, mut in_str, mut escaped) = (0usize, 0usize, false, false);
            loop {
                let b = *bytes.get(i)?;
                if in_str {
                    match (escaped, b) {
                        (true, _) => escaped = false,
                        (false, b'\\') => escaped = true,
                        (false, b'"') => in_str = false,
                        _ => {}
                    }
                } else {
                    match b {
                        b'"' => in_str = true,
                        b'{' | b'[' => {
                            if depth == 0 && b == b'{' {
                                if count == index {
                                    break i;
                                }
                                count += 1;
                            }
                            depth += 1;
                        }
                        b'}' | b']' => {
                            if depth == 0 {
                                return None;
                            }
                            depth -= 1;
                        }
                        _ => {}
                    }
                }
                i += 1;
            }
        }
    };
    Some(line_col(src, offset))
}

/// serde_json appends " at line L column C"; the location is reported separately.
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_syntax_error_has_line() {
        let err = parse_json("{\n  \"points\": [\n    {\"label\": \"1\", \"text\": }\n  ]\n}")
            .unwrap_err();
        assert_eq!(err.line(), Some(3));
        assert!(matches!(err.kind(), ErrorKind::Json(_)));
    }

    #[test]
    fn json_duplicate_label_points_at_second_entry() {
        let src = "{\"points\": [\n {\"label\": \"1\", \"text\": \"a\"},\n {\"label\": \"1\", \"text\": \"b\"}\n]}";
        let err = parse_json(src).unwrap_err();
        assert_eq!(err.line(), Some(3));
        assert!(matches!(err.kind(), ErrorKind::DuplicateLabel { .. }));
    }

    #[test]
    fn toml_error_has_line() {
        let err =
            parse_toml("title = \"x\"\n[[points]]\nlabel = true\ntext = \"a\"\n").unwrap_err();
        assert_eq!(err.line(), Some(3));
        let err = parse_toml(
            "[[points]]\nlabel = \"1\"\ntext = \"a\"\n[[points]]\nlabel = \"1\"\ntext = \"b\"\n",
        )
        .unwrap_err();
        assert_eq!(err.line(), Some(4));
    }
}
