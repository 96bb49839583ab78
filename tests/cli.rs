//! The `peaceplan` binary: output, exit codes (0 same, 1 different, 2 trouble) and error messages.

#[path = "support/command.rs"]
mod command;

use std::path::PathBuf;
use std::process::{Command, Output};

fn bin() -> Command {
    command::peaceplan()
}

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(name)
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run peaceplan")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).unwrap()
}

#[test]
fn diff_of_bundled_drafts_exits_one_and_tells_the_story() {
    let plan = data("examples/data/plan/28-point-plan.md");
    let geneva = data("examples/data/plan/geneva-revision.md");
    let o = run(&["diff", plan.to_str().unwrap(), geneva.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .starts_with("28 -> 19 points: 2 removed, 2 merged into 1"),
        "{out}"
    );
    assert!(
        out.contains("deferred   21 -> D5  (to presidents' meeting)"),
        "{out}"
    );
    assert!(
        !out.contains('\u{1b}'),
        "piped output carries no colour escapes"
    );
}

#[test]
fn diff_json_is_the_documented_schema() {
    let plan = data("examples/data/plan/28-point-plan.md");
    let geneva = data("examples/data/plan/geneva-revision.md");
    let o = run(&[
        "diff",
        plan.to_str().unwrap(),
        geneva.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert_eq!(o.status.code(), Some(1));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["schema"], "peaceplan.diff/2");
    assert_eq!(v["from"]["version"], "1.0.0");
    assert_eq!(v["summary"]["removed"], 2);
    let merged = v["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["kind"] == "merged")
        .unwrap();
    assert_eq!(merged["old"], serde_json::json!(["2", "16"]));
    assert_eq!(merged["new"], serde_json::json!(["2"]));
}

#[test]
fn identical_drafts_exit_zero() {
    let plan = data("examples/data/plan/28-point-plan.md");
    let json = data("tests/data/en-28.json");
    let o = run(&["diff", plan.to_str().unwrap(), json.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).contains("28 -> 28 points: 28 unchanged"));
}

#[test]
fn show_converts_between_formats() {
    let uk = data("tests/data/uk-draft.md");
    let o = run(&["show", uk.to_str().unwrap(), "--format", "toml"]);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(
        stdout(&o),
        std::fs::read_to_string(data("tests/data/uk-draft.toml")).unwrap()
    );
    let o = run(&["show", uk.to_str().unwrap()]);
    assert!(stdout(&o).contains("5а. Заморожені російські активи"));
}

#[test]
fn bad_input_exits_two_with_file_line_and_column() {
    let dir = std::env::temp_dir().join(format!("peaceplan-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("bad.md");
    std::fs::write(&bad, "---\nversion: 1.0\n---\n1. a\n").unwrap();
    let o = run(&["show", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.starts_with(&format!(
            "{}:2:10: version \"1.0\" is not a semantic version",
            bad.display()
        )),
        "{err}"
    );

    let dup = dir.join("dup.json");
    std::fs::write(&dup, "{\"points\": [\n{\"label\": \"1\", \"text\": \"a\"},\n{\"label\": \"1\", \"text\": \"b\"}]}").unwrap();
    let o = run(&["diff", dup.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with(&format!(
            "{}:3:1: point label \"1\" is used twice",
            dup.display()
        )),
        "{}",
        stderr(&o)
    );

    let o = run(&["show", dir.join("missing.md").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing.md: cannot read"),
        "{}",
        stderr(&o)
    );

    let o = run(&["show", dir.join("draft.pdf").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("unknown draft format \"pdf\""),
        "{}",
        stderr(&o)
    );

    let o = run(&["frobnicate"]);
    assert_eq!(o.status.code(), Some(2));
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let plan = data("examples/data/plan/28-point-plan.md");
    let geneva = data("examples/data/plan/geneva-revision.md");
    let (p, g) = (plan.to_str().unwrap(), geneva.to_str().unwrap());
    // Piped: no escapes, in auto mode and with NO_COLOR.
    let o = run(&["diff", p, g]);
    assert!(!stdout(&o).contains('\u{1b}'));
    let o = bin()
        .args(["diff", p, g, "--color", "auto"])
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(!stdout(&o).contains('\u{1b}'));
    let o = run(&["diff", p, g, "--color", "always"]);
    assert!(stdout(&o).contains("\u{1b}[35mmerged"), "{}", stdout(&o));
    let o = run(&["diff", p, g, "--color", "never"]);
    assert!(!stdout(&o).contains('\u{1b}'));
}

#[test]
fn markdown_and_html_formats() {
    let plan = data("examples/data/plan/28-point-plan.md");
    let geneva = data("examples/data/plan/geneva-revision.md");
    let (p, g) = (plan.to_str().unwrap(), geneva.to_str().unwrap());
    let o = run(&["diff", p, g, "--format", "markdown"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        stdout(&o).contains("| merged | **2** Russia, Ukraine and Europe"),
        "{}",
        stdout(&o)
    );
    let o = run(&["diff", p, g, "--format", "html"]);
    assert!(stdout(&o).starts_with("<!DOCTYPE html>"));
    let dir = data("examples/data/plan");
    let o = run(&["log", dir.to_str().unwrap(), "--format", "markdown"]);
    assert!(stdout(&o).starts_with("| Version | Date |"));
    let o = run(&["trace", dir.to_str().unwrap(), "21", "--format", "markdown"]);
    assert!(
        stdout(&o).contains("- **1.0.0 → 2.0.0**: 21 deferred to presidents' meeting as D5"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn multi_draft_commands_draw_no_progress_bar_off_a_terminal() {
    let dir = data("examples/data/plan");
    let d = dir.to_str().unwrap();
    for args in [vec!["log", d], vec!["check", d], vec!["trace", d, "21"]] {
        let o = run(&args);
        assert!(
            o.status.code().is_some_and(|c| c < 2),
            "{args:?}: {}",
            stderr(&o)
        );
        assert_eq!(stderr(&o), "", "{args:?}");
        assert!(!stdout(&o).contains('\r'), "{args:?}");
    }
}

/// Runs the command with `input` on its standard input.
fn run_stdin(args: &[&str], input: &[u8]) -> Output {
    use std::io::Write;
    let mut child = bin()
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // A refused input may close the pipe before it is all written.
    let _ = child.stdin.take().unwrap().write_all(input);
    child.wait_with_output().unwrap()
}

/// `-` reads standard input: for `show`, for one side of `diff`, as text unless `--input-format`
/// says otherwise, within `--max-bytes`, and errors name `<stdin>`.
#[test]
fn standard_input_as_a_draft() {
    let o = run_stdin(&["show", "-"], b"1. A ceasefire.\n2. Elections.\n");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(stdout(&o), "1. A ceasefire.\n2. Elections.\n");
    let plan = data("examples/data/plan/28-point-plan.md");
    let o = run_stdin(
        &["diff", plan.to_str().unwrap(), "-", "--format", "json"],
        &std::fs::read(&plan).unwrap(),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = run_stdin(&["show", "-", "--input-format", "json"], b"[\"a\", \"b\"]");
    assert_eq!(stdout(&o), "1. a\n2. b\n");
    let o = run_stdin(&["--max-bytes", "100", "show", "-"], &[b'x'; 5000]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("<stdin>: input exceeds the limit of 100 bytes"));
    let o = run_stdin(&["show", "-"], b"1. a {status: nope}\n");
    assert!(
        stderr(&o).starts_with("<stdin>:1:15: unknown status"),
        "{}",
        stderr(&o)
    );
}
