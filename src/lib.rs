//! Verdicts: pick any two AI tools and compare the expert panel's verdict, the pricing,
//! the reviewer split, the community vote and the reviewers' own words.

pub mod bundle;
pub mod search;
pub mod view_state;
