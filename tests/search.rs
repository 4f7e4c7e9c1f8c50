//! Picker matching: case- and accent-insensitive, best matches first.

use verdicts::bundle::generate::generate;
use verdicts::bundle::Catalog;
use verdicts::search::{fold, rank};

fn seed() -> Catalog {
    let text =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/public/data/bundle.json")).expect("bundle");
    Catalog::from_text(&text).expect("valid")
}

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

/// The straightforward folding, character by character, that `fold` must agree with.
fn reference_fold(text: &str) -> String {
    const LATIN1: &str = "aaaaaa\0ceeeeiiii\0nooooo\0ouuuuy\0y";
    const LATIN_EXT_A: &str = "aaaaaaccccccccddddeeeeeeeeeegggggggghhhhiiiiiiiiii\0\0jjkkkllllllllllnnnnnnnnnoooooo\0\0rrrrrrssssssssttttttuuuuuuuuuuuuwwyyyzzzzzzs";
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        let code = c as u32;
        let base = match code {
            0x300..=0x36f => continue,
            0xe0..=0xff => LATIN1.chars().nth((code - 0xe0) as usize),
            0x100..=0x17f => LATIN_EXT_A.chars().nth((code - 0x100) as usize),
            _ => None,
        };
        out.push(base.filter(|b| *b != '\0').unwrap_or(c));
    }
    out
}

proptest::proptest! {
    #[test]
    fn folding_agrees_with_the_character_by_character_reference(text in "(\\PC|[À-ſ]|\u{301}){0,24}") {
        proptest::prop_assert_eq!(fold(&text), reference_fold(&text));
    }
}
