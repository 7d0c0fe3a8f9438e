//! Head pose from the landmarks: weighted similarity Procrustes (Umeyama) of MediaPipe's
//! canonical face model onto the mesh, then Euler angles.
//!
//! Convention (models.md): right-handed, x right, y up, z toward the camera;
//! `R = Ry(yaw)·Rx(−pitch)·Rz(roll)`. **yaw > 0**: nose toward the viewer's right, i.e. the
//! subject turned to their *own left* in the un-mirrored frame; **pitch > 0**: looking up;
//! **roll > 0**: counter-clockwise in the image. Degrees everywhere.

use std::path::Path;

use nalgebra::{Matrix3, Vector3};

use crate::error::{Error, Result};
use crate::mesh::{Mesh, N_LANDMARKS};

/// File name of the canonical model (MediaPipe face geometry metadata, text protobuf).
pub const CANONICAL_FILE: &str = "geometry_pipeline_metadata_landmarks.pbtxt";

/// Head rotation in degrees.
#[derive(Debug, Clone, Copy, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Pose {
    pub yaw: f32,
    pub pitch: f32,
    pub roll: f32,
}

/// The canonical face (468 vertices, cm) and the 33 weighted rigid landmarks.
#[derive(Debug, Clone)]
pub struct CanonicalModel {
    pub vertices: Vec<[f64; 3]>,
    pub basis: Vec<(usize, f64)>,
}

impl CanonicalModel {
    pub fn load(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::Io {
            path: path.to_path_buf(),
            message: e.to_string(),
        })?;
        Self::parse(&text).map_err(|m| Error::BadOutput {
            model: "canonical face model",
            message: m,
        })
    }

    /// Minimal parser for the two fields used: `procrustes_landmark_basis { landmark_id: N weight: W }`
    /// and `vertex_buffer: V` (VERTEX_PT layout: x, y, z, u, v per vertex).
    pub fn parse(text: &str) -> std::result::Result<Self, String> {
        let mut basis = Vec::new();
        let mut buf = Vec::new();
        for line in text.lines().map(str::trim) {
            if let Some(rest) = line.strip_prefix("procrustes_landmark_basis") {
                let toks: Vec<&str> = rest
                    .split(|c: char| c.is_whitespace() || c == '{' || c == '}')
                    .filter(|t| !t.is_empty())
                    .collect();
                let mut id = None;
                let mut w = None;
                for pair in toks.windows(2) {
                    match pair[0] {
                        "landmark_id:" => id = pair[1].parse::<usize>().ok(),
                        "weight:" => w = pair[1].parse::<f64>().ok(),
                        _ => {}
                    }
                }
                match (id, w) {
                    (Some(i), Some(w)) if i < N_LANDMARKS => basis.push((i, w)),
                    _ => return Err(format!("bad basis line: {line}")),
                }
            } else if let Some(v) = line.strip_prefix("vertex_buffer:") {
                buf.push(
                    v.trim()
                        .parse::<f64>()
                        .map_err(|e| format!("bad vertex value: {e}"))?,
                );
            }
        }
        if buf.len() != N_LANDMARKS * 5 || basis.len() < 3 {
            return Err(format!(
                "expected {} vertex values and ≥3 basis points, got {} and {}",
                N_LANDMARKS * 5,
                buf.len(),
                basis.len()
            ));
        }
        let vertices = buf.chunks_exact(5).map(|c| [c[0], c[1], c[2]]).collect();
        Ok(CanonicalModel { vertices, basis })
    }

    /// Rotation that best maps the canonical model onto `mesh` (weighted Umeyama, scale free).
    pub fn rotation(&self, mesh: &Mesh) -> Option<Matrix3<f64>> {
        if mesh.points.len() != N_LANDMARKS {
            return None;
        }
        // Right-handed: y up, z toward the camera.
        let target = |i: usize| {
            let p = mesh.points[i];
            Vector3::new(f64::from(p[0]), -f64::from(p[1]), -f64::from(p[2]))
        };
        let source = |i: usize| Vector3::from(self.vertices[i]);
        let wsum: f64 = self.basis.iter().map(|b| b.1).sum();
        if wsum <= 0.0 {
            return None;
        }
        let mut mu_s = Vector3::zeros();
        let mut mu_t = Vector3::zeros();
        for &(i, w) in &self.basis {
            mu_s += source(i) * w;
            mu_t += target(i) * w;
        }
        mu_s /= wsum;
        mu_t /= wsum;
        let mut cov = Matrix3::zeros();
        for &(i, w) in &self.basis {
            cov += (target(i) - mu_t) * (source(i) - mu_s).transpose() * w;
        }
        let svd = cov.svd(true, true);
        let (u, vt) = (svd.u?, svd.v_t?);
        // Reflection guard: force det(R) = +1.
        let d = if (u * vt).determinant() < 0.0 {
            -1.0
        } else {
            1.0
        };
        Some(u * Matrix3::from_diagonal(&Vector3::new(1.0, 1.0, d)) * vt)
    }

    /// Head pose of one mesh.
    pub fn pose(&self, mesh: &Mesh) -> Option<Pose> {
        self.rotation(mesh).map(|r| euler(&r))
    }
}

