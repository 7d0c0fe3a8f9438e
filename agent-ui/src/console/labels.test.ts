/// <reference types="node" />
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasMessage, locale } from '../i18n/i18n';
import { blockerText, checkLabel, recordingProblem, profileLabel } from './labels';

/** Every check id, reason code and document kind of the repository's profiles. */
function profileCodes() {
  const dir = join(import.meta.dirname, '..', '..', '..', 'profiles');
  const out = { ids: [] as string[], checks: new Set<string>(), reasons: new Set<string>(), documents: new Set<string>() };
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.toml'))) {
    const text = readFileSync(join(dir, f), 'utf8');
    out.ids.push(/^id = "([^"]+)"/m.exec(text)![1]);
    for (const m of text.matchAll(/\[\[checks\]\]\s*\nid = "([^"]+)"/g)) out.checks.add(m[1]);
    for (const m of text.matchAll(/^(?:reject|inconclusive) = \[([^\]]*)\]/gm)) for (const r of m[1].matchAll(/"([^"]+)"/g)) out.reasons.add(r[1]);
    for (const r of /^documents = \[([^\]]*)\]/m.exec(text)![1].matchAll(/"([^"]+)"/g)) out.documents.add(r[1]);
  }
  return out;
}

describe('the codes the server sends, in words', () => {
  const codes = profileCodes();

  it("has a message for every check, reason code, document and profile of the repository's profiles", () => {
    expect(codes.checks.size).toBeGreaterThan(10);
    const missing = [
      ...[...codes.checks].map((c) => `check-${c}`),
      ...[...codes.reasons].map((r) => `reason-${r}`),
      ...[...codes.documents].map((d) => `document-${d}`),
      ...codes.ids.map((p) => `profile-${p}`),
    ].filter((id) => !hasMessage(id));
    expect(missing).toEqual([]);
  });

  it('names a check in the interface language, or by its own label when the catalogues do not know it', () => {
    locale.value = 'fr';
    expect(checkLabel({ id: 'still_id_back', label: 'Snapshot of the ID back' })).toBe('Photo du verso de la pièce');
    expect(checkLabel({ id: 'brand_new_check', label: 'A new check' })).toBe('A new check');
    expect(profileLabel({ id: 'bafin-rs-3-2017', name: 'BaFin RS 3/2017 (Germany)' })).toBe('Circulaire BaFin 3/2017 (Allemagne)');
  });

  it('says each approval blocker as a sentence', () => {
    expect(blockerText({ code: 'check_open', item: 'read_aloud' })).toBe('Not done yet: Random digits read aloud.');
    expect(blockerText({ code: 'check_failed', item: 'face_match', why: 'no_match' })).toBe('Failed: Face compared with the ID photo (the face does not match).');
    expect(blockerText({ code: 'recording_unhealthy', reason: 'write error: No space left on device (os error 28)' })).toBe('The recording is not healthy: the disk is full.');
    expect(blockerText({ code: 'face_no_match_without_override' })).toMatch(/no match/);
  });

  it("sorts the recorder's failure reasons into what the agent is told", () => {
    expect(recordingProblem('No space left on device')).toBe('disk_full');
    expect(recordingProblem('missing customer_video')).toBe('missing_media');
    expect(recordingProblem('nothing_recorded')).toBe('nothing_recorded');
    expect(recordingProblem('recording_disabled')).toBe('disabled');
    expect(recordingProblem('pipeline error: x')).toBe('failed');
  });
});
