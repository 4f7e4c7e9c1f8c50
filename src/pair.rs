//! The comparison being shown: the catalog, the resolved view and the actions that change it.
//! Components take this from context; it is `Copy`, so closures move the handle, not the data.

use std::sync::Arc;

use leptos::prelude::*;

use crate::navigation::{HistoryMode, Navigation};
use verdicts_catalog::bundle::{Catalog, Tool};
use verdicts_catalog::pages::{ids_from_path, location_for, Pages};
pub use verdicts_catalog::view_state::Side;
use verdicts_catalog::view_state::{
    pick, resolve, shown_roles, state_of, toggle_role, ResolvedView, RoleSelection, ViewState,
};

/// The comparison state shared by every component.
#[derive(Clone, Copy)]
pub struct Pair {
    pub catalog: StoredValue<Arc<Catalog>>,
    pub view: Memo<ResolvedView>,
    /// The two tools shown, by index: what depends on the pair alone follows this, not a role
    /// filter's change.
    pub tools: Memo<(usize, usize)>,
    /// Which roles are shown (`role_on`), with the view.
    pub roles_on: Memo<Vec<bool>>,
    /// The cost calculator's workload as typed (input, output tokens a month), with the view.
    pub workload: Memo<(Option<String>, Option<String>)>,
    nav: Navigation,
    /// The pages of the site, for links and the history.
    pub pages: StoredValue<Arc<Pages>>,
}

impl Pair {
    /// Derives the view from the URL: the page's folder names the pair, and the query's `a`
    /// and `b` override it; what the link held that was not used becomes the view's notices.
    /// `None` when the bundle has fewer than two tools.
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
                        let mut view = resolve(&state, c)?;
                        view.notices.splice(0..0, p.ignored.iter().cloned());
                        Some(view)
                    })
                })
                .unwrap_or_else(ResolvedView::empty)
        });
        let tools = Memo::new(move |_| view.with(|v| (v.first, v.second)));
        let roles_on = Memo::new(move |_| view.with(|v| v.role_on.clone()));
        let workload = Memo::new(move |_| view.with(|v| (v.input.clone(), v.output.clone())));
        Some(Pair { catalog, view, tools, roles_on, workload, nav, pages: StoredValue::new(pages) })
    }

    /// The URL that shows `state`: the pair's page when it has one, else the index's query.
    pub fn url(self, state: &ViewState) -> String {
        self.nav.url(&self.location(state))
    }

    fn location(self, state: &ViewState) -> verdicts_catalog::pages::Location {
        let here = self.nav.path();
        self.pages.with_value(|pages| self.catalog.with_value(|c| location_for(state, pages, c, Some(&here))))
    }

    fn go(self, state: &ViewState, mode: HistoryMode) {
        let to = untrack(|| self.location(state));
        self.nav.go(to, mode);
    }

    /// The tool index on a side.
    pub fn tool_index(self, side: Side) -> usize {
        self.tools.with(|(a, b)| match side {
            Side::First => *a,
            Side::Second => *b,
        })
    }

    /// Reads the tool on a side.
    pub fn with_tool<R>(self, side: Side, f: impl FnOnce(&Tool) -> R) -> Option<R> {
        let index = self.tool_index(side);
        self.catalog.with_value(|c| c.tool(index).map(f))
    }

    /// Text about the tool on a side, following the pair: a view's leaf that updates in place
    /// when the pair changes, so switching rewrites text nodes instead of rebuilding sections.
    /// One function type for every such leaf (`f` is a plain function), so the wasm carries one
    /// copy of the code that renders it.
    pub fn text(self, side: Side, f: fn(&Tool) -> String) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.with_tool(side, f).unwrap_or_default()
    }

    /// The name of the tool on a side (tracked).
    pub fn name(self, side: Side) -> String {
        self.with_tool(side, |t| t.name.clone()).unwrap_or_default()
    }

    /// The state that shows `first` and `second` with `roles`, keeping embed, theme and the
    /// workload of the view (untracked).
    fn state(self, first: usize, second: usize, roles: RoleSelection) -> ViewState {
        self.view.with_untracked(|now| self.catalog.with_value(|c| state_of(c, now, first, second, roles)))
    }

    fn roles(self) -> RoleSelection {
        self.view.with_untracked(|v| self.catalog.with_value(|c| shown_roles(c, v)))
    }

    /// The state as a link would share it: the shown pair, role filter and workload, plus embed
    /// and theme (tracked).
    pub fn shared_state(self) -> ViewState {
        self.view.with(|v| self.catalog.with_value(|c| state_of(c, v, v.first, v.second, shown_roles(c, v))))
    }

    /// The URL of the comparison of `a` and `b` with the visitor's role filter and workload
    /// (tracked): what a link to another pair points at.
    pub fn pair_url(self, a: usize, b: usize) -> String {
        let state = self.view.with(|v| self.catalog.with_value(|c| state_of(c, v, a, b, shown_roles(c, v))));
        self.url(&state)
    }

    /// Puts `tool` on `side`; picking the tool already on the other side swaps them.
    pub fn pick(self, side: Side, tool: usize) {
        let (a, b) = self.view.with_untracked(|v| pick(v, side, tool));
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

    /// Puts a workload in the URL (replacing the entry: typing is not a new view). A field left
    /// empty is no workload of that kind.
    pub fn set_workload(self, input: Option<String>, output: Option<String>) {
        let view = self.view.get_untracked();
        let mut state = self.state(view.first, view.second, self.roles());
        state.input = input.filter(|s| !s.trim().is_empty());
        state.output = output.filter(|s| !s.trim().is_empty());
        self.go(&state, HistoryMode::Replace);
    }

    /// Shows every role.
    pub fn show_all_roles(self) {
        let (a, b) = self.view.with_untracked(|v| (v.first, v.second));
        self.go(&self.state(a, b, RoleSelection::All), HistoryMode::Replace);
    }

    /// Turns one role on or off; turning a role on from "All roles" shows that role alone.
    pub fn toggle_role(self, role: usize) {
        let view = self.view.get_untracked();
        let roles = self.catalog.with_value(|c| verdicts_catalog::view_state::selection(c, &toggle_role(&view, role)));
        self.go(&self.state(view.first, view.second, roles), HistoryMode::Replace);
    }
}
