//! Questions asked of a parsed folder: pure functions from the folder to rows.

pub mod actions;
pub mod attendance;
pub mod decisions;
pub mod lifecycle;
pub mod meetings;
pub mod people;
pub mod report;
