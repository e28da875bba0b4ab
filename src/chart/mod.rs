//! Charts drawn with plotters on any backend.