/// Decomposes `R = Ry(yaw)·Rx(−pitch)·Rz(roll)` into degrees.
pub fn euler(r: &Matrix3<f64>) -> Pose {
    let b = (-r[(1, 2)]).clamp(-1.0, 1.0).asin();
    let yaw = r[(0, 2)].atan2(r[(2, 2)]);
    let roll = r[(1, 0)].atan2(r[(1, 1)]);
    Pose {
        yaw: yaw.to_degrees() as f32,
        pitch: (-b).to_degrees() as f32,
        roll: roll.to_degrees() as f32,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use nalgebra::Rotation3;

    fn compose(yaw: f64, pitch: f64, roll: f64) -> Matrix3<f64> {
        let ry = Rotation3::from_axis_angle(&Vector3::y_axis(), yaw.to_radians());
        let rx = Rotation3::from_axis_angle(&Vector3::x_axis(), -pitch.to_radians());
        let rz = Rotation3::from_axis_angle(&Vector3::z_axis(), roll.to_radians());
        (ry * rx * rz).into_inner()
    }

    #[test]
    fn euler_decomposition_inverts_composition() {
        for (y, p, r) in [(10.0, -5.0, 3.0), (-40.0, 25.0, -15.0), (0.0, 0.0, 0.0)] {
            let e = euler(&compose(y, p, r));
            assert!(
                (f64::from(e.yaw) - y).abs() < 1e-3
                    && (f64::from(e.pitch) - p).abs() < 1e-3
                    && (f64::from(e.roll) - r).abs() < 1e-3
            );
        }
    }

    #[test]
    fn procrustes_recovers_a_rotated_scaled_canonical_face() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("models")
            .join(CANONICAL_FILE);
        let model = CanonicalModel::load(&path).expect("canonical model");
        assert_eq!(model.basis.len(), 33);
        let r = compose(25.0, -12.0, 7.0);
        // Back to image convention (y down, z away) at 9 px per cm, shifted.
        let points = model
            .vertices
            .iter()
            .map(|v| {
                let p = r * Vector3::from(*v) * 9.0;
                [(p.x + 300.0) as f32, (-p.y + 200.0) as f32, (-p.z) as f32]
            })
            .collect();
        let pose = model
            .pose(&Mesh {
                points,
                faceflag: 1.0,
            })
            .expect("pose");
        assert!(
            (pose.yaw - 25.0).abs() < 0.01
                && (pose.pitch + 12.0).abs() < 0.01
                && (pose.roll - 7.0).abs() < 0.01,
            "{pose:?}"
        );
    }
}
