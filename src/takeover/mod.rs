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
//! the buttons may mean other things: they are not pressed again.
//!
//! The style sheet's "Takeover" rules show and hide the three parts by the classes below.

use verdicts_catalog::view_state::Param;

/// The static page's rendered comparison (a child of `#app`).
pub const PRERENDERED_CLASS: &str = "prerendered";
/// The static page's skeleton (a child of `#app`).
pub const SKELETON_CLASS: &str = "static-skeleton";
/// The live page, until it is swapped in.
pub const LIVE_CLASS: &str = "live";
/// The attribute naming a button's action across the static and the live page.
pub const REPLAY_ATTR: &str = "data-replay";
/// The window property the inline script collects pressed buttons' keys in.
const PENDING: &str = "verdictsPendingClicks";

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
    let other_view = [Param::First, Param::Second, Param::Roles, Param::In, Param::Out].map(Param::key).join("|");
    format!(
        "(function (q, r) {{\
if (/[?&]({other_view})=/.test(q)) r.setAttribute('data-deep-link', '');\
if (/[?&]{embed}=(1|true|yes)(&|$)/.test(q)) r.setAttribute('data-embed', '');\
var t = /[?&]{theme}=(light|dark)(&|$)/.exec(q); if (t) r.setAttribute('data-theme', t[1]);\
}})(location.search, document.documentElement);\n\
var {PENDING} = [];\n\
addEventListener('click', function (e) {{ var b = e.target.closest && e.target.closest('#app > .{PRERENDERED_CLASS} [{REPLAY_ATTR}]'); \
if (b) {PENDING}.push(b.getAttribute('{REPLAY_ATTR}')); }}, true);\n\
function verdictsStopped(e) {{ var x = e.error || e.reason, d = document; \
if (typeof WebAssembly != 'object' || !(x instanceof WebAssembly.RuntimeError) || d.querySelector('.{FATAL_CLASS}')) return; \
var p = d.createElement('div'), h = d.createElement('h1'), t = d.createElement('p'), a = d.createElement('a'); \
p.className = '{FATAL_CLASS}'; p.setAttribute('role', 'alert'); p.tabIndex = -1; h.textContent = 'Something went wrong'; \
t.textContent = 'The comparison stopped working because of an error in the app. Reloading the page usually helps.'; \
a.href = location.href; a.className = 'button'; a.textContent = 'Reload the page'; p.append(h, t, a); \
(d.getElementById('app') || d.body).replaceChildren(p); p.focus(); }}\n\
addEventListener('error', verdictsStopped); addEventListener('unhandledrejection', verdictsStopped);\n\
(function (r) {{ if (r.hasAttribute('data-embed') && window.parent !== window) {{ \
r.hidden = true; addEventListener('DOMContentLoaded', function () {{ r.hidden = false; }}); var last = 0; new ResizeObserver(function () {{ \
var h = Math.ceil(r.getBoundingClientRect().height); if (h !== last) {{ last = h; parent.postMessage({{ type: '{RESIZE_MESSAGE}', height: h }}, '*'); }} }}).observe(r); }} }})(document.documentElement);\n\
function {START}() {{ return new Promise(function (go) {{ var r = document.documentElement; \
if (r.hasAttribute('data-embed') && !r.hasAttribute('data-deep-link') && document.querySelector('#app > .{PRERENDERED_CLASS}')) {{ \
var kinds = ['pointerdown', 'touchstart', 'keydown', 'focusin'], once = function () {{ \
kinds.forEach(function (k) {{ removeEventListener(k, once, true); }}); go(); }}; \
kinds.forEach(function (k) {{ addEventListener(k, once, true); }}); }} \
else requestAnimationFrame(function () {{ var P = window.PerformanceObserver, o; \
if (!P || (P.supportedEntryTypes || []).indexOf('paint') < 0) return setTimeout(go, 0); \
o = new P(function (l) {{ if (l.getEntriesByName('first-contentful-paint').length) {{ o.disconnect(); setTimeout(go, 0); }} }}); \
o.observe({{ type: 'paint', buffered: true }}); setTimeout(go, 1000); }}); }}); }}",
        embed = Param::Embed.key(),
        theme = Param::Theme.key(),
    )
}

/// The inline script's function whose promise the loader awaits before it fetches the wasm.
pub const START: &str = "verdictsStart";
/// The `type` of the embed view's height message.
pub const RESIZE_MESSAGE: &str = "verdicts:resize";

/// The error shown when the app stops.
const FATAL_CLASS: &str = "fatal-error";

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

#[cfg(feature = "csr")]
mod live;
