//! Reading the content folder into a bundle: every file parsed (on every core), unknown keys
//! found, the bundle assembled and checked with the catalogue's own rules, and every problem
//! placed at its file, line and column with a suggestion where one can be told.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde_json::Value;
use toml::de::DeTable;
use toml::Spanned;
use verdicts_catalog::bundle::{validate, Bundle, Severity, SUPPORTED_SCHEMA_VERSION};

use crate::files::{SiteFile, ToolFile};
use crate::locate::{file_steps, path_text, span_of, steps, Step};
use crate::parse::parse_text;
use crate::problem::{has_errors, Position, Problem};
use crate::schema::{site_schema, tool_schema};
use crate::suggest::{did_you_mean_text, nearest, slug_of};
use crate::{SITE_FILE, TOOLS_DIR};

/// What reading a folder gave: the bundle when it has no errors, and every problem.
#[derive(Debug)]
pub struct Compiled {
    /// The bundle, when no file has an error (warnings allowed).
    pub bundle: Option<Bundle>,
    /// Every error and warning, file by file, each in file order.
    pub problems: Vec<Problem>,
    /// How many tool files were read.
    pub tool_files: usize,
}

/// One file read: its path as shown, the value when it parsed, and its own problems.
struct FileRead<T> {
    shown: PathBuf,
    value: Option<T>,
    problems: Vec<Problem>,
}

/// Whether `dir` looks like a content folder (it holds `site.toml`).
pub fn is_content_folder(dir: &Path) -> bool {
    dir.join(SITE_FILE).is_file()
}

/// Reads the content folder `dir`.
pub fn read_folder(dir: &Path) -> Compiled {
    let site = read_file::<SiteFile>(&dir.join(SITE_FILE), site_schema());
    let mut problems = Vec::new();
    let tool_paths = match tool_files(dir) {
        Ok((paths, ignored)) => {
            problems.extend(ignored);
            paths
        }
        Err(problem) => {
            problems.extend(site.problems);
            problems.push(*problem);
            return Compiled { bundle: None, problems, tool_files: 0 };
        }
    };
    let tools = read_tools(&tool_paths);
    let tool_files = tools.len();

    problems.extend(site.problems.iter().cloned());
    if let Some(site) = &site.value {
        if site.schema_version != SUPPORTED_SCHEMA_VERSION {
            let shown = dir.join(SITE_FILE);
            let position = position_in(&shown, &[Step::Key("schema_version".into())]);
            problems.push(Problem {
                severity: Severity::Error,
                file: shown,
                position,
                field: "schema_version".into(),
                message: format!("unsupported version {}: expected {SUPPORTED_SCHEMA_VERSION}", site.schema_version),
                suggestion: None,
            });
        }
    }
    for tool in &tools {
        problems.extend(tool.problems.iter().cloned());
    }

    // The ids of tool files that did not parse: references to them are not reported again.
    let unread: HashSet<String> = tools.iter().filter(|t| t.value.is_none()).map(|t| id_of(&t.shown)).collect();
    let Some(site_file) = site.value else {
        return Compiled { bundle: None, problems, tool_files };
    };
    let mut review_files = Vec::new();
    let mut entries = Vec::with_capacity(tools.len());
    let mut shown_paths = Vec::with_capacity(tools.len());
    for tool in tools {
        if let Some(file) = tool.value {
            review_files.extend((0..file.reviews.len()).map(|j| (shown_paths.len(), j)));
            entries.push((id_of(&tool.shown), file));
            shown_paths.push(tool.shown);
        }
    }
    let bundle = site_file.into_bundle(entries);
    let places = Places {
        site: dir.join(SITE_FILE),
        tools_dir: dir.join(TOOLS_DIR),
        tools: &shown_paths,
        review_files,
        all_ids: tool_paths.iter().map(|p| id_of(p)).collect(),
    };
    for problem in validate(&bundle) {
        if let Some(id) = problem.message.strip_prefix("no tool has the id \"").and_then(|m| m.strip_suffix('"')) {
            if unread.contains(id) {
                continue;
            }
        }
        problems.push(places.place(&problem, &bundle));
    }
    // File by file (site.toml first), each in file order.
    let site_path = dir.join(SITE_FILE);
    problems.sort_by(|a, b| {
        let key = |p: &Problem| (p.file != site_path, p.position.map(|p| (p.line, p.column)));
        let (ka, kb) = (key(a), key(b));
        ka.0.cmp(&kb.0).then_with(|| a.file.cmp(&b.file)).then(ka.1.cmp(&kb.1))
    });
    let bundle = (!has_errors(&problems)).then_some(bundle);
    Compiled { bundle, problems, tool_files }
}

