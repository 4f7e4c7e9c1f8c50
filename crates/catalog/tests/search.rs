//! Picker matching: case- and accent-insensitive, best matches first.

use verdicts_catalog::bundle::generate::generate;
use verdicts_catalog::bundle::Catalog;
use verdicts_catalog::search::{fold, rank};

mod common;
use common::seed;

fn names(c: &Catalog, query: &str) -> Vec<String> {
    rank(c, query).into_iter().map(|i| c.tools()[i].name.clone()).collect()
}

#[test]
fn folding_ignores_case_and_accents() {
    assert_eq!(fold("MÍSTRÀL Ñandú Œuvre"), "mistral nandu œuvre");
    assert_eq!(fold("e\u{301}clair"), "eclair");
}

#[test]
fn name_prefixes_beat_words_beat_vendor_and_category() {
    let c = seed();
    assert_eq!(names(&c, "o3"), ["OpenAI o3 Pro API"]);
    assert_eq!(names(&c, "MÍSTRAL")[..2], ["Mistral 8x22B Instruct v2", "Mistral 8x24B Mixture-of-Experts"]);
    assert_eq!(names(&c, "openai").len(), 2);
    assert_eq!(names(&c, "developer tools").len(), 4, "the category matches");
    assert_eq!(names(&c, "mistral ai").len(), 2, "the vendor matches");
    assert_eq!(names(&c, "pro openai"), ["OpenAI o3 Pro API"], "every word must match somewhere");
    assert!(names(&c, "zzz").is_empty());
    assert_eq!(names(&c, "").len(), 4, "an empty query lists every tool");
}

#[test]
fn a_large_bundle_ranks_exact_names_first() {
    let c = Catalog::new(generate(2000, 8, 3)).expect("valid");
    let target = c.tools()[1234].name.clone();
    let hits = rank(&c, &target.to_uppercase());
    assert_eq!(c.tools()[hits[0]].name, target);
}

/// The folding Unicode defines: lowercase, canonical decomposition (NFD), combining marks
/// dropped. `fold`'s tables must agree with it for every Latin-1 and Latin Extended-A letter,
/// except for letters with a stroke, bar or dot that Unicode does not decompose, which `fold`
/// deliberately reads as their base letter (someone typing "lodz" means "łódź").
fn reference_fold(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    const STROKED: [(char, char); 11] = [
        ('đ', 'd'),
        ('ħ', 'h'),
        ('ı', 'i'),
        ('ĸ', 'k'),
        ('ł', 'l'),
        ('ŀ', 'l'),
        ('ŧ', 't'),
        ('ſ', 's'),
        ('ŉ', 'n'),
        ('ŋ', 'n'),
        ('ø', 'o'),
    ];
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if let Some((_, base)) = STROKED.iter().find(|(s, _)| *s == c) {
            out.push(*base);
            continue;
        }
        out.extend(c.to_string().nfd().filter(|m| !('\u{300}'..='\u{36f}').contains(m)));
    }
    out
}

#[test]
fn every_latin_letter_folds_as_unicode_decomposes_it() {
    for code in 0xc0u32..=0x17f {
        let Some(c) = char::from_u32(code) else { continue };
        if c == '×' || c == '÷' {
            continue;
        }
        assert_eq!(fold(&c.to_string()), reference_fold(&c.to_string()), "{c} (U+{code:04X})");
    }
}

proptest::proptest! {
    #[test]
    fn folding_agrees_with_the_character_by_character_reference(text in "([ -~]|[À-ſ]|\u{301}){0,24}") {
        proptest::prop_assert_eq!(fold(&text), reference_fold(&text));
    }
}
