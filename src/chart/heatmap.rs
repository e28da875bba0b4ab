//! Dense fields as RGBA pixels: cells painted as 2x2 blocks with one-pixel lines between them, and the map from a plot area's pixels to the plane (no plotting crate, so models may use it).
//!
//! A widget's model fills a buffer with the colours of `chart::scale` and
//! the page draws it with one `put_image_data`, as TensorFlow Playground's
//! heatmap does.

/// An opaque colour.
pub type Rgb = [u8; 3];

/// The colour of a pixel of a `scale::Lut` table, without its alpha.
pub fn rgb(px: [u8; 4]) -> Rgb {
    [px[0], px[1], px[2]]
}

/// `c` darkened to `f` (0..1) of its brightness.
pub fn shade(c: Rgb, f: f64) -> Rgb {
    [(c[0] as f64 * f) as u8, (c[1] as f64 * f) as u8, (c[2] as f64 * f) as u8]
}

/// Writes `c` as the opaque pixel `k` of an RGBA buffer.
pub fn put(rgba: &mut [u8], k: usize, c: Rgb) {
    rgba[4 * k..4 * k + 4].copy_from_slice(&[c[0], c[1], c[2], 255]);
}

/// An `n` x `n` grid of cells painted as 2x2 pixel blocks (RGBA, row-major,
/// `2n` pixels per side): a line between two cells is drawn one pixel wide
/// on the first cell's right column or bottom row, so every cell keeps its
/// top-left pixel and two cells are joined by unpainted pixels exactly when
/// no line separates them.
#[derive(Clone, Debug, PartialEq)]
pub struct Blocks {
    pub n: usize,
    pub rgba: Vec<u8>,
}

impl Blocks {
    /// Cell k (row-major) painted `colour(k)`.
    pub fn new(n: usize, colour: impl Fn(usize) -> Rgb) -> Blocks {
        let side = 2 * n;
        let mut rgba = vec![0u8; side * side * 4];
        for k in 0..n * n {
            let (r, c) = (k / n, k % n);
            let col = colour(k);
            for (dr, dc) in [(0, 0), (0, 1), (1, 0), (1, 1)] {
                put(&mut rgba, (2 * r + dr) * side + 2 * c + dc, col);
            }
        }
        Blocks { n, rgba }
    }

    /// Pixels per side.
    pub fn side(&self) -> usize {
        2 * self.n
    }

    /// Draws a line in `colour` between every two 4-neighbouring cells
    /// whose `key`s differ, leaving pixels already painted `keep` as they are.
    pub fn lines<T: PartialEq>(&mut self, key: &[T], colour: Rgb, keep: Option<Rgb>) {
        self.lines_with(key, |old| if Some(old) == keep { old } else { colour });
    }

    /// Like `lines`, each line pixel recoloured `recolour(its colour)`.
    pub fn lines_with<T: PartialEq>(&mut self, key: &[T], recolour: impl Fn(Rgb) -> Rgb) {
        let (n, side) = (self.n, self.side());
        let paint = |rgba: &mut [u8], px: usize| {
            let old = [rgba[4 * px], rgba[4 * px + 1], rgba[4 * px + 2]];
            put(rgba, px, recolour(old));
        };
        for r in 0..n {
            for c in 0..n {
                let k = r * n + c;
                if c + 1 < n && key[k + 1] != key[k] {
                    paint(&mut self.rgba, 2 * r * side + 2 * c + 1);
                    paint(&mut self.rgba, (2 * r + 1) * side + 2 * c + 1);
                }
                if r + 1 < n && key[k + n] != key[k] {
                    paint(&mut self.rgba, (2 * r + 1) * side + 2 * c);
                    paint(&mut self.rgba, (2 * r + 1) * side + 2 * c + 1);
                }
            }
        }
    }
}

/// Where a heatmap's plot area landed on the canvas, in backend pixels, and
/// the data rectangle it shows: maps a pointer to data and data to pixels.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlaneMap {
    pub left: i32,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    /// Data x at `left` and at `right`.
    pub x: (f64, f64),
    /// Data y at `bottom` and at `top` (y grows upwards).
    pub y: (f64, f64),
}

