//! Converts a catalogue between one bundle file and a content folder, and prints the folder's
//! JSON Schemas:
//!
//! ```text
//! verdicts-content export --bundle public/data/bundle.json --to content
//! verdicts-content import --from content --out bundle.json
//! verdicts-content schema tool > crates/content/schema/tool.schema.json
//! ```
//! Exit code: 0 on success (warnings allowed), 1 when the input has errors (each printed with
//! its place), 2 when a file cannot be read or written or the arguments are wrong.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use verdicts_catalog::bundle::Catalog;
use verdicts_content::schema::{schema_text, site_schema, tool_schema};
use verdicts_content::{
    bundle_json, folder_files, in_folder_order, read_folder, write_file_atomically, write_folder, Severity,
};

/// Converts a Verdicts catalogue between a bundle file and a content folder.
#[derive(Parser)]
#[command(name = "verdicts-content", version)]
struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Writes a bundle as a new content folder: site.toml and tools/<id>.toml.
    Export {
        /// The bundle to export.
        #[arg(long, value_name = "FILE")]
        bundle: PathBuf,
        /// The folder to write; it must not exist or be empty.
        #[arg(long, value_name = "DIR")]
        to: PathBuf,
    },
    /// Compiles a content folder into one bundle file (the bundle the site is published from).
    Import {
        /// The content folder.
        #[arg(long, value_name = "DIR")]
        from: PathBuf,
        /// The bundle file to write (replaced in one step).
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// Prints the JSON Schema of a tool file or of the site file.
    Schema {
        /// Which file's schema.
        #[arg(value_enum)]
        file: SchemaFile,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum SchemaFile {
    /// tools/<tool-id>.toml
    Tool,
    /// site.toml
    Site,
}

fn main() -> ExitCode {
    match Args::parse().command {
        Command::Export { bundle, to } => export(bundle, to),
        Command::Import { from, out } => import(from, out),
        Command::Schema { file } => {
            print!("{}", schema_text(if matches!(file, SchemaFile::Tool) { tool_schema() } else { site_schema() }));
            ExitCode::SUCCESS
        }
    }
}

fn export(bundle_path: PathBuf, to: PathBuf) -> ExitCode {
    let shown = bundle_path.display();
    let text = match std::fs::read_to_string(&bundle_path) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("{shown}: cannot read: {err}");
            return ExitCode::from(2);
        }
    };
    let catalog = match Catalog::from_text(&text) {
        Ok(catalog) => catalog,
        Err(err) => {
            for p in err.problems() {
                eprintln!("{shown}: {p}");
            }
            eprintln!(
                "{shown}: refused: fix the bundle first (verdicts-check lists its problems); nothing was written"
            );
            return ExitCode::from(1);
        }
    };
    let ordered = in_folder_order(&catalog.bundle);
    if ordered != catalog.bundle {
        eprintln!("{shown}: note: the folder keeps tools in the order of their ids, and each tool's reviews together");
    }
    let files = match folder_files(&ordered) {
        Ok(files) => files,
        Err(err) => {
            eprintln!("verdicts-content: cannot write the folder's files: {err}");
            return ExitCode::from(2);
        }
    };
    if let Err(err) = write_folder(&to, &files) {
        eprintln!("{}: cannot write: {err}", to.display());
        return ExitCode::from(2);
    }
    println!("Wrote {} with {} tool file(s)", to.display(), files.len() - 1);
    ExitCode::SUCCESS
}

fn import(from: PathBuf, out: PathBuf) -> ExitCode {
    let compiled = read_folder(&from);
    for problem in &compiled.problems {
        eprintln!("{problem}");
    }
    let Some(bundle) = compiled.bundle else {
        let errors = compiled.problems.iter().filter(|p| p.severity == Severity::Error).count();
        eprintln!("{}: refused: {errors} error(s); {} was not written", from.display(), out.display());
        return ExitCode::from(1);
    };
    let text = match bundle_json(&bundle) {
        Ok(text) => text,
        Err(err) => {
            eprintln!("verdicts-content: cannot write the bundle: {err}");
            return ExitCode::from(2);
        }
    };
    if let Err(err) = write_file_atomically(&out, &text) {
        eprintln!("{}: cannot write: {err}", out.display());
        return ExitCode::from(2);
    }
    println!("Wrote {} from {} tool file(s)", out.display(), compiled.tool_files);
    ExitCode::SUCCESS
}
