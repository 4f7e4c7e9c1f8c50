//! Publishing the watched folder into the site the server shows, a folder under the preview's
//! temporary folder: the first publication writes it whole; each one after writes only what the
//! change touches, each file replaced in one step (see `verdicts_publish::incremental`).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use verdicts_content::{bundle_json, read_folder, Severity};
use verdicts_publish::{publish, publish_site, PublishError, Settings};

/// What a publication gave.
pub enum Published {
    /// The site's folder, the bundle text it was published from, how long reading and
    /// publishing took, and how many tools' pages were written again (`None`: the whole site).
    Site { root: PathBuf, text: String, took: Duration, warnings: Vec<String>, changed: Option<usize> },
    /// The folder compiles to the bundle last published: nothing to publish.
    Same { took: Duration, warnings: Vec<String> },
    /// The folder's errors (and warnings), each with its file, line and column.
    Refused { problems: Vec<String>, took: Duration },
}

/// Publishes the content folder `content` into `site` (the first time with the app in `app`),
/// unless it compiles to `last`, the bundle text of the site shown.
pub fn publish_folder(content: &Path, app: &Path, site: &Path, settings: &Settings, last: Option<&str>) -> Published {
    let started = Instant::now();
    let compiled = read_folder(content);
    let shown: Vec<String> = compiled.problems.iter().map(ToString::to_string).collect();
    let Some(bundle) = compiled.bundle else {
        let mut problems: Vec<String> =
            compiled.problems.iter().filter(|p| p.severity == Severity::Error).map(ToString::to_string).collect();
        problems.extend(compiled.problems.iter().filter(|p| p.severity == Severity::Warning).map(ToString::to_string));
        return Published::Refused { problems, took: started.elapsed() };
    };
    let text = match bundle_json(&bundle) {
        Ok(text) => text,
        Err(err) => {
            return Published::Refused {
                problems: vec![format!("cannot write the bundle: {err}")],
                took: started.elapsed(),
            }
        }
    };
    if last == Some(text.as_str()) {
        return Published::Same { took: started.elapsed(), warnings: shown };
    }
    let published = if site.join(verdicts_publish::incremental::STATE_FILE).is_file() {
        publish_site(site, &text, settings)
    } else {
        publish(app, site, &text, settings).inspect_err(|_| {
            // Half a first site is no site: the next publication starts again from the app.
            let _ = std::fs::remove_dir_all(site);
        })
    };
    match published {
        Ok(report) => Published::Site {
            root: site.to_path_buf(),
            text,
            took: started.elapsed(),
            warnings: shown,
            changed: report.again.map(|a| a.changed),
        },
        Err(PublishError::Bundle(problems)) => Published::Refused {
            problems: problems.iter().map(|p| format!("{}: {p}", content.display())).collect(),
            took: started.elapsed(),
        },
        Err(PublishError::Other(err)) => Published::Refused { problems: vec![err], took: started.elapsed() },
    }
}
