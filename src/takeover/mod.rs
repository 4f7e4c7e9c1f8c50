//! The handover from the static page to the live app, in one place.
//!
//! Every published page holds its comparison rendered at publish time, so the first paint is
//! real content (and crawlers and link previews read it). Beside it sits the loading skeleton,
//! shown instead when the link asks for another view than the one rendered (another pair or a
//! role filter). A small inline script, written here, decides that before the first paint and
//! notes the buttons the visitor presses before the app runs.
//!
//! The app mounts off-screen and, once the bundle has loaded, swaps itself in, in one step, so
//! nothing flashes or jumps. What the visitor already did is kept: text typed into a picker (with
//! its caret and focus; the live picker then lists the matches) and buttons pressed on the
//! static page, pressed again on the live page once each, in order, found by their stable
//! [`REPLAY_ATTR`] key. When the page was rendered from another bundle than the one now served,
//! the buttons may mean other things: they are not pressed again. A press under way (a pointer
//! down on the static page) is let finish on the static page first: its press and release on
//! two different elements would be no click at all.
//!
//! The style sheet's "Takeover" rules show and hide the three parts by the classes below.

/// The static page's rendered comparison (a child of `#app`).
pub const PRERENDERED_CLASS: &str = "prerendered";
/// The static page's skeleton (a child of `#app`).
pub const SKELETON_CLASS: &str = "static-skeleton";
/// The live page, until it is swapped in.
pub const LIVE_CLASS: &str = "live";
/// The attribute naming a button's action across the static and the live page.
pub const REPLAY_ATTR: &str = "data-replay";
/// The window property the inline script collects pressed buttons' keys in.
pub const PENDING: &str = "verdictsPendingClicks";
/// The inline script's function that runs a callback once no press on the static page is under
/// way (at once when none is).
pub const WHEN_RELEASED: &str = "verdictsWhenReleased";

/// The inline script of every published page: marks `<html>` before the first paint (a link to
/// another view shows the skeleton; the embed view and its theme style the static page), notes
/// buttons pressed on the static page, and shows an error with a way forward if the app stops.
///
/// It also decides when the app starts loading ([`START`], called by the page's loader): once
/// the browser reports the page's first contentful paint (after the first frame where paint
/// timing is missing, and at most a second after that frame if it never comes), so none of the
/// app's files competes with the rendered page for the connection or the main thread before the
/// reader sees it; but in the embed view of its rendered pair, only once the reader turns to the
/// embed (a pointer, a key or the focus in it). The comparison is on the partner's page already,
/// so an embed costs the partner only its HTML and style sheet until then; a button pressed is
/// pressed again once the app has taken over. In the embed view it reports the page's height to
/// the parent frame from the start (`{"type": "verdicts:resize", "height": …}` whenever it
/// changes, a `ResizeObserver`, to any origin: a height is no secret); it never listens to the
/// parent. Framed, the page is also `hidden` until `DOMContentLoaded` (which waits for the style
/// sheet, the loader's module script being deferred): Chromium laid an embed out once before its
/// style sheet had arrived, and the styled page then counted as a layout shift of the partner's
/// page (0.5 on a phone, traced with Lighthouse); hidden, nothing is laid out before it. If the
/// style sheet fails, the page still shows, unstyled.
///
/// The app stopping is a trap of its WebAssembly (a panic aborts: the release build has no
/// unwinding, and no panic message either), which reaches the page as an uncaught
/// `WebAssembly.RuntimeError`. The message is built here, in script, because the wasm instance
/// must not be trusted to run again after a trap.
pub fn inline_script() -> String {
    compact_script(INLINE_SCRIPT)
}

/// The inline script as written, in `inline.js`: real JavaScript, which the test command checks
/// with Node. The keys it shares with the app are checked against the constants below.
pub const INLINE_SCRIPT: &str = include_str!("inline.js");

/// A script without its whole-line `//` comments, blank lines and indentation: what every page
/// carries. Line breaks stay where they were, so the script means what `inline.js` says.
pub fn compact_script(script: &str) -> String {
    let lines = script.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("//"));
    lines.collect::<Vec<_>>().join("\n")
}

/// The inline script's function whose promise the loader awaits before it fetches the wasm.
pub const START: &str = "verdictsStart";
/// The `type` of the embed view's height message.
pub const RESIZE_MESSAGE: &str = "verdicts:resize";

/// The error shown when the app stops.
pub const FATAL_CLASS: &str = "fatal-error";

/// The stable key of the swap button.
pub const SWAP_KEY: &str = "swap";
/// The stable key of the "All roles" button.
pub const ALL_ROLES_KEY: &str = "roles:all";
/// The stable key of the Embed button.
pub const EMBED_KEY: &str = "embed";

/// The stable key of a role's filter button.
pub fn role_key(role_id: &str) -> String {
    format!("role:{role_id}")
}

/// The stable key of a vote button.
pub fn vote_key(tool_id: &str, verdict: &str) -> String {
    format!("vote:{verdict}:{tool_id}")
}

#[cfg(feature = "csr")]
pub use live::{mount, take_over_page};

#[cfg(test)]
mod tests {
    use super::*;
    use verdicts_catalog::view_state::Param;

    #[test]
    fn the_script_uses_the_keys_the_app_and_the_style_sheet_use() {
        let deep_link = [Param::First, Param::Second, Param::Roles, Param::In, Param::Out].map(Param::key).join("|");
        for expected in [
            format!("/[?&]({deep_link})=/"),
            format!("/[?&]{}=(1|true|yes)(&|$)/", Param::Embed.key()),
            format!("/[?&]{}=(light|dark)(&|$)/", Param::Theme.key()),
            format!("var {PENDING} = [];"),
            format!("'#app > .{PRERENDERED_CLASS} [{REPLAY_ATTR}]'"),
            format!("b.getAttribute('{REPLAY_ATTR}')"),
            format!("d.querySelector('.{FATAL_CLASS}')"),
            format!("p.className = '{FATAL_CLASS}';"),
            format!("type: '{RESIZE_MESSAGE}'"),
            format!("function {START}()"),
            format!("function {WHEN_RELEASED}(f)"),
            format!("document.querySelector('#app > .{PRERENDERED_CLASS}')"),
        ] {
            assert!(INLINE_SCRIPT.contains(&expected), "inline.js does not say {expected}");
        }
    }

    #[test]
    fn the_page_carries_the_script_without_its_comments_and_indentation() {
        let page = inline_script();
        assert!(!page.contains("//"), "no comment is left");
        assert!(!page.lines().any(|l| l.starts_with(' ')), "no indentation is left");
        assert!(!page.contains("\n\n"), "no blank line is left");
    }
}

#[cfg(feature = "csr")]
mod live;
