//! Every kind of problem in a content folder, with its file, line, column, field, what was found
//! and expected, and its suggestion; all of them reported at once.

use std::path::{Path, PathBuf};

use verdicts_content::{read_folder, Position, Problem, Severity};

const SITE: &str = r#"schema_version = 1
title = "Test catalogue"
updated = "2026-12-01"
source = "Made for the tests."

[featured]
default = ["alpha", "beta"]
pairs = [["alpha", "gamma"]]

[[role]]
id = "builder"
label = "The builder"

[[role]]
id = "buyer"
label = "The buyer"
"#;

fn tool(name: &str, reviews: &[(&str, &str)]) -> String {
    let mut text = format!("name = \"{name}\"\ncategory = \"Developer Tools\"\nentry = \"free\"\n");
    for (role, verdict) in reviews {
        text.push_str(&format!("\n[[review]]\nrole = \"{role}\"\nverdict = \"{verdict}\"\nquote = \"Words.\"\n"));
    }
    text
}

/// A folder with `site` and the tool files `tools` (file name, text).
fn folder(site: &str, tools: &[(&str, String)]) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("tools")).expect("folders");
    std::fs::write(content.join("site.toml"), site).expect("site.toml");
    for (name, text) in tools {
        std::fs::write(content.join("tools").join(name), text).expect("a tool file");
    }
    (dir, content)
}

fn good_tools() -> Vec<(&'static str, String)> {
    vec![
        ("alpha.toml", tool("Alpha", &[("builder", "ship"), ("buyer", "skip")])),
        ("beta.toml", tool("Beta", &[("builder", "ship"), ("buyer", "ship")])),
        ("gamma.toml", tool("Gamma", &[("builder", "skip"), ("buyer", "ship")])),
    ]
}

/// The problems of a folder, as printed, with the folder's path made relative.
fn problems_of(content: &Path) -> Vec<String> {
    let compiled = read_folder(content);
    assert_eq!(compiled.bundle.is_some(), !compiled.problems.iter().any(|p| p.severity == Severity::Error));
    let prefix = format!("{}/", content.display());
    compiled.problems.iter().map(|p| p.to_string().replace(&prefix, "content/")).collect()
}

/// With one tool file replaced by `text`.
fn with_tool(name: &str, text: &str) -> Vec<String> {
    let mut tools = good_tools();
    tools.retain(|(n, _)| *n != name);
    tools.push((Box::leak(name.to_string().into_boxed_str()), text.to_string()));
    let (_dir, content) = folder(SITE, &tools);
    problems_of(&content)
}

#[test]
fn a_good_folder_has_no_problems() {
    let (_dir, content) = folder(SITE, &good_tools());
    let compiled = read_folder(&content);
    assert_eq!(compiled.problems, Vec::<Problem>::new());
    let bundle = compiled.bundle.expect("a bundle");
    let ids: Vec<&str> = bundle.tools.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, ["alpha", "beta", "gamma"]);
    assert_eq!(bundle.reviews.len(), 6);
    assert_eq!(bundle.reviews[2].tool, "beta");
}

#[test]
fn an_unknown_role_suggests_the_nearest() {
    let text = tool("Alpha", &[("builder", "ship"), ("buyr", "skip")]);
    assert_eq!(
        with_tool("alpha.toml", &text),
        [
            r#"content/tools/alpha.toml:11:8: error: review[1].role: found "buyr", expected one of the roles of site.toml: builder, buyer; did you mean "buyer"?"#
        ]
    );
}

