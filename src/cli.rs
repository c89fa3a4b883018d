//! The command line: clap definitions and one function per subcommand. Each returns an
//! [`Exit`]; messages for people are written here, at the edge.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};

use crate::cli_print::{self, ImportArgs, PrintArgs};
use crate::format;
use crate::model::Map;
use crate::store::{self, StoreError};
use crate::templates::{self, Template};
use crate::text;
use crate::tui;

/// Exit statuses of section 3: 0 success, 1 invalid map or failed operation, 2 wrong usage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Success = 0,
    Failure = 1,
    Usage = 2,
}

#[derive(Parser, Debug)]
#[command(
    name = "journeymap",
    version,
    about = "A terminal journey-map editor for customer-journey workshops",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// Map to open in the editor (created on first save if missing)
    pub file: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open a map in the editor
    Edit {
        file: PathBuf,
        /// Look without changing anything
        #[arg(long)]
        read_only: bool,
    },
    /// Show a map on the board, read-only
    View {
        file: PathBuf,
        /// Redraw whenever the file changes (someone else is editing it)
        #[arg(long)]
        follow: bool,
        /// Wide columns for a projector: fewer stages at a time, more of each card
        #[arg(long)]
        big: bool,
    },
    /// Create a new map from a template
    New {
        file: PathBuf,
        /// Template to start from (see `journeymap templates`)
        #[arg(long, default_value = templates::DEFAULT)]
        template: String,
        /// Title of the new map
        #[arg(long)]
        title: Option<String>,
        /// Replace the file if it exists
        #[arg(long)]
        force: bool,
    },
    /// Validate maps and report every problem with its position
    Check {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Rewrite maps in canonical form
    Fmt {
        /// Only report files that are not canonical; write nothing
        #[arg(long)]
        check: bool,
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print a snapshot: a text board, Markdown, HTML, SVG, CSV or a Mermaid journey
    Print(PrintArgs),
    /// Make a map from a Mermaid journey diagram or a CSV file
    Import(ImportArgs),
    /// List the built-in templates
    Templates,
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Exit {
    match cli.command {
        None => tui::run_editor(cli.file.as_deref(), false),
        Some(Command::Edit { file, read_only }) => tui::run_editor(Some(&file), read_only),
        Some(Command::View { file, follow, big }) => tui::run_viewer(&file, follow, big),
        Some(Command::New {
            file,
            template,
            title,
            force,
        }) => new(&file, &template, title, force),
        Some(Command::Check { files }) => check(&files),
        Some(Command::Fmt { check, files }) => fmt(&files, check),
        Some(Command::Print(args)) => cli_print::print(args),
        Some(Command::Import(args)) => cli_print::import(args),
        Some(Command::Templates) => list_templates(),
    }
}

fn new(file: &Path, template: &str, title: Option<String>, force: bool) -> Exit {
    let Some(template) = Template::find(template) else {
        let names: Vec<&str> = templates::ALL.iter().map(|t| t.name).collect();
        complain!(
            "journeymap: error: no template named `{}`; the templates are: {}",
            text::sanitize(template),
            names.join(", ")
        );
        return Exit::Usage;
    };
    if !force && std::fs::symlink_metadata(file).is_ok() {
        complain!(
            "{}: error: the file already exists; use --force to replace it",
            shown(file)
        );
        return Exit::Failure;
    }
    let mut map: Map = template.map();
    if let Some(title) = title {
        map.title = title;
    }
    match store::save(file, &map) {
        Ok(()) => {
            say(&format!(
                "{}: created from template {} ({})",
                shown(file),
                template.name,
                count(map.stages.len(), "stage")
            ));
            Exit::Success
        }
        Err(e) => fail(&e),
    }
}

fn check(files: &[PathBuf]) -> Exit {
    let mut exit = Exit::Success;
    for file in files {
        match store::check(file) {
            Ok(map) => say(&format!(
                "{}: ok ({}, {})",
                shown(file),
                count(map.stages.len(), "stage"),
                count(map.card_count(), "card")
            )),
            Err(problems) => {
                for problem in &problems {
                    exit = fail(problem);
                }
                if problems.len() >= format::MAX_PROBLEMS {
                    complain!(
                        "{}: stopped after {} problems",
                        shown(file),
                        format::MAX_PROBLEMS
                    );
                }
            }
        }
    }
    exit
}

fn fmt(files: &[PathBuf], check_only: bool) -> Exit {
    let mut exit = Exit::Success;
    for file in files {
        let bytes = match std::fs::read(file) {
            Ok(b) => b,
            Err(source) => {
                exit = fail(&StoreError::Io {
                    path: file.clone(),
                    source,
                });
                continue;
            }
        };
        let map = match store::parse(file, &bytes) {
            Ok(map) => map,
            Err(e) => {
                exit = fail(&e);
                continue;
            }
        };
        let canonical = format::to_string(&map);
        if canonical.as_bytes() == bytes {
            continue;
        }
        if check_only {
            complain!(
                "{}: not in canonical form (run `journeymap fmt` on it)",
                shown(file)
            );
            exit = Exit::Failure;
        } else if let Err(e) = store::write_atomic(file, canonical.as_bytes()) {
            exit = fail(&e);
        } else {
            say(&format!("{}: formatted", shown(file)));
        }
    }
    exit
}

fn list_templates() -> Exit {
    for t in &templates::ALL {
        let default = if t.name == templates::DEFAULT {
            " (default)"
        } else {
            ""
        };
        say(&format!("{:<12} {}{default}", t.name, t.summary));
    }
    Exit::Success
}

/// "1 stage", "5 stages".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// A path as it may be printed: sanitised like every other text from outside.
pub(crate) fn shown(path: &Path) -> String {
    text::sanitize(&path.display().to_string()).into_owned()
}

/// Reports a failed operation on stderr. Parse reports are sanitised where they are made.
pub(crate) fn fail(e: &StoreError) -> Exit {
    match e {
        StoreError::Invalid { report, .. } => complain!("{report}"),
        StoreError::Io { path, source } => {
            complain!("{}: error: {}", shown(path), store::io_message(source))
        }
        other => complain!("{other}"),
    }
    Exit::Failure
}

/// Prints a line to stdout; a closed pipe (`journeymap check … | head`) is not an error.
pub(crate) fn say(line: &str) {
    let mut out = io::stdout().lock();
    let _ = writeln!(out, "{line}");
}
