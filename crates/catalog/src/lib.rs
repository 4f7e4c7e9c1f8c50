//! The Verdicts catalogue: the model and rules every other layer builds on.
//!
//! No Leptos and no browser here: the app renders what these modules compute, the publisher
//! writes it to pages, the server checks votes against it. Every rule is tested natively.
//!
//! - [`bundle`]: the catalogue as one JSON bundle, its validation, figures and search index;
//! - [`answer`]: the short answer a comparison leads with, in words;
//! - [`pages`]: which comparisons get a page of their own, at what path, with what title;
//! - [`site_data`]: the catalogue as the published site serves it, a tool shard at a time;
//! - [`view_state`]: what a URL describes (pair, roles, embed, theme, workload) and its changes;
//! - [`votes`] and [`vote_protocol`]: the community vote's rules and its wire format;
//! - [`config`]: the settings a published page carries for the app;
//! - money, percentages, accent folding, escaping: the small rules the figures need.

pub mod answer;
pub mod bundle;
pub mod config;
pub mod embed_code;
pub mod escape;
pub mod fold;
pub mod load_error;
pub mod money;
pub mod pages;
pub mod percent;
pub mod search;
pub mod site_data;
pub mod view_state;
pub mod vote_proof;
pub mod vote_protocol;
pub mod votes;
pub mod workload;
