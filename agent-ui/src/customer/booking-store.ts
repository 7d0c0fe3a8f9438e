// The appointment a customer booked from this device: its manage link's token, kept in
// localStorage so the journey shows the appointment when the link is opened again here.
import type { BookedView } from '../api/journey';

export interface KeptBooking {
  token: string;
  manage_url: string;
  start: string;
  tz: string;
}

const key = (session: string) => `vkyc.booking.${session}`;

function local(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export function keepBooking(session: string, b: BookedView, storage = local()): KeptBooking {
  const kept = { token: b.token, manage_url: b.manage_url, start: b.booking.start, tz: b.booking.customer_tz };
  try {
    storage?.setItem(key(session), JSON.stringify(kept));
  } catch {
    /* the e-mail has the manage link too */
  }
  return kept;
}

export function keptBooking(session: string, storage = local()): KeptBooking | null {
  try {
    const raw = storage?.getItem(key(session));
    return raw ? (JSON.parse(raw) as KeptBooking) : null;
  } catch {
    return null;
  }
}

export function forgetBooking(session: string, storage = local()): void {
  try {
    storage?.removeItem(key(session));
  } catch {
    /* nothing kept */
  }
}
