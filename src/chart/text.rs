//! Text widths guessed before drawing: the canvas cannot be asked (the charts are generic over the backend), so every chart that fits a label uses this one estimate.

/// Width guessed for one character at a font size of 1, by script: CJK
/// ideographs, kana, Hangul and full-width forms are square (1 em); Latin
/// letters, digits and symbols average a little over half an em.
pub fn char_width(c: char) -> f64 {
    let u = c as u32;
    let wide = (0x2E80..=0xA4CF).contains(&u) // CJK radicals, punctuation, kana, ideographs, Yi
        || (0xAC00..=0xD7A3).contains(&u) // Hangul
        || (0xF900..=0xFAFF).contains(&u) // CJK compatibility ideographs
        || (0xFE30..=0xFE4F).contains(&u) // CJK compatibility forms
        || (0xFF00..=0xFF60).contains(&u) // full-width forms (，：（）)
        || (0xFFE0..=0xFFE6).contains(&u)
        || (0x20000..=0x3FFFD).contains(&u); // supplementary ideographs
    if wide {
        1.0
    } else {
        0.55
    }
}

/// Guessed width of `s` at font size `font` (in the same pixels as `font`).
pub fn text_width(s: &str, font: f64) -> f64 {
    s.chars().map(char_width).sum::<f64>() * font
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cjk_characters_are_a_full_em_latin_about_half() {
        assert_eq!(text_width("", 14.0), 0.0);
        assert!((text_width("ReLU", 14.0) - 4.0 * 0.55 * 14.0).abs() < 1e-9);
        assert!((text_width("學習率", 14.0) - 3.0 * 14.0).abs() < 1e-9);
        // Full-width punctuation of zh-TW text is as wide as the characters.
        assert!((text_width("（）：，", 10.0) - 40.0).abs() < 1e-9);
        // Mixed: 2 Latin + 2 CJK at 20 px.
        assert!((text_width("f′導數", 20.0) - (2.0 * 0.55 + 2.0) * 20.0).abs() < 1e-9);
        // Greek and math symbols stay narrow.
        assert!(text_width("η ∂L/∂w", 10.0) < 7.0 * 10.0 * 0.6);
    }
}
