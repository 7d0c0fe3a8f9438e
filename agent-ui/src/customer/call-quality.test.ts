import { describe, expect, it } from 'vitest';
import { factsOf, judge } from './call-quality';

const report = (...stats: Record<string, unknown>[]) => new Map(stats.map((s, i) => [String(i), s])) as unknown as RTCStatsReport;

describe('the call’s quality hint', () => {
  it('is weak when the sender is held back by bandwidth, the round trip is long or packets are lost', () => {
    expect(judge(factsOf(report({ type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'bandwidth' })))).toBe('weak');
    expect(judge(factsOf(report({ type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'none' }, { type: 'remote-inbound-rtp', roundTripTime: 0.8 })))).toBe('weak');
    expect(judge(factsOf(report({ type: 'remote-inbound-rtp', roundTripTime: 0.05, fractionLost: 0.12 })))).toBe('weak');
  });

  it('is good on a healthy connection, and unknown before any statistics', () => {
    expect(judge(factsOf(report({ type: 'outbound-rtp', kind: 'video', qualityLimitationReason: 'none' }, { type: 'remote-inbound-rtp', roundTripTime: 0.04, fractionLost: 0 })))).toBe('good');
    expect(judge(factsOf(report()))).toBe('unknown');
  });
});
