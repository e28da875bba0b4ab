//! Widgets (provisional: replaced by the registry on main).

pub mod vanishing;
