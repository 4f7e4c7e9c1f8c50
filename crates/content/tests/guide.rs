//! The examples of docs/authoring.md are files the reader accepts as they are.

use std::path::Path;

use verdicts_content::files::{SiteFile, ToolFile};
use verdicts_content::parse_text;
use verdicts_content::schema::{site_schema, tool_schema};

/// The TOML block that follows `heading` in the guide.
fn example(heading: &str) -> String {
    let guide = include_str!("../../../docs/authoring.md");
    let after = guide.split_once(heading).map(|(_, a)| a).expect("the heading");
    let block = after.split_once("```toml\n").map(|(_, b)| b).expect("a toml block");
    block.split_once("```").map(|(b, _)| b).expect("its end").to_string()
}

#[test]
fn the_guides_tool_file_reads_without_a_problem() {
    let (file, problems) = parse_text::<ToolFile>(Path::new("tool.toml"), &example("## The tool file"), tool_schema());
    assert_eq!(problems, []);
    let file = file.expect("a tool");
    assert_eq!(file.pricing.prices[0].per.as_ref().map(|p| p.quantity), Some(1_000_000));
    assert_eq!(
        file.reviews[0].quote,
        "The primitive is clean: a reasoning-optimized inference endpoint with function-calling and structured output baked in, not bolted on."
    );
}

#[test]
fn the_guides_site_file_reads_without_a_problem() {
    let (file, problems) = parse_text::<SiteFile>(Path::new("site.toml"), &example("## The site file"), site_schema());
    assert_eq!(problems, []);
    assert_eq!(file.expect("a site").roles[0].id, "builder");
}
