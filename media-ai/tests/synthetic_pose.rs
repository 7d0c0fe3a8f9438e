//! Head pose on a spread subset (every 6th) of the synthetic renders with exact angles.
//! The full set runs in `synthetic_pose_full.rs`.

mod common;
mod pose_eval;

#[test]
fn pose_on_synthetic_subset_has_small_error_and_right_turn_direction() {
    pose_eval::check(&pose_eval::evaluate(6));
}
