// The waiting customer's side of the queue socket (docs/signaling-protocol.md, "Queue and
// console socket"): their place and wait, the agent being asked, the agent joining. A dropped
// socket reconnects; the place in the queue is the server's and survives.
import { signal } from '@preact/signals';
import type { QueueClientMsg } from '../api/generated/QueueClientMsg';
import type { QueueServerMsg } from '../api/generated/QueueServerMsg';

export type Waiting =
  | { kind: 'connecting' }
  /** Before a booked appointment is due: no place in the live queue yet. */
  | { kind: 'appointment' }
  | { kind: 'waiting'; position: number; estimatedWaitMs: number }
  | { kind: 'offered' }
  | { kind: 'joining' }
  | { kind: 'closed'; status: string }
  | { kind: 'refused'; code: string };

/** Codes after which reconnecting cannot help. */
const FINAL_CODES = ['invalid_token', 'token_expired', 'token_revoked', 'session_ended', 'queue_entry_not_found'];

export function queueSocketUrl(loc: Location = location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/v1/queue/ws`;
}

export class QueueSocket {
  readonly state = signal<Waiting>({ kind: 'connecting' });
  /** The latest refusal that leaves the customer waiting (e.g. `invalid_phone` for a callback). */
  readonly error = signal<string | null>(null);
  private ws: WebSocket | null = null;
  private stopped = false;
  private retryMs = 500;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly token: string,
    private readonly url: string = queueSocketUrl(),
    private readonly Socket: typeof WebSocket = WebSocket,
  ) {}

  open(): void {
    const ws = new this.Socket(this.url);
    this.ws = ws;
    ws.onopen = () => this.send({ type: 'customer', token: this.token });
    ws.onmessage = (e) => this.receive(JSON.parse(String(e.data)) as QueueServerMsg);
    ws.onclose = () => {
      if (this.ws !== ws || this.stopped) return;
      this.state.value = this.state.peek().kind === 'waiting' ? this.state.peek() : { kind: 'connecting' };
      this.timer = setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 8000);
    };
  }

  /** Leaves the queue (answered with `closed` / `left`). */
  leave(): void {
    this.send({ type: 'leave' });
  }

  /** Leaves and asks to be called back (answered with `closed` / `callback`). */
  callback(contact: { email?: string; phone?: string }): void {
    this.error.value = null;
    this.send({ type: 'callback', ...contact });
  }

  close(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.ws?.close();
  }

  private send(msg: QueueClientMsg): void {
    if (this.ws?.readyState === this.Socket.OPEN) this.ws.send(JSON.stringify(msg));
  }

  private receive(msg: QueueServerMsg): void {
    switch (msg.type) {
      case 'customer_ready':
        this.retryMs = 500;
        if (msg.entry_id === null) this.state.value = { kind: 'appointment' };
        break;
      case 'position':
        this.state.value = { kind: 'waiting', position: msg.position, estimatedWaitMs: msg.estimated_wait_ms };
        break;
      case 'offered':
        this.state.value = { kind: 'offered' };
        break;
      case 'agent_joining':
        this.state.value = { kind: 'joining' };
        this.close();
        break;
      case 'closed':
        this.state.value = { kind: 'closed', status: msg.status };
        this.close();
        break;
      case 'error':
        if (FINAL_CODES.includes(msg.code)) {
          this.state.value = { kind: 'refused', code: msg.code };
          this.close();
        } else {
          this.error.value = msg.code;
        }
        break;
      default:
        break;
    }
  }
}
