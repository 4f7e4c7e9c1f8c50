//! The comparison's first render, in steps.
//!
//! The live page is built off-screen while the static page is showing (see [`crate::takeover`]).
//! Built in one go, that is one long task on a phone, during which the page cannot answer a tap.
//! So the sections below the first screen are built one step at a time, each in a task of its
//! own, and the page is taken over once the last one is built. Later renders (another pair, a
//! role filter) are whole at once: every step has been reached by then.

use leptos::prelude::*;

/// How many steps the first render takes after the heading.
pub const STEPS: u8 = 10;

/// How far the first render has got; provided by the app. Without it (the publish step's
/// render) every step counts as reached.
#[derive(Clone, Copy)]
pub struct FirstRender {
    step: RwSignal<u8>,
}

impl FirstRender {
    pub fn new() -> FirstRender {
        FirstRender { step: RwSignal::new(0) }
    }

    /// Whether step `n` (1 to [`STEPS`]) may be built (tracked).
    pub fn reached(self, n: u8) -> bool {
        self.step.get() >= n
    }

    /// Whether every step has been built (tracked).
    pub fn done(self) -> bool {
        self.reached(STEPS)
    }

    /// Lets the next step be built.
    pub fn advance(self) {
        self.step.update(|s| *s = (*s + 1).min(STEPS));
    }
}

impl Default for FirstRender {
    fn default() -> Self {
        FirstRender::new()
    }
}

/// Its children, once the first render has reached `step`.
#[component]
pub fn Step(
    /// The step (1 to [`STEPS`]) the children are built in.
    step: u8,
    children: ChildrenFn,
) -> impl IntoView {
    let first = use_context::<FirstRender>();
    let shown = Memo::new(move |_| first.is_none_or(|f| f.reached(step)));
    // Only `shown` is followed: a signal read while the children are made (an attribute given
    // a plain value) would otherwise make the whole step again whenever it changed.
    move || shown.get().then(|| untrack(|| children()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_reached_in_order_and_stop_at_the_last() {
        let owner = Owner::new();
        owner.with(|| {
            let first = FirstRender::new();
            assert!(!first.reached(1));
            for n in 1..=STEPS {
                first.advance();
                assert!(first.reached(n));
                assert_eq!(first.done(), n == STEPS);
            }
            first.advance();
            assert!(first.done());
        });
    }
}
