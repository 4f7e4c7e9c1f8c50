//! The link-preview image of a page: 1200 × 630 PNG with both names, their panel ship shares
//! and the site name, drawn from an SVG with the system's fonts (DejaVu Sans for Latin, Greek
//! and Cyrillic; Droid Sans Fallback for Chinese, Japanese and Korean; the setup script installs
//! both), large enough to read at thumbnail size.

use std::sync::Arc;

use resvg::tiny_skia::{Pixmap, Transform};
use resvg::usvg::{fontdb, Options, Tree};

use crate::html::IMAGE_SIZE;
use verdicts_catalog::bundle::figures::{panel_share, PanelShare};
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::escape::escape_html;
use verdicts_catalog::pages::{panel_words, SITE_NAME};

/// The font families asked for, in order; any other installed font fills in for a character
/// none of them has.
const FAMILIES: &str = "'DejaVu Sans', 'Droid Sans Fallback', 'Noto Sans CJK SC', sans-serif";

/// The system's fonts, loaded once per publication.
pub struct Fonts {
    db: Arc<fontdb::Database>,
}

impl Fonts {
    /// Loads the installed fonts.
    pub fn load() -> Fonts {
        let mut db = fontdb::Database::new();
        db.load_system_fonts();
        db.set_sans_serif_family("DejaVu Sans");
        Fonts { db: Arc::new(db) }
    }

    /// How many font faces were found.
    pub fn count(&self) -> usize {
        self.db.len()
    }

    /// The characters of `text` that no installed font can draw (they would show as boxes).
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars().filter(|c| !c.is_whitespace() && !c.is_control()) {
            if missing.contains(&c) {
                continue;
            }
            let drawn = self.db.faces().any(|face| {
                self.db
                    .with_face_data(face.id, |data, index| {
                        use skrifa::MetadataProvider;
                        skrifa::FontRef::from_index(data, index).ok().and_then(|f| f.charmap().map(c)).is_some()
                    })
                    .unwrap_or(false)
            });
            if !drawn {
                missing.push(c);
            }
        }
        missing
    }
}

/// How wide a character is, in ems, roughly: enough to wrap names without measuring them.
fn em_width(c: char) -> f32 {
    match c {
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FF00}'..='\u{FF60}' => 1.0,
        'i' | 'l' | 'j' | '.' | ',' | '\'' | '|' | '!' | ' ' => 0.3,
        'm' | 'w' | 'M' | 'W' => 0.9,
        c if c.is_uppercase() => 0.7,
        _ => 0.58,
    }
}

fn text_width(text: &str, size: f32) -> f32 {
    text.chars().map(em_width).sum::<f32>() * size
}

