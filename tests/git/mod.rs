//! Maps in git: the conflict records a merge leaves, the merge cases, random merges and a
//! generated corpus, and real `git` in temporary repositories.

mod card_fields;
mod conflicts;
mod corpus;
mod editor;
mod generated;
mod hostile;
mod merge_cases;
mod properties;
mod random_merges;
mod real;
