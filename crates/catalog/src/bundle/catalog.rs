//! A loaded bundle with the indexes built once at load, so every later look-up is cheap.

use super::model::{Bundle, Review, Role, Tool};
use super::parse::{parse_bundle, ParseError};
use super::validate::{check, has_errors, Problem, Severity};
use crate::fold::{fold, fold_into};
use rustc_hash::FxHashMap;

/// Why a bundle could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BundleError {
    /// It did not parse.
    Parse(ParseError),
    /// It parsed but has errors; every problem, errors and warnings.
    Invalid(Vec<Problem>),
}

impl std::fmt::Display for BundleError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BundleError::Parse(err) => err.fmt(f),
            BundleError::Invalid(problems) => {
                let errors: Vec<&Problem> = problems.iter().filter(|p| p.severity == Severity::Error).collect();
                write!(f, "{} problem(s)", errors.len())?;
                if let Some(first) = errors.first() {
                    write!(f, ", the first: {first}")?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for BundleError {}

impl BundleError {
    /// The problems to show, each with its JSON path; a problem with the whole document has
    /// the path `(document)`.
    pub fn problems(&self) -> Vec<Problem> {
        match self {
            BundleError::Invalid(problems) => problems.clone(),
            BundleError::Parse(ParseError::Field { path, message }) => {
                vec![Problem { severity: Severity::Error, path: path.clone(), message: message.clone() }]
            }
            BundleError::Parse(other) => {
                vec![Problem { severity: Severity::Error, path: "(document)".into(), message: other.to_string() }]
            }
        }
    }
}

/// A short fingerprint of bundle text: 16 hex digits of a 64-bit multiply-rotate hash (Fx's
/// step, eight bytes at a time) of its bytes and length. Not cryptographic: it tells a page
/// whether the bundle it was rendered from is the one served. It must come out the same in the
/// browser (32-bit wasm) and natively (publishing), so it uses no `usize` and no `Hasher`.
pub fn content_hash(text: &str) -> String {
    bytes_hash(text.as_bytes())
}

/// [`content_hash`] of any bytes.
pub fn bytes_hash(bytes: &[u8]) -> String {
    const SEED: u64 = 0x51_7c_c1_b7_27_22_0a_95;
    let step = |h: u64, word: u64| (h.rotate_left(5) ^ word).wrapping_mul(SEED);
    let mut hash = step(0, bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = step(hash, u64::from_le_bytes(word));
    }
    for &b in chunks.remainder() {
        hash = step(hash, u64::from(b));
    }
    format!("{hash:016x}")
}

/// A validated bundle and its indexes.
#[derive(Debug)]
pub struct Catalog {
    pub bundle: Bundle,
    /// The hash of the text the bundle was read from ([`content_hash`]); empty when it was built
    /// from a value. A published page records it, to tell whether it was rendered from this text.
    pub content_hash: String,
    /// The warnings found while validating.
    pub warnings: Vec<Problem>,
    tool_by_id: FxHashMap<String, usize>,
    /// `review_grid[tool * roles + role]`: the index of that review.
    review_grid: Vec<Option<u32>>,
    /// The folded name, vendor and category of each tool, for the pickers.
    search_keys: Vec<SearchKey>,
    /// Which tools are whole, when some are only named (a catalogue of what a visit has read,
    /// see [`crate::site_data::partial_catalog`]); empty when all are.
    whole: Vec<bool>,
    /// Each whole tool's alternatives as its shard listed them (a catalogue of what a visit has
    /// read); empty for a whole bundle, whose alternatives are ranked from all of it.
    listed_alternatives: FxHashMap<usize, Vec<usize>>,
}

/// The text of one tool the pickers match against, folded once.
#[derive(Debug)]
pub struct SearchKey {
    pub name: String,
    pub other: String,
}

impl Catalog {
    /// Parses, validates and indexes bundle text.
    pub fn from_text(text: &str) -> Result<Catalog, BundleError> {
        Catalog::from_text_with(text, || {})
    }

    /// As [`Catalog::from_text`], calling `parsed` between parsing and validating (the app marks
    /// the time there for the benchmark).
    pub fn from_text_with(text: &str, parsed: impl FnOnce()) -> Result<Catalog, BundleError> {
        let bundle = parse_bundle(text).map_err(BundleError::Parse)?;
        parsed();
        let mut catalog = Catalog::new(bundle)?;
        catalog.content_hash = content_hash(text);
        Ok(catalog)
    }

    /// Validates and indexes a parsed bundle.
    #[inline(never)]
    pub fn new(bundle: Bundle) -> Result<Catalog, BundleError> {
        let checked = check(&bundle);
        if has_errors(&checked.problems) {
            return Err(BundleError::Invalid(checked.problems));
        }
        let mut tool_by_id = FxHashMap::with_capacity_and_hasher(bundle.tools.len(), Default::default());
        for (i, tool) in bundle.tools.iter().enumerate() {
            tool_by_id.insert(tool.id.clone(), i);
        }
        let review_grid = checked.review_grid;
        let search_keys = bundle
            .tools
            .iter()
            .map(|t| {
                let mut other = String::with_capacity(t.category.len() + t.id.len() + 24);
                for part in [t.vendor.as_deref().unwrap_or(""), " ", &t.category, " ", &t.id] {
                    fold_into(part, &mut other);
                }
                SearchKey { name: fold(&t.name), other }
            })
            .collect();
        let warnings = checked.problems.into_iter().filter(|p| p.severity == Severity::Warning).collect();
        Ok(Catalog {
            bundle,
            content_hash: String::new(),
            warnings,
            tool_by_id,
            review_grid,
            search_keys,
            whole: Vec::new(),
            listed_alternatives: FxHashMap::default(),
        })
    }

    /// Marks which tools are whole (by index); the others are stand-ins that only name a tool.
    pub(crate) fn set_whole(&mut self, whole: Vec<bool>) {
        self.whole = if whole.iter().all(|w| *w) { Vec::new() } else { whole };
    }

    /// Records each whole tool's alternatives as its shard listed them.
    pub(crate) fn set_listed_alternatives(&mut self, listed: FxHashMap<usize, Vec<usize>>) {
        self.listed_alternatives = listed;
    }

    /// The alternatives of `tool` as its shard listed them, best first (see
    /// [`crate::pages::Alternatives`]); `None` for a whole bundle, or a tool whose shard is not in.
    pub fn listed_alternatives(&self, tool: usize) -> Option<&[usize]> {
        self.listed_alternatives.get(&tool).map(Vec::as_slice)
    }

    /// Whether the tool at `index` is whole: its data and reviews are in, not only its name.
    pub fn is_whole(&self, index: usize) -> bool {
        index < self.bundle.tools.len() && self.whole.get(index).copied().unwrap_or(true)
    }

    /// The tools, in bundle order.
    pub fn tools(&self) -> &[Tool] {
        &self.bundle.tools
    }

    /// The roles, in display order.
    pub fn roles(&self) -> &[Role] {
        &self.bundle.roles
    }

    /// The index of the tool with this id.
    pub fn tool_index(&self, id: &str) -> Option<usize> {
        self.tool_by_id.get(id).copied()
    }

    /// The tool at an index.
    pub fn tool(&self, index: usize) -> Option<&Tool> {
        self.bundle.tools.get(index)
    }

    /// The review of a tool by a role, both by index.
    pub fn review(&self, tool: usize, role: usize) -> Option<&Review> {
        let roles = self.bundle.roles.len();
        if role >= roles {
            return None;
        }
        let i = (*self.review_grid.get(tool * roles + role)?)?;
        self.bundle.reviews.get(i as usize)
    }

    /// The folded search text of each tool.
    pub fn search_keys(&self) -> &[SearchKey] {
        &self.search_keys
    }

    /// The pair shown when the URL names none: the bundle's default, else the first two tools.
    pub fn default_pair(&self) -> Option<(usize, usize)> {
        let featured = self.bundle.featured.as_ref().and_then(|f| f.default.as_ref());
        if let Some([a, b]) = featured {
            if let (Some(a), Some(b)) = (self.tool_index(a), self.tool_index(b)) {
                if a != b {
                    return Some((a, b));
                }
            }
        }
        (self.bundle.tools.len() >= 2).then_some((0, 1))
    }

    /// The ids of the pair shown when the URL names none (see [`Catalog::default_pair`]).
    pub fn default_ids(&self) -> Option<(String, String)> {
        let (a, b) = self.default_pair()?;
        Some((self.tools()[a].id.clone(), self.tools()[b].id.clone()))
    }

    /// The featured pairs, as indexes, skipping any that do not resolve.
    pub fn featured_pairs(&self) -> Vec<(usize, usize)> {
        let pairs = self.bundle.featured.as_ref().map(|f| f.pairs.as_slice()).unwrap_or(&[]);
        pairs
            .iter()
            .filter_map(|[a, b]| Some((self.tool_index(a)?, self.tool_index(b)?)))
            .filter(|(a, b)| a != b)
            .collect()
    }
}
