//! `journeymap summary`, run as the real binary.
