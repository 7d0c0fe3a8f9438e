import { describe, expect, it } from 'vitest';
import { clockText, DRIFT_MS, PlaybackClock, type Media } from './sync';

/** A media element that plays only when the test moves it on. */
class FakeMedia implements Media {
  currentTime = 0;
  paused = true;
  seeking = false;
  readyState = 4;
  ended = false;
  plays = 0;
  play() {
    this.paused = false;
    this.plays++;
  }
  pause() {
    this.paused = true;
  }
  /** Advances by `ms` if playing, as a real element does. */
  run(ms: number) {
    if (!this.paused) this.currentTime += ms / 1000;
  }
}

function setup() {
  let now = 0;
  const clock = new PlaybackClock(60_000, () => now);
  const customer = new FakeMedia();
  const agent = new FakeMedia();
  // The agent's file starts 1.5 s after the customer's (joined later).
  clock.setTracks([
    { media: customer, offsetMs: 0, durationMs: 60_000 },
    { media: agent, offsetMs: 1_500, durationMs: 58_500 },
  ]);
  const step = (ms: number) => {
    now += ms;
    customer.run(ms);
    agent.run(ms);
    clock.tick();
  };
  return { clock, customer, agent, step };
}

describe('synchronised playback', () => {
  it('a seek puts every file at the position minus its own offset', () => {
    const { clock, customer, agent } = setup();
    clock.seek(23_400);
    expect(customer.currentTime).toBeCloseTo(23.4, 3);
    expect(agent.currentTime).toBeCloseTo(21.9, 3);
    expect(clock.position.value).toBe(23_400);
  });

  it('playing moves both files on together and the position with them', () => {
    const { clock, customer, agent, step } = setup();
    clock.seek(10_000);
    clock.play();
    expect(customer.paused).toBe(false);
    expect(agent.paused).toBe(false);
    for (let i = 0; i < 60; i++) step(16);
    expect(clock.position.value).toBeCloseTo(10_960, 0);
    expect(agent.currentTime * 1000 + 1_500).toBeCloseTo(customer.currentTime * 1000, 0);
  });

  it('a file that has not started yet waits paused and starts when the position reaches it', () => {
    const { clock, agent, step } = setup();
    clock.play();
    step(1_000);
    expect(agent.paused).toBe(true);
    step(600);
    expect(agent.paused).toBe(false);
    expect(Math.abs(agent.currentTime * 1000 - (clock.position.value - 1_500))).toBeLessThanOrEqual(DRIFT_MS);
  });

  it('a follower that drifts is put back; the lead file is never jumped', () => {
    const { clock, customer, agent, step } = setup();
    clock.seek(5_000);
    clock.play();
    agent.currentTime += 0.5; // the agent's file ran ahead
    step(16);
    expect(Math.abs(agent.currentTime * 1000 + 1_500 - clock.position.value)).toBeLessThan(1);
    const before = customer.currentTime;
    step(16);
    expect(customer.currentTime).toBeCloseTo(before + 0.016, 5);
  });

  it('a file that buffers holds the position and pauses the others until it can play', () => {
    const { clock, customer, agent, step } = setup();
    clock.seek(5_000);
    clock.play();
    agent.readyState = 2;
    step(500);
    expect(clock.buffering.value).toBe(true);
    const held = clock.position.value;
    step(500);
    expect(clock.position.value).toBe(held);
    expect(customer.paused).toBe(true);
    agent.readyState = 4;
    step(16);
    expect(clock.buffering.value).toBe(false);
    expect(customer.paused).toBe(false);
    expect(agent.paused).toBe(false);
  });

  it('pausing stops every file and the position; playing at the end starts from the beginning', () => {
    const { clock, customer, agent, step } = setup();
    clock.seek(59_990);
    clock.play();
    step(16);
    step(16);
    expect(clock.playing.value).toBe(false);
    expect(clock.position.value).toBe(60_000);
    expect(customer.paused && agent.paused).toBe(true);
    clock.play();
    expect(clock.position.value).toBe(0);
  });

  it('an ended file is not started over while the others play on', () => {
    const { clock, agent, step } = setup();
    clock.seek(20_000);
    clock.play();
    agent.ended = true;
    agent.paused = true;
    const plays = agent.plays;
    step(16);
    step(16);
    expect(agent.plays).toBe(plays);
    expect(clock.playing.value).toBe(true);
  });
});

describe('the clock text', () => {
  it('reads minutes and seconds, and hours when there are any', () => {
    expect(clockText(0)).toBe('0:00');
    expect(clockText(83_400)).toBe('1:23');
    expect(clockText(3_725_000)).toBe('1:02:05');
    expect(clockText(-2_000)).toBe('-0:02');
  });
});
