import { afterEach, describe, expect, it, vi } from 'vitest';
import { FakeSocket } from '../test/fake-socket';
import { QueueSocket, queueSocketUrl, reconnectDelay, type LinkState } from './queue-socket';

const factory = (url: string) => new FakeSocket(url) as unknown as WebSocket;

afterEach(() => {
  FakeSocket.all = [];
  vi.useRealTimers();
});

describe('the console queue socket', () => {
  it('authenticates as the signed-in agent and reports the link open once the server is ready', () => {
    const links: LinkState[] = [];
    const messages: unknown[] = [];
    const q = new QueueSocket({ message: (m) => messages.push(m), link: (l) => links.push(l) }, factory, 'ws://x/api/v1/queue/ws');
    q.start();
    const ws = FakeSocket.all[0];
    ws.open();
    expect(ws.sent).toEqual([{ type: 'agent' }]);
    ws.receive({ type: 'agent_ready', presence: 'offline' });
    expect(links).toEqual(['connecting', 'open']);
    expect(messages).toEqual([{ type: 'agent_ready', presence: 'offline' }]);
    expect(q.send({ type: 'presence', state: 'available' })).toBe(true);
    q.stop();
  });

  it('reconnects after a drop, backing off', () => {
    vi.useFakeTimers();
    const links: LinkState[] = [];
    const q = new QueueSocket({ message: () => undefined, link: (l) => links.push(l) }, factory);
    q.start();
    FakeSocket.all[0].open();
    FakeSocket.all[0].close();
    expect(links.at(-1)).toBe('lost');
    vi.advanceTimersByTime(reconnectDelay(0));
    expect(FakeSocket.all).toHaveLength(2);
    FakeSocket.all[1].close();
    vi.advanceTimersByTime(reconnectDelay(1) - 1);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(1);
    expect(FakeSocket.all).toHaveLength(3);
    q.stop();
    expect(links.at(-1)).toBe('closed');
  });

  it('gives up when the person is not an agent', () => {
    vi.useFakeTimers();
    const q = new QueueSocket({ message: () => undefined, link: () => undefined }, factory);
    q.start();
    FakeSocket.all[0].open();
    FakeSocket.all[0].receive({ type: 'error', code: 'agent_not_found', message: 'x' });
    vi.advanceTimersByTime(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('uses wss on https pages', () => {
    expect(queueSocketUrl({ protocol: 'https:', host: 'kyc.example' })).toBe('wss://kyc.example/api/v1/queue/ws');
    expect([0, 1, 2, 10].map(reconnectDelay)).toEqual([500, 1000, 2000, 10_000]);
  });
});
