//! The rules of the text formats that more than one module writes or reads: the CSV columns
//! and its guard against spreadsheet formulas, how Mermaid's journey grammar reads scores,
//! keywords, white space and entity codes (`export` writes by these rules and `import` reads
//! by them; neither imports the other), and how JSON and Markdown text are written, by the
//! snapshots and by the workshop's summary alike.

pub mod csv;
pub mod json;
pub mod markdown;
pub mod mermaid;
