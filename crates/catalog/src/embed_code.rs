//! The partner snippet and the links between the embed view and the full page.

use crate::escape::escape_html;
use crate::view_state::{Theme, ViewState};

/// The full page's state for a state: the same pair and roles, without `embed` and `theme`.
pub fn full_page_state(state: &ViewState) -> ViewState {
    ViewState { embed: false, theme: Theme::Auto, ..state.clone() }
}

/// The embed view's state for a state.
pub fn embed_state(state: &ViewState) -> ViewState {
    ViewState { embed: true, ..state.clone() }
}

/// The snippet a partner pastes: a placeholder `div` the loader turns into an iframe (with a
/// plain link inside for readers without scripts), and the loader script. The `div` keeps the
/// loader's starting height from the partner page's first paint: the loader runs after it
/// (`async`), and growing a one-line link into the embed then pushed the partner's text down
/// (a layout shift of 0.7 on a phone). The loader lets go of it once the embed reports its height.
///
/// `root` is the site root URL (`https://example.com/tools/compare/`), `full_url` the full
/// page's URL of the state, `title` names the pair for the fallback link.
pub fn snippet(root: &str, state: &ViewState, full_url: &str, title: &str) -> String {
    let (Some(a), Some(b)) = (&state.first, &state.second) else {
        return String::new();
    };
    let mut attrs = format!("data-verdicts-a=\"{}\" data-verdicts-b=\"{}\"", escape_html(a), escape_html(b));
    if let crate::view_state::RoleSelection::Only(roles) = &state.roles {
        attrs.push_str(&format!(" data-verdicts-roles=\"{}\"", escape_html(&roles.join(","))));
    }
    if state.theme != Theme::Auto {
        attrs.push_str(&format!(" data-verdicts-theme=\"{}\"", state.theme.as_str()));
    }
    format!(
        "<div {attrs} style=\"min-height:{START_HEIGHT}px\"><a href=\"{}\">{} on Verdicts</a></div>\n<script async src=\"{}\"></script>",
        escape_html(full_url),
        escape_html(title),
        escape_html(&format!("{root}embed.js")),
    )
}

/// The height (CSS pixels) an embed has until it reports its own: the loader's (`embed.js`).
pub const START_HEIGHT: u32 = 1200;

/// The plain `<iframe>` for sites that allow no scripts: fixed height, no resizing.
pub fn iframe_fallback(embed_url: &str, title: &str) -> String {
    format!(
        "<iframe src=\"{}\" title=\"{} on Verdicts\" loading=\"lazy\" style=\"width:100%;height:1400px;border:0\"></iframe>",
        escape_html(embed_url),
        escape_html(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view_state::RoleSelection;

    fn state() -> ViewState {
        ViewState {
            first: Some("mistral-8x24b".into()),
            second: Some("openai-o3-pro-api".into()),
            roles: RoleSelection::Only(vec!["builder".into(), "buyer".into()]),
            embed: true,
            theme: Theme::Dark,
            ..ViewState::default()
        }
    }

    #[test]
    fn the_snippet_names_the_pair_roles_and_theme() {
        let full = "https://example.com/tools/compare/mistral-8x24b-vs-openai-o3-pro-api/?roles=builder,buyer";
        let s = snippet("https://example.com/tools/compare/", &state(), full, "Mistral 8x24B vs OpenAI o3 Pro API");
        assert_eq!(
            s,
            "<div data-verdicts-a=\"mistral-8x24b\" data-verdicts-b=\"openai-o3-pro-api\" data-verdicts-roles=\"builder,buyer\" data-verdicts-theme=\"dark\" style=\"min-height:1200px\">\
<a href=\"https://example.com/tools/compare/mistral-8x24b-vs-openai-o3-pro-api/?roles=builder,buyer\">Mistral 8x24B vs OpenAI o3 Pro API on Verdicts</a></div>\n\
<script async src=\"https://example.com/tools/compare/embed.js\"></script>"
        );
    }

    #[test]
    fn everything_from_data_is_escaped() {
        let mut s = state();
        s.first = Some("\"><script>alert(1)</script>".into());
        let text = snippet("https://x/", &s, "https://x/?a=\"><b>", "<img src=x onerror=alert(1)>");
        assert!(text.contains("href=\"https://x/?a=&quot;&gt;&lt;b&gt;\""));
        assert!(!text.contains("<script>alert"));
        assert!(!text.contains("<img"));
        assert!(text.contains("&lt;img src=x onerror=alert(1)&gt; on Verdicts"));
    }

    #[test]
    fn the_full_page_state_drops_embed_and_theme() {
        let full = full_page_state(&state());
        assert!(!full.embed);
        assert_eq!(full.theme, Theme::Auto);
        assert_eq!(full.roles, state().roles);
        assert!(embed_state(&full).embed);
        assert!(iframe_fallback("https://x/c/a-vs-b/?embed=1&theme=dark", "A vs B")
            .contains("src=\"https://x/c/a-vs-b/?embed=1&amp;theme=dark\""));
    }
}
