//! Publishing again after a change writes only what the change touches, and the site it leaves is
//! the site a full publish of the new catalogue makes: every file the same, but for the pages and
//! shards kept from the publish before, which name that publish (and show the same).

use std::path::Path;

mod common;
use common::{files, project, TEMPLATE};
use serde_json::Value;
use verdicts_catalog::config::PUBLISHED_VERSION_META;
use verdicts_catalog::site_data::{Manifest, Shard, ENTRY_POINT};
use verdicts_publish::incremental::STATE_FILE;
use verdicts_publish::{html, publish_site, Report, Settings};

fn new_site(root: &Path, name: &str) -> Result<std::path::PathBuf, String> {
    let dir = root.join(name);
    std::fs::create_dir_all(&dir).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("index.html"), TEMPLATE).map_err(|e| e.to_string())?;
    std::fs::write(dir.join("app.js"), "// the app").map_err(|e| e.to_string())?;
    Ok(dir)
}

fn six_tools() -> Result<Value, String> {
    let text = std::fs::read_to_string(project("crates/catalog/tests/fixtures/publish/bundle.json"))
        .map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

fn publish(site: &Path, bundle: &Value, settings: &Settings) -> Result<Report, String> {
    publish_site(site, &bundle.to_string(), settings).map_err(|e| e.to_string())
}

fn manifest(site: &Path) -> Result<Manifest, String> {
    let text = std::fs::read_to_string(site.join(ENTRY_POINT)).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| e.to_string())
}

