//! The HTML the preview adds: its reload script in every page it serves, and the page that lists
//! the folder's problems while it has errors.

use verdicts_catalog::escape::escape_html;

/// The reload script, as JavaScript (`reload.js`).
const RELOAD_JS: &str = include_str!("reload.js");

/// `html` with the reload script before its `</body>` (or at its end).
pub fn with_reload_script(html: &str) -> String {
    let script = format!("<script>{RELOAD_JS}</script>");
    match html.rfind("</body>") {
        Some(at) => format!("{}{script}{}", &html[..at], &html[at..]),
        None => format!("{html}{script}"),
    }
}

/// The page shown instead of the site while the folder has errors: every problem, as text.
pub fn problems_page(problems: &[String]) -> String {
    let items: String = problems.iter().map(|p| format!("<li><code>{}</code></li>\n", escape_html(p))).collect();
    let errors = problems.iter().filter(|p| p.contains(": error: ")).count();
    with_reload_script(&format!(
        r#"<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>The catalogue has errors — Verdicts preview</title><link rel="icon" href="data:,">
<style>body{{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}}
h1{{color:#991b1b;font-size:1.5rem}}li{{margin:.5rem 0}}code{{white-space:pre-wrap;word-break:break-word}}</style>
</head>
<body>
<main>
<h1>The catalogue has {errors} error(s)</h1>
<p>Nothing is published while a file has an error. Fix these and save: this page reloads by itself.</p>
<ul aria-label="Problems">
{items}</ul>
</main>
</body>
</html>
"#
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_body_ends_and_problems_are_text() {
        let page = with_reload_script("<html><body><p>x</p></body></html>");
        assert!(page.ends_with("</script></body></html>"));
        assert!(page.contains("new EventSource('/__preview/events')"));
        let page = problems_page(&["a.toml:1:1: error: name: <b>x</b>".into()]);
        assert!(page.contains("&lt;b&gt;x&lt;/b&gt;"));
        assert!(page.contains("has 1 error(s)"));
    }
}
