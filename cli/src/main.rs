//! The `peaceplan` command: a thin shell over the library.
//!
//! Exit codes: `show`, `compare`, `log`, `trace` and `status` 0 on success; `diff` 0 when the drafts do not
//! differ, 1 when they do (like diff(1)); `check` 0 when every declared bump is enough, 1 when any
//! falls short; 2 on any trouble (bad input, missing file, bad arguments).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use peaceplan::compare::Comparison;
use peaceplan::history::{self, Direction, Finding, History, LogRow, StatusSummary, Trace};
use peaceplan::{DiffOptions, Draft, Format, PlanDiff, format, render};

#[derive(Parser)]
#[command(
    name = "peaceplan",
    version,
    about = "Track the drafts of a negotiated plan and see what changed between them"
)]
struct Cli {
    /// Refuse draft files larger than this many bytes.
    #[arg(long, global = true, default_value_t = format::DEFAULT_MAX_BYTES)]
    max_bytes: u64,
    /// Refuse drafts the reader had to repair (a point numbered in another style, page furniture,
    /// a rejoined hyphen) or doubts (numbers that jump): each warning becomes an error (exit 2).
    #[arg(long, global = true)]
    strict: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a draft and print it back (a validator and a converter in one).
    Show {
        /// The draft file (.md, .txt, .json, .toml or .docx), or `-` for standard input (text
        /// unless --input-format says otherwise).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DraftFormat::Text)]
        format: DraftFormat,
        /// Input format, when the file extension does not tell it.
        #[arg(long, value_enum)]
        input_format: Option<InputFormat>,
    },
    /// Show which points of OLD became which points of NEW, and how.
    Diff {
        /// The older draft (`-`: standard input).
        old: PathBuf,
        /// The newer draft (`-`: standard input).
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Input format of both files, when their extensions do not tell it.
        #[arg(long, value_enum)]
        input_format: Option<InputFormat>,
        /// Colour the text output: auto (only on a terminal, never when NO_COLOR is set, always when
        /// CLICOLOR_FORCE is), always, never.
        #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
        color: ColorChoice,
        /// A companion document of NEW (a framework agreement negotiated beside it): its points are
        /// aligned with OLD's too, labelled `<id>/<label>` (the `id:` of its front matter, else its
        /// file name without extension). Repeatable.
        #[arg(long, value_name = "DOC")]
        also: Vec<PathBuf>,
        /// A companion document of OLD, as --also is of NEW. Repeatable.
        #[arg(long, value_name = "DOC")]
        also_old: Vec<PathBuf>,
    },
    /// Compare counter-proposals with the base draft they answer: per base point, what each did with
    /// it, and where they agree and clash.
    Compare {
        /// The base draft (`-`: standard input).
        base: PathBuf,
        /// Two or more proposals, each an edit of the base; each is named by its front matter's
        /// `label`, else its file name without extension.
        #[arg(required = true, num_args = 2..)]
        proposals: Vec<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Input format of every file, when their extensions do not tell it.
        #[arg(long, value_enum)]
        input_format: Option<InputFormat>,
    },
    /// List the drafts of a history directory with the bump and summary of each revision.
    Log {
        /// A directory of draft files of one plan, each with its own version.
        dir: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = LogFormat::Text)]
        format: LogFormat,
    },
    /// Follow a point through the drafts of a history: kept, reworded, merged, split, deferred...
    Trace {
        /// A directory of draft files of one plan.
        dir: PathBuf,
        /// The point's label (or a deferred item's name, D1, D2, ...).
        label: String,
        /// The version to start from: exact (`2.0.0`; `2.0` and `2` mean 2.0.0) or a requirement
        /// with an operator (`>=2.0`, `^2`). Default: the first version going forward, the last
        /// going backward.
        #[arg(long)]
        at: Option<String>,
        /// Trace back to where the point came from.
        #[arg(long)]
        backward: bool,
        /// Output format.
        #[arg(long, value_enum, default_value_t = TraceFormat::Text)]
        format: TraceFormat,
    },
    /// Check that each revision's version bump is at least the one its changes require.
    Check {
        /// A directory of draft files of one plan.
        dir: PathBuf,
    },
    /// Summarise the negotiation status of a draft's points.
    Status {
        /// The draft file.
        file: PathBuf,
    },
}

