// The agent's shift as the console sees it: presence (with the wrap-up's end), the queue at a
// glance, the ringing offer and the call to open. One signal, changed by the queue socket's
// messages through the pure `reduceShift`, and by the actions below.
import { signal } from '@preact/signals';
import { consoleApi } from '../api/console';
import type { PresenceState } from '../api/generated/PresenceState';
import type { PresenceTarget } from '../api/generated/PresenceTarget';
import type { QueueServerMsg } from '../api/generated/QueueServerMsg';
import type { QueueStats } from '../api/generated/QueueStats';
import type { SessionId } from '../api/generated/SessionId';
import { isApiError } from '../api/problem';
import { QueueSocket, type LinkState, type SocketFactory } from './queue-socket';

export interface Offer {
  offerId: string;
  sessionId: SessionId;
  needs: string[];
  /** Unix ms when it moves on to another agent. */
  expiresAt: number;
  /** Unix ms when it arrived here (the countdown's full length). */
  receivedAt: number;
}

/** Something to tell the agent once: an offer that went away, a refused action. */
export type ShiftNotice = { kind: 'offer_gone'; reason: string } | { kind: 'error'; code: string };

export interface ShiftState {
  link: LinkState;
  presence: PresenceState | null;
  wrapUpUntil: number | null;
  stats: QueueStats | null;
  offer: Offer | null;
  /** The session of an accepted offer: the console opens its call. */
  accepted: SessionId | null;
  notice: ShiftNotice | null;
}

export const INITIAL_SHIFT: ShiftState = { link: 'connecting', presence: null, wrapUpUntil: null, stats: null, offer: null, accepted: null, notice: null };

/** The state after one queue-socket message, received at `now`. */
export function reduceShift(s: ShiftState, msg: QueueServerMsg, now: number): ShiftState {
  switch (msg.type) {
    case 'agent_ready':
      return { ...s, presence: msg.presence, wrapUpUntil: msg.presence === 'wrap_up' ? s.wrapUpUntil : null };
    case 'presence':
      return { ...s, presence: msg.state, wrapUpUntil: msg.wrap_up_until, offer: msg.state === 'offered' ? s.offer : null };
    case 'queue_stats':
      return { ...s, stats: msg.stats };
    case 'offer':
      return {
        ...s,
        offer: { offerId: msg.offer_id, sessionId: msg.session_id, needs: msg.needs, expiresAt: msg.expires_at, receivedAt: Math.min(now, msg.expires_at) },
        notice: null,
      };
    case 'offer_expired':
      if (s.offer?.offerId !== msg.offer_id) return s;
      return { ...s, offer: null, notice: { kind: 'offer_gone', reason: msg.reason } };
    case 'accepted':
      return { ...s, offer: null, accepted: msg.session_id, notice: null };
    case 'error':
      return { ...s, notice: { kind: 'error', code: msg.code } };
    default:
      return s;
  }
}

/** Seconds left on an offer at `now` (never negative) and the share of its time left (0–1). */
export function offerCountdown(o: Offer, now: number): { seconds: number; share: number } {
  const left = Math.max(0, o.expiresAt - now);
  const total = Math.max(1, o.expiresAt - o.receivedAt);
  return { seconds: Math.ceil(left / 1000), share: Math.min(1, left / total) };
}

/** What the agent may switch to from `presence` (the server refuses changes during an offer or call). */
export function presenceChoices(presence: PresenceState | null): { target: PresenceTarget; enabled: boolean }[] {
  const free = presence === null || presence === 'available' || presence === 'away' || presence === 'offline' || presence === 'wrap_up';
  return (['available', 'away', 'offline'] as const).map((target) => ({ target, enabled: free && presence !== target }));
}

export const shift = signal<ShiftState>(INITIAL_SHIFT);

let socket: QueueSocket | null = null;

function apply(msg: QueueServerMsg): void {
  shift.value = reduceShift(shift.value, msg, Date.now());
}

/** Opens the console's queue socket (once; later calls keep the open one). */
export function startShift(factory?: SocketFactory): void {
  if (socket) return;
  shift.value = INITIAL_SHIFT;
  socket = new QueueSocket({ message: apply, link: (link) => (shift.value = { ...shift.value, link }) }, factory);
  socket.start();
}

/** Closes the socket: the agent goes offline and a pending offer moves on (server side). */
export function stopShift(): void {
  socket?.stop();
  socket = null;
}

function refused(e: unknown): void {
  shift.value = { ...shift.value, notice: { kind: 'error', code: isApiError(e) ? e.code : 'generic' } };
}

export async function setPresence(target: PresenceTarget): Promise<void> {
  if (socket?.send({ type: 'presence', state: target })) return;
  try {
    const p = await consoleApi.setPresence(target);
    shift.value = { ...shift.value, presence: p.state, wrapUpUntil: p.wrap_up_until ?? null };
  } catch (e) {
    refused(e);
  }
}

/** Ends the wrap-up early: available for the next customer. */
export async function finishWrapUp(): Promise<void> {
  try {
    const p = await consoleApi.wrapUpDone();
    shift.value = { ...shift.value, presence: p.state, wrapUpUntil: p.wrap_up_until ?? null };
  } catch (e) {
    refused(e);
  }
}

/** Takes the ringing customer; the call opens when the server confirms (`accepted`). */
export async function accept(): Promise<void> {
  const o = shift.value.offer;
  if (!o || socket?.send({ type: 'accept', offer_id: o.offerId })) return;
  try {
    const a = await consoleApi.acceptOffer(o.offerId);
    shift.value = { ...shift.value, offer: null, accepted: a.session_id };
  } catch (e) {
    refused(e);
  }
}

/** Passes: the customer is offered to the next agent. */
export async function decline(): Promise<void> {
  const o = shift.value.offer;
  if (!o) return;
  shift.value = { ...shift.value, offer: null };
  if (socket?.send({ type: 'decline', offer_id: o.offerId })) return;
  await consoleApi.declineOffer(o.offerId).catch(refused);
}

/**
 * The agent leaves a decided call for the queue: a wrap-up still running ends, as the agent says
 * they are ready. (The server ends it with the decision too, but when the call's end reaches the
 * queue after the decision, the wrap-up starts afterwards.)
 */
export async function readyAfterDecision(): Promise<void> {
  if (shift.value.presence === 'wrap_up') await finishWrapUp();
}

/** The call of the accepted offer is open: nothing more to open. */
export function callOpened(): void {
  shift.value = { ...shift.value, accepted: null };
}

export function dismissNotice(): void {
  shift.value = { ...shift.value, notice: null };
}
