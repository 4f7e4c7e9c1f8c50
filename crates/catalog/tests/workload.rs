//! The cost calculator: token amounts as people write them, and exact money.

mod common;

use proptest::prelude::*;
use verdicts_catalog::workload::{comparison, estimate, format_tokens, parse_tokens, Micros, ACCEPTED};

#[test]
fn token_amounts_are_read_as_people_write_them() {
    for (text, tokens) in [
        ("50M", 50_000_000),
        ("1.5B", 1_500_000_000),
        ("200k", 200_000),
        ("200K", 200_000),
        ("12,000,000", 12_000_000),
        ("12 000 000", 12_000_000),
        ("7", 7),
        (" 2.25m ", 2_250_000),
        (".5M", 500_000),
        ("1.0000005k", 1_000),
        ("0", 0),
    ] {
        assert_eq!(parse_tokens(text), Ok(tokens), "{text}");
    }
    for text in ["", "M", "abc", "1.2.3M", "-5M", "5 MB", "1e6", "5%"] {
        assert_eq!(parse_tokens(text), Err(ACCEPTED), "{text}");
    }
    assert!(parse_tokens("2000T").is_err(), "more than a quadrillion");
    assert_eq!(format_tokens(50_000_000), "50M");
    assert_eq!(format_tokens(1_500_000_000), "1.5B");
    assert_eq!(format_tokens(200_000), "200k");
    assert_eq!(format_tokens(12_345), "12,345");
}

#[test]
fn the_o3_pro_estimate_shows_its_arithmetic_without_float_artifacts() {
    let c = common::seed();
    let o3 = c.tool(common::tool(&c, "openai-o3-pro-api")).expect("o3 Pro");
    let e = estimate(o3, 50_000_000, 10_000_000).expect("o3 Pro lists per-token prices");
    assert_eq!(e.headline(), "≈ $1,800 / month");
    assert_eq!(e.arithmetic(), "50M input × $20 per 1M = $1,000; 10M output × $80 per 1M = $800");
    let e = estimate(o3, 100, 0).expect("an estimate");
    assert_eq!(e.headline(), "≈ less than $0.01 / month");
    let e = estimate(o3, 1_234_567, 0).expect("an estimate");
    assert_eq!(e.headline(), "≈ $24.69 / month");
    // No machine-readable prices: nothing is guessed.
    let mistral = c.tool(common::tool(&c, "mistral-8x24b")).expect("Mistral");
    assert_eq!(estimate(mistral, 50_000_000, 10_000_000), None);
    let o3e = estimate(o3, 50_000_000, 10_000_000);
    assert_eq!(
        comparison(("Mistral", "o3 Pro"), (None, o3e.as_ref())),
        "Mistral lists no per-token prices to compare with."
    );
    assert_eq!(Micros(1_000_000_000_000).format("USD"), "$1,000,000");
    assert_eq!(Micros(1_500_000).format("EUR"), "€1.50");
}

proptest! {
    /// More tokens never cost less.
    #[test]
    fn cost_never_decreases_when_tokens_grow(input in 0u64..2_000_000_000_000, output in 0u64..2_000_000_000_000, more_in in 0u64..1_000_000_000, more_out in 0u64..1_000_000_000) {
        let c = common::seed();
        let o3 = c.tool(common::tool(&c, "openai-o3-pro-api")).expect("o3 Pro");
        let before = estimate(o3, input, output).map(|e| e.total);
        let after = estimate(o3, input + more_in, output + more_out).map(|e| e.total);
        prop_assert!(after >= before, "{before:?} → {after:?}");
    }

    /// What the formatter writes reads back to the same amount.
    #[test]
    fn written_amounts_read_back(tokens in 0u64..1_000_000_000_000_000) {
        prop_assert_eq!(parse_tokens(&format_tokens(tokens)), Ok(tokens));
    }
}
