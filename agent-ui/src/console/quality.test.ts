import { describe, expect, it } from 'vitest';
import { inboundVideo, qualityWarnings, sample, type InboundVideo } from './quality';

const at = (t: number, over: Partial<InboundVideo> = {}): InboundVideo => ({
  timestamp: t,
  bytesReceived: 0,
  packetsReceived: 0,
  packetsLost: 0,
  frameWidth: 640,
  frameHeight: 480,
  framesPerSecond: 30,
  framesDecoded: 0,
  ...over,
});
const MIN = { min_width: 640, min_height: 480, min_fps: 20 };

describe('connection quality from getStats', () => {
  it('finds the inbound video entry of a report', () => {
    const report = [
      { type: 'inbound-rtp', kind: 'audio', bytesReceived: 5 },
      { type: 'inbound-rtp', kind: 'video', timestamp: 5, bytesReceived: 100, packetsReceived: 10, packetsLost: 1, frameWidth: 640, frameHeight: 480, framesPerSecond: 25, framesDecoded: 50 },
    ];
    expect(inboundVideo(report)).toMatchObject({ bytesReceived: 100, packetsLost: 1, framesPerSecond: 25 });
    expect(inboundVideo([{ type: 'outbound-rtp', kind: 'video' }])).toBeNull();
  });

  it('turns two snapshots into bitrate, loss and frame rate', () => {
    const s = sample(at(1000, { bytesReceived: 0, packetsReceived: 0 }), at(3000, { bytesReceived: 250_000, packetsReceived: 190, packetsLost: 10, framesPerSecond: null, framesDecoded: 50 }));
    expect(s).toEqual({ bitrateKbps: 1000, loss: 0.05, width: 640, height: 480, fps: 25 });
    expect(sample(null, at(1000))).toBeNull();
    expect(sample(at(1000), at(1000))).toBeNull();
  });

  it('warns below the profile minimum, in either orientation', () => {
    const ok = { bitrateKbps: 800, loss: 0, width: 640, height: 480, fps: 25 };
    expect(qualityWarnings(ok, MIN)).toEqual([]);
    expect(qualityWarnings({ ...ok, width: 480, height: 640 }, MIN)).toEqual([]);
    expect(qualityWarnings({ ...ok, width: 320, height: 240, fps: 12 }, MIN)).toEqual(['resolution_low', 'fps_low']);
    expect(qualityWarnings({ ...ok, loss: 0.08, bitrateKbps: 90 }, MIN)).toEqual(['loss_high', 'bitrate_low']);
    expect(qualityWarnings({ ...ok, width: 0, fps: 0 }, MIN)).toEqual(['no_video']);
    expect(qualityWarnings(null, MIN)).toEqual([]);
  });
});
