//! The comparison being shown: the catalogue, the resolved view and the actions that change it.
//! Components take this from context; it is `Copy`, so closures move the handle, not the data.
//!
//! The catalogue holds what the visit has read (see [`crate::data`]): when the URL names a tool
//! whose data is not in yet, the view stays on the pair shown until it is, and `status` says so.

use std::sync::Arc;

use leptos::prelude::*;

use crate::data::{Known, Shared, Store, Wanted};
use crate::navigation::{HistoryMode, Navigation};
use verdicts_catalog::bundle::Tool;
use verdicts_catalog::pages::{ids_from_path, location_for, Pages};
pub use verdicts_catalog::view_state::Side;
use verdicts_catalog::view_state::{
    pick_id, resolve, shown_roles, state_of_ids, toggle_role, ResolvedView, RoleSelection, ViewState,
};

/// The comparison state shared by every component.
#[derive(Clone, Copy)]
pub struct Pair {
    pub catalog: Memo<Known>,
    pub view: Memo<ResolvedView>,
    /// The two tools shown, by index: what depends on the pair alone follows this, not a role
    /// filter's change.
    pub tools: Memo<(usize, usize)>,
    /// The two tools shown, by id.
    pub ids: Memo<(String, String)>,
    /// Which roles are shown (`role_on`), with the view.
    pub roles_on: Memo<Vec<bool>>,
    /// The cost calculator's workload as typed (input, output tokens a month), with the view.
    pub workload: Memo<(Option<String>, Option<String>)>,
    /// Whether the data of the pair the URL names is in, on its way, or failed.
    pub status: Memo<Wanted>,
    /// Whether a pair has been shown: until then the view is a placeholder (the first pair's
    /// data is on its way, or failed).
    pub shown: Memo<bool>,
    /// The tools whose data the view needs, by id: the URL's pair first.
    wanted: Memo<Vec<String>>,
    nav: Navigation,
    /// The pages of the site, for links and the history.
    pub pages: Memo<Shared<Pages>>,
    store: Option<Store>,
}

impl Pair {
    /// Derives the view from the URL: the page's folder names the pair, and the query's `a`
    /// and `b` override it; what the link held that was not used becomes the view's notices.
    /// With a `store`, a tool whose data is not in is fetched first. `None` when the catalogue
    /// has fewer than two tools.
    pub fn new(
        catalog: Memo<Known>,
        nav: Navigation,
        pages: Memo<Shared<Pages>>,
        store: Option<Store>,
    ) -> Option<Pair> {
        catalog.with_untracked(|c| c.default_pair())?;
        // The URL's state, with the pair a page's folder names.
        let state = Memo::new(move |_| {
            let path = nav.path();
            nav.parsed().with(|p| {
                catalog.with(|c| {
                    let mut state = p.state.clone();
                    if let Some((a, b)) = ids_from_path(&path, c) {
                        state.first.get_or_insert(a);
                        state.second.get_or_insert(b);
                    }
                    (state, p.ignored.clone())
                })
            })
        });
        // The tools whose data the view needs: the URL's, and the default pair's when the URL
        // names fewer than two known tools.
        let wanted = Memo::new(move |_| {
            let (first, second) = state.with(|(s, _)| (s.first.clone(), s.second.clone()));
            let mut ids: Vec<String> = first.iter().chain(second.iter()).cloned().collect();
            let unknown = catalog.with(|c| {
                ids.iter().any(|id| {
                    store.is_some_and(|s| s.wanted(id, c) == Wanted::Ready)
                        && !c.tool_index(id).is_some_and(|i| c.is_whole(i))
                })
            });
            if ids.len() < 2 || first == second || unknown {
                if let Some((a, b)) = catalog.with(|c| c.default_ids()) {
                    ids.extend([a, b]);
                }
            }
            ids
        });
        let status = Memo::new(move |_| {
            let Some(store) = store else {
                return Wanted::Ready;
            };
            catalog.with(|c| {
                wanted.with(|ids| {
                    let each: Vec<Wanted> = ids.iter().map(|id| store.wanted(id, c)).collect();
                    each.iter()
                        .find(|w| matches!(w, Wanted::Failed(_)))
                        .or_else(|| each.iter().find(|w| **w == Wanted::Loading))
                        .cloned()
                        .unwrap_or(Wanted::Ready)
                })
            })
        });
        // Fetching what the view needs is the outside world.
        if let Some(store) = store {
            Effect::new(move |_| wanted.with(|ids| store.want(ids)));
        }
        let view = Memo::new(move |previous: Option<&ResolvedView>| {
            if status.with(|s| *s != Wanted::Ready) {
                // The pair on screen stays until the new one's data is in.
                return previous.cloned().unwrap_or_else(ResolvedView::empty);
            }
            state
                .with(|(state, ignored)| {
                    catalog.with(|c| {
                        let mut view = resolve(state, c)?;
                        view.notices.splice(0..0, ignored.iter().cloned());
                        Some(view)
                    })
                })
                .unwrap_or_else(ResolvedView::empty)
        });
        let shown = Memo::new(move |was: Option<&bool>| was.copied().unwrap_or(false) || status.get() == Wanted::Ready);
        let tools = Memo::new(move |_| view.with(|v| (v.first, v.second)));
        let ids = Memo::new(move |_| {
            let (a, b) = tools.get();
            catalog.with(|c| {
                let id = |i: usize| c.tool(i).map(|t| t.id.clone()).unwrap_or_default();
                (id(a), id(b))
            })
        });
        let roles_on = Memo::new(move |_| view.with(|v| v.role_on.clone()));
        let workload = Memo::new(move |_| view.with(|v| (v.input.clone(), v.output.clone())));
        Some(Pair { catalog, view, tools, ids, roles_on, workload, status, shown, wanted, nav, pages, store })
    }

