//! The workload cost calculator: token amounts as people write them ("50M", "1.5B", "200k",
//! "12,000,000"), and what a month of them costs at a tool's per-token prices. Money is counted
//! in whole millionths of the currency unit, so no float artifact ("$1,000.0000001") ever shows.

use crate::bundle::{Price, Tool};
use crate::money::group;
pub use crate::money::Micros;

/// The most tokens a month the calculator takes (a quadrillion).
pub const MAX_TOKENS: u64 = 1_000_000_000_000_000;

/// What a field says when its text is not a token amount.
pub const ACCEPTED: &str = "Write a number of tokens, such as 50M, 1.5B, 200k or 12,000,000.";

/// The price item of input tokens.
pub const INPUT_TOKEN: &str = "input-token";
/// The price item of output tokens.
pub const OUTPUT_TOKEN: &str = "output-token";

/// Reads a token amount: digits with optional thousands separators (`,` `_` or spaces) and
/// decimals, and an optional suffix `k`, `M`, `B` or `T` (any case). Decimals beyond what the
/// suffix allows are rounded to the nearest token.
pub fn parse_tokens(text: &str) -> Result<u64, &'static str> {
    let text = text.trim();
    let (number, multiplier) = match text.chars().last() {
        Some('k' | 'K') => (&text[..text.len() - 1], 1_000u64),
        Some('m' | 'M') => (&text[..text.len() - 1], 1_000_000),
        Some('b' | 'B') => (&text[..text.len() - 1], 1_000_000_000),
        Some('t' | 'T') => (&text[..text.len() - 1], 1_000_000_000_000),
        _ => (text, 1),
    };
    let number: String = number.trim().chars().filter(|c| !matches!(c, ',' | '_' | ' ')).collect();
    let (whole, fraction) = number.split_once('.').unwrap_or((&number, ""));
    let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
    if (whole.is_empty() && fraction.is_empty()) || !digits(whole) || !digits(fraction) || fraction.len() > 12 {
        return Err(ACCEPTED);
    }
    let whole: u128 = if whole.is_empty() { 0 } else { whole.parse().map_err(|_| ACCEPTED)? };
    let scale = 10u128.pow(fraction.len() as u32);
    let fraction: u128 = if fraction.is_empty() { 0 } else { fraction.parse().map_err(|_| ACCEPTED)? };
    let m = u128::from(multiplier);
    let tokens = whole.checked_mul(m).ok_or(ACCEPTED)? + (fraction * m * 2 + scale) / (scale * 2);
    if tokens > u128::from(MAX_TOKENS) {
        return Err("That is more tokens than any month holds; the calculator stops at a quadrillion.");
    }
    Ok(tokens as u64)
}

/// A token amount as people write it: "50M", "1.5B", "200k", "12,345".
pub fn format_tokens(tokens: u64) -> String {
    for (size, suffix) in [(1_000_000_000_000u64, "T"), (1_000_000_000, "B"), (1_000_000, "M"), (1_000, "k")] {
        if tokens >= size && (tokens * 10) % size == 0 {
            let tenths = tokens * 10 / size;
            return if tenths % 10 == 0 {
                format!("{}{suffix}", tenths / 10)
            } else {
                format!("{}.{}{suffix}", tenths / 10, tenths % 10)
            };
        }
    }
    group(u128::from(tokens))
}

/// The price of one kind of token, machine-readable.
fn token_price<'a>(prices: &'a [Price], item: &str) -> Option<(&'a Price, u64)> {
    prices.iter().find_map(|p| {
        let per = p.per.as_ref().filter(|per| per.item == item && per.quantity > 0)?;
        Some((p, per.quantity))
    })
}

/// One line of an estimate: "50M input × $20 per 1M = $1,000".
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub text: String,
    pub cost: Micros,
}

/// What a workload costs with one tool in a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Estimate {
    pub lines: Vec<Line>,
    pub total: Micros,
    pub currency: String,
}

impl Estimate {
    /// "≈ $1,800 / month".
    pub fn headline(&self) -> String {
        format!("≈ {} / month", self.total.format(&self.currency))
    }

    /// "50M input × $20 per 1M = $1,000; 10M output × $80 per 1M = $800".
    pub fn arithmetic(&self) -> String {
        self.lines.iter().map(|l| l.text.clone()).collect::<Vec<_>>().join("; ")
    }
}

/// What `input` and `output` tokens a month cost with `tool`: `None` when the tool has no
/// machine-readable price for a kind of token the workload uses, or its prices are in
/// different currencies. Nothing is ever guessed.
pub fn estimate(tool: &Tool, input: u64, output: u64) -> Option<Estimate> {
    let mut lines = Vec::new();
    let mut currency: Option<&str> = None;
    for (tokens, item, word) in [(input, INPUT_TOKEN, "input"), (output, OUTPUT_TOKEN, "output")] {
        if tokens == 0 {
            continue;
        }
        let (price, quantity) = token_price(&tool.pricing.prices, item)?;
        if currency.is_some_and(|c| c != price.currency) {
            return None;
        }
        currency = Some(&price.currency);
        let unit = Micros::of(price.amount);
        // Rounded to the nearest millionth, half up.
        let cost = Micros((u128::from(tokens) * unit.0 * 2 + u128::from(quantity)) / (u128::from(quantity) * 2));
        lines.push(Line {
            text: format!(
                "{} {word} × {} per {} = {}",
                format_tokens(tokens),
                unit.format(&price.currency),
                format_tokens(quantity),
                cost.format(&price.currency)
            ),
            cost,
        });
    }
    let currency = currency?.to_string();
    let total = Micros(lines.iter().map(|l| l.cost.0).sum());
    Some(Estimate { lines, total, currency })
}

/// Which of two estimates is cheaper and by how much, in words.
pub fn comparison(names: (&str, &str), estimates: (Option<&Estimate>, Option<&Estimate>)) -> String {
    match estimates {
        (Some(a), Some(b)) if a.currency == b.currency => {
            if a.total == b.total {
                format!("Both cost the same for this workload: {}.", a.headline())
            } else {
                let (cheaper, other, diff) = if a.total < b.total {
                    (names.0, names.1, Micros(b.total.0 - a.total.0))
                } else {
                    (names.1, names.0, Micros(a.total.0 - b.total.0))
                };
                format!("{cheaper} is cheaper than {other} by {} a month.", diff.format(&a.currency))
            }
        }
        (Some(_), Some(_)) => "Their prices are in different currencies, so they are not compared here.".into(),
        (Some(_), None) => format!("{} lists no per-token prices to compare with.", names.1),
        (None, Some(_)) => format!("{} lists no per-token prices to compare with.", names.0),
        (None, None) => "Neither tool lists per-token prices, so there is nothing to estimate.".into(),
    }
}

/// A ready-made workload, its figures stated on its button.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    pub name: &'static str,
    pub input: &'static str,
    pub output: &'static str,
}

/// The presets offered beside the fields.
pub const PRESETS: [Preset; 3] = [
    Preset { name: "Prototype", input: "2M", output: "500k" },
    Preset { name: "Production chatbot", input: "50M", output: "10M" },
    Preset { name: "Batch pipeline", input: "1B", output: "200M" },
];
