//! The tool page being shown (`tools/<id>/`): the tool the page's folder names, the role filter
//! and workload its query holds, and the actions that change them. The tool page's side of what
//! [`crate::pair`] is for a comparison; components take it from context, and it is `Copy`.
//!
//! The URL is the one source, as for a pair: every value here is a `Memo` over the
//! [`Navigation`]'s location and the catalogue. With a store, the tool's shard is fetched when its
//! data is not in (the published page carries its own tool, so a first visit needs no shard);
//! meanwhile the tool on screen stays and `status` says so.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::{Known, Store, Wanted};
use crate::navigation::{HistoryMode, Navigation};
use verdicts_catalog::bundle::Tool;
use verdicts_catalog::pages::{tool_alternatives, tool_id_from_path, tool_location, Alternatives, Location};
use verdicts_catalog::view_state::{
    resolve, selection, shown_roles, toggle_role, ResolvedView, RoleSelection, ViewState,
};

/// The tool page's state shared by its components.
#[derive(Clone, Copy)]
pub struct ToolView {
    pub catalog: Memo<Known>,
    /// The tool id the page's folder names; `None` off a tool page.
    pub asked: Memo<Option<String>>,
    /// The tool shown, by index: `None` while the first one's data is on its way, or when the
    /// catalogue has no tool by the id asked for.
    pub tool: Memo<Option<usize>>,
    /// The query's roles, workload, embed and theme, resolved (its pair is not this page's).
    pub view: Memo<ResolvedView>,
    /// Which roles are shown, with the view.
    pub roles_on: Memo<Vec<bool>>,
    /// The cost calculator's workload as typed (input, output tokens a month).
    pub workload: Memo<(Option<String>, Option<String>)>,
    /// Whether the data of the tool the URL names is in, on its way, or failed.
    pub status: Memo<Wanted>,
    /// Up to eight tools to compare this one with, best first.
    pub alternatives: Memo<Vec<usize>>,
    nav: Navigation,
    store: Option<Store>,
}

impl ToolView {
    /// Derives the tool page from the URL. `ranking` ranks the alternatives of a whole catalogue
    /// (the publish step's render); in the app they come as the tool's shard lists them.
    pub fn new(
        catalog: Memo<Known>,
        nav: Navigation,
        store: Option<Store>,
        ranking: Option<Arc<Alternatives>>,
    ) -> ToolView {
        let asked = Memo::new(move |_| tool_id_from_path(&nav.path()).map(str::to_string));
        let status = Memo::new(move |_| match (store, asked.get()) {
            (Some(store), Some(id)) => catalog.with(|c| store.wanted(&id, c)),
            _ => Wanted::Ready,
        });
        // Fetching what the page needs is the outside world.
        if let Some(store) = store {
            Effect::new(move |_| {
                if let Some(id) = asked.get() {
                    store.want(&[id]);
                }
            });
        }
        let tool = Memo::new(move |previous: Option<&Option<usize>>| {
            if status.with(|s| *s == Wanted::Loading) {
                return previous.copied().flatten();
            }
            let id = asked.get()?;
            catalog.with(|c| c.tool_index(&id).filter(|&i| c.is_whole(i)))
        });
        let view = Memo::new(move |_| {
            let state = nav.parsed().with(|p| ViewState { first: None, second: None, ..p.state.clone() });
            catalog.with(|c| resolve(&state, c)).unwrap_or_else(ResolvedView::empty)
        });
        let roles_on = Memo::new(move |_| view.with(|v| v.role_on.clone()));
        let workload = Memo::new(move |_| view.with(|v| (v.input.clone(), v.output.clone())));
        let alternatives = Memo::new(move |_| {
            let Some(t) = tool.get() else {
                return Vec::new();
            };
            catalog.with(|c| tool_alternatives(c, ranking.as_deref(), t))
        });
        ToolView { catalog, asked, tool, view, roles_on, workload, status, alternatives, nav, store }
    }

    /// The read catalogue's files, when the app reads them (not in the publish step's render).
    pub fn store(self) -> Option<Store> {
        self.store
    }

    /// Reads the tool shown.
    pub fn with_tool<R>(self, f: impl FnOnce(&Tool) -> R) -> Option<R> {
        let index = self.tool.get()?;
        self.catalog.with(|c| c.tool(index).map(f))
    }

    /// Text about the tool shown (tracked).
    pub fn text(self, f: fn(&Tool) -> String) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.with_tool(f).unwrap_or_default()
    }

    /// The state a link from this page carries: its roles, workload, embed and theme (tracked).
    pub fn shared_state(self) -> ViewState {
        self.view.with(|v| self.catalog.with(|c| state_with(v, shown_roles(c, v))))
    }

    /// Where the page of the tool `id` shows this page's roles, workload, embed and theme.
    pub fn location_of(self, id: &str) -> Location {
        tool_location(id, &self.shared_state())
    }

    fn go(self, roles: RoleSelection, workload: Option<(Option<String>, Option<String>)>) {
        let Some(id) = self.asked.get_untracked() else {
            return;
        };
        let mut state = self.view.with_untracked(|v| state_with(v, roles));
        if let Some((input, output)) = workload {
            state.input = input.filter(|s| !s.trim().is_empty());
            state.output = output.filter(|s| !s.trim().is_empty());
        }
        self.nav.go(tool_location(&id, &state), HistoryMode::Replace);
    }

    fn roles(self) -> RoleSelection {
        self.view.with_untracked(|v| self.catalog.with_untracked(|c| shown_roles(c, v)))
    }

    /// Shows every role.
    pub fn show_all_roles(self) {
        self.go(RoleSelection::All, None);
    }

    /// Turns one role on or off; turning a role on from "All roles" shows that role alone.
    pub fn toggle_role(self, role: usize) {
        let on = self.view.with_untracked(|v| toggle_role(v, role));
        let roles = self.catalog.with_untracked(|c| selection(c, &on));
        self.go(roles, None);
    }

    /// Puts a workload in the URL (replacing the entry: typing is not a new view).
    pub fn set_workload(self, input: Option<String>, output: Option<String>) {
        self.go(self.roles(), Some((input, output)));
    }
}

/// The state of a resolved view with `roles`, without a pair.
fn state_with(view: &ResolvedView, roles: RoleSelection) -> ViewState {
    ViewState {
        first: None,
        second: None,
        roles,
        embed: view.embed,
        theme: view.theme,
        input: view.input.clone(),
        output: view.output.clone(),
    }
}
