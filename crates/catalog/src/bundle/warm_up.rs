//! Warming the bundle reader up while a large bundle downloads.
//!
//! A browser first runs WebAssembly with code compiled quickly, and optimises a function only
//! after it has run a while, on another thread. A large bundle's one parse is therefore mostly
//! run by the first, slower code, and on a phone with few cores it competes with the optimiser
//! for the CPU. Reading a small made-up bundle first, while the real one is still arriving (the
//! main thread would be idle), gets the reader's functions optimised before the real parse.
//! The made-up bundle has every kind of value the format has, so that it runs every reader;
//! it is read in small steps, each a task of its own, which stop as soon as the body is in.

use super::Catalog;

/// Tools in the made-up bundle of one step: a few milliseconds of work on a phone.
pub const WARM_UP_TOOLS: usize = 30;
/// Steps at most, each a task of its own, while the body has not arrived: together enough
/// calls of each reader for the browser to optimise it.
pub const WARM_UP_STEPS: usize = 8;
/// Roles in the made-up bundle; every tool is reviewed by each.
pub const WARM_UP_ROLES: usize = 8;

/// Sample words with accents, other scripts, an emoji and escapes, as real bundles have.
const WORDS: &str = "Déjà-vu runtime Ελληνικά 日本語 العربية pricing 🚀 \\\"quoted\\\" line\\nbreak \\u00e9 trade-off";

/// A made-up but valid bundle of `tools` tools, each reviewed by every one of `roles` roles.
pub fn synthetic_bundle(tools: usize, roles: usize) -> String {
    let mut out = String::with_capacity(600 + tools * (700 + roles * 150));
    out.push_str(r#"{"schema_version":1,"id":"warm-up","title":"Warm-up","updated":"2026-01-01","source":"Made up","source_url":"https://example.com/","roles":["#);
    for r in 0..roles {
        if r > 0 {
            out.push(',');
        }
        out.push_str(&format!(r#"{{"id":"role-{r}","label":"Role {r}","focus":"{WORDS}"}}"#));
    }
    out.push_str(r#"],"tools":["#);
    for t in 0..tools {
        if t > 0 {
            out.push(',');
        }
        let (vendor, license) = if t % 2 == 0 { (r#""Vendor""#, "null") } else { ("null", r#""MIT""#) };
        let entry = ["free", "freemium", "paid", "contact-sales"][t % 4];
        out.push_str(&format!(
            concat!(
                r#"{{"id":"tool-{t}","name":"Tool {t} {w}","vendor":{vendor},"category":"Category","#,
                r#""tagline":"{w}","description":"{w} {w} {w}","license":{license},"entry":"{entry}","#,
                r#""pricing":{{"prices":[{{"amount":12.5,"currency":"USD","unit":"1M input tokens","#,
                r#""per":{{"quantity":1000000,"item":"input-token"}}}},{{"amount":3e1,"currency":"EUR","#,
                r#""unit":"seat / month"}}],"notes":"{w}"}},"links":[{{"label":"Home","url":"https://example.com/{t}"}}],"#,
                r#""community":{{"ship":{t},"skip":0}},"extra":[true,false,null,{{"a":[1.5e-3]}}]}}"#
            ),
            w = WORDS,
            t = t,
            vendor = vendor,
            license = license,
            entry = entry,
        ));
    }
    out.push_str(r#"],"reviews":["#);
    for t in 0..tools {
        for r in 0..roles {
            if t + r > 0 {
                out.push(',');
            }
            let verdict = if (t + r) % 3 == 0 { "skip" } else { "ship" };
            out.push_str(&format!(
                r#"{{"tool":"tool-{t}","role":"role-{r}","verdict":"{verdict}","quote":"{WORDS} {WORDS}"}}"#
            ));
        }
    }
    out.push_str(
        r#"],"featured":{"default":["tool-0","tool-1"],"pairs":[["tool-0","tool-1"]]},"community":{"min_votes":5}}"#,
    );
    out
}

/// Declared sizes from this many bytes up are warmed up for at once.
pub const WARM_UP_ABOVE_BYTES: u64 = 256 * 1024;
/// Without a declared size, a body still arriving after this long is warmed up for.
pub const WARM_UP_AFTER_MS: u64 = 50;

/// When to warm up, once the response's headers are in: at once for a large declared size,
/// never for a small one, and after a short wait when the size is not declared (compressed
/// or streamed), so that a small bundle arriving at once costs nothing.
pub fn warm_up_delay(declared_bytes: Option<u64>) -> Option<std::time::Duration> {
    match declared_bytes {
        Some(bytes) if bytes >= WARM_UP_ABOVE_BYTES => Some(std::time::Duration::ZERO),
        Some(_) => None,
        None => Some(std::time::Duration::from_millis(WARM_UP_AFTER_MS)),
    }
}

/// One step: reads, validates and indexes a small made-up bundle, and throws it away.
pub fn warm_up() {
    let text = synthetic_bundle(WARM_UP_TOOLS, WARM_UP_ROLES);
    let _ = std::hint::black_box(Catalog::from_text(std::hint::black_box(&text)));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn warms_up_for_large_or_unknown_sizes_only() {
        use std::time::Duration;
        assert_eq!(warm_up_delay(Some(40 * 1024)), None);
        assert_eq!(warm_up_delay(Some(WARM_UP_ABOVE_BYTES - 1)), None);
        assert_eq!(warm_up_delay(Some(WARM_UP_ABOVE_BYTES)), Some(Duration::ZERO));
        assert_eq!(warm_up_delay(Some(14 << 20)), Some(Duration::ZERO));
        assert_eq!(warm_up_delay(None), Some(Duration::from_millis(WARM_UP_AFTER_MS)));
    }

    #[test]
    fn the_made_up_bundle_is_valid_and_uses_every_part_of_the_format() -> Result<(), String> {
        let text = synthetic_bundle(WARM_UP_TOOLS, WARM_UP_ROLES);
        let catalog = Catalog::from_text(&text).map_err(|e| format!("the warm-up bundle is not valid: {e}"))?;
        let b = &catalog.bundle;
        assert_eq!(b.tools.len(), WARM_UP_TOOLS);
        assert_eq!(b.roles.len(), WARM_UP_ROLES);
        assert_eq!(b.reviews.len(), WARM_UP_TOOLS * WARM_UP_ROLES);
        assert!(b.tools.iter().any(|t| t.vendor.is_some()) && b.tools.iter().any(|t| t.vendor.is_none()));
        assert!(b.tools.iter().all(|t| t.pricing.prices.len() == 2 && t.pricing.prices[0].per.is_some()));
        assert!(b.tools.iter().all(|t| t.links.len() == 1 && t.pricing.notes.is_some()));
        assert!(b.featured.is_some() && b.source_url.is_some());
        assert!(b.reviews.iter().any(|r| r.verdict == crate::bundle::Verdict::Skip));
        assert!(
            b.roles[0].focus.contains("\"quoted\"")
                && b.roles[0].focus.contains('\n')
                && b.roles[0].focus.contains('é')
        );
        // It is the same reader as the real parse's, so it is the same as serde's.
        let by_serde: crate::bundle::Bundle =
            serde_json::from_str(&text).map_err(|e| format!("serde does not read it: {e}"))?;
        assert_eq!(&by_serde, b);
        Ok(())
    }
}
