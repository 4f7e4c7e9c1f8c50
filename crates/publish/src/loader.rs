//! The app's loader in a published page: Trunk writes it to fetch the JS module and the wasm with
//! the page; publishing makes it wait until the page has painted (see [`defer_app`]).

/// A preload Trunk writes (the wasm's, the loader's JS module's): the file and its integrity.
pub(super) struct Preload {
    href: String,
    integrity: String,
}

impl Preload {
    pub(super) fn of(el: &lol_html::html_content::Element) -> Option<Preload> {
        Some(Preload { href: el.get_attribute("href")?, integrity: el.get_attribute("integrity")? })
    }
}

/// Starts loading the app (the wasm and the JS module that runs it) when the page's inline script
/// says, once the page has painted or, in an embed, when the reader turns to it, instead of with
/// the page, keeping both files' integrity checks. Trunk's `<link rel="preload" …>` for
/// the wasm and `<link rel="modulepreload" …>` for the JS are dropped; its loader's static
/// `import` becomes a dynamic one, and the wasm is fetched with the same `integrity` at the same
/// moment. So the rendered comparison paints without the app's files competing for the
/// connection, and no script of the app is fetched, compiled or run before it has painted. A
/// template published before is already deferred.
pub(super) fn defer_app(page: String, wasm: Option<Preload>, module: Option<Preload>) -> Result<String, String> {
    let (Some(wasm), Some(module)) = (wasm, module) else {
        return if page.contains(DEFERRED_MARK) {
            Ok(page)
        } else {
            Err("index.html has no wasm preload or module preload link: is it the app built by scripts/build.sh?"
                .into())
        };
    };
    if !wasm.href.ends_with(".wasm") {
        return Err(format!("the preload link is not the wasm: {}", wasm.href));
    }
    let call = format!("init({{ module_or_path: '{}' }})", wasm.href);
    let import_end = format!("from '{}';", module.href);
    // Searched for inside Trunk's loader only: the page's title and description come from data.
    let loader = page.find("<script type=\"module\">").unwrap_or(page.len());
    let find = |what: &str| page[loader..].find(what).map(|at| loader + at);
    let (Some(import_at), Some(end_at)) = (find("import init"), find(&import_end)) else {
        return Err(format!("the loader does not import init from {}", module.href));
    };
    if end_at < import_at || !page[end_at..].contains(&call) {
        return Err(format!("the loader does not call {call} after importing {}", module.href));
    }
    // The inline script's promise says when (see `takeover::inline_script`); what follows is
    // `loader.js`, whose comments say why each step is as it is. The wasm is handed over as
    // bytes, not as a response to compile while streaming: Chromium feeds a streamed response to
    // the compiler on the main thread (5-9 ms in one task for this wasm, traced on a fast
    // connection), where bytes are compiled on a background thread; the functions themselves
    // are compiled lazily either way, so nothing is lost by waiting for the last byte.
    let file = |p: &Preload| serde_json::json!({ "href": p.href, "integrity": p.integrity });
    let load = format!(
        "const WASM = {}, MODULE = {};\n{}",
        file(&wasm),
        file(&module),
        verdicts::takeover::compact_script(LOADER)
    );
    let mut out = String::with_capacity(page.len() + load.len());
    out.push_str(&page[..import_at]);
    out.push_str(&load);
    out.push_str(&page[end_at + import_end.len()..].replacen(&call, "init({ module_or_path: wasmBytes })", 1));
    Ok(out)
}

/// The loader that waits, as written: real JavaScript, which the test command checks with Node.
pub const LOADER: &str = include_str!("loader.js");

/// What only a page whose loader already waits has: a template published before.
const DEFERRED_MARK: &str = "await (window.verdictsStart ? verdictsStart()";

#[cfg(test)]
mod tests {
    use super::*;
    use verdicts::takeover::START;

    #[test]
    fn the_loader_waits_for_the_inline_script_and_is_recognised_when_published_again() {
        assert!(LOADER.contains(&format!("await (window.{START} ? {START}()")), "loader.js awaits {START}");
        assert!(verdicts::takeover::compact_script(LOADER).contains(DEFERRED_MARK));
        for name in ["WASM.href", "WASM.integrity", "MODULE.href", "MODULE.integrity"] {
            assert!(LOADER.contains(name), "loader.js reads {name}");
        }
    }
}
