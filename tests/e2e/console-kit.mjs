// Helpers of the console walk: screenshots, axe-core on every state, a check that a page
// switched to French or Vietnamese shows no English string of the catalogues, signing in
// through the form, and a small disk that can be filled to fail the recording.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, openSync, writeSync, closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { ROOT, totp } from './harness.mjs';

export const SHOTS = join(import.meta.dirname, 'screenshots', 'console');
const AXE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Saves a screenshot of the page's viewport under screenshots/console/. */
export async function shot(page, name) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `${name}.png`) });
}

/**
 * Runs axe-core in the page (injected through the debugger, which the page's CSP does not
 * govern) and returns its serious and critical violations, each as "rule: target".
 */
export async function axeProblems(page) {
  if (!(await page.evaluate(() => Boolean(window.axe)))) await page.evaluate(AXE);
  const found = await page.evaluate(async () => {
    const r = await window.axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(' ')).slice(0, 3) }));
  });
  return found.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.targets.join(', ')}`);
}

/** Simple one-line messages of a catalogue: id → text (messages with placeables or variants left out). */
function plainMessages(lang) {
  const out = new Map();
  for (const line of readFileSync(join(ROOT, 'agent-ui', 'src', 'i18n', `${lang}.ftl`), 'utf8').split('\n')) {
    const m = /^([a-z][a-z0-9_-]*) = (.+)$/.exec(line);
    if (m && !m[2].includes('{')) out.set(m[1], m[2].trim());
  }
  return out;
}

/** English texts that differ from their translation in `lang`: none of them may show. */
export function englishOnly(lang) {
  const en = plainMessages('en');
  const other = plainMessages(lang);
  return new Set([...en].filter(([id, text]) => other.has(id) && other.get(id) !== text && text.length > 2).map(([, text]) => text));
}

/** The visible texts of the page (text nodes and accessible labels) that are English-only strings. */
export async function englishOnScreen(page, lang) {
  const english = [...englishOnly(lang)];
  return page.evaluate((english) => {
    const set = new Set(english);
    const seen = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || el.closest('script, style, code, [hidden]') || !el.getClientRects().length) continue;
      const text = n.textContent.trim();
      if (set.has(text)) seen.push(text);
    }
    for (const el of document.querySelectorAll('[aria-label], [title], [placeholder]')) {
      for (const a of ['aria-label', 'title', 'placeholder']) {
        const v = el.getAttribute(a)?.trim();
        if (v && set.has(v)) seen.push(v);
      }
    }
    return [...new Set(seen)];
  }, english);
}

/** A TOTP code whose 30-s step has at least `marginS` left and was not used at `usedStep`. */
export async function freshCode(secret, usedSteps = new Set(), marginS = 4) {
  for (;;) {
    const now = Date.now();
    const step = Math.floor(now / 30000);
    const left = 30000 - (now % 30000);
    if (!usedSteps.has(step) && left >= marginS * 1000) {
      usedSteps.add(step);
      return totp(secret, now);
    }
    await new Promise((r) => setTimeout(r, left + 200));
  }
}

/** Signs in through the staff sign-in form; resolves when the console heading shows. */
export async function signInWithForm(page, base, staff, usedSteps) {
  await page.goto(`${base}/staff/`);
  await page.getByLabel('Username').fill(staff.id);
  await page.getByLabel('Password').fill(staff.password);
  await page.getByLabel('Authenticator code').fill(await freshCode(staff.totpSecret, usedSteps));
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Agent console' }).waitFor();
}

/** A tmpfs of `mb` MiB (the walk runs as root, as CI does); `fill()` fills it to the last byte. */
export function smallDisk(mb) {
  const dir = mkdtempSync('/tmp/vkyc-console-disk-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir]);
  const filler = join(dir, 'filler');
  return {
    dir,
    /** Writes until the disk is full (ENOSPC), as a full disk would be. */
    fill() {
      const fd = openSync(filler, 'a');
      const block = Buffer.alloc(1 << 20);
      try {
        for (;;) writeSync(fd, block);
      } catch (e) {
        if (e.code !== 'ENOSPC') throw e;
      } finally {
        closeSync(fd);
      }
    },
    free() {
      rmSync(filler, { force: true });
    },
    unmount() {
      try {
        execFileSync('umount', ['-l', dir]);
        rmSync(dir, { recursive: true, force: true });
      } catch {
        /* already gone */
      }
    },
  };
}

/** Writes `text` next to the screenshots (a record of what the walk measured). */
export function note(name, text) {
  mkdirSync(SHOTS, { recursive: true });
  writeFileSync(join(SHOTS, name), text);
}
