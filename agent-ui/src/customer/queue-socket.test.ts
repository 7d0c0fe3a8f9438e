import { describe, expect, it, vi } from 'vitest';
import { QueueSocket } from './queue-socket';

/** A socket the test drives: what the page sent, and server messages pushed in. */
class FakeSocket {
  static OPEN = 1;
  static last: FakeSocket | null = null;
  static opened = 0;
  readyState = 0;
  sent: unknown[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((e: { data: string }) => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.last = this;
    FakeSocket.opened++;
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  push(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
  send(data: string) {
    this.sent.push(JSON.parse(data));
  }
  close() {
    this.readyState = 3;
    this.onclose?.();
  }
}

const make = () => new QueueSocket('tok', 'ws://x/api/v1/queue/ws', FakeSocket as unknown as typeof WebSocket);

describe('the waiting customer’s queue socket', () => {
  it('says who it is first, then follows the place, the offer and the agent joining', () => {
    const q = make();
    q.open();
    const ws = FakeSocket.last!;
    ws.open();
    expect(ws.sent).toEqual([{ type: 'customer', token: 'tok' }]);
    ws.push({ type: 'customer_ready', session_id: 's', entry_id: 'e' });
    ws.push({ type: 'position', entry_id: 'e', position: 3, estimated_wait_ms: 240_000 });
    expect(q.state.value).toEqual({ kind: 'waiting', position: 3, estimatedWaitMs: 240_000 });
    ws.push({ type: 'offered', entry_id: 'e' });
    expect(q.state.value.kind).toBe('offered');
    ws.push({ type: 'agent_joining', entry_id: 'e', join_url: 'http://x/call/#t=tok' });
    expect(q.state.value.kind).toBe('joining');
  });

  it('before a booked appointment is due there is no place in line yet', () => {
    const q = make();
    q.open();
    FakeSocket.last!.open();
    FakeSocket.last!.push({ type: 'customer_ready', session_id: 's', entry_id: null });
    expect(q.state.value.kind).toBe('appointment');
  });

  it('asks for a callback with the contact given, and shows a refusal without leaving the queue', () => {
    const q = make();
    q.open();
    const ws = FakeSocket.last!;
    ws.open();
    q.callback({ phone: '+33 6 12 34 56 78' });
    expect(ws.sent.at(-1)).toEqual({ type: 'callback', phone: '+33 6 12 34 56 78' });
    ws.push({ type: 'error', code: 'invalid_phone', message: 'x' });
    expect(q.error.value).toBe('invalid_phone');
    ws.push({ type: 'closed', entry_id: 'e', status: 'callback' });
    expect(q.state.value).toEqual({ kind: 'closed', status: 'callback' });
  });

  it('a dropped socket reconnects and authenticates again; a dead link does not', () => {
    vi.useFakeTimers();
    try {
      const q = make();
      q.open();
      const first = FakeSocket.last!;
      first.open();
      const before = FakeSocket.opened;
      first.close();
      vi.advanceTimersByTime(600);
      expect(FakeSocket.opened).toBe(before + 1);
      const second = FakeSocket.last!;
      second.open();
      expect(second.sent).toEqual([{ type: 'customer', token: 'tok' }]);
      second.push({ type: 'error', code: 'token_revoked', message: 'x' });
      expect(q.state.value).toEqual({ kind: 'refused', code: 'token_revoked' });
      vi.advanceTimersByTime(10_000);
      expect(FakeSocket.opened).toBe(before + 1);
    } finally {
      vi.useRealTimers();
    }
  });
});
