//! The browser's side of the view state: where the page is (its folder under the site root and
//! its query string) as a signal, pushed to and restored from the history.
//! [`verdicts_catalog::view_state`] reads the query and [`verdicts_catalog::pages`] the folder; this only talks to the
//! browser.

use leptos::prelude::*;

use crate::browser::{location_path_under, location_search, site_root};
use verdicts_catalog::pages::Location;
use verdicts_catalog::view_state::{parse_query, ParsedQuery};

/// How a state change is recorded in the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    /// A new entry, so Back returns to the previous view.
    Push,
    /// The current entry is rewritten.
    Replace,
}

/// Where the page is, shared through context.
#[derive(Clone, Copy)]
pub struct Navigation {
    /// The site root's URL with its trailing slash (empty when rendering natively, where links
    /// are relative to the site root).
    root: StoredValue<String>,
    here: RwSignal<Location>,
    parsed: Memo<ParsedQuery>,
}

impl Navigation {
    /// Reads where the browser is and follows Back and Forward.
    pub fn install() -> Navigation {
        let root = site_root();
        let nav = Navigation::at(root.clone(), Location { path: location_path_under(&root), query: location_search() });
        #[cfg(feature = "csr")]
        {
            // The listener lives as long as the page: the app is the page.
            let _ = window_event_listener(leptos::ev::popstate, move |_| {
                nav.here.set(Location { path: location_path_under(&root), query: location_search() });
            });
        }
        nav
    }

    /// A navigation that starts at `here` under `root`, with no browser behind it (the pages
    /// rendered at publish time).
    pub fn at(root: String, here: Location) -> Navigation {
        let here = RwSignal::new(here);
        let parsed = Memo::new(move |_| here.with(|h| parse_query(&h.query)));
        Navigation { root: StoredValue::new(root), here, parsed }
    }

    /// The state the query string describes, with what was ignored.
    pub fn parsed(self) -> Memo<ParsedQuery> {
        self.parsed
    }

    /// Where the page is now (folder and query).
    pub fn location(self) -> Location {
        self.here.get()
    }

    /// The current folder under the site root (empty on the index).
    pub fn path(self) -> String {
        self.here.with(|h| h.path.clone())
    }

    /// The site root URL (empty natively).
    pub fn root(self) -> String {
        self.root.get_value()
    }

    /// The URL of a location of this site.
    pub fn url(self, location: &Location) -> String {
        self.root.with_value(|root| location.url(root))
    }

    /// Shows `to` and records it in the history.
    pub fn go(self, to: Location, mode: HistoryMode) {
        if self.here.with_untracked(|h| *h == to) {
            return;
        }
        #[cfg(feature = "csr")]
        if let Some(window) = web_sys::window() {
            let url = self.url(&to);
            if let Ok(history) = window.history() {
                let null = wasm_bindgen::JsValue::NULL;
                let _ = match mode {
                    HistoryMode::Push => history.push_state_with_url(&null, "", Some(&url)),
                    HistoryMode::Replace => history.replace_state_with_url(&null, "", Some(&url)),
                };
            }
        }
        #[cfg(not(feature = "csr"))]
        let _ = mode;
        self.here.set(to);
    }
}
