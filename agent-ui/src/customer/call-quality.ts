// How good the customer's connection is during the call, from the peer connection's statistics:
// what the sender is limited by, the round trip, and the loss the far end reports.

export type Quality = 'good' | 'weak' | 'unknown';

export interface QualityFacts {
  /** Whether the report had the sent video at all (no stats yet: unknown). */
  sending: boolean;
  /** `bandwidth` or `cpu` when the encoder holds back (outbound-rtp `qualityLimitationReason`). */
  limitation: string | null;
  /** Seconds (remote-inbound-rtp or the candidate pair). */
  roundTrip: number | null;
  /** 0–1 (remote-inbound-rtp `fractionLost`). */
  loss: number | null;
}

/** Round trips and losses beyond these make the picture freeze or the voice break up. */
const MAX_RTT_S = 0.5;
const MAX_LOSS = 0.05;

export function judge(f: QualityFacts): Quality {
  if (!f.sending && f.roundTrip === null && f.loss === null) return 'unknown';
  if (f.limitation === 'bandwidth') return 'weak';
  if (f.roundTrip !== null && f.roundTrip > MAX_RTT_S) return 'weak';
  if (f.loss !== null && f.loss > MAX_LOSS) return 'weak';
  return 'good';
}

/** The facts from one `getStats()` report. */
export function factsOf(report: RTCStatsReport): QualityFacts {
  const f: QualityFacts = { sending: false, limitation: null, roundTrip: null, loss: null };
  report.forEach((s: Record<string, unknown>) => {
    if (s.type === 'outbound-rtp' && s.kind === 'video') {
      f.sending = true;
      const why = s.qualityLimitationReason;
      if (typeof why === 'string' && why !== 'none') f.limitation = why;
    }
    if (s.type === 'remote-inbound-rtp') {
      if (typeof s.roundTripTime === 'number') f.roundTrip = Math.max(f.roundTrip ?? 0, s.roundTripTime);
      if (typeof s.fractionLost === 'number') f.loss = Math.max(f.loss ?? 0, s.fractionLost);
    }
    if (s.type === 'candidate-pair' && s.nominated && typeof s.currentRoundTripTime === 'number' && f.roundTrip === null) {
      f.roundTrip = s.currentRoundTripTime;
    }
  });
  return f;
}
