//! The state a visitor would share, held in the page's query string, in one place:
//! `?a=<tool>&b=<tool>&roles=<role>,<role>&embed=1&theme=dark`.

mod resolve;
mod transitions;

pub use crate::percent::{decode_component, encode_component};
pub use resolve::{resolve, ResolvedView};
pub use transitions::{pick, pick_id, selection, shown_roles, state_of, state_of_ids, toggle_role, Side};

/// The query parameters the app reads, the single source of their names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Param {
    /// `a`: the first tool's id.
    First,
    /// `b`: the second tool's id.
    Second,
    /// `roles`: the role ids shown, comma-separated.
    Roles,
    /// `embed`: the compact embed view.
    Embed,
    /// `theme`: `light`, `dark` or `auto`.
    Theme,
    /// `in`: input tokens a month, as typed (`50M`).
    In,
    /// `out`: output tokens a month, as typed.
    Out,
}

impl Param {
    /// Every parameter.
    pub const ALL: [Param; 7] =
        [Param::First, Param::Second, Param::Roles, Param::Embed, Param::Theme, Param::In, Param::Out];

    /// Its name in the query string.
    pub const fn key(self) -> &'static str {
        match self {
            Param::First => "a",
            Param::Second => "b",
            Param::Roles => "roles",
            Param::Embed => "embed",
            Param::Theme => "theme",
            Param::In => "in",
            Param::Out => "out",
        }
    }

    /// The parameter a query key names; `None` for others' parameters.
    pub fn from_key(key: &str) -> Option<Param> {
        Param::ALL.into_iter().find(|p| p.key() == key)
    }
}

/// The longest parameter value read; longer ones are ignored with a notice.
pub const MAX_VALUE_LEN: usize = 512;

/// Which reviewer roles are shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum RoleSelection {
    /// No filter: every role.
    #[default]
    All,
    /// Only these role ids (possibly none).
    Only(Vec<String>),
}

/// The colour theme asked for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Theme {
    /// Follow the visitor's system setting.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// The URL value, and the `data-theme` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Everything the query string says.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ViewState {
    pub first: Option<String>,
    pub second: Option<String>,
    pub roles: RoleSelection,
    pub embed: bool,
    pub theme: Theme,
    /// The cost calculator's workload as typed: input and output tokens a month.
    pub input: Option<String>,
    pub output: Option<String>,
}

/// A query string read into a [`ViewState`], with what was ignored and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    pub state: ViewState,
    /// One sentence per ignored part, for the visitor.
    pub ignored: Vec<String>,
}

/// Reads a query string (with or without its leading `?`).
pub fn parse_query(query: &str) -> ParsedQuery {
    let mut parsed = ParsedQuery::default();
    let mut seen: Vec<Param> = Vec::new();
    let query = query.strip_prefix('?').unwrap_or(query);
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (raw_key, raw_value) = pair.split_once('=').unwrap_or((pair, ""));
        let Some(param) = Param::from_key(&decode_component(raw_key)) else {
            continue; // Others' parameters (tracking, partners') are none of our business.
        };
        let name = param.key();
        if seen.contains(&param) {
            parsed.ignored.push(format!("The link names “{name}” more than once; the first one is used."));
            continue;
        }
        seen.push(param);
        // A cheap bound before decoding: a value of MAX_VALUE_LEN characters encodes to at most
        // 12 bytes a character (four UTF-8 bytes, each as %XX).
        if raw_value.len() > MAX_VALUE_LEN * 12 {
            parsed.ignored.push(format!("The link's “{name}” is too long to be real and was ignored."));
            continue;
        }
        let value = decode_component(raw_value);
        if value.chars().count() > MAX_VALUE_LEN {
            parsed.ignored.push(format!("The link's “{name}” is too long to be real and was ignored."));
            continue;
        }
        let state = &mut parsed.state;
        match param {
            Param::First | Param::Second => {
                let value = value.trim();
                if value.is_empty() {
                    parsed.ignored.push(format!("The link's “{name}” is empty and was ignored."));
                } else if param == Param::First {
                    state.first = Some(value.to_string());
                } else {
                    state.second = Some(value.to_string());
                }
            }
            Param::Roles => {
                let mut ids: Vec<String> = Vec::new();
                for id in raw_value.split(',').map(decode_component) {
                    let id = id.trim().to_string();
                    if !id.is_empty() && !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                state.roles = RoleSelection::Only(ids);
            }
            Param::Embed => match value.as_str() {
                "1" | "true" | "yes" => state.embed = true,
                "0" | "false" | "no" | "" => state.embed = false,
                _ => parsed.ignored.push(format!("The link's “embed” value “{value}” was not understood.")),
            },
            Param::In | Param::Out => {
                let value = value.trim();
                let slot = if param == Param::In { &mut state.input } else { &mut state.output };
                *slot = (!value.is_empty()).then(|| value.to_string());
            }
            Param::Theme => match value.as_str() {
                "light" => state.theme = Theme::Light,
                "dark" => state.theme = Theme::Dark,
                "auto" | "" => state.theme = Theme::Auto,
                _ => parsed.ignored.push(format!("The link's “theme” value “{value}” was not understood.")),
            },
        }
    }
    parsed
}

/// Writes a state as a canonical query string, with its leading `?` (empty for the default).
pub fn to_query(state: &ViewState) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(a) = &state.first {
        parts.push(format!("{}={}", Param::First.key(), encode_component(a)));
    }
    if let Some(b) = &state.second {
        parts.push(format!("{}={}", Param::Second.key(), encode_component(b)));
    }
    if let RoleSelection::Only(ids) = &state.roles {
        let list: Vec<String> = ids.iter().map(|id| encode_component(id)).collect();
        parts.push(format!("{}={}", Param::Roles.key(), list.join(",")));
    }
    for (param, value) in [(Param::In, &state.input), (Param::Out, &state.output)] {
        if let Some(v) = value {
            parts.push(format!("{}={}", param.key(), encode_component(v)));
        }
    }
    if state.embed {
        parts.push(format!("{}=1", Param::Embed.key()));
    }
    if state.theme != Theme::Auto {
        parts.push(format!("{}={}", Param::Theme.key(), state.theme.as_str()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}
