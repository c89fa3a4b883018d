//! Maps in git: the conflict records a merge leaves, the merge cases, and real `git` in
//! temporary repositories.

mod conflicts;
mod editor;
mod merge_cases;
mod properties;
mod real;
