//! One integration test binary, with a module per feature: the file format, the command
//! line, the editor (driven through actions and drawn into a TestBackend), snapshots
//! (`print` and `import`), and end-to-end runs of the real binary in a pseudo-terminal.

mod cli;
mod editor;
mod format;
mod git;
mod host;
mod live;
mod pty;
mod snapshots;
mod summary;
