//! Two f64 lanes in one 128-bit register: the network's batch loops are
//! written with it so that both targets get vector code we chose, not
//! whatever the auto-vectoriser decides.
//!
//! The auto-vectoriser left most of the backward pass scalar in the wasm
//! build (131 scalar multiplies against 13 vector ones), so the page ran it
//! at half speed. SSE2 (every x86-64) and wasm simd128 (every current
//! browser; this crate builds with it) have the same two-lane f64 operations;
//! elsewhere the type is a plain pair. Lane arithmetic is IEEE per lane, so
//! results are bit-identical on every target.

#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
mod imp {
    use core::arch::wasm32::*;

    #[derive(Clone, Copy)]
    pub struct F2(v128);

    impl F2 {
        #[inline(always)]
        pub fn splat(x: f64) -> F2 {
            F2(f64x2_splat(x))
        }
        #[inline(always)]
        pub fn load(s: &[f64; 2]) -> F2 {
            // SAFETY: `s` holds two f64s; v128_load has no alignment requirement.
            F2(unsafe { v128_load(s.as_ptr() as *const v128) })
        }
        #[inline(always)]
        pub fn store(self, s: &mut [f64; 2]) {
            // SAFETY: as in `load`.
            unsafe { v128_store(s.as_mut_ptr() as *mut v128, self.0) }
        }
        #[inline(always)]
        pub fn sum(self) -> f64 {
            f64x2_extract_lane::<0>(self.0) + f64x2_extract_lane::<1>(self.0)
        }
    }

    impl core::ops::Mul for F2 {
        type Output = F2;
        #[inline(always)]
        fn mul(self, o: F2) -> F2 {
            F2(f64x2_mul(self.0, o.0))
        }
    }

    impl core::ops::Add for F2 {
        type Output = F2;
        #[inline(always)]
        fn add(self, o: F2) -> F2 {
            F2(f64x2_add(self.0, o.0))
        }
    }

    impl core::ops::Sub for F2 {
        type Output = F2;
        #[inline(always)]
        fn sub(self, o: F2) -> F2 {
            F2(f64x2_sub(self.0, o.0))
        }
    }
}

#[cfg(target_arch = "x86_64")]
mod imp {
    use core::arch::x86_64::*;

    #[derive(Clone, Copy)]
    pub struct F2(__m128d);

    impl F2 {
        #[inline(always)]
        pub fn splat(x: f64) -> F2 {
            // SAFETY (here and below): SSE2 is part of every x86-64 CPU.
            F2(unsafe { _mm_set1_pd(x) })
        }
        #[inline(always)]
        pub fn load(s: &[f64; 2]) -> F2 {
            // SAFETY: `s` holds two f64s; loadu has no alignment requirement.
            F2(unsafe { _mm_loadu_pd(s.as_ptr()) })
        }
        #[inline(always)]
        pub fn store(self, s: &mut [f64; 2]) {
            // SAFETY: as in `load`.
            unsafe { _mm_storeu_pd(s.as_mut_ptr(), self.0) }
        }
        #[inline(always)]
        pub fn sum(self) -> f64 {
            unsafe { _mm_cvtsd_f64(self.0) + _mm_cvtsd_f64(_mm_unpackhi_pd(self.0, self.0)) }
        }
    }

    impl core::ops::Mul for F2 {
        type Output = F2;
        #[inline(always)]
        fn mul(self, o: F2) -> F2 {
            F2(unsafe { _mm_mul_pd(self.0, o.0) })
        }
    }

    impl core::ops::Add for F2 {
        type Output = F2;
        #[inline(always)]
        fn add(self, o: F2) -> F2 {
            F2(unsafe { _mm_add_pd(self.0, o.0) })
        }
    }

    impl core::ops::Sub for F2 {
        type Output = F2;
        #[inline(always)]
        fn sub(self, o: F2) -> F2 {
            F2(unsafe { _mm_sub_pd(self.0, o.0) })
        }
    }
}

#[cfg(not(any(all(target_arch = "wasm32", target_feature = "simd128"), target_arch = "x86_64")))]
mod imp {
    #[derive(Clone, Copy)]
    pub struct F2([f64; 2]);

    impl F2 {
        #[inline(always)]
        pub fn splat(x: f64) -> F2 {
            F2([x, x])
        }
        #[inline(always)]
        pub fn load(s: &[f64; 2]) -> F2 {
            F2(*s)
        }
        #[inline(always)]
        pub fn store(self, s: &mut [f64; 2]) {
            *s = self.0;
        }
        #[inline(always)]
        pub fn sum(self) -> f64 {
            self.0[0] + self.0[1]
        }
    }

    impl core::ops::Mul for F2 {
        type Output = F2;
        #[inline(always)]
        fn mul(self, o: F2) -> F2 {
            F2([self.0[0] * o.0[0], self.0[1] * o.0[1]])
        }
    }

    impl core::ops::Add for F2 {
        type Output = F2;
        #[inline(always)]
        fn add(self, o: F2) -> F2 {
            F2([self.0[0] + o.0[0], self.0[1] + o.0[1]])
        }
    }

    impl core::ops::Sub for F2 {
        type Output = F2;
        #[inline(always)]
        fn sub(self, o: F2) -> F2 {
            F2([self.0[0] - o.0[0], self.0[1] - o.0[1]])
        }
    }
}

pub use imp::F2;

#[cfg(test)]
mod tests {
    use super::F2;

    #[test]
    fn lanes_are_independent_ieee_operations() {
        let a = F2::load(&[1.5, -2.0]);
        let b = F2::load(&[0.25, 1e300]);
        let mut out = [0.0; 2];
        (a * b + F2::splat(1.0)).store(&mut out);
        assert_eq!(out, [1.375, -2e300 + 1.0]);
        assert_eq!(a.sum(), -0.5);
        (a - b).store(&mut out);
        assert_eq!(out, [1.25, -2.0 - 1e300]);
        // Overflow stays per lane: one infinite lane leaves the other alone.
        let mut o = [0.0; 2];
        (F2::load(&[1e300, 2.0]) * F2::load(&[1e300, 3.0])).store(&mut o);
        assert_eq!(o, [f64::INFINITY, 6.0]);
    }
}