/// The formats a draft is written in.
#[derive(Clone, Copy, ValueEnum)]
enum DraftFormat {
    Text,
    Json,
    Toml,
}

impl From<DraftFormat> for Format {
    fn from(f: DraftFormat) -> Format {
        match f {
            DraftFormat::Text => Format::Text,
            DraftFormat::Json => Format::Json,
            DraftFormat::Toml => Format::Toml,
        }
    }
}

/// The formats a draft is read from: those it is written in, and Word files.
#[derive(Clone, Copy, ValueEnum)]
enum InputFormat {
    Text,
    Json,
    Toml,
    Docx,
}

impl From<InputFormat> for Format {
    fn from(f: InputFormat) -> Format {
        match f {
            InputFormat::Text => Format::Text,
            InputFormat::Json => Format::Json,
            InputFormat::Toml => Format::Toml,
            InputFormat::Docx => Format::Docx,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
    Markdown,
    Html,
}

#[derive(Clone, Copy, ValueEnum)]
enum TraceFormat {
    Text,
    Json,
    Markdown,
}

#[derive(Clone, Copy, ValueEnum)]
enum LogFormat {
    Text,
    Markdown,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// Text options for standard output: colour as chosen (`auto` as anstream decides: only on a terminal
/// that supports it, never with `NO_COLOR`, always with `CLICOLOR_FORCE`), lines wrapped to the
/// terminal's width when standard output is a terminal.
fn text_options(choice: ColorChoice) -> render::TextOptions {
    let stdout = std::io::stdout();
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => anstream::AutoStream::choice(&stdout) != anstream::ColorChoice::Never,
    };
    let width = if stdout.is_terminal() {
        terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
    } else {
        None
    };
    render::TextOptions::new().color(color).width(width)
}

/// Loads a history directory, telling on stderr which files it left out and what its readers
/// repaired (refused with `--strict`).
fn load_history(dir: &std::path::Path, max_bytes: u64, strict: bool) -> peaceplan::Result<History> {
    let h = History::load_dir_with_limit(dir, max_bytes)?;
    for s in h.skipped() {
        report_line(&format!("peaceplan: {s}"));
    }
    if strict {
        if let Some(w) = h.warnings().first() {
            return Err(w.clone().into_error());
        }
    }
    for w in h.warnings() {
        report_line(&format!("peaceplan: warning: {w}"));
    }
    Ok(h)
}

/// The draft read, its reader's warnings told on stderr, or the first of them as the error with
/// `--strict`.
fn accept(read: format::Loaded, strict: bool) -> peaceplan::Result<Draft> {
    if strict {
        return read.strict();
    }
    for w in &read.warnings {
        report_line(&format!("peaceplan: warning: {w}"));
    }
    Ok(read.draft)
}

/// Warns on stderr about each file given more than once among `paths` (the same file by another
/// path too): a proposal compared with itself, or a draft given as its own companion, is allowed
/// but is seldom what was meant.
fn warn_repeated<'p>(paths: impl IntoIterator<Item = &'p PathBuf>) {
    let mut seen: Vec<PathBuf> = Vec::new();
    for p in paths {
        if is_stdin(p) {
            continue;
        }
        let Ok(canonical) = std::fs::canonicalize(p) else {
            continue;
        };
        if seen.contains(&canonical) {
            report_line(&format!(
                "peaceplan: warning: {} is given more than once",
                peaceplan::render::visible(&p.display().to_string())
            ));
        } else {
            seen.push(canonical);
        }
    }
}

/// Standard input, as a path on the command line.
const STDIN: &str = "-";

/// Whether a path reads standard input: `-`, or one of the names the system gives it
/// (`/dev/stdin`, `/dev/fd/0`, `/proc/self/fd/0`), which can be read only once as well.
fn is_stdin(path: &std::path::Path) -> bool {
    path.as_os_str() == STDIN
        || ["/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"]
            .iter()
            .any(|name| path == std::path::Path::new(name))
}

/// The error for `-` given twice: standard input is read once, so the second draft would be empty.
fn stdin_twice() -> peaceplan::Error {
    peaceplan::Error::from(peaceplan::ErrorKind::Io(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        "standard input (`-`) can be read for one draft only",
    )))
    .with_path("-")
}

