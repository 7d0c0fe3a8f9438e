//! Head pose on all 660 synthetic renders: mean abs yaw error ≤ 5°, pitch ≤ 4.5°, and the turn
//! direction right in every frame with |yaw| ≥ 20°. Separate test binary so it runs in parallel
//! with the others.

mod common;

#[test]
fn pose_on_all_synthetic_renders_has_small_error_and_right_turn_direction() {
    common::pose_eval::check(&common::pose_eval::evaluate(1, 2));
}