impl PlaneMap {
    /// The data point under pixel (px, py), clamped to the plot area.
    pub fn to_data(&self, px: f64, py: f64) -> [f64; 2] {
        let tx = ((px - self.left as f64) / (self.right - self.left).max(1) as f64).clamp(0.0, 1.0);
        let ty = ((self.bottom as f64 - py) / (self.bottom - self.top).max(1) as f64).clamp(0.0, 1.0);
        [self.x.0 + tx * (self.x.1 - self.x.0), self.y.0 + ty * (self.y.1 - self.y.0)]
    }

    /// The pixel of data point p (not clamped).
    pub fn to_px(&self, p: [f64; 2]) -> (f64, f64) {
        let tx = (p[0] - self.x.0) / (self.x.1 - self.x.0);
        let ty = (p[1] - self.y.0) / (self.y.1 - self.y.0);
        (
            self.left as f64 + tx * (self.right - self.left) as f64,
            self.bottom as f64 - ty * (self.bottom - self.top) as f64,
        )
    }

    /// `left,top,right,bottom,x0,x1,y0,y1`: the map as the page's tests read it
    /// from the canvas's `data-plane` (pixels of the canvas's own size).
    pub fn attr(&self) -> String {
        format!(
            "{},{},{},{},{},{},{},{}",
            self.left, self.top, self.right, self.bottom, self.x.0, self.x.1, self.y.0, self.y.1
        )
    }

    /// Width and height in pixels.
    pub fn size(&self) -> (u32, u32) {
        ((self.right - self.left).max(0) as u32, (self.bottom - self.top).max(0) as u32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_keep_each_cell_and_draw_lines_between_different_keys() {
        // 3x3 cells: keys 0 0 1 / 0 0 1 / 2 2 1.
        let key = [0, 0, 1, 0, 0, 1, 2, 2, 1];
        let mut b = Blocks::new(3, |k| [key[k] as u8 * 50, 0, 0]);
        b.lines(&key, [9, 9, 9], None);
        let at = |r: usize, c: usize| [b.rgba[4 * (r * 6 + c)], b.rgba[4 * (r * 6 + c) + 1]];
        // Every cell's top-left pixel keeps its colour.
        for (k, key) in key.iter().enumerate() {
            assert_eq!(at(2 * (k / 3), 2 * (k % 3)), [*key as u8 * 50, 0], "cell {k}");
        }
        // Between cells 1 and 2 (keys 0 | 1): cell 1's right column.
        assert_eq!(at(0, 3), [9, 9]);
        assert_eq!(at(1, 3), [9, 9]);
        // Between cells 0 and 1 (same key): nothing.
        assert_eq!(at(0, 1), [0, 0]);
        // Between cells 3 and 6 (keys 0 / 2): cell 3's bottom row.
        assert_eq!((at(3, 0), at(3, 1)), ([9, 9], [9, 9]));
        // `keep` protects pixels already painted.
        let mut b2 = Blocks::new(3, |_| [1, 1, 1]);
        b2.lines(&key, [7, 7, 7], None);
        b2.lines(&[0, 1, 0, 1, 0, 1, 0, 1, 0], [5, 5, 5], Some([7, 7, 7]));
        assert_eq!(b2.rgba[4 * 3], 7, "kept");
        assert_eq!(b2.rgba[4], 5, "drawn where nothing was");
    }

    #[test]
    fn plane_map_inverts() {
        let m = PlaneMap { left: 50, top: 10, right: 450, bottom: 210, x: (-2.0, 2.0), y: (-1.0, 3.0) };
        assert_eq!(m.to_data(50.0, 210.0), [-2.0, -1.0]);
        assert_eq!(m.to_data(450.0, 10.0), [2.0, 3.0]);
        assert_eq!(m.to_data(-100.0, 1e6), [-2.0, -1.0], "clamped");
        let p = [0.7, 1.3];
        let (px, py) = m.to_px(p);
        let q = m.to_data(px, py);
        assert!((q[0] - p[0]).abs() < 1e-12 && (q[1] - p[1]).abs() < 1e-12);
        assert_eq!(m.size(), (400, 200));
        assert_eq!(m.attr(), "50,10,450,210,-2,2,-1,3");
    }

    #[test]
    fn pixels_are_opaque() {
        let mut buf = vec![0u8; 8];
        put(&mut buf, 1, [1, 2, 3]);
        assert_eq!(buf, [0, 0, 0, 0, 1, 2, 3, 255]);
        assert_eq!(rgb([1, 2, 3, 4]), [1, 2, 3]);
    }
}
