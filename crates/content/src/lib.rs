//! The catalogue kept as a folder of files, one per tool, for editors and version control:
//!
//! ```text
//! content/
//!   site.toml            the title, source, reviewer roles ([[role]]), featured pairs, community
//!   tools/
//!     <tool-id>.toml     one tool: name, category, entry, prices, links, votes, and its
//!                        reviews as [[review]] tables
//! ```
//!
//! [`read_folder`] compiles a folder into the catalogue's [`Bundle`](verdicts_catalog::bundle::Bundle)
//! with every problem placed at `file:line:column` ([`Problem`]); [`folder_files`] and
//! [`write_folder`] write a bundle as a folder; [`bundle_json`] is the one canonical bundle text.
//! See `docs/authoring.md`.

pub mod files;
mod keys;
mod locate;
mod parse;
mod problem;
mod read;
pub mod schema;
mod suggest;
mod write;

pub use parse::parse_text;
pub use problem::{has_errors, Position, Problem, Severity};
pub use read::{is_content_folder, read_folder, Compiled};
pub use suggest::{did_you_mean, nearest};
pub use write::{bundle_json, folder_files, in_folder_order, write_file_atomically, write_folder};

/// The site file's name in the folder.
pub const SITE_FILE: &str = "site.toml";
/// The folder of the tool files.
pub const TOOLS_DIR: &str = "tools";