fn load(
    path: &PathBuf,
    input: Option<InputFormat>,
    max_bytes: u64,
) -> peaceplan::Result<format::Loaded> {
    if path.as_os_str() == STDIN {
        // Text unless the user says otherwise: there is no extension to go by.
        let format = input.map_or(Format::Text, Into::into);
        let mut read = format::read_with_warnings(std::io::stdin().lock(), format, max_bytes)
            .map_err(|e| e.with_path("<stdin>"))?;
        read.warnings = read
            .warnings
            .into_iter()
            .map(|w| w.with_path("<stdin>"))
            .collect();
        return Ok(read);
    }
    let format = match input {
        Some(f) => f.into(),
        None => Format::from_path(path)?,
    };
    format::load_with_warnings(path, format, max_bytes)
}

/// What a command prints, handed to the library's printers (a large diff is written as it is
/// rendered, never held as one string).
enum Out {
    Draft(String),
    Diff(Box<PlanDiff>, DiffFormat, render::TextOptions),
    Compare(Box<Comparison>, DiffFormat),
    Log(Vec<LogRow>, LogFormat),
    Trace(Trace, TraceFormat),
    Check(Vec<Finding>),
    Status(StatusSummary),
}

impl Out {
    fn write(self, mut w: impl Write) -> std::io::Result<()> {
        match self {
            Out::Draft(text) => w.write_all(text.as_bytes()),
            Out::Diff(d, format, opts) => {
                let written = match format {
                    DiffFormat::Text => render::write_text(&d, &opts, &mut w),
                    DiffFormat::Json => render::write_json(&d, &mut w),
                    DiffFormat::Markdown => render::write_markdown(&d, &mut w),
                    DiffFormat::Html => render::write_html(&d, &mut w),
                };
                // The process ends now: freeing a large diff piece by piece is wasted time.
                std::mem::forget(d);
                written
            }
            Out::Compare(c, format) => match format {
                DiffFormat::Text => render::write_compare_text(&c, w),
                DiffFormat::Json => render::write_compare_json(&c, w),
                DiffFormat::Markdown => render::write_compare_markdown(&c, w),
                DiffFormat::Html => render::write_compare_html(&c, w),
            },
            Out::Log(rows, LogFormat::Text) => render::write_log_text(&rows, w),
            Out::Log(rows, LogFormat::Markdown) => render::write_log_markdown(&rows, w),
            Out::Trace(t, TraceFormat::Text) => render::write_trace_text(&t, w),
            Out::Trace(t, TraceFormat::Json) => render::write_trace_json(&t, w),
            Out::Trace(t, TraceFormat::Markdown) => render::write_trace_markdown(&t, w),
            Out::Check(findings) => render::write_check_text(&findings, w),
            Out::Status(s) => render::write_status_text(&s, w),
        }
    }
}

