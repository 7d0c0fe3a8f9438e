//! Head pose on a spread subset (every 6th) of the synthetic renders with exact angles.
//! The full set runs in `synthetic_pose_full.rs`.

mod common;

#[test]
fn pose_on_synthetic_subset_has_small_error_and_right_turn_direction() {
    common::pose_eval::check(&common::pose_eval::evaluate(6, 1));
}
