//! Folding text for matching: lowercase, without the accents of Latin letters, so that
//! "Mistral", "MISTRAL" and "Místràl" compare equal. The pickers' search keys (built once per
//! tool by the catalog) and what the visitor types are folded alike.

/// Latin-1 lowercase letters U+00E0..=U+00FF without their accents ('\0': keep the letter).
const LATIN1: &str = "aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y";
/// Latin Extended-A U+0100..=U+017F without their accents ('\0': keep the letter).
const LATIN_EXT_A: &str = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii\0\0jjkkkllllllllllnnnnnnnnnoooooo\0\0rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";

/// Lowercases and strips accents from Latin letters, and drops combining marks, so that
/// "Mistral", "MISTRAL" and "Místràl" compare equal.
///
/// ```
/// assert_eq!(verdicts_catalog::fold::fold("Crème Brûlée"), "creme brulee");
/// ```
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    fold_into(text, &mut out);
    out
}

/// Appends `text`, folded as by [`fold`], to `out`. ASCII, most of any name, takes a short path.
pub fn fold_into(text: &str, out: &mut String) {
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
            continue;
        }
        for c in c.to_lowercase() {
            let code = c as u32;
            // The tables are ASCII, so a byte index is a character index.
            let base = match code {
                0x300..=0x36f => continue,
                0xe0..=0xff => LATIN1.as_bytes().get((code - 0xe0) as usize),
                0x100..=0x17f => LATIN_EXT_A.as_bytes().get((code - 0x100) as usize),
                _ => None,
            };
            match base {
                Some(&b) if b != 0 => out.push(char::from(b)),
                _ => out.push(c),
            }
        }
    }
}