/// Runs the command; returns the exit code, or an error to report with exit code 2.
fn run(cli: Cli) -> peaceplan::Result<(Out, u8)> {
    let max = cli.max_bytes;
    let strict = cli.strict;
    match cli.command {
        Command::Show {
            file,
            format,
            input_format,
        } => {
            let draft = accept(load(&file, input_format, max)?, strict)?;
            let name = if file.as_os_str() == STDIN {
                "<stdin>".to_string()
            } else {
                file.display().to_string()
            };
            report_line(&format!(
                "peaceplan: read {} from {name}",
                render::draft_count(&draft)
            ));
            Ok((Out::Draft(render::draft(&draft, format.into())?), 0))
        }
        Command::Diff {
            old,
            new,
            format,
            input_format,
            color,
            also,
            also_old,
        } => {
            // The two files are read and parsed at once (one from standard input, if `-`, first);
            // an error in the old one is reported first.
            // Standard input is read once: as one input at most (a draft or a companion).
            let stdin = [&old, &new]
                .into_iter()
                .chain(&also)
                .chain(&also_old)
                .filter(|p| is_stdin(p))
                .count();
            if stdin > 1 {
                return Err(stdin_twice());
            }
            if !also.is_empty() || !also_old.is_empty() {
                warn_repeated([&old, &new].into_iter().chain(&also).chain(&also_old));
            }
            let (old, new) = if old.as_os_str() == STDIN || new.as_os_str() == STDIN {
                (load(&old, input_format, max), load(&new, input_format, max))
            } else {
                format::load_pair_with_warnings(&old, &new, input_format.map(Into::into), max)
            };
            let (old, new) = (accept(old?, strict)?, accept(new?, strict)?);
            let d = if also.is_empty() && also_old.is_empty() {
                peaceplan::diff_shared(Arc::new(old), Arc::new(new), &DiffOptions::default())
            } else {
                let read = |paths: &[PathBuf]| -> peaceplan::Result<Vec<(String, Draft)>> {
                    let mut docs: Vec<(String, Draft)> = Vec::with_capacity(paths.len());
                    for p in paths {
                        let d = accept(load(p, input_format, max)?, strict)?;
                        let stem = (!is_stdin(p))
                            .then(|| p.file_stem().map(|s| s.to_string_lossy()))
                            .flatten();
                        let id = peaceplan::diff::document_id(stem.as_deref(), &d);
                        peaceplan::diff::check_document_id(&id).map_err(|e| e.with_path(p))?;
                        // Refused here, where the file is known, rather than by the library.
                        if docs.iter().any(|(other, _)| *other == id) {
                            return Err(peaceplan::Error::from(
                                peaceplan::ErrorKind::DuplicateDocument { id },
                            )
                            .with_path(p));
                        }
                        docs.push((id, d));
                    }
                    Ok(docs)
                };
                let (also, also_old) = (read(&also)?, read(&also_old)?);
                fn docs(v: &[(String, Draft)]) -> Vec<peaceplan::diff::Document<'_>> {
                    v.iter()
                        .map(|(id, draft)| peaceplan::diff::Document { id, draft })
                        .collect()
                }
                peaceplan::diff::diff_documents(
                    &old,
                    &docs(&also_old),
                    &new,
                    &docs(&also),
                    &DiffOptions::default(),
                )?
            };
            let code = u8::from(!d.is_empty());
            Ok((Out::Diff(Box::new(d), format, text_options(color)), code))
        }
        Command::Compare {
            base,
            proposals,
            format,
            input_format,
        } => {
            let stdin = std::iter::once(&base)
                .chain(&proposals)
                .filter(|p| is_stdin(p))
                .count();
            if stdin > 1 {
                return Err(stdin_twice());
            }
            warn_repeated(std::iter::once(&base).chain(&proposals));
            let base = accept(load(&base, input_format, max)?, strict)?;
            let mut named = Vec::with_capacity(proposals.len());
            for path in &proposals {
                let draft = accept(load(path, input_format, max)?, strict)?;
                let name = draft.label.clone().unwrap_or_else(|| {
                    path.file_stem().map_or_else(
                        || path.display().to_string(),
                        |s| s.to_string_lossy().into_owned(),
                    )
                });
                named.push((name, Arc::new(draft)));
            }
            let c =
                peaceplan::compare::compare_shared(Arc::new(base), named, &DiffOptions::default())?;
            Ok((Out::Compare(Box::new(c), format), 0))
        }
        Command::Log { dir, format } => {
            let h = load_history(&dir, max, strict)?;
            let progress =
                Progress::start("diffing revisions", h.entries().len().saturating_sub(1));
            let rows = h.log_rows_with(|done, total| progress.update(done, total));
            progress.finish();
            Ok((Out::Log(rows, format), 0))
        }
        Command::Trace {
            dir,
            label,
            at,
            backward,
            format,
        } => {
            let h = load_history(&dir, max, strict)?;
            let direction = if backward {
                Direction::Backward
            } else {
                Direction::Forward
            };
            let at = match at {
                Some(spec) => h.resolve(&spec)?,
                None => {
                    let entries = h.entries();
                    let e = if backward {
                        entries.last()
                    } else {
                        entries.first()
                    };
                    e.map(|e| e.version().clone())
                        .unwrap_or(semver::Version::new(0, 0, 0))
                }
            };
            let progress = Progress::start("tracing", h.entries().len().saturating_sub(1));
            let t = h.trace_with(&label, &at, direction, |done, total| {
                progress.update(done, total)
            });
            progress.finish();
            Ok((Out::Trace(t?, format), 0))
        }
        Command::Check { dir } => {
            let h = load_history(&dir, max, strict)?;
            let progress =
                Progress::start("checking revisions", h.entries().len().saturating_sub(1));
            let findings = h.check_with(|done, total| progress.update(done, total));
            progress.finish();
            let short = findings.iter().any(|f| !f.ok());
            Ok((Out::Check(findings), u8::from(short)))
        }
        Command::Status { file } => {
            let d = accept(load(&file, None, max)?, strict)?;
            Ok((Out::Status(history::status_summary(&d)), 0))
        }
    }
}