/// The tool files of `dir`, by name: `tools/*.toml`, hidden files and editors' backups left
/// out; and a warning for each other file there, which is not read (`alpha.tml`, `alpha.md`).
fn tool_files(dir: &Path) -> Result<(Vec<PathBuf>, Vec<Problem>), Box<Problem>> {
    let tools_dir = dir.join(TOOLS_DIR);
    let entries = fs::read_dir(&tools_dir).map_err(|err| {
        Box::new(Problem {
            severity: Severity::Error,
            file: tools_dir.clone(),
            position: None,
            field: String::new(),
            message: format!("cannot read the tools folder: {err}"),
            suggestion: Some("a content folder holds site.toml and tools/<tool-id>.toml".into()),
        })
    })?;
    let mut paths = Vec::new();
    let mut ignored = Vec::new();
    for path in entries.filter_map(Result::ok).map(|e| e.path()) {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        if name.starts_with('.') || name.ends_with('~') || name.ends_with(".swp") || name.ends_with(".bak") {
            continue;
        }
        if name.ends_with(".toml") && path.is_file() {
            paths.push(path);
        } else {
            let stem = name.split('.').next().unwrap_or(&name);
            ignored.push(Problem {
                severity: Severity::Warning,
                file: path.clone(),
                position: None,
                field: String::new(),
                message: "not read: a tool file's name ends in .toml".into(),
                suggestion: (path.is_file() && !stem.is_empty()).then(|| format!("rename it to {stem}.toml")),
            });
        }
    }
    paths.sort();
    ignored.sort_by(|a, b| a.file.cmp(&b.file));
    Ok((paths, ignored))
}

/// The tool files read on every core, in the order given.
fn read_tools(paths: &[PathBuf]) -> Vec<FileRead<ToolFile>> {
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1).min(16);
    let chunk = paths.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let workers: Vec<_> = paths
            .chunks(chunk)
            .map(|chunk| {
                scope.spawn(move || chunk.iter().map(|p| read_file::<ToolFile>(p, tool_schema())).collect::<Vec<_>>())
            })
            .collect();
        workers
            .into_iter()
            // A worker that panicked is a bug: let it show, never a folder read short.
            .flat_map(|w| w.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect()
    })
}

/// A tool's id: its file name without `.toml`.
fn id_of(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Reads and parses one file, with its syntax errors (all of them), unknown keys, and the first
/// value of a wrong type or missing field.
fn read_file<T: DeserializeOwned>(path: &Path, schema: &Value) -> FileRead<T> {
    let shown = path.to_path_buf();
    let text = match fs::read_to_string(path) {
        Ok(text) => text,
        Err(err) => {
            let problem = Problem {
                severity: Severity::Error,
                file: shown.clone(),
                position: None,
                field: String::new(),
                message: format!("cannot read: {err}"),
                suggestion: None,
            };
            return FileRead { shown, value: None, problems: vec![problem] };
        }
    };
    let (value, problems) = parse_text::<T>(&shown, &text, schema);
    FileRead { shown, value, problems }
}

/// The position of `steps` in the file `shown` (read again: only files with problems are).
fn position_in(shown: &Path, steps: &[Step]) -> Option<Position> {
    let text = fs::read_to_string(shown).ok()?;
    let table: Spanned<DeTable<'_>> = DeTable::parse(&text).ok()?;
    let span = span_of(&table, steps)?;
    Some(Position::of_offset(&text, span.start))
}

/// Where the bundle's parts were written.
struct Places<'a> {
    site: PathBuf,
    tools_dir: PathBuf,
    tools: &'a [PathBuf],
    /// `review_files[k]`: the tool (index in `tools`) and the review's index in its file.
    review_files: Vec<(usize, usize)>,
    /// The ids of every tool file, read or not: what a mistyped id may have meant.
    all_ids: Vec<String>,
}

