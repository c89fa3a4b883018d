//! The commands on map files themselves: `new`, `check`, `fmt` and `templates`.

use std::path::{Path, PathBuf};

use super::report::{self, Exit, complain, fail, say, shown};
use crate::format;
use crate::model::Map;
use crate::present::count;
use crate::store;
use crate::templates::{self, Template};
use crate::text;

pub fn new(file: &Path, template: &str, title: Option<String>, force: bool) -> Exit {
    let Some(template) = Template::find(template) else {
        let names: Vec<&str> = templates::ALL.iter().map(|t| t.name).collect();
        report::error(&format!(
            "no template named `{}`; the templates are: {}",
            text::sanitize(template),
            names.join(", ")
        ));
        return Exit::Usage;
    };
    let mut map: Map = template.map();
    if let Some(title) = title {
        map.title = title;
    }
    match store::create(file, &map, force) {
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

pub fn check(files: &[PathBuf]) -> Exit {
    let mut exit = Exit::Success;
    for (i, file) in files.iter().enumerate() {
        match store::check(file) {
            Ok(map) => {
                say(&format!(
                    "{}: ok ({}, {})",
                    shown(file),
                    count(map.stages.len(), "stage"),
                    count(map.card_count(), "card")
                ));
                // The process ends right after the last file, and the system takes its
                // memory back at once: freeing a large map card by card first would only
                // make `check` slower.
                if i + 1 == files.len() {
                    std::mem::forget(map);
                }
            }
            Err(problems) => {
                for problem in &problems {
                    exit = fail(problem);
                }
                if problems.len() >= format::MAX_PROBLEMS {
                    complain(&format!(
                        "{}: stopped after {} problems",
                        shown(file),
                        format::MAX_PROBLEMS
                    ));
                }
            }
        }
    }
    exit
}

pub fn fmt(files: &[PathBuf], check_only: bool) -> Exit {
    let mut exit = Exit::Success;
    for file in files {
        let parsed = store::read(file).and_then(|bytes| {
            let map = store::parse(file, &bytes)?;
            Ok((map, bytes))
        });
        let (map, bytes) = match parsed {
            Ok(read) => read,
            Err(e) => {
                exit = fail(&e);
                continue;
            }
        };
        let canonical = format::to_string(&map);
        if canonical.as_bytes() == bytes {
            continue;
        }
        // The canonical form keeps no comments: a rewrite says how many it drops.
        let comments = format::comments::count(&String::from_utf8_lossy(&bytes));
        let some_comments = |n: usize| {
            if n == 1 {
                "1 comment".to_string()
            } else {
                format!("{n} comments")
            }
        };
        if check_only {
            let dropped = if comments > 0 {
                format!("; its {} would be dropped", some_comments(comments))
            } else {
                String::new()
            };
            complain(&format!(
                "{}: not in canonical form (run `journeymap fmt` on it{dropped})",
                shown(file)
            ));
            exit = Exit::Failure;
        } else if let Err(e) = store::write_atomic(file, canonical.as_bytes()) {
            exit = fail(&e);
        } else {
            say(&format!("{}: formatted", shown(file)));
            if comments > 0 {
                complain(&format!(
                    "{}: note: {} {} dropped: a map keeps no comments (a card's notes keep text)",
                    shown(file),
                    some_comments(comments),
                    if comments == 1 { "was" } else { "were" }
                ));
            }
        }
    }
    exit
}

pub fn list_templates() -> Exit {
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