/// Splits `text` into at most `max_lines` lines of at most `width` pixels at `size`, breaking
/// at spaces, and inside a word only where `break_words` allows (Chinese and Japanese have no
/// spaces); `None` if it does not fit.
fn wrap(text: &str, size: f32, width: f32, max_lines: usize, break_words: bool) -> Option<Vec<String>> {
    let mut broke = false;
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let push_word = |lines: &mut Vec<String>, line: &mut String, broke: &mut bool, word: &str| {
        let candidate = if line.is_empty() { word.to_string() } else { format!("{line} {word}") };
        if text_width(&candidate, size) <= width {
            *line = candidate;
            return;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(line));
        }
        // A word wider than the line is broken where it must be.
        for c in word.chars() {
            if !line.is_empty() && text_width(&format!("{line}{c}"), size) > width {
                lines.push(std::mem::take(line));
                *broke = true;
            }
            line.push(c);
        }
    };
    for word in text.split_whitespace() {
        push_word(&mut lines, &mut line, &mut broke, word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    let wide = |c: char| em_width(c) >= 1.0;
    (lines.len() <= max_lines && (!broke || break_words || text.chars().any(wide))).then_some(lines)
}

/// The name in as few lines as fit, at the largest size that fits; the last resort cuts it.
fn name_lines(name: &str, width: f32) -> (f32, Vec<String>) {
    let sizes = [56.0, 48.0, 40.0, 34.0];
    for size in sizes {
        if let Some(lines) = wrap(name, size, width, 3 - (size > 50.0) as usize, false) {
            return (size, lines);
        }
    }
    if let Some(lines) = wrap(name, 34.0, width, 3, true) {
        return (34.0, lines);
    }
    let size = 34.0;
    let mut lines = Vec::new();
    let mut line = String::new();
    for c in name.chars() {
        if text_width(&format!("{line}{c}…"), size) > width {
            lines.push(std::mem::take(&mut line));
            if lines.len() == 3 {
                break;
            }
        }
        line.push(c);
    }
    if lines.len() < 3 && !line.is_empty() {
        lines.push(line);
    }
    if let Some(last) = lines.last_mut() {
        last.push('…');
    }
    (size, lines)
}

fn side_svg(x: f32, name: &str, share: PanelShare) -> String {
    let width = 480.0;
    let (size, lines) = name_lines(name, width);
    let mut svg = String::new();
    svg.push_str(&format!(
        "<rect x=\"{}\" y=\"150\" width=\"528\" height=\"380\" rx=\"28\" fill=\"#ffffff\" stroke=\"#d9dbee\" stroke-width=\"2\"/>",
        x - 24.0
    ));
    for (i, line) in lines.iter().enumerate() {
        svg.push_str(&format!(
            "<text x=\"{x}\" y=\"{}\" font-size=\"{size}\" font-weight=\"bold\" fill=\"#15162b\">{}</text>",
            215.0 + i as f32 * size * 1.15,
            escape_html(line)
        ));
    }
    let (figure, detail) = match share.percent() {
        Some(p) => (format!("{p} %"), format!("of the panel say ship ({})", share.of_text())),
        None => ("—".to_string(), "not reviewed by the panel yet".to_string()),
    };
    svg.push_str(&format!(
        "<text x=\"{x}\" y=\"455\" font-size=\"104\" font-weight=\"bold\" fill=\"#3b3fb6\">{}</text>\
         <text x=\"{x}\" y=\"500\" font-size=\"28\" fill=\"#45475e\">{}</text>",
        escape_html(&figure),
        escape_html(&detail)
    ));
    svg
}

/// The SVG of the preview of `a` beside `b`.
pub fn svg(catalog: &Catalog, a: usize, b: usize) -> String {
    let name = |i| catalog.tool(i).map(|t| t.name.as_str()).unwrap_or_default();
    let (w, h) = IMAGE_SIZE;
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FAMILIES}\">\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#f4f5fb\"/>\
         <rect width=\"{w}\" height=\"14\" fill=\"#3b3fb6\"/>\
         <text x=\"64\" y=\"100\" font-size=\"44\" font-weight=\"bold\" fill=\"#3b3fb6\">✓ {SITE_NAME}</text>\
         <text x=\"1136\" y=\"100\" font-size=\"30\" text-anchor=\"end\" fill=\"#45475e\">Panel verdict</text>\
         {}{}\
         <circle cx=\"600\" cy=\"340\" r=\"34\" fill=\"#3b3fb6\"/>\
         <text x=\"600\" y=\"351\" font-size=\"30\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#ffffff\">vs</text>\
         <text x=\"64\" y=\"590\" font-size=\"28\" fill=\"#45475e\">Which AI tool should you ship with? Read the whole comparison.</text>\
         </svg>",
        side_svg(64.0, name(a), panel_share(catalog, a, |_| true)),
        side_svg(656.0, name(b), panel_share(catalog, b, |_| true)),
    )
}

/// The PNG of the preview of `a` beside `b`.
pub fn png(fonts: &Fonts, catalog: &Catalog, a: usize, b: usize) -> Result<Vec<u8>, String> {
    let options = Options { fontdb: fonts.db.clone(), ..Options::default() };
    let tree = Tree::from_str(&svg(catalog, a, b), &options).map_err(|e| format!("preview image: {e}"))?;
    let (w, h) = IMAGE_SIZE;
    let mut pixmap = Pixmap::new(w, h).ok_or("preview image: no pixmap")?;
    resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| format!("preview image: {e}"))
}

