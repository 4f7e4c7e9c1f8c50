//! Publishing the watched folder: each publication into a new folder under the preview's
//! temporary folder, the site the server shows switched to it when complete.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use verdicts_content::{bundle_json, read_folder, Severity};
use verdicts_publish::{publish, PublishError, Settings};

/// What a publication gave.
pub enum Published {
    /// The new site's folder, the bundle text it was published from, and how long reading and
    /// publishing took.
    Site { root: PathBuf, text: String, took: Duration, warnings: Vec<String> },
    /// The folder compiles to the bundle last published: nothing to publish.
    Same { took: Duration, warnings: Vec<String> },
    /// The folder's errors (and warnings), each with its file, line and column.
    Refused { problems: Vec<String>, took: Duration },
}

/// Publishes the content folder `content` with the app in `app` into `stage`, unless it compiles
/// to `last`, the bundle text of the site shown.
pub fn publish_folder(content: &Path, app: &Path, stage: &Path, settings: &Settings, last: Option<&str>) -> Published {
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
    match publish(app, stage, &text, settings) {
        Ok(_) => Published::Site { root: stage.to_path_buf(), text, took: started.elapsed(), warnings: shown },
        Err(PublishError::Bundle(problems)) => Published::Refused {
            problems: problems.iter().map(|p| format!("{}: {p}", content.display())).collect(),
            took: started.elapsed(),
        },
        Err(PublishError::Other(err)) => Published::Refused { problems: vec![err], took: started.elapsed() },
    }
}
