//! Why the catalogue's data could not be shown, as a value the error view renders.

use crate::bundle::{BundleError, ParseError, Problem};

/// Seconds to wait for the bundle before giving up.
pub const TIMEOUT_SECONDS: u32 = 10;

/// Seconds before each automatic retry of a transient failure (5xx, timeout, unreachable);
/// after the last one the visitor decides. 4xx answers and bad bundles are never retried.
pub const AUTO_RETRY_DELAYS: [u32; 2] = [1, 3];

/// The delay before automatic retry number `done + 1`, if `error` deserves one.
pub fn auto_retry_delay(error: &LoadError, done: usize) -> Option<u32> {
    if error.is_transient() {
        AUTO_RETRY_DELAYS.get(done).copied()
    } else {
        None
    }
}

/// What went wrong while loading the bundle.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadFailure {
    /// The server answered with an error status.
    Http { status: u16, status_text: String },
    /// No answer in time.
    Timeout,
    /// The request never reached a server (offline, DNS, CORS, blocked).
    Network(String),
    /// The body is not the file the read API names there (see [`crate::site_data`]): in words.
    Data(String),
    /// The body is not a usable bundle.
    Bundle(BundleError),
    /// A valid bundle with fewer than two tools: nothing to compare.
    TooFewTools { tools: usize },
}

/// A failure to load the bundle at `url`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadError {
    pub url: String,
    pub failure: LoadFailure,
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.headline(), self.url)
    }
}

impl std::error::Error for LoadError {}

impl LoadError {
    /// The title of the error view.
    pub fn title(&self) -> &'static str {
        match self.failure {
            LoadFailure::TooFewTools { .. } => "Nothing to compare yet",
            _ => "The comparison could not be loaded",
        }
    }

    /// The headline, naming what happened.
    pub fn headline(&self) -> String {
        match &self.failure {
            LoadFailure::Http { status: 404, .. } => "The comparison data was not found (HTTP 404).".into(),
            LoadFailure::Http { status, status_text } if status_text.is_empty() => {
                format!("The server answered with an error (HTTP {status}).")
            }
            LoadFailure::Http { status, status_text } => {
                format!("The server answered with an error (HTTP {status} {status_text}).")
            }
            LoadFailure::Timeout => {
                format!("The server did not answer within {TIMEOUT_SECONDS} seconds.")
            }
            LoadFailure::Network(_) => "The comparison data could not be reached.".into(),
            LoadFailure::Data(why) => format!("The comparison data could not be read: {why}."),
            LoadFailure::Bundle(BundleError::Parse(ParseError::Html)) => {
                "The comparison data is not JSON: the server sent a web page instead.".into()
            }
            LoadFailure::Bundle(BundleError::Parse(ParseError::UnsupportedVersion { found, .. })) => {
                format!("Unsupported bundle version {found}: this app needs a newer release to read it.")
            }
            LoadFailure::Bundle(BundleError::Parse(err)) => {
                format!("The comparison data could not be read: {err}.")
            }
            LoadFailure::Bundle(BundleError::Invalid(problems)) => {
                let n = problems.iter().filter(|p| p.severity == crate::bundle::Severity::Error).count();
                format!("The comparison data has {n} problem{} and was not loaded.", if n == 1 { "" } else { "s" })
            }
            LoadFailure::TooFewTools { tools } => format!(
                "This bundle has {tools} tool{}; a comparison needs at least two.",
                if *tools == 1 { "" } else { "s" }
            ),
        }
    }

    /// What the visitor can do next.
    pub fn advice(&self) -> &'static str {
        match &self.failure {
            LoadFailure::Http { status, .. } if *status >= 500 => "The server may be busy. Try again in a moment.",
            LoadFailure::Http { .. } => "Check that the site is published at this address, then try again.",
            LoadFailure::Timeout | LoadFailure::Network(_) => "Check your connection, then try again.",
            LoadFailure::Data(_) => "The site may be publishing right now. Try again in a moment.",
            LoadFailure::Bundle(_) => {
                "The site's operator needs to publish the catalogue again (verdicts-check names each problem)."
            }
            LoadFailure::TooFewTools { .. } => "The site's operator needs to add tools to the bundle.",
        }
    }

    /// Whether retrying automatically can help (server errors and timeouts, never 4xx).
    pub fn is_transient(&self) -> bool {
        match &self.failure {
            LoadFailure::Http { status, .. } => *status >= 500,
            LoadFailure::Timeout | LoadFailure::Network(_) => true,
            _ => false,
        }
    }

    /// The problems of an invalid bundle, with their paths.
    pub fn problems(&self) -> Vec<Problem> {
        match &self.failure {
            LoadFailure::Bundle(err @ BundleError::Invalid(_)) => err.problems(),
            LoadFailure::Bundle(BundleError::Parse(ParseError::Field { path, message })) => {
                vec![Problem { severity: crate::bundle::Severity::Error, path: path.clone(), message: message.clone() }]
            }
            _ => Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(failure: LoadFailure) -> LoadError {
        LoadError { url: "https://x/data/bundle.json".into(), failure }
    }

    #[test]
    fn server_errors_and_timeouts_are_retried_a_bounded_number_of_times() {
        let busy = error(LoadFailure::Http { status: 503, status_text: "Service Unavailable".into() });
        assert_eq!(auto_retry_delay(&busy, 0), Some(1));
        assert_eq!(auto_retry_delay(&busy, 1), Some(3));
        assert_eq!(auto_retry_delay(&busy, 2), None);
        assert_eq!(auto_retry_delay(&error(LoadFailure::Timeout), 0), Some(1));
    }

    #[test]
    fn client_errors_and_bad_bundles_are_never_retried() {
        let missing = error(LoadFailure::Http { status: 404, status_text: "Not Found".into() });
        assert_eq!(auto_retry_delay(&missing, 0), None);
        let bad = error(LoadFailure::Bundle(crate::bundle::BundleError::Parse(crate::bundle::ParseError::Empty)));
        assert_eq!(auto_retry_delay(&bad, 0), None);
        assert_eq!(auto_retry_delay(&error(LoadFailure::Data("cut short".into())), 0), None);
    }

    #[test]
    fn headlines_name_what_happened() {
        assert_eq!(
            error(LoadFailure::Http { status: 404, status_text: String::new() }).headline(),
            "The comparison data was not found (HTTP 404)."
        );
        assert!(error(LoadFailure::Http { status: 503, status_text: "Service Unavailable".into() })
            .headline()
            .contains("HTTP 503 Service Unavailable"));
        assert!(error(LoadFailure::Timeout).headline().contains("within 10 seconds"));
        assert!(error(LoadFailure::Data("EOF while parsing".into())).headline().contains("could not be read: EOF"));
    }
}
