//! The comparison being shown: the catalog, the resolved view and the actions that change it.
//! Components take this from context; it is `Copy`, so closures move the handle, not the data.

use std::sync::Arc;

use leptos::prelude::*;

use crate::bundle::{Catalog, Tool};
use crate::navigation::{HistoryMode, Navigation};
use crate::pages::{ids_from_path, location_for, Pages};
use crate::view_state::{resolve, ResolvedView, RoleSelection, ViewState};

/// One of the two sides of the comparison.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    First,
    Second,
}

/// The comparison state shared by every component.
#[derive(Clone, Copy)]
pub struct Pair {
    pub catalog: StoredValue<Arc<Catalog>>,
    pub view: Memo<ResolvedView>,
    nav: Navigation,
    /// The pages of the site, for links and the history.
    pub pages: StoredValue<Arc<Pages>>,
}

impl Pair {
    /// Derives the view from the URL: the page's folder names the pair, and the query's `a`
    /// and `b` override it. `None` when the bundle has fewer than two tools.
    pub fn new(catalog: Arc<Catalog>, nav: Navigation, pages: Arc<Pages>) -> Option<Pair> {
        catalog.default_pair()?;
        let catalog = StoredValue::new(catalog);
        let view = Memo::new(move |_| {
            let path = nav.path();
            nav.parsed()
                .with(|p| {
                    catalog.with_value(|c| {
                        let mut state = p.state.clone();
                        if let Some((a, b)) = ids_from_path(&path, c) {
                            state.first.get_or_insert(a);
                            state.second.get_or_insert(b);
                        }
                        resolve(&state, c)
                    })
                })
                .unwrap_or(ResolvedView {
                    first: 0,
                    second: 1,
                    role_on: Vec::new(),
                    all_roles: true,
                    notices: Vec::new(),
                })
        });
        Some(Pair { catalog, view, nav, pages: StoredValue::new(pages) })
    }

    /// The URL that shows `state`: the pair's page when it has one, else the index's query.
    pub fn url(self, state: &ViewState) -> String {
        self.nav.url(&self.location(state))
    }

    fn location(self, state: &ViewState) -> crate::pages::Location {
        let here = self.nav.path();
        self.pages.with_value(|pages| self.catalog.with_value(|c| location_for(state, pages, c, Some(&here))))
    }

    fn go(self, state: &ViewState, mode: HistoryMode) {
        let to = untrack(|| self.location(state));
        self.nav.go(to, mode);
    }

    /// The tool index on a side.
    pub fn tool_index(self, side: Side) -> usize {
        self.view.with(|v| match side {
            Side::First => v.first,
            Side::Second => v.second,
        })
    }

    /// Reads the tool on a side.
    pub fn with_tool<R>(self, side: Side, f: impl FnOnce(&Tool) -> R) -> Option<R> {
        let index = self.tool_index(side);
        self.catalog.with_value(|c| c.tool(index).map(f))
    }

    /// The state to write back, keeping what the visitor did not change.
    fn state(self, first: usize, second: usize, roles: RoleSelection) -> ViewState {
        let parsed = self.nav.parsed().get_untracked().state;
        self.catalog.with_value(|c| ViewState {
            first: c.tool(first).map(|t| t.id.clone()),
            second: c.tool(second).map(|t| t.id.clone()),
            roles,
            embed: parsed.embed,
            theme: parsed.theme,
        })
    }

    /// The selection that shows the roles marked on in `on`.
    fn selection(self, on: &[bool]) -> RoleSelection {
        if on.iter().all(|x| *x) {
            return RoleSelection::All;
        }
        self.catalog.with_value(|c| {
            RoleSelection::Only(c.roles().iter().zip(on).filter(|(_, on)| **on).map(|(r, _)| r.id.clone()).collect())
        })
    }

    fn roles(self) -> RoleSelection {
        self.view.with_untracked(|v| if v.all_roles { RoleSelection::All } else { self.selection(&v.role_on) })
    }

    /// The state as a link would share it: the shown pair and role filter, plus embed and theme.
    pub fn shared_state(self) -> ViewState {
        let (a, b) = self.view.with(|v| (v.first, v.second));
        let roles = self.view.with(|v| if v.all_roles { RoleSelection::All } else { self.selection(&v.role_on) });
        let mut state = self.state(a, b, roles);
        state.embed = self.nav.parsed().with(|p| p.state.embed);
        state
    }

    /// Puts `tool` on `side`; picking the tool already on the other side swaps them.
    pub fn pick(self, side: Side, tool: usize) {
        let (a, b) = self.view.with_untracked(|v| (v.first, v.second));
        let (a, b) = match side {
            Side::First if tool == b => (b, a),
            Side::First => (tool, b),
            Side::Second if tool == a => (b, a),
            Side::Second => (a, tool),
        };
        self.go(&self.state(a, b, self.roles()), HistoryMode::Push);
    }

    /// Shows a pair.
    pub fn show_pair(self, a: usize, b: usize) {
        self.go(&self.state(a, b, self.roles()), HistoryMode::Push);
    }

    /// Swaps the two sides.
    pub fn swap(self) {
        let (a, b) = self.view.with_untracked(|v| (v.first, v.second));
        self.go(&self.state(b, a, self.roles()), HistoryMode::Push);
    }

    /// Shows every role.
    pub fn show_all_roles(self) {
        let (a, b) = self.view.with_untracked(|v| (v.first, v.second));
        self.go(&self.state(a, b, RoleSelection::All), HistoryMode::Replace);
    }

    /// Turns one role on or off; turning a role on from "All roles" shows that role alone.
    pub fn toggle_role(self, role: usize) {
        let view = self.view.get_untracked();
        let mut on = if view.all_roles { vec![false; view.role_on.len()] } else { view.role_on.clone() };
        if let Some(slot) = on.get_mut(role) {
            *slot = !*slot;
        }
        self.go(&self.state(view.first, view.second, self.selection(&on)), HistoryMode::Replace);
    }
}
