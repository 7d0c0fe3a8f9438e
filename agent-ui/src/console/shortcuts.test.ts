import { describe, expect, it } from 'vitest';
import { shortcutFor, SHORTCUTS } from './shortcuts';

const key = (k: string, target: EventTarget | null = document.body, mods: Partial<{ ctrlKey: boolean; altKey: boolean; metaKey: boolean }> = {}) => ({
  key: k,
  ctrlKey: false,
  altKey: false,
  metaKey: false,
  target,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('accept and decline only while an offer rings', () => {
    expect(shortcutFor(key('a'), 'offer')).toBe('accept');
    expect(shortcutFor(key('D'), 'offer')).toBe('decline');
    expect(shortcutFor(key('a'), 'shift')).toBeNull();
    expect(shortcutFor(key('a'), 'call')).toBeNull();
  });

  it('capture, challenge and decision keys work in a call', () => {
    expect(['f', 'i', 'b', 'h', 'r', 'g'].map((k) => shortcutFor(key(k), 'call'))).toEqual(['capture_face', 'capture_id_front', 'capture_id_back', 'challenge', 'read_aloud', 'go_decision']);
  });

  it('never fire while typing or with a modifier', () => {
    const input = document.createElement('textarea');
    document.body.appendChild(input);
    expect(shortcutFor(key('f', input), 'call')).toBeNull();
    expect(shortcutFor(key('f', document.body, { ctrlKey: true }), 'call')).toBeNull();
    input.remove();
  });

  it('have no key that records a decision', () => {
    expect(SHORTCUTS.map((s) => s.action)).not.toContain('approve');
    expect(new Set(SHORTCUTS.map((s) => s.key)).size).toBe(SHORTCUTS.length);
  });
});
