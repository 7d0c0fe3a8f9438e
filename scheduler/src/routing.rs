//! Routing policies and the audit record that lets an auditor replay a decision.
//!
//! Weighted random draws come from SplitMix64 (a fully specified 64-bit generator, see
//! Steele et al. 2014) rather than `rand`'s `StdRng`, whose algorithm may change between
//! releases: a recorded seed must replay the same draw years later, in any language.

use crate::roster::AgentId;

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RoutingPolicy {
    /// The agent that has been available the longest (ties: smaller agent id).
    LongestIdle,
    /// Random among eligible agents, proportional to their weights.
    WeightedRandom,
}

/// One eligible agent as it was when the decision was taken.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Candidate {
    pub agent_id: AgentId,
    pub weight: f64,
    pub idle_since_ms: i64,
}

/// Everything needed to re-derive a routing decision.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoutingAudit {
    pub policy: RoutingPolicy,
    pub entry_id: String,
    /// Eligible agents in the order the draw indexes them.
    pub eligible: Vec<Candidate>,
    pub seed: Option<u64>,
    /// Uniform draw in [0,1) derived from `seed` by [`unit_draw`].
    pub draw: Option<f64>,
    pub chosen: AgentId,
}

impl RoutingAudit {
    /// Recomputes the choice from the recorded inputs only. For weighted random the draw is
    /// re-derived from the seed, so a tampered `draw` would not match.
    pub fn replay(&self) -> Option<AgentId> {
        let ix = match self.policy {
            RoutingPolicy::LongestIdle => longest_idle(&self.eligible),
            RoutingPolicy::WeightedRandom => weighted_pick(&self.eligible, unit_draw(self.seed?)),
        }?;
        self.eligible.get(ix).map(|c| c.agent_id.clone())
    }
}

/// SplitMix64 step: returns the next state and its output.
pub fn splitmix64(state: u64) -> (u64, u64) {
    let s = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
    let mut z = s;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (s, z ^ (z >> 31))
}

/// Uniform number in [0,1) from a seed: top 53 bits of the first SplitMix64 output.
pub fn unit_draw(seed: u64) -> f64 {
    let (_, x) = splitmix64(seed);
    (x >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// Index whose cumulative weight interval contains `u * total`. Non-positive or non-finite
/// weights count as zero; if all are zero the agents are treated as equal.
pub fn weighted_pick(c: &[Candidate], u: f64) -> Option<usize> {
    if c.is_empty() {
        return None;
    }
    let w = |x: &Candidate| if x.weight.is_finite() && x.weight > 0.0 { x.weight } else { 0.0 };
    let total: f64 = c.iter().map(w).sum();
    if total <= 0.0 {
        return Some(((u * c.len() as f64) as usize).min(c.len() - 1));
    }
    let target = u * total;
    let mut acc = 0.0;
    for (i, x) in c.iter().enumerate() {
        acc += w(x);
        if target < acc {
            return Some(i);
        }
    }
    // Floating-point rounding can leave target == total; the last positive weight wins.
    c.iter().rposition(|x| w(x) > 0.0)
}

/// Index of the longest-idle candidate.
pub fn longest_idle(c: &[Candidate]) -> Option<usize> {
    c.iter()
        .enumerate()
        .min_by(|(_, a), (_, b)| a.idle_since_ms.cmp(&b.idle_since_ms).then_with(|| a.agent_id.cmp(&b.agent_id)))
        .map(|(i, _)| i)
}
