// What the console connects to, replaceable in component tests: the queue socket's factory and
// the call's media and client. The browser's own are used when these are left undefined.
import type { CallDeps } from './call-session';
import type { SocketFactory } from './queue-socket';

export const consoleDeps: { socket?: SocketFactory; call?: CallDeps } = {};