#[test]
fn a_featured_pair_naming_a_missing_tool_lists_the_nearest_ids() {
    let site = SITE.replace(r#"["alpha", "gamma"]"#, r#"["alpha", "gama"]"#);
    let (_dir, content) = folder(&site, &good_tools());
    assert_eq!(
        problems_of(&content),
        [
            r#"content/site.toml:8:20: error: featured.pairs[0][1]: found "gama", expected the id of a tool (a file in tools/); the nearest tool ids are "gamma", "beta", "alpha""#
        ]
    );
}

#[test]
fn syntax_errors_are_placed_and_all_listed() {
    let text = "name = \"Alpha\ncategory = \"Developer Tools\"\nentry = free\n";
    let problems = with_tool("alpha.toml", text);
    assert!(problems.len() >= 2, "{problems:#?}");
    assert!(problems[0].starts_with("content/tools/alpha.toml:1:"), "{problems:#?}");
    assert!(problems.iter().any(|p| p.starts_with("content/tools/alpha.toml:3:")), "{problems:#?}");
    assert!(problems.iter().all(|p| p.ends_with("this is not valid TOML")), "{problems:#?}");
}

#[test]
fn a_wrong_type_names_the_field_found_and_expected() {
    let text = tool("Alpha", &[("builder", "ship")]).replace("name = \"Alpha\"", "name = 5");
    assert_eq!(
        with_tool("alpha.toml", &text),
        ["content/tools/alpha.toml:1:8: error: name: invalid type: integer `5`, expected a string"]
    );
}

#[test]
fn a_missing_field_is_reported_at_its_table() {
    let text = tool("Alpha", &[("builder", "ship")]).replace("category = \"Developer Tools\"\n", "");
    let problems = with_tool("alpha.toml", &text);
    assert_eq!(problems, ["content/tools/alpha.toml:1:1: error: missing field `category`"]);
    // In a table, at the table, named.
    let text = tool("Alpha", &[("builder", "ship")]).replace("verdict = \"ship\"\n", "");
    let problems = with_tool("alpha.toml", &text);
    assert_eq!(problems, ["content/tools/alpha.toml:5:1: error: review[0]: missing field `verdict`"]);
}

#[test]
fn an_unknown_variant_suggests_the_nearest() {
    let text = tool("Alpha", &[("builder", "ship")]).replace("entry = \"free\"", "entry = \"freemum\"");
    assert_eq!(
        with_tool("alpha.toml", &text),
        ["content/tools/alpha.toml:3:9: error: entry: unknown variant `freemum`, expected one of `free`, `freemium`, `paid`, `contact-sales`; did you mean \"freemium\"?"]
    );
}

#[test]
fn an_unknown_key_suggests_the_nearest() {
    let text =
        tool("Alpha", &[("builder", "ship")]).replace("name = \"Alpha\"", "name = \"Alpha\"\ntaglne = \"Fast.\"");
    let problems = with_tool("alpha.toml", &text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0]
        .starts_with("content/tools/alpha.toml:2:1: error: taglne: unknown key \"taglne\", expected one of "));
    assert!(problems[0].ends_with("; did you mean \"tagline\"?"), "{}", problems[0]);
    // In a nested table too.
    let text = tool("Alpha", &[("builder", "ship")])
        + "\n[[link]]\nlabel = \"Docs\"\nurl = \"https://example.com\"\nurll = \"x\"\n";
    let problems = with_tool("alpha.toml", &text);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0].starts_with("content/tools/alpha.toml:13:1: error: link[0].urll: unknown key \"urll\", expected one of label, url; did you mean \"url\"?"), "{}", problems[0]);
}

