//! One file per visible part of the page.

pub mod community_vote;
pub mod comparison;
pub mod copy_button;
pub mod cost_calculator;
pub mod embed_panel;
pub mod error_view;
pub mod notices;
pub mod pair_link;
pub mod panel_verdict;
pub mod picker;
pub mod pricing;
pub mod related;
pub mod reviewer_split;
pub mod reviews;
pub mod role_filter;
pub mod section;
pub mod share_bar;
pub mod short_answer;
pub mod shortcuts;
pub mod site_chrome;
pub mod skeleton;
pub mod tool_card;
pub mod verdict_badge;
