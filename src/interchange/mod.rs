//! What the exporters and the importers of other tools' formats both have to know: the CSV
//! columns and its guard against spreadsheet formulas, and how Mermaid's journey grammar
//! reads scores, keywords, white space and entity codes. `export` writes by these rules and
//! `import` reads by them; neither imports the other.

pub mod csv;
pub mod mermaid;