/// Publishes the six tools, then again with the tool `tools[changed]` edited by `edit`, over the
/// same site; checks the result against a full publish of the edited catalogue, and gives the
/// number of pages the second publish wrote and kept.
fn publish_twice(max_pages: usize, changed: usize, edit: impl Fn(&mut Value)) -> Result<(usize, usize), String> {
    let root = std::env::temp_dir().join(format!("verdicts-again-{}-{max_pages}-{changed}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let (site, fresh) = (new_site(&root, "site")?, new_site(&root, "fresh")?);
    let settings = Settings { previews: false, max_pages, ..Settings::new("https://example.com/c/")? };
    let before = six_tools()?;
    let mut after = before.clone();
    edit(&mut after["tools"][changed]);

    let first = publish(&site, &before, &settings)?;
    assert!(first.again.is_none(), "a site never published is published whole");
    let old = manifest(&site)?.version;
    let again = publish(&site, &after, &settings)?;
    let Some(summary) = &again.again else {
        return Err("the second publish wrote everything".into());
    };
    assert_eq!(summary.since, old);
    publish(&fresh, &after, &Settings { incremental: false, ..settings.clone() })?;

    let now = manifest(&fresh)?;
    assert_ne!(now.version, old, "the edit changes the data's version");
    let live = manifest(&site)?;
    assert_eq!(live.version, now.version);
    assert_eq!(live.history.len(), 1, "the entry point remembers the publish before");
    assert_eq!(live.history[0].version, old);
    let changed_id = after["tools"][changed]["id"].as_str().unwrap_or_default().to_string();
    assert!(live.history[0].changed.contains(&changed_id), "{:?} names {changed_id}", live.history[0].changed);

    let (got, want) = (files(&site), files(&fresh));
    let old_folder = format!("data/v1/{old}/");
    let extra: Vec<&String> = got.keys().filter(|k| !want.contains_key(*k) && !k.starts_with(&old_folder)).collect();
    assert!(extra.is_empty(), "publishing again leaves only the version before beside the new one: {extra:?}");
    let (mut written, mut kept) = (0, 0);
    for (path, bytes) in &want {
        let Some(ours) = got.get(path) else {
            return Err(format!("{path} is missing after publishing again"));
        };
        if path == STATE_FILE {
            continue;
        }
        let (ours, theirs) = (String::from_utf8_lossy(ours), String::from_utf8_lossy(bytes));
        if path == ENTRY_POINT {
            let mut ours: Manifest = serde_json::from_str(&ours).map_err(|e| e.to_string())?;
            ours.history.clear();
            assert_eq!(ours, now, "the entry point is the full publish's, with its history");
            continue;
        }
        if path.ends_with("index.html") || path == "404.html" {
            let named = html::meta_content(&ours, PUBLISHED_VERSION_META).unwrap_or_default();
            if named == now.version {
                written += 1;
            } else {
                assert_eq!(named, old, "{path} names the publish it was rendered from");
                kept += 1;
                // A page kept as it was shows none of the changed tools, as the app checks.
                let data = ours.split("id=\"verdicts-page-data\"").nth(1).and_then(|d| d.split_once('>'));
                let data = data.and_then(|(_, d)| d.split("</script>").next()).unwrap_or_default();
                let shard: Shard = serde_json::from_str(data).map_err(|e| format!("{path}: {e}"))?;
                assert!(live.serves(&old, shard.tools.iter().map(|t| t.tool.id.as_str())), "{path}");
                assert!(!shard.tools.iter().any(|t| t.tool.id == changed_id), "{path} shows the changed tool");
            }
        }
        // Kept pages and shards name the publish that wrote them; otherwise they are the same.
        assert_eq!(ours.replace(&old, &now.version), theirs, "{path} differs from a full publish");
    }
    // Publishing the same again writes nothing but says so.
    let same = publish(&site, &after, &settings)?;
    assert!(same.again.as_ref().is_some_and(|a| a.changed == 0), "the same catalogue again changes nothing");
    assert_eq!(same.data.written, 0);
    assert_eq!(manifest(&site)?, live, "nothing changed, nothing moves");

    // The change undone: the first publish's data again, whole, and every page shows it.
    publish(&site, &before, &settings)?;
    let fresh = new_site(&root, "fresh-before")?;
    publish(&fresh, &before, &Settings { incremental: false, ..settings.clone() })?;
    let (got, want) = (files(&site), files(&fresh));
    for (path, bytes) in want.iter().filter(|(p, _)| p.as_str() != STATE_FILE && p.as_str() != ENTRY_POINT) {
        let ours = got.get(path).map(|b| String::from_utf8_lossy(b).replace(&now.version, &old));
        assert_eq!(ours.as_deref(), Some(&*String::from_utf8_lossy(bytes)), "{path} after the change was undone");
    }
    let _ = std::fs::remove_dir_all(root);
    Ok((written, kept))
}

#[test]
fn a_changed_tagline_rewrites_its_tools_pages_and_the_index() -> Result<(), String> {
    // Six tools: fifteen pairs, every one with a page. quill-notes is in one featured pair and
    // neither the default pair nor its folder.
    let (written, kept) = publish_twice(5_000, 4, |tool| {
        tool["tagline"] = Value::from("Notes that write themselves, now with sync");
    })?;
    // Its five pair pages, its featured pair's reversed page, its tool page, the index and 404.
    assert!(written <= 9, "{written} pages written for one tool's tagline");
    assert!(kept >= 10, "{kept} pages kept: the other tools' pairs and pages");
    Ok(())
}

#[test]
fn a_renamed_tool_rewrites_the_pages_that_list_it_and_the_name_files() -> Result<(), String> {
    // Each of the six lists the other five as alternatives: every page shows the new name.
    publish_twice(5_000, 5, |tool| tool["name"] = Value::from("Orbit Search Pro"))?;
    Ok(())
}

#[test]
fn within_a_page_budget_the_plan_may_change_and_stays_the_full_publishs() -> Result<(), String> {
    // Community votes rank the alternatives, which the budgeted plan follows.
    publish_twice(6, 2, |tool| {
        tool["community"] = serde_json::json!({ "ship": 900, "skip": 10 });
    })?;
    Ok(())
}

#[test]
fn a_tool_added_publishes_everything() -> Result<(), String> {
    let root = std::env::temp_dir().join(format!("verdicts-again-added-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    let site = new_site(&root, "site")?;
    let settings = Settings { previews: false, ..Settings::new("https://example.com/c/")? };
    let before = six_tools()?;
    publish(&site, &before, &settings)?;
    let mut after = before.clone();
    let mut tool = after["tools"][5].clone();
    tool["id"] = Value::from("orbit-two");
    tool["name"] = Value::from("Orbit Two");
    if let Some(tools) = after["tools"].as_array_mut() {
        tools.push(tool);
    }
    if let Some(reviews) = after["reviews"].as_array_mut() {
        let mut more: Vec<Value> = reviews.iter().filter(|r| r["tool"] == "orbit-search").cloned().collect();
        for r in &mut more {
            r["tool"] = Value::from("orbit-two");
        }
        reviews.extend(more);
    }
    let report = publish(&site, &after, &settings)?;
    assert!(report.again.is_none(), "a new tool moves the shards: everything is published");
    assert!(manifest(&site)?.history.is_empty());
    let _ = std::fs::remove_dir_all(root);
    Ok(())
}