/// The SVG of a tool page's preview: its name, vendor and category, the panel's share in
/// words and its entry level.
pub fn tool_svg(catalog: &Catalog, tool: usize) -> String {
    let (w, h) = IMAGE_SIZE;
    let Some(t) = catalog.tool(tool) else {
        return format!("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\"/>");
    };
    let (size, lines) = name_lines(&t.name, 1000.0);
    let mut name = String::new();
    for (i, line) in lines.iter().enumerate() {
        name.push_str(&format!(
            "<text x=\"88\" y=\"{}\" font-size=\"{}\" font-weight=\"bold\" fill=\"#15162b\">{}</text>",
            250.0 + i as f32 * size * 1.2,
            size,
            escape_html(line)
        ));
    }
    let about = match &t.vendor {
        Some(v) => format!("{v} · {}", t.category),
        None => t.category.clone(),
    };
    let share = panel_share(catalog, tool, |_| true);
    let figure = share.percent().map(|p| format!("{p} %")).unwrap_or_else(|| "—".into());
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" font-family=\"{FAMILIES}\">\
         <rect width=\"{w}\" height=\"{h}\" fill=\"#f4f5fb\"/>\
         <rect width=\"{w}\" height=\"14\" fill=\"#3b3fb6\"/>\
         <text x=\"64\" y=\"100\" font-size=\"44\" font-weight=\"bold\" fill=\"#3b3fb6\">✓ {SITE_NAME}</text>\
         <text x=\"1136\" y=\"100\" font-size=\"30\" text-anchor=\"end\" fill=\"#45475e\">Verdicts, pricing and reviews</text>\
         <rect x=\"64\" y=\"140\" width=\"1072\" height=\"400\" rx=\"28\" fill=\"#ffffff\" stroke=\"#d9dbee\" stroke-width=\"2\"/>\
         <text x=\"88\" y=\"190\" font-size=\"28\" fill=\"#45475e\">{}</text>{name}\
         <text x=\"88\" y=\"505\" font-size=\"104\" font-weight=\"bold\" fill=\"#3b3fb6\">{}</text>\
         <text x=\"420\" y=\"470\" font-size=\"34\" fill=\"#15162b\">{}</text>\
         <text x=\"420\" y=\"510\" font-size=\"28\" fill=\"#45475e\">Entry: {}</text>\
         <text x=\"64\" y=\"590\" font-size=\"28\" fill=\"#45475e\">Which AI tool should you ship with? Compare it with its alternatives.</text>\
         </svg>",
        escape_html(&about),
        escape_html(&figure),
        escape_html(&panel_words(share)),
        escape_html(t.entry.label()),
    )
}

/// The PNG of a tool page's preview.
pub fn tool_png(fonts: &Fonts, catalog: &Catalog, tool: usize) -> Result<Vec<u8>, String> {
    render_png(fonts, &tool_svg(catalog, tool))
}

fn render_png(fonts: &Fonts, svg: &str) -> Result<Vec<u8>, String> {
    let options = Options { fontdb: fonts.db.clone(), ..Options::default() };
    let tree = Tree::from_str(svg, &options).map_err(|e| format!("preview image: {e}"))?;
    let (w, h) = IMAGE_SIZE;
    let mut pixmap = Pixmap::new(w, h).ok_or("preview image: no pixmap")?;
    resvg::render(&tree, Transform::default(), &mut pixmap.as_mut());
    pixmap.encode_png().map_err(|e| format!("preview image: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_wrap_to_fit_and_long_ones_are_cut() {
        let (size, lines) = name_lines("Mistral 8x24B", 480.0);
        assert_eq!((size, lines.len()), (56.0, 1));
        let (_, lines) = name_lines("OpenAI o4 API with Structured Outputs & Native Code Execution", 480.0);
        assert!(lines.len() <= 3 && lines.len() > 1, "{lines:?}");
        assert!(lines.iter().all(|l| text_width(l, 34.0) <= 480.0));
        let (_, lines) = name_lines(&"東京".repeat(60), 480.0);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
    }
}
