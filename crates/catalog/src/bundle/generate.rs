//! A deterministic generator of large, clearly fictional bundles for tests and benchmarks.
//! Native only: nothing of it ships in the app.

use super::model::*;

/// A small deterministic pseudo-random sequence (SplitMix64), so that the same arguments always
/// give the same bundle.
struct Sequence(u64);

impl Sequence {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
}

const SYLLABLES: &[&str] =
    &["zan", "qo", "mira", "vel", "tor", "ñu", "kai", "lüm", "ora", "sef", "dré", "ix", "pol", "ʻau", "øst"];
const CATEGORIES: &[&str] = &[
    "Developer Tools",
    "Writing",
    "Image Generation",
    "Speech",
    "Data & Analytics",
    "Agents",
    "Search",
    "Code Review",
];
const VENDORS: &[&str] =
    &["Fictional Labs", "Imaginary AI", "Placeholder Systems", "Exemplar GmbH", "Muster Société", "Ficticia S.A."];
const WORDS: &[&str] = &[
    "latency",
    "throughput",
    "pricing",
    "moat",
    "primitive",
    "déjà-vu",
    "naïve",
    "trade-off",
    "schema",
    "vector",
    "ünïcödé",
    "日本語",
    "emoji 🚀",
    "Ελληνικά",
    "العربية",
    "quota",
    "fine-tune",
    "benchmark",
    "contract",
    "runtime",
];

/// Makes a clearly fictional bundle with `tools` tools and `roles` roles: one review per tool and
/// role, except every 17th tool, which has none; long and non-ASCII text throughout.
pub fn generate(tools: usize, roles: usize, seed: u64) -> Bundle {
    let mut rng = Sequence(seed);
    let sentence = |rng: &mut Sequence, words: usize| {
        let mut s = String::new();
        for i in 0..words {
            if i > 0 {
                s.push(' ');
            }
            s.push_str(rng.pick(WORDS));
        }
        s.push('.');
        s
    };
    let roles: Vec<Role> = (0..roles)
        .map(|i| Role {
            id: format!("lens-{i}"),
            label: format!("Fictional lens {i}"),
            focus: format!("What lens {i} looks at: {}", sentence(&mut rng, 8)),
        })
        .collect();
    let mut all_tools = Vec::with_capacity(tools);
    let mut reviews = Vec::with_capacity(tools * roles.len());
    for i in 0..tools {
        let name: String = (0..2 + rng.below(2)).map(|_| rng.pick(SYLLABLES)).collect::<Vec<_>>().join("");
        let id = format!("tool-{i:05}");
        let mut prices = Vec::new();
        for (unit, item) in [
            ("1M input tokens", Some("input-token")),
            ("1M output tokens", Some("output-token")),
            ("seat / month", None),
        ] {
            if rng.below(3) == 0 {
                prices.push(Price {
                    amount: rng.below(4000) as f64 / 100.0,
                    currency: "USD".into(),
                    unit: unit.into(),
                    per: item.map(|item| PricePer { quantity: 1_000_000, item: item.into() }),
                });
            }
        }
        let entry =
            [EntryLevel::Free, EntryLevel::Freemium, EntryLevel::Paid, EntryLevel::ContactSales][rng.below(4) as usize];
        let votes = if rng.below(4) == 0 {
            Votes::default()
        } else {
            Votes { ship: rng.below(500) as i64, skip: rng.below(500) as i64 }
        };
        all_tools.push(Tool {
            id: id.clone(),
            name: format!("Fictional {} {i}", capitalise(&name)),
            vendor: Some(rng.pick(VENDORS).to_string()),
            category: rng.pick(CATEGORIES).to_string(),
            tagline: sentence(&mut rng, 6),
            description: (0..4).map(|_| sentence(&mut rng, 14)).collect::<Vec<_>>().join(" "),
            license: (rng.below(2) == 0).then(|| "Apache-2.0".to_string()),
            entry,
            pricing: Pricing { prices, notes: Some(sentence(&mut rng, 10)) },
            links: vec![Link { label: "Home page".into(), url: format!("https://example.com/{id}") }],
            community: votes,
            updated: None,
        });
        if i % 17 == 16 {
            continue;
        }
        for role in &roles {
            reviews.push(Review {
                tool: id.clone(),
                role: role.id.clone(),
                verdict: if rng.below(3) == 0 { Verdict::Skip } else { Verdict::Ship },
                quote: (0..6).map(|_| sentence(&mut rng, 16)).collect::<Vec<_>>().join(" "),
            });
        }
    }
    let featured = (tools >= 4).then(|| Featured {
        default: Some([all_tools[0].id.clone(), all_tools[1].id.clone()]),
        pairs: vec![[all_tools[2].id.clone(), all_tools[3].id.clone()]],
    });
    Bundle {
        schema_version: SUPPORTED_SCHEMA_VERSION,
        id: Some(format!("fictional-{tools}x{}-{seed}", roles.len())),
        title: format!("Fictional test bundle: {tools} tools × {} roles", roles.len()),
        updated: "2026-01-01".into(),
        source: "Generated test data. Every tool, price and review in it is fictional.".into(),
        source_url: None,
        roles,
        tools: all_tools,
        reviews,
        featured,
        community: CommunitySettings::default(),
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
