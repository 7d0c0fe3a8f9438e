// The console's end of the queue socket (GET /api/v1/queue/ws): authenticates as the signed-in
// agent, hands every server message on, and reconnects after a drop (backing off, so a dead
// server is not hammered). While it is closed the server treats the agent as gone: offline,
// pending offers moved on. That is the intended behaviour for a closed console.
import type { QueueClientMsg } from '../api/generated/QueueClientMsg';
import type { QueueServerMsg } from '../api/generated/QueueServerMsg';

export type LinkState = 'connecting' | 'open' | 'lost' | 'closed';

export interface QueueSocketEvents {
  message(msg: QueueServerMsg): void;
  link(state: LinkState): void;
}

/** What opens sockets: the browser's WebSocket, or a fake in tests. */
export type SocketFactory = (url: string) => WebSocket;

/** Errors after which reconnecting cannot help: the person is not (or no longer) an agent. */
const FINAL = ['unauthenticated', 'forbidden', 'agent_not_found'];

export function queueSocketUrl(loc: Pick<Location, 'protocol' | 'host'> = location): string {
  return `${loc.protocol === 'https:' ? 'wss:' : 'ws:'}//${loc.host}/api/v1/queue/ws`;
}

/** The wait before reconnect attempt `n` (0-based): quick first, then doubling up to 10 s. */
export function reconnectDelay(n: number): number {
  return Math.min(500 * 2 ** n, 10_000);
}

export class QueueSocket {
  private ws: WebSocket | null = null;
  private attempts = 0;
  private stopped = false;
  private timer: number | undefined;
  private pinger: number | undefined;

  constructor(
    private readonly events: QueueSocketEvents,
    private readonly open: SocketFactory = (url) => new WebSocket(url),
    private readonly url: string = queueSocketUrl(),
  ) {}

  start(): void {
    this.stopped = false;
    this.connect();
  }

  /** Closes for good (the console is left): the server makes the agent offline. */
  stop(): void {
    this.stopped = true;
    window.clearTimeout(this.timer);
    window.clearInterval(this.pinger);
    this.ws?.close();
    this.ws = null;
    this.events.link('closed');
  }

  send(msg: QueueClientMsg): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  private connect(): void {
    this.events.link(this.attempts === 0 ? 'connecting' : 'lost');
    const ws = this.open(this.url);
    this.ws = ws;
    ws.onopen = () => {
      ws.send(JSON.stringify({ type: 'agent' } satisfies QueueClientMsg));
    };
    ws.onmessage = (e) => {
      let msg: QueueServerMsg;
      try {
        msg = JSON.parse(String(e.data)) as QueueServerMsg;
      } catch {
        return;
      }
      if (msg.type === 'agent_ready') {
        this.attempts = 0;
        this.events.link('open');
        window.clearInterval(this.pinger);
        this.pinger = window.setInterval(() => this.send({ type: 'ping', id: Date.now() }), 20_000);
      }
      if (msg.type === 'error' && FINAL.includes(msg.code) && this.ws === ws) {
        this.events.message(msg);
        this.stop();
        return;
      }
      this.events.message(msg);
    };
    ws.onclose = () => {
      if (this.ws !== ws || this.stopped) return;
      window.clearInterval(this.pinger);
      this.events.link('lost');
      this.timer = window.setTimeout(() => this.connect(), reconnectDelay(this.attempts++));
    };
  }
}
