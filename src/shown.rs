//! What a comparison ([`Pair`]) and a tool's page ([`ToolView`]) have in common, so that the
//! parts both show are written once: a tool on screen to read ([`ShownTool`]: a card's vendor
//! line and links), and the page's view with the actions that change it ([`PageView`]: the role
//! filter, the cost calculator's fields and workloads).

use leptos::prelude::*;

use crate::data::Known;
use crate::pair::{Pair, Side};
use crate::tool_view::ToolView;
use verdicts_catalog::bundle::Tool;
use verdicts_catalog::view_state::ResolvedView;

/// One tool on screen: a side of the comparison, or a tool's page.
pub trait ShownTool: Copy + Send + Sync + 'static {
    /// Reads the tool (tracked); `None` while its data is not in.
    fn with_tool<R>(self, f: impl FnOnce(&Tool) -> R) -> Option<R>;
}

impl ShownTool for (Pair, Side) {
    fn with_tool<R>(self, f: impl FnOnce(&Tool) -> R) -> Option<R> {
        self.0.with_tool(self.1, f)
    }
}

impl ShownTool for ToolView {
    fn with_tool<R>(self, f: impl FnOnce(&Tool) -> R) -> Option<R> {
        ToolView::with_tool(self, f)
    }
}

/// A page that shows tools with a role filter and a workload, both in its URL.
pub trait PageView: Copy + Send + Sync + 'static {
    /// What the visit has read of the catalogue.
    fn catalog(self) -> Memo<Known>;
    /// The URL's view, resolved: which roles are shown, the workload.
    fn view(self) -> Memo<ResolvedView>;
    /// The cost calculator's workload as the URL holds it (input, output tokens a month).
    fn workload(self) -> Memo<(Option<String>, Option<String>)>;
    /// The tools the page shows, by index (tracked): two on a comparison, one on a tool's page
    /// (none while its data is not in).
    fn tools_shown(self) -> Vec<usize>;
    /// Shows every role.
    fn show_all_roles(self);
    /// Turns one role on or off; turning a role on from "All roles" shows that role alone.
    fn toggle_role(self, role: usize);
    /// Puts a workload in the URL (replacing the entry: typing is not a new view).
    fn set_workload(self, input: Option<String>, output: Option<String>);
}

impl PageView for Pair {
    fn catalog(self) -> Memo<Known> {
        self.catalog
    }
    fn view(self) -> Memo<ResolvedView> {
        self.view
    }
    fn workload(self) -> Memo<(Option<String>, Option<String>)> {
        self.workload
    }
    fn tools_shown(self) -> Vec<usize> {
        self.view.with(|v| vec![v.first, v.second])
    }
    fn show_all_roles(self) {
        Pair::show_all_roles(self)
    }
    fn toggle_role(self, role: usize) {
        Pair::toggle_role(self, role)
    }
    fn set_workload(self, input: Option<String>, output: Option<String>) {
        Pair::set_workload(self, input, output)
    }
}

impl PageView for ToolView {
    fn catalog(self) -> Memo<Known> {
        self.catalog
    }
    fn view(self) -> Memo<ResolvedView> {
        self.view
    }
    fn workload(self) -> Memo<(Option<String>, Option<String>)> {
        self.workload
    }
    fn tools_shown(self) -> Vec<usize> {
        self.tool.get().into_iter().collect()
    }
    fn show_all_roles(self) {
        ToolView::show_all_roles(self)
    }
    fn toggle_role(self, role: usize) {
        ToolView::toggle_role(self, role)
    }
    fn set_workload(self, input: Option<String>, output: Option<String>) {
        ToolView::set_workload(self, input, output)
    }
}
