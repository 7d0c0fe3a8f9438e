// Keyboard shortcuts of the console: single keys, ignored while typing in a field or with a
// modifier held. There is deliberately no one-key approval: `g` moves to the decision, which
// is then made with Tab and Enter, so a stray key can never record a decision.

export type ShortcutAction =
  | 'accept'
  | 'decline'
  | 'capture_face'
  | 'capture_id_front'
  | 'capture_id_back'
  | 'challenge'
  | 'read_aloud'
  | 'go_decision'
  | 'mute'
  | 'help';

/** Where the console is: the shift view (with or without a ringing offer) or a call. */
export type ShortcutContext = 'shift' | 'offer' | 'call';

export const SHORTCUTS: readonly { key: string; action: ShortcutAction; in: readonly ShortcutContext[] }[] = [
  { key: 'a', action: 'accept', in: ['offer'] },
  { key: 'd', action: 'decline', in: ['offer'] },
  { key: 'f', action: 'capture_face', in: ['call'] },
  { key: 'i', action: 'capture_id_front', in: ['call'] },
  { key: 'b', action: 'capture_id_back', in: ['call'] },
  { key: 'h', action: 'challenge', in: ['call'] },
  { key: 'r', action: 'read_aloud', in: ['call'] },
  { key: 'g', action: 'go_decision', in: ['call'] },
  { key: 'm', action: 'mute', in: ['call'] },
  { key: '?', action: 'help', in: ['shift', 'offer', 'call'] },
];

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: EventTarget | null;
}

/** Whether keys typed now belong to a field (or an open dialog's controls) rather than the console. */
function typing(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || typeof el.closest !== 'function') return false;
  return el.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]') !== null;
}

export function shortcutFor(e: KeyLike, context: ShortcutContext): ShortcutAction | null {
  if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target)) return null;
  const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  return SHORTCUTS.find((s) => s.key === key && s.in.includes(context))?.action ?? null;
}