impl Places<'_> {
    /// A validation problem (with its JSON path into the bundle) placed in the folder.
    fn place(&self, problem: &verdicts_catalog::bundle::Problem, bundle: &Bundle) -> Problem {
        let path = steps(&problem.path);
        let mut message = problem.message.clone();
        let mut suggestion = None;
        let (file, in_file): (PathBuf, Vec<Step>) = match path.as_slice() {
            [Step::Key(k), Step::Index(i), rest @ ..] if k == "tools" => {
                let file = self.tools[*i].clone();
                if rest == [Step::Key("id".into())] {
                    let name = id_of(&file);
                    message = format!(
                        "the file name \"{name}\" is not a tool id: lowercase letters, digits, '-', '_' or '.', starting with a letter or digit"
                    );
                    let slug = slug_of(&name);
                    if !slug.is_empty() {
                        suggestion = Some(format!("rename it to {slug}.toml"));
                    }
                    return self.problem(problem.severity, file, None, String::new(), message, suggestion);
                }
                (file, file_steps(rest))
            }
            [Step::Key(k), Step::Index(i), rest @ ..] if k == "reviews" => {
                let (tool, j) = self.review_files[*i];
                if let Some((before, first)) = message.split_once("(also reviews[") {
                    let first: usize = first.trim_end_matches("])").parse().unwrap_or(0);
                    let (_, first_j) = self.review_files.get(first).copied().unwrap_or((tool, 0));
                    message = format!("{before}(also review[{first_j}])");
                }
                if rest == [Step::Key("role".into())] {
                    let found = &bundle.reviews[*i].role;
                    let roles: Vec<&str> = bundle.roles.iter().map(|r| r.id.as_str()).collect();
                    message =
                        format!("found \"{found}\", expected one of the roles of site.toml: {}", roles.join(", "));
                    suggestion = did_you_mean_text(found, roles.iter().copied());
                }
                let mut in_file = vec![Step::Key("review".into()), Step::Index(j)];
                in_file.extend(rest.iter().cloned());
                (self.tools[tool].clone(), in_file)
            }
            [Step::Key(k)] if k == "tools" => {
                return self.problem(problem.severity, self.tools_dir.clone(), None, String::new(), message, None)
            }
            [Step::Key(k), ..] if k == "featured" => {
                if let Some(found) = message.strip_prefix("no tool has the id \"").and_then(|m| m.strip_suffix('"')) {
                    let ids = nearest(found, self.all_ids.iter().map(String::as_str), 3);
                    message = format!("found \"{found}\", expected the id of a tool (a file in tools/)");
                    if !ids.is_empty() {
                        let ids: Vec<String> = ids.iter().map(|id| format!("\"{id}\"")).collect();
                        suggestion = Some(format!("the nearest tool ids are {}", ids.join(", ")));
                    }
                }
                (self.site.clone(), path.clone())
            }
            _ => (self.site.clone(), file_steps(&path)),
        };
        let start = Some(Position { line: 1, column: 1 });
        let position = if in_file.is_empty() { start } else { position_in(&file, &in_file).or(start) };
        self.problem(problem.severity, file, position, path_text(&in_file), message, suggestion)
    }

    fn problem(
        &self,
        severity: Severity,
        file: PathBuf,
        position: Option<Position>,
        field: String,
        message: String,
        suggestion: Option<String>,
    ) -> Problem {
        Problem { severity, file, position, field, message, suggestion }
    }
}