/// A progress bar on stderr for work over many drafts. It appears only when stderr is a terminal and
/// the work has run for [`Progress::DELAY`], and is cleared when the work ends, so quick runs, pipes
/// and files never see it.
struct Progress {
    bar: ProgressBar,
    /// Set when the work ends; the bar is revealed only while it is unset.
    finished: Arc<Mutex<bool>>,
}

impl Progress {
    const DELAY: Duration = Duration::from_millis(300);

    fn start(message: &'static str, total: usize) -> Progress {
        let bar = ProgressBar::hidden();
        bar.set_length(total as u64);
        bar.set_message(message);
        if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} {pos}/{len} [{elapsed}]") {
            bar.set_style(style);
        }
        let finished = Arc::new(Mutex::new(false));
        if std::io::stderr().is_terminal() {
            let (reveal, finished) = (bar.clone(), Arc::clone(&finished));
            std::thread::spawn(move || {
                std::thread::sleep(Progress::DELAY);
                let finished = finished.lock().unwrap_or_else(|e| e.into_inner());
                if !*finished {
                    reveal.set_draw_target(ProgressDrawTarget::stderr());
                    reveal.enable_steady_tick(Duration::from_millis(120));
                }
            });
        }
        Progress { bar, finished }
    }

    fn update(&self, done: usize, total: usize) {
        self.bar.set_length(total as u64);
        self.bar.set_position(done as u64);
    }

    fn finish(&self) {
        let mut finished = self.finished.lock().unwrap_or_else(|e| e.into_inner());
        *finished = true;
        self.bar.finish_and_clear();
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        // Help and version go to stdout as clap writes them; a usage error quotes what was typed,
        // which is shown, not obeyed.
        Err(e) if !e.use_stderr() => e.exit(),
        Err(e) => {
            report(e.render().to_string().trim_end());
            return ExitCode::from(2);
        }
    };
    match run(cli) {
        Ok((out, code)) => {
            let mut stdout = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
            match out.write(&mut stdout).and_then(|()| stdout.flush()) {
                Ok(()) => ExitCode::from(code),
                // A closed pipe (`peaceplan diff a b | head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(code),
                Err(e) => {
                    report(&format!("peaceplan: cannot write output: {e}"));
                    ExitCode::from(2)
                }
            }
        }
        Err(e) => {
            report_line(&e.to_string());
            if matches!(e.kind(), peaceplan::ErrorKind::UnknownFormat(_)) {
                report("peaceplan: name the format with --input-format text|json|toml|docx");
            }
            ExitCode::from(2)
        }
    }
}

/// Writes a one-line message on stderr, its control characters and line feeds made visible (a file
/// name or a draft's text in an error must neither drive the terminal nor forge a line). A closed or
/// full stderr is no reason to panic: the exit code still tells.
fn report_line(message: &str) {
    let _ = writeln!(std::io::stderr(), "{}", render::visible_line(message));
}

/// [`report_line`] for messages of several lines (clap's usage errors), each made visible.
fn report(message: &str) {
    let _ = writeln!(std::io::stderr(), "{}", render::visible(message));
}

/// jemalloc, when the `jemalloc` feature asks for it (not on MSVC), with its default settings.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;
