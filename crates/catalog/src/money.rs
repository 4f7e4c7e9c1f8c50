//! Money as people read it: amounts counted in whole millionths of the currency unit, written
//! with the currency's sign ("$20", "€1.50", "12 CHF") and thousands separators. No float is ever
//! formatted, so no float artifact shows (and the wasm carries no float formatting).

/// "$20", "$0.15", "€3", "12.50 CHF", "$0.0025": whole amounts without decimals, others in
/// cents (rounded half up), amounts under a cent with the decimals they need (up to six).
/// Worked out in whole millionths: no float formatting, no float artifacts.
pub fn format_money(amount: f64, currency: &str) -> String {
    let micros = Micros::of(amount.abs()).0;
    let sign = if amount < 0.0 && micros > 0 { "-" } else { "" };
    let number = if micros % 1_000_000 == 0 {
        group(micros / 1_000_000)
    } else if micros >= 10_000 {
        let cents = (micros + 5_000) / 10_000;
        format!("{}.{:02}", group(cents / 100), cents % 100)
    } else {
        let digits = format!("{}", 1_000_000 + micros);
        format!("0.{}", digits[1..].trim_end_matches('0'))
    };
    with_currency(&format!("{sign}{number}"), currency)
}

/// A written number with its currency: "$20", "€1.50", "12 CHF".
pub fn with_currency(number: &str, currency: &str) -> String {
    match currency {
        "USD" => format!("${number}"),
        "EUR" => format!("€{number}"),
        "GBP" => format!("£{number}"),
        "JPY" => format!("¥{number}"),
        other => format!("{number} {other}"),
    }
}

/// "12,345,678".
pub fn group(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// An amount of money in millionths of the currency unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Micros(pub u128);

impl Micros {
    /// A price's amount, exactly enough for any price written with up to six decimals.
    pub fn of(amount: f64) -> Micros {
        Micros(if amount.is_finite() && amount > 0.0 { (amount * 1_000_000.0).round() as u128 } else { 0 })
    }

    /// "$1,800", "$0.45", "less than $0.01", in whole cents at most.
    pub fn format(self, currency: &str) -> String {
        let cents = (self.0 + 5_000) / 10_000;
        let number = if self.0 > 0 && cents == 0 {
            return format!("less than {}", with_currency("0.01", currency));
        } else if cents % 100 == 0 {
            group(cents / 100)
        } else {
            format!("{}.{:02}", group(cents / 100), cents % 100)
        };
        with_currency(&number, currency)
    }
}
