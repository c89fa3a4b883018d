//! Format 1: loading, errors with positions, canonical save.
