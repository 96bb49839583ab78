//! The `peaceplan` command: a thin shell over the library.
//!
//! Exit codes: `show` 0 on success; `diff` 0 when the drafts do not differ, 1 when they do (like
//! diff(1)); 2 on any trouble (bad input, missing file, bad arguments).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use peaceplan::{Draft, Format, format, render};

#[derive(Parser)]
#[command(
    name = "peaceplan",
    version,
    about = "Track the drafts of a negotiated plan and see what changed between them"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse a draft and print it back (a validator and a converter in one).
    Show {
        /// The draft file (.md, .txt, .json or .toml).
        file: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DraftFormat::Text)]
        format: DraftFormat,
        /// Input format, when the file extension does not tell it.
        #[arg(long, value_enum)]
        input_format: Option<DraftFormat>,
    },
    /// Show which points of OLD became which points of NEW, and how.
    Diff {
        /// The older draft.
        old: PathBuf,
        /// The newer draft.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
        /// Input format of both files, when their extensions do not tell it.
        #[arg(long, value_enum)]
        input_format: Option<DraftFormat>,
    },
}

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

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Json,
}

fn load(path: &PathBuf, input: Option<DraftFormat>) -> peaceplan::Result<Draft> {
    match input {
        Some(f) => format::load_as(path, f.into()),
        None => format::load(path),
    }
}

/// Runs the command; returns the exit code, or an error to report with exit code 2.
fn run(cli: Cli) -> peaceplan::Result<(String, u8)> {
    match cli.command {
        Command::Show {
            file,
            format,
            input_format,
        } => {
            let draft = load(&file, input_format)?;
            Ok((format::write(&draft, format.into())?, 0))
        }
        Command::Diff {
            old,
            new,
            format,
            input_format,
        } => {
            let old = load(&old, input_format)?;
            let new = load(&new, input_format)?;
            let d = peaceplan::diff(&old, &new);
            let out = match format {
                DiffFormat::Text => render::text(&d),
                DiffFormat::Json => render::json(&d),
            };
            Ok((out, u8::from(!d.is_empty())))
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok((out, code)) => {
            let mut stdout = std::io::stdout().lock();
            match stdout
                .write_all(out.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => ExitCode::from(code),
                // A closed pipe (`peaceplan diff a b | head`) is not an error worth reporting.
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(code),
                Err(e) => {
                    eprintln!("peaceplan: cannot write output: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::from(2)
        }
    }
}
