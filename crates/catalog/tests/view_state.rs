//! The URL holds the shareable state: parsing is total, and the typed state round-trips.

use proptest::prelude::*;
use verdicts_catalog::view_state::{parse_query, resolve, to_query, RoleSelection, Theme, ViewState};

mod common;
use common::seed;

#[test]
fn reads_the_pair_roles_embed_and_theme() {
    let p = parse_query("?a=mistral-8x24b&b=openai-o3-pro-api&roles=builder,buyer&embed=1&theme=dark&utm_source=x");
    assert_eq!(
        p.state,
        ViewState {
            first: Some("mistral-8x24b".into()),
            second: Some("openai-o3-pro-api".into()),
            roles: RoleSelection::Only(vec!["builder".into(), "buyer".into()]),
            embed: true,
            theme: Theme::Dark,
            ..ViewState::default()
        }
    );
    let w = parse_query("?in=50M&out=1%2C000");
    assert_eq!((w.state.input.as_deref(), w.state.output.as_deref()), (Some("50M"), Some("1,000")));
    assert_eq!(to_query(&w.state), "?in=50M&out=1%2C000");
    assert!(p.ignored.is_empty(), "other sites' parameters are not ours to complain about");
}

#[test]
fn odd_queries_fall_back_with_notices() {
    let p = parse_query("a=&a=x&b=%E0%A4%A&roles=,,builder,builder&theme=purple");
    assert_eq!(p.state.first, None);
    assert_eq!(p.state.second.as_deref(), Some("\u{FFFD}%A"));
    assert_eq!(p.state.roles, RoleSelection::Only(vec!["builder".into()]));
    assert_eq!(p.state.theme, Theme::Auto);
    assert_eq!(p.ignored.len(), 3, "{:?}", p.ignored);
    let long = format!("a={}", "x".repeat(10_000));
    let p = parse_query(&long);
    assert_eq!(p.state.first, None);
    assert_eq!(p.ignored.len(), 1);
}

#[test]
fn an_empty_roles_value_means_no_role_is_selected() {
    assert_eq!(parse_query("roles=").state.roles, RoleSelection::Only(vec![]));
    assert_eq!(parse_query("").state.roles, RoleSelection::All);
}

#[test]
fn unknown_and_repeated_tools_fall_back_to_the_default_pair() {
    let c = seed();
    let view = |q: &str| resolve(&parse_query(q).state, &c).expect("two tools");
    let v = view("");
    assert_eq!((v.first, v.second, v.all_roles), (0, 1, true));
    assert!(v.notices.is_empty());
    let v = view("a=nope&b=openai-o3-pro-api");
    assert_eq!((v.first, v.second), (0, 3));
    assert_eq!(v.notices.len(), 1);
    assert!(v.notices[0].contains("“nope”"));
    let v = view("a=openai-o3-pro-api&b=openai-o3-pro-api");
    assert_eq!(v.first, 3);
    assert_ne!(v.second, 3);
    assert_eq!(v.notices.len(), 1);
    let v = view("a=openai-o4-api");
    assert_eq!((v.first, v.second), (1, 0), "the default partner when the first is the default's second");
    let v = view("roles=buyer,ghost");
    assert_eq!(v.role_on, vec![false, false, false, true]);
    assert!(!v.all_roles);
    assert_eq!(v.notices.len(), 1);
    let v = view("roles=ghost");
    assert!(v.all_roles, "a filter of only unknown roles shows every role");
    let v = view("roles=");
    assert_eq!((v.all_roles, v.role_on.iter().any(|x| *x)), (false, false));
}

fn state_strategy() -> impl Strategy<Value = ViewState> {
    let id = "[^\u{0}]{1,40}".prop_filter("trimmed and non-empty", |s: &String| s.trim() == s && !s.is_empty());
    let role = "[a-z0-9][a-z0-9,_ -]{0,15}".prop_filter("trimmed", |s: &String| s.trim() == s);
    (
        proptest::option::of(id.clone()),
        proptest::option::of(id),
        proptest::option::of(proptest::collection::vec(role, 0..5)),
        any::<bool>(),
        prop_oneof![Just(Theme::Auto), Just(Theme::Light), Just(Theme::Dark)],
        proptest::option::of("[0-9][0-9.,kMB]{0,8}"),
        proptest::option::of("[0-9][0-9.,kMB]{0,8}"),
    )
        .prop_map(|(first, second, roles, embed, theme, input, output)| {
            let roles = match roles {
                None => RoleSelection::All,
                Some(mut ids) => {
                    let mut seen = Vec::new();
                    ids.retain(|id| {
                        !seen.contains(id) && {
                            seen.push(id.clone());
                            true
                        }
                    });
                    RoleSelection::Only(ids)
                }
            };
            ViewState { first, second, roles, embed, theme, input, output }
        })
}

proptest! {
    /// Whatever the query, the state read from it is written back to a query that reads the
    /// same, and resolves to a view of two different tools (the same check as the query fuzz
    /// target, here on every test run).
    #[test]
    fn any_query_reads_to_a_stable_state_and_a_valid_view(query in ".{0,300}|[a-z=&%0-9A-F+,]{0,200}") {
        let state = parse_query(&query).state;
        prop_assert_eq!(&parse_query(&to_query(&state)).state, &state);
        let c = seed();
        let view = resolve(&state, &c).expect("the seed has tools");
        prop_assert_ne!(view.first, view.second);
        prop_assert_eq!(view.role_on.len(), c.roles().len());
    }

    #[test]
    fn the_typed_state_round_trips_through_the_url(state in state_strategy()) {
        let query = to_query(&state);
        let parsed = parse_query(&query);
        prop_assert_eq!(parsed.ignored, Vec::<String>::new());
        prop_assert_eq!(parsed.state, state);
    }
}

#[test]
fn long_values_of_wide_characters_round_trip() {
    // Found by fuzzing: 400 replacement characters encode to 3,600 bytes.
    let state =
        ViewState { first: Some("\u{FFFD}".repeat(400)), second: Some("🚀".repeat(512)), ..Default::default() };
    let parsed = parse_query(&to_query(&state));
    assert_eq!(parsed.ignored, Vec::<String>::new());
    assert_eq!(parsed.state, state);
    let too_long = ViewState { first: Some("é".repeat(513)), ..Default::default() };
    assert_eq!(parse_query(&to_query(&too_long)).state.first, None);
}