    /// The read catalogue's files, when the app reads them (not in the publish step's render).
    pub fn store(self) -> Option<Store> {
        self.store
    }

    /// The URL that shows `state`: the pair's page when it has one, else the index's query.
    pub fn url(self, state: &ViewState) -> String {
        self.nav.url(&self.location(state))
    }

    fn location(self, state: &ViewState) -> verdicts_catalog::pages::Location {
        let here = self.nav.path();
        self.pages.with(|pages| self.catalog.with(|c| location_for(state, pages, c, Some(&here))))
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
        self.catalog.with(|c| c.tool(index).map(f))
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

    /// The state that shows `first` and `second` (ids) with `roles`, keeping embed, theme and the
    /// workload of the view (untracked).
    fn state(self, first: String, second: String, roles: RoleSelection) -> ViewState {
        self.view.with_untracked(|now| state_of_ids(now, Some(first), Some(second), roles))
    }

    fn roles(self) -> RoleSelection {
        self.view.with_untracked(|v| self.catalog.with_untracked(|c| shown_roles(c, v)))
    }

    /// The state as a link would share it: the shown pair, role filter and workload, plus embed
    /// and theme (tracked).
    pub fn shared_state(self) -> ViewState {
        let (a, b) = self.ids.get();
        self.view.with(|v| self.catalog.with(|c| state_of_ids(v, Some(a), Some(b), shown_roles(c, v))))
    }

    /// The URL of the comparison of `a` and `b` (ids) with the visitor's role filter and
    /// workload (tracked): what a link to another pair points at.
    pub fn pair_url(self, a: &str, b: &str) -> String {
        let state = self
            .view
            .with(|v| self.catalog.with(|c| state_of_ids(v, Some(a.into()), Some(b.into()), shown_roles(c, v))));
        self.url(&state)
    }

    /// Puts the tool `id` on `side`; picking the tool already on the other side swaps them.
    /// While the pair the URL names is not on screen (its data on its way, or failed), the other
    /// side is the URL's tool, not the one still shown.
    pub fn pick(self, side: Side, id: &str) {
        let asked = match (self.status.get_untracked(), self.wanted.get_untracked().as_slice()) {
            (Wanted::Ready, _) | (_, [] | [_]) => None,
            (_, [a, b, ..]) => Some((a.clone(), b.clone())),
        };
        let (a, b) = asked.unwrap_or_else(|| self.ids.get_untracked());
        let (x, y) = pick_id((&a, &b), side, id);
        self.go(&self.state(x, y, self.roles()), HistoryMode::Push);
    }

    /// Shows a pair, by ids.
    pub fn show_pair(self, a: &str, b: &str) {
        self.go(&self.state(a.to_string(), b.to_string(), self.roles()), HistoryMode::Push);
    }

    /// Swaps the two sides.
    pub fn swap(self) {
        let (a, b) = self.ids.get_untracked();
        self.go(&self.state(b, a, self.roles()), HistoryMode::Push);
    }

    /// Puts a workload in the URL (replacing the entry: typing is not a new view). A field left
    /// empty is no workload of that kind.
    pub fn set_workload(self, input: Option<String>, output: Option<String>) {
        let (a, b) = self.ids.get_untracked();
        let mut state = self.state(a, b, self.roles());
        state.input = input.filter(|s| !s.trim().is_empty());
        state.output = output.filter(|s| !s.trim().is_empty());
        self.go(&state, HistoryMode::Replace);
    }

    /// Shows every role.
    pub fn show_all_roles(self) {
        let (a, b) = self.ids.get_untracked();
        self.go(&self.state(a, b, RoleSelection::All), HistoryMode::Replace);
    }

    /// Turns one role on or off; turning a role on from "All roles" shows that role alone.
    pub fn toggle_role(self, role: usize) {
        let view = self.view.get_untracked();
        let roles =
            self.catalog.with_untracked(|c| verdicts_catalog::view_state::selection(c, &toggle_role(&view, role)));
        let (a, b) = self.ids.get_untracked();
        self.go(&self.state(a, b, roles), HistoryMode::Replace);
    }
}

/// The pages links lead to, shared (see [`Pages`]): every pair's folder when the page was
/// published from the catalogue read (`current`), else only the index.
pub fn pages_of(catalog: &verdicts_catalog::bundle::Catalog, current: bool) -> Shared<Pages> {
    Shared(Arc::new(if current { Pages::rule(catalog) } else { Pages::index_only(catalog) }))
}
