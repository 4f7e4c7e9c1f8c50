//! The browser's side of the view state: the query string as a signal, pushed to and restored
//! from the history. [`crate::view_state`] does the parsing; this only talks to the browser.

use leptos::prelude::*;
use wasm_bindgen::prelude::*;

use crate::browser::location_search;
use crate::view_state::{parse_query, to_query, ParsedQuery, ViewState};

/// How a state change is recorded in the history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    /// A new entry, so Back returns to the previous view.
    Push,
    /// The current entry is rewritten.
    Replace,
}

/// The page's query string, shared through context.
#[derive(Clone, Copy)]
pub struct Navigation {
    query: RwSignal<String>,
    parsed: Memo<ParsedQuery>,
}

impl Navigation {
    /// Reads the current query string and follows Back and Forward.
    pub fn install() -> Navigation {
        let query = RwSignal::new(location_search());
        let parsed = Memo::new(move |_| parse_query(&query.get()));
        #[cfg(target_arch = "wasm32")]
        if let Some(window) = web_sys::window() {
            let on_pop = Closure::<dyn Fn()>::new(move || query.set(location_search()));
            let _ = window.add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
            // The listener lives as long as the page: the app is the page.
            on_pop.forget();
        }
        Navigation { query, parsed }
    }

    /// The state the URL describes, with what was ignored.
    pub fn parsed(self) -> Memo<ParsedQuery> {
        self.parsed
    }

    /// Shows `state` and records it in the URL.
    pub fn go(self, state: &ViewState, mode: HistoryMode) {
        let search = to_query(state);
        if search == self.query.get_untracked() {
            return;
        }
        if let Some(window) = web_sys::window() {
            let url = if search.is_empty() {
                window.location().pathname().unwrap_or_else(|_| "./".into())
            } else {
                search.clone()
            };
            if let Ok(history) = window.history() {
                let _ = match mode {
                    HistoryMode::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
                    HistoryMode::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
                };
            }
        }
        self.query.set(search);
    }
}
