//! The command line: clap definitions, and the dispatch to one file per command. Each
//! command returns an [`Exit`]; this folder is the only place that prints.

mod completions;
mod diff;
mod editor;
mod git_setup;
mod import;
mod maps;
mod merge;
mod print;
mod report;
mod summary;

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::templates;
use diff::DiffArgs;
use git_setup::GitSetupArgs;
use import::ImportArgs;
use merge::MergeArgs;
use print::PrintArgs;
pub use report::{ColorChoice, Exit, usage};
use summary::SummaryArgs;

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

    /// Colour in what commands write (auto: only on a terminal, and never when NO_COLOR is
    /// set)
    #[arg(long, global = true, value_enum, value_name = "WHEN", default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    #[command(flatten)]
    pub editor: EditorOptions,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The names `--theme` takes.
const THEMES: [&str; 3] = ["dark", "light", "mono"];

/// The editor's options, the same for `journeymap FILE` and `journeymap edit FILE`.
#[derive(clap::Args, Debug, Default)]
pub struct EditorOptions {
    /// Look without changing anything
    #[arg(long)]
    pub read_only: bool,
    /// Colours: dark, light (for a projector in a bright room) or mono
    #[arg(long, value_name = "NAME", value_parser = THEMES)]
    pub theme: Option<String>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open a map in the editor
    Edit {
        /// The map to open (created on first save if missing)
        file: PathBuf,
        #[command(flatten)]
        options: EditorOptions,
    },
    /// Show a map on the board, read-only
    View {
        /// The map to show
        file: PathBuf,
        /// Live: show the editor's unsaved edits about a second after each one (from its
        /// recovery copy), and the file whenever it is saved or changed; and follow the
        /// facilitator: their stage and card, the timer, the phase, hidden votes hidden
        #[arg(long)]
        follow: bool,
        /// Wide columns for a projector: fewer stages at a time, more of each card
        #[arg(long)]
        big: bool,
        /// Colours: dark, light (for a projector in a bright room) or mono
        #[arg(long, value_name = "NAME", value_parser = THEMES)]
        theme: Option<String>,
    },
    /// Run a live workshop: the editor here, and the same map served over SSH so that
    /// everyone joins from their own terminal with `ssh`
    Host {
        /// The map of the workshop (created on first save if missing)
        file: PathBuf,
        /// Port to listen on
        #[arg(long, default_value_t = 2222)]
        port: u16,
        /// Address to listen on (127.0.0.1 keeps the session on this machine)
        #[arg(long, default_value = "0.0.0.0")]
        bind: std::net::IpAddr,
        /// Session code participants type as the SSH user name (default: a random one)
        #[arg(long)]
        code: Option<String>,
        /// Most participants connected at once
        #[arg(long, default_value_t = 50)]
        max: usize,
        /// Colours: dark, light (for a projector in a bright room) or mono
        #[arg(long, value_name = "NAME", value_parser = THEMES)]
        theme: Option<String>,
    },
    /// Create a new map from a template
    New {
        /// The file to create (never replaced without --force)
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
        /// The maps to check
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Rewrite maps in canonical form
    Fmt {
        /// Only report files that are not canonical; write nothing
        #[arg(long)]
        check: bool,
        /// The maps to rewrite (or, with --check, to look at)
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Print a snapshot: a text board, Markdown, HTML, SVG, CSV, a Mermaid journey or JSON
    Print(PrintArgs),
    /// The workshop's outcome on one page: top votes, low and high points, gaps, evidence,
    /// owners
    Summary(SummaryArgs),
    /// Make a map from a Mermaid journey diagram, or the CSV or JSON that `print` writes
    Import(ImportArgs),
    /// What changed between two versions of a map, by stage and lane
    Diff(DiffArgs),
    /// Three-way merge of a map (also git's merge driver, with --git)
    Merge(MergeArgs),
    /// Make git merge and diff maps with journeymap (.gitattributes and git config)
    GitSetup(GitSetupArgs),
    /// List the built-in templates
    Templates,
    /// Print the completion script for a shell (bash, zsh, fish, powershell, elvish)
    Completions {
        /// The shell the script is for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), for `journeymap man > journeymap.1`; `journeymap man
    /// check` prints the page of `check`, `--dir DIR` writes every page into DIR
    Man {
        /// The subcommand whose page to print
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
        /// Write journeymap.1 and the page of every subcommand (journeymap-check.1, ...)
        /// into this folder
        #[arg(long, value_name = "DIR", conflicts_with = "command")]
        dir: Option<PathBuf>,
    },
}

/// Runs the parsed command line.
pub fn run(cli: Cli) -> Exit {
    report::set_color(cli.color);
    match cli.command {
        None => editor::edit(cli.file.as_deref(), &cli.editor),
        Some(Command::Edit { file, options }) => editor::edit(Some(&file), &options),
        Some(Command::View {
            file,
            follow,
            big,
            theme,
        }) => editor::view(&file, follow, big, theme.as_deref()),
        Some(Command::Host {
            file,
            port,
            bind,
            code,
            max,
            theme,
        }) => {
            let options = crate::host::HostOptions {
                port,
                bind,
                code,
                max,
                ..crate::host::HostOptions::default()
            };
            editor::host(&file, options, theme.as_deref())
        }
        Some(Command::New {
            file,
            template,
            title,
            force,
        }) => maps::new(&file, &template, title, force),
        Some(Command::Check { files }) => maps::check(&files),
        Some(Command::Fmt { check, files }) => maps::fmt(&files, check),
        Some(Command::Print(args)) => print::print(args),
        Some(Command::Summary(args)) => summary::summary(args),
        Some(Command::Completions { shell }) => completions::completions(shell),
        Some(Command::Man { command, dir }) => completions::man(command.as_deref(), dir.as_deref()),
        Some(Command::Import(args)) => import::import(args),
        Some(Command::Diff(args)) => diff::diff(args),
        Some(Command::Merge(args)) => merge::merge(args),
        Some(Command::GitSetup(args)) => git_setup::git_setup(args),
        Some(Command::Templates) => maps::list_templates(),
    }
}