#[test]
fn a_file_name_that_is_not_an_id_suggests_one() {
    let problems = with_tool("Alpha Tool.toml", &tool("Alpha", &[("builder", "ship")]));
    assert!(
        problems.contains(&r#"content/tools/Alpha Tool.toml: error: the file name "Alpha Tool" is not a tool id: lowercase letters, digits, '-', '_' or '.', starting with a letter or digit; rename it to alpha-tool.toml"#.to_string()),
        "{problems:#?}"
    );
}

#[test]
fn a_role_reviewing_twice_names_the_first() {
    let text = tool("Alpha", &[("builder", "ship"), ("builder", "skip")]);
    assert_eq!(
        with_tool("alpha.toml", &text),
        [
            r#"content/tools/alpha.toml:10:1: error: review[1]: "alpha" is reviewed twice by the role "builder" (also review[0])"#
        ]
    );
}

#[test]
fn checks_of_values_point_at_the_value() {
    let text = tool("Alpha", &[("builder", "ship")])
        + "\n[[link]]\nlabel = \"Docs\"\nurl = \"javascript:alert(1)\"\n\n[[pricing.prices]]\namount = -1\ncurrency = \"usd\"\nunit = \"seat\"\n";
    assert_eq!(
        with_tool("alpha.toml", &text),
        [
            r#"content/tools/alpha.toml:12:7: error: link[0].url: "javascript:alert(1)" is not an http or https link"#,
            "content/tools/alpha.toml:15:10: error: pricing.prices[0].amount: a price must be zero or more",
            r#"content/tools/alpha.toml:16:12: error: pricing.prices[0].currency: "usd" is not a three-letter currency code such as "USD""#,
        ]
    );
}

#[test]
fn a_tools_bad_update_date_is_placed_at_its_value() {
    let text = tool("Alpha", &[("builder", "ship")])
        .replace("entry = \"free\"\n", "entry = \"free\"\nupdated = \"2026-13-01\"\n");
    assert_eq!(
        with_tool("alpha.toml", &text),
        [r#"content/tools/alpha.toml:4:11: error: updated: "2026-13-01" is not a date in the form YYYY-MM-DD"#]
    );
}

#[test]
fn site_problems_are_placed_in_site_toml() {
    let site = SITE.replace("2026-12-01", "1 Dec 2026").replace("schema_version = 1", "schema_version = 2");
    let (_dir, content) = folder(&site, &good_tools());
    assert_eq!(
        problems_of(&content),
        [
            "content/site.toml:1:18: error: schema_version: unsupported version 2: expected 1",
            r#"content/site.toml:3:11: error: updated: "1 Dec 2026" is not a date in the form YYYY-MM-DD"#,
        ]
    );
}

#[test]
fn warnings_are_placed_and_do_not_refuse() {
    let mut tools = good_tools();
    tools.push(("delta.toml", tool("Delta", &[])));
    let (_dir, content) = folder(SITE, &tools);
    let compiled = read_folder(&content);
    assert!(compiled.bundle.is_some());
    assert_eq!(compiled.problems.len(), 1);
    let p = &compiled.problems[0];
    assert_eq!((p.severity, p.position), (Severity::Warning, Some(Position { line: 1, column: 1 })));
    assert!(p.file.ends_with("tools/delta.toml"));
    assert_eq!(p.message, r#""delta" has no reviews yet"#);
}

#[test]
fn every_problem_of_every_file_is_reported_at_once() {
    let mut tools = good_tools();
    tools[0].1 = tools[0].1.replace("name = \"Alpha\"", "name = 5");
    tools[1].1 = tools[1].1.replace("role = \"buyer\"", "role = \"biyer\"");
    tools.push(("delta.toml", "name = \"Delta\"\ncategory = \"\"\nentry = \"paid\"\n[[review]]\nrole = \"builder\"\nverdict = \"ship\"\nquote = \"\"\n".into()));
    let site = SITE.replace(r#"["alpha", "gamma"]"#, r#"["alpha", "omega"]"#);
    let (_dir, content) = folder(&site, &tools);
    let problems = problems_of(&content);
    let places: Vec<&str> = problems.iter().map(|p| p.split(": ").next().unwrap_or_default()).collect();
    assert_eq!(
        places,
        [
            "content/site.toml:8:20",
            "content/tools/alpha.toml:1:8",
            "content/tools/beta.toml:11:8",
            "content/tools/delta.toml:2:12",
            "content/tools/delta.toml:7:9",
        ],
        "{problems:#?}"
    );
    // A pair naming a file that did not parse is not reported again.
    assert!(!problems.iter().any(|p| p.contains(r#"found "alpha""#)), "{problems:#?}");
}

#[test]
fn a_folder_without_tools_says_what_a_content_folder_is() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::write(dir.path().join("site.toml"), SITE).expect("site.toml");
    let problems = read_folder(dir.path()).problems;
    assert_eq!(problems.len(), 1);
    assert!(problems[0].to_string().contains("cannot read the tools folder"), "{}", problems[0]);
    assert_eq!(problems[0].suggestion.as_deref(), Some("a content folder holds site.toml and tools/<tool-id>.toml"));
}

#[test]
fn every_wrong_value_of_one_file_is_reported() {
    let text = "name = \"Alpha\"\ncategory = \"Developer Tools\"\nentry = \"payed\"\n\n[community]\nship = \"many\"\n\n[[review]]\nrole = \"builder\"\nverdict = \"maybe\"\nquote = \"Words.\"\n\n[[review]]\nrole = \"buyer\"\nquote = \"Words.\"\n";
    assert_eq!(
        with_tool("alpha.toml", text),
        [
            "content/tools/alpha.toml:3:9: error: entry: unknown variant `payed`, expected one of `free`, `freemium`, `paid`, `contact-sales`; did you mean \"paid\"?",
            "content/tools/alpha.toml:6:8: error: community.ship: invalid type: string \"many\", expected i64",
            "content/tools/alpha.toml:10:11: error: review[0].verdict: unknown variant `maybe`, expected `ship` or `skip`",
            "content/tools/alpha.toml:13:1: error: review[1]: missing field `verdict`",
        ]
    );
}

#[test]
fn a_misspelt_required_key_is_one_problem_not_two() {
    let text = tool("Alpha", &[("builder", "ship")]).replace("quote = ", "quot = ");
    assert_eq!(
        with_tool("alpha.toml", &text),
        [
            r#"content/tools/alpha.toml:8:1: error: review[0].quot: unknown key "quot", expected one of quote, role, verdict; did you mean "quote"?"#
        ]
    );
}

#[test]
fn a_file_in_tools_that_is_not_a_toml_file_is_named() {
    let mut tools = good_tools();
    tools.push(("delta.tml", tool("Delta", &[("builder", "ship")])));
    tools.push(("beta.toml~", "an editor's backup".into()));
    let (_dir, content) = folder(SITE, &tools);
    assert_eq!(
        problems_of(&content),
        ["content/tools/delta.tml: warning: not read: a tool file's name ends in .toml; rename it to delta.toml"]
    );
}
