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

use crate::view_state::Param;

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

#[cfg(target_arch = "wasm32")]
pub use live::{mount, take_over_page};

#[cfg(target_arch = "wasm32")]
mod live {
    use std::cell::RefCell;

    use wasm_bindgen::JsCast;
    use web_sys::{Document, Element, Event, EventInit, HtmlElement, HtmlInputElement};

    use super::{LIVE_CLASS, PENDING, REPLAY_ATTR};

    thread_local! {
        /// The live page, rendered off-screen until the bundle has loaded.
        static LIVE: RefCell<Option<Element>> = const { RefCell::new(None) };
    }

    /// Mounts `app` off-screen; [`take_over_page`] swaps it in.
    pub fn mount<F, V>(app: F)
    where
        F: FnOnce() -> V + 'static,
        V: leptos::IntoView + 'static,
    {
        let live = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("div").ok())
            .and_then(|e| e.dyn_into::<HtmlElement>().ok());
        match live {
            Some(live) => {
                live.set_class_name(LIVE_CLASS);
                LIVE.with(|slot| *slot.borrow_mut() = Some(live.clone().into()));
                leptos::mount::mount_to(live, app).forget();
            }
            None => leptos::mount::mount_to_body(app),
        }
    }

    /// Replaces the page's static content with the live page, once (later calls do nothing).
    /// `replay` says whether buttons pressed on the static page are pressed again.
    pub fn take_over_page(replay: bool) {
        let Some(live) = LIVE.with(|slot| slot.borrow_mut().take()) else {
            return;
        };
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        match document.get_element_by_id("app") {
            Some(host) => {
                let carried = what_the_visitor_typed(&document, &host);
                let pressed = pressed_before();
                host.replace_children_with_node_1(&live);
                carry_over(&document, carried);
                if replay {
                    press_again(&host, pressed);
                }
            }
            None => {
                if let Some(body) = document.body() {
                    let _ = body.append_child(&live);
                }
            }
        }
    }

    /// A text field of the static page the visitor changed or was in.
    struct Carried {
        id: String,
        /// The text, when it differs from what the page was rendered with.
        typed: Option<String>,
        /// Where the caret or selection was, when the field had focus.
        focus: Option<(u32, u32)>,
    }

    fn what_the_visitor_typed(document: &Document, host: &Element) -> Vec<Carried> {
        let active = document.active_element();
        let Ok(fields) = host.query_selector_all("input[id]") else {
            return Vec::new();
        };
        (0..fields.length())
            .filter_map(|i| fields.item(i)?.dyn_into::<HtmlInputElement>().ok())
            .filter_map(|input| {
                let focused = active.as_ref().is_some_and(|a| a == input.unchecked_ref::<Element>());
                let value = input.value();
                let typed = (value != input.default_value()).then_some(value);
                let focus = focused.then(|| {
                    let start = input.selection_start().ok().flatten().unwrap_or(0);
                    (start, input.selection_end().ok().flatten().unwrap_or(start))
                });
                (typed.is_some() || focus.is_some()).then(|| Carried { id: input.id(), typed, focus })
            })
            .collect()
    }

    fn carry_over(document: &Document, carried: Vec<Carried>) {
        for field in carried {
            let Some(input) = document.get_element_by_id(&field.id).and_then(|e| e.dyn_into::<HtmlInputElement>().ok())
            else {
                continue;
            };
            if let Some(text) = field.typed {
                input.set_value(&text);
                let init = EventInit::new();
                init.set_bubbles(true);
                if let Ok(event) = Event::new_with_event_init_dict("input", &init) {
                    let _ = input.dispatch_event(&event);
                }
            }
            if let Some((start, end)) = field.focus {
                let _ = input.unchecked_ref::<HtmlElement>().focus();
                let _ = input.set_selection_range(start, end);
            }
        }
    }

    /// The keys of the buttons pressed on the static page, noted by the inline script, which
    /// are then forgotten there.
    fn pressed_before() -> Vec<String> {
        let Some(window) = web_sys::window() else {
            return Vec::new();
        };
        let Some(list) =
            js_sys::Reflect::get(&window, &PENDING.into()).ok().and_then(|v| v.dyn_into::<js_sys::Array>().ok())
        else {
            return Vec::new();
        };
        let mut keys: Vec<String> = list.iter().filter_map(|v| v.as_string()).collect();
        list.set_length(0);
        // A button that did nothing is often pressed twice; the visitor meant it once.
        keys.dedup();
        keys
    }

    fn press_again(host: &Element, keys: Vec<String>) {
        for key in keys {
            let Ok(buttons) = host.query_selector_all(&format!("[{REPLAY_ATTR}]")) else {
                return;
            };
            let button = (0..buttons.length())
                .filter_map(|i| buttons.item(i)?.dyn_into::<HtmlElement>().ok())
                .find(|b| b.get_attribute(REPLAY_ATTR).as_deref() == Some(key.as_str()));
            if let Some(button) = button {
                button.click();
            }
        }
    }
}
