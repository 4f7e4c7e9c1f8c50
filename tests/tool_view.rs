//! `ToolView` under a reactive owner, without a browser: the tool a page's folder names, its
//! alternatives, and the location each action writes (the page's folder, the rest in the query).

use std::sync::Arc;

use leptos::prelude::*;
use verdicts::data::Shared;
use verdicts::navigation::Navigation;
use verdicts::tool_view::ToolView;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::pages::{Alternatives, Location, ALTERNATIVES_LIMIT};

fn seed() -> Catalog {
    let text = include_str!("../crates/catalog/tests/fixtures/seed.json");
    Catalog::from_text(text).unwrap_or_else(|e| panic!("the test bundle does not load: {e}"))
}

#[test]
fn a_tool_page_follows_its_folder_and_keeps_its_folder_through_every_action() {
    let c = Arc::new(seed());
    let owner = Owner::new();
    owner.with(|| {
        let id = c.tools()[2].id.clone();
        let nav = Navigation::at(String::new(), Location { path: format!("tools/{id}/"), query: String::new() });
        let shared = c.clone();
        let catalog = Memo::new(move |_| Shared(shared.clone()));
        let ranking = Arc::new(Alternatives::new(&c));
        let view = ToolView::new(catalog, nav, None, Some(ranking.clone()));
        assert_eq!(view.tool.get(), Some(2));
        assert_eq!(view.alternatives.get(), ranking.of(2, ALTERNATIVES_LIMIT));
        view.toggle_role(1);
        let role = c.roles()[1].id.clone();
        assert_eq!(nav.location(), Location { path: format!("tools/{id}/"), query: format!("?roles={role}") });
        assert_eq!(view.roles_on.get().iter().filter(|on| **on).count(), 1);
        view.set_workload(Some("50M".into()), Some("10M".into()));
        assert_eq!(nav.location().query, format!("?roles={role}&in=50M&out=10M"));
        view.show_all_roles();
        assert_eq!(nav.location().query, "?in=50M&out=10M");
        assert_eq!(view.workload.get(), (Some("50M".into()), Some("10M".into())));
        // Another tool's page, then a pair's folder: no tool there.
        let other = c.tools()[3].id.clone();
        nav.go(view.location_of(&other), verdicts::navigation::HistoryMode::Push);
        assert_eq!(nav.location().path, format!("tools/{other}/"));
        assert_eq!(view.tool.get(), Some(3));
        nav.go(
            Location { path: format!("{id}-vs-{other}/"), query: String::new() },
            verdicts::navigation::HistoryMode::Push,
        );
        assert_eq!(view.asked.get(), None);
        // An id the catalogue lacks: no tool.
        nav.go(Location { path: "tools/nope/".into(), query: String::new() }, verdicts::navigation::HistoryMode::Push);
        assert_eq!(view.tool.get(), None);
    });
}
