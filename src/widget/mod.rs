//! Widgets: one folder per figure of the page (provisional: the registry replaces this file).

pub mod backprop;
