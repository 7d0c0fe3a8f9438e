import { describe, expect, it } from 'vitest';
import { clock, seconds } from './time';

describe('durations', () => {
  it('read as a clock face', () => {
    expect([clock(0), clock(65_000), clock(3_723_000), clock(-5)]).toEqual(['0:00', '1:05', '1:02:03', '0:00']);
    expect(seconds(2449)).toBe(2.4);
  });
});
