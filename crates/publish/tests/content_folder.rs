//! The commands that read a bundle read a content folder too: verdicts-check with every problem
//! at file:line:column and its exit status, verdicts-publish refusing a broken folder.

use std::path::Path;
use std::process::Command;

fn project(path: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

/// A copy of the shipped content folder with `edit` applied to one tool file.
fn broken_copy(dir: &Path) -> std::path::PathBuf {
    let content = dir.join("content");
    std::fs::create_dir_all(content.join("tools")).expect("folders");
    std::fs::copy(project("content/site.toml"), content.join("site.toml")).expect("site.toml");
    for entry in std::fs::read_dir(project("content/tools")).expect("tools") {
        let path = entry.expect("an entry").path();
        let text = std::fs::read_to_string(&path).expect("a tool file");
        let text = text.replace("role = \"buyer\"", "role = \"buyr\"");
        std::fs::write(content.join("tools").join(path.file_name().expect("a name")), text).expect("written");
    }
    content
}

#[test]
fn verdicts_check_accepts_the_shipped_folder() {
    let out = Command::new(env!("CARGO_BIN_EXE_verdicts-check")).arg(project("content")).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(stdout.ends_with("content: ok: 4 tools, 4 roles, 16 reviews, 0 warning(s)\n"), "{stdout}");
}

#[test]
fn verdicts_check_lists_every_problem_of_a_folder_with_its_place() {
    let dir = tempfile_dir();
    let content = broken_copy(&dir);
    let out = Command::new(env!("CARGO_BIN_EXE_verdicts-check")).arg(&content).output().expect("runs");
    let stdout = String::from_utf8_lossy(&out.stdout).replace(&format!("{}/", content.display()), "content/");
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    // The role nobody reviews now, at its [[role]] table; one buyer review per tool: four
    // errors, each at its file and line; then the summary.
    assert_eq!(lines.len(), 6, "{stdout}");
    assert_eq!(lines[0], "content/site.toml:29:1: warning: role[3]: the role \"buyer\" has no reviews");
    for line in &lines[1..5] {
        assert!(
            regex_like(line),
            "not `content/tools/<id>.toml:<line>:8: error: review[3].role: found \"buyr\", …; did you mean \"buyer\"?`: {line}"
        );
    }
    assert_eq!(lines[5], format!("{}: refused: 4 error(s), 1 warning(s)", content.display()));
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn verdicts_publish_refuses_a_broken_folder_and_changes_nothing() {
    let dir = tempfile_dir();
    let content = broken_copy(&dir);
    let site = dir.join("site");
    std::fs::create_dir_all(&site).expect("a site folder");
    std::fs::write(site.join("index.html"), "<!doctype html><title>the live site</title>").expect("index.html");
    let out = Command::new(env!("CARGO_BIN_EXE_verdicts-publish"))
        .args(["--content".as_ref(), content.as_os_str()])
        .args(["--base-url", "https://example.com/", "--out"])
        .arg(&site)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert_eq!(stderr.matches(": error: review[3].role: found \"buyr\"").count(), 4, "{stderr}");
    assert!(stderr.contains("refused: nothing was published"), "{stderr}");
    assert_eq!(
        std::fs::read_to_string(site.join("index.html")).expect("still there"),
        "<!doctype html><title>the live site</title>"
    );
    let _ = std::fs::remove_dir_all(dir);
}

fn regex_like(line: &str) -> bool {
    let Some((file, rest)) = line.split_once(".toml:") else { return false };
    let Some((position, rest)) = rest.split_once(": ") else { return false };
    file.starts_with("content/tools/")
        && position.split(':').all(|n| n.parse::<usize>().is_ok())
        && position.ends_with(":8")
        && rest.starts_with("error: review[3].role: found \"buyr\"")
        && rest.ends_with("did you mean \"buyer\"?")
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "verdicts-content-folder-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("a temporary folder");
    dir
}
