// Connection quality of the customer's video as the agent receives it, from `getStats`, and the
// quality gate: warnings when the picture falls below the session profile's minimum (an
// identification needs a legible face and document), with the fix to ask the customer for.

/** The counters of the inbound video stream at one moment. */
export interface InboundVideo {
  /** ms (the stats report's clock). */
  timestamp: number;
  bytesReceived: number;
  packetsReceived: number;
  packetsLost: number;
  frameWidth: number;
  frameHeight: number;
  framesPerSecond: number | null;
  framesDecoded: number;
}

export interface QualitySample {
  bitrateKbps: number;
  /** Share of packets lost since the previous sample, 0–1. */
  loss: number;
  width: number;
  height: number;
  fps: number;
}

export interface Minimums {
  min_width: number;
  min_height: number;
  min_fps: number;
}

export type QualityWarning = 'resolution_low' | 'fps_low' | 'loss_high' | 'bitrate_low' | 'no_video';

/** Above this share of lost packets the picture freezes and smears. */
export const MAX_LOSS = 0.05;
/** Below this a 640×480 picture is too soft to read a document. */
export const MIN_BITRATE_KBPS = 200;

/** The inbound video entry of a stats report, if there is one. */
export function inboundVideo(report: RTCStatsReport | Iterable<Record<string, unknown>>): InboundVideo | null {
  let found: InboundVideo | null = null;
  const entries: Iterable<Record<string, unknown>> = 'values' in report && typeof report.values === 'function' ? (report.values() as Iterable<Record<string, unknown>>) : (report as Iterable<Record<string, unknown>>);
  for (const s of entries) {
    if (s.type !== 'inbound-rtp' || s.kind !== 'video') continue;
    const n = (k: string) => (typeof s[k] === 'number' ? (s[k] as number) : 0);
    found = {
      timestamp: n('timestamp'),
      bytesReceived: n('bytesReceived'),
      packetsReceived: n('packetsReceived'),
      packetsLost: n('packetsLost'),
      frameWidth: n('frameWidth'),
      frameHeight: n('frameHeight'),
      framesPerSecond: typeof s.framesPerSecond === 'number' ? s.framesPerSecond : null,
      framesDecoded: n('framesDecoded'),
    };
  }
  return found;
}

/** Rates between two snapshots (null without a previous one or when time did not advance). */
export function sample(prev: InboundVideo | null, cur: InboundVideo): QualitySample | null {
  if (!prev || cur.timestamp <= prev.timestamp) return null;
  const seconds = (cur.timestamp - prev.timestamp) / 1000;
  const received = Math.max(0, cur.packetsReceived - prev.packetsReceived);
  const lost = Math.max(0, cur.packetsLost - prev.packetsLost);
  const fps = cur.framesPerSecond ?? Math.max(0, cur.framesDecoded - prev.framesDecoded) / seconds;
  return {
    bitrateKbps: Math.round((Math.max(0, cur.bytesReceived - prev.bytesReceived) * 8) / seconds / 1000),
    loss: received + lost === 0 ? 0 : lost / (received + lost),
    width: cur.frameWidth,
    height: cur.frameHeight,
    fps: Math.round(fps),
  };
}

/** What is below the bar. A picture smaller than the minimum in either orientation counts as low. */
export function qualityWarnings(s: QualitySample | null, min: Minimums | null): QualityWarning[] {
  if (!s) return [];
  if (s.width === 0 || s.fps === 0) return ['no_video'];
  const out: QualityWarning[] = [];
  if (min) {
    const [long, short] = [Math.max(s.width, s.height), Math.min(s.width, s.height)];
    const [minLong, minShort] = [Math.max(min.min_width, min.min_height), Math.min(min.min_width, min.min_height)];
    if (long < minLong || short < minShort) out.push('resolution_low');
    if (s.fps < min.min_fps) out.push('fps_low');
  }
  if (s.loss > MAX_LOSS) out.push('loss_high');
  if (s.bitrateKbps < MIN_BITRATE_KBPS) out.push('bitrate_low');
  return out;
}
