//! The region map allocates per new pattern, not per grid cell: its cost on
//! a fine grid is the forward passes, not the allocator. (Its own test
//! binary, since it counts every allocation of the process.)

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use activation_lab::activation::Activation;
use activation_lab::analysis::linear::region_map;
use activation_lab::init::{initialise, BiasInit, Init};
use activation_lab::network::Network;
use activation_lab::rng::Rng;

struct Counting;

static ALLOCS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Ordering::Relaxed);
        System.alloc(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l)
    }
}

#[global_allocator]
static A: Counting = Counting;

#[test]
fn allocations_do_not_grow_with_the_number_of_cells() {
    let mut n = Network::new(&[2, 8, 8, 1], Activation::Relu, Activation::Identity).unwrap();
    initialise(&mut n, Init::HeNormal, BiasInit::Normal(0.5), &mut Rng::new(7));
    let allocs = |side: usize| {
        let before = ALLOCS.load(Ordering::Relaxed);
        let map = region_map(&n, (-2.0, 2.0), (-2.0, 2.0), side, side);
        (ALLOCS.load(Ordering::Relaxed) - before, map.count)
    };
    let (small, small_count) = allocs(100);
    let (big, big_count) = allocs(300);
    assert!(small_count > 10, "a map with many regions ({small_count})");
    // 80,000 more cells; new regions found by the finer grid and the doubling
    // of growing vectors may add a few dozen allocations, a copy per cell would add 80,000.
    let extra_regions = big_count - small_count;
    assert!(big <= small + extra_regions + 64, "{small} allocations for 100², {big} for 300²");
}
