// The customer's phone in the browser tests: a 390×844 touch viewport, screenshots of a step in
// English, French and Vietnamese (switched live with the page's own language picker), axe-core's
// accessibility check, the 200 % zoom check, and keyboard-only actions.
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 1, isMobile: true, hasTouch: true };
export const LANGS = ['en', 'fr', 'vi'];
const AXE = readFileSync(join(import.meta.dirname, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');

/** A fresh phone (browser profile) in `locale`, collecting script errors and CSP violations. */
export async function openPhone(browser, { locale = 'en-GB', timezoneId = 'Europe/Paris' } = {}) {
  const context = await browser.newContext({ ...PHONE, locale, timezoneId });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => {
    // Refused requests the test provokes on purpose log as console errors; anything else counts.
    if (m.type() === 'error' && !/Failed to load resource: the server responded with a status of (4\d\d)/.test(m.text())) problems.push(m.text());
  });
  return { context, page, problems };
}

/**
 * axe-core on the page as it is: no serious or critical violation. Evaluated through the
 * debugging protocol, so the page's CSP (no inline scripts) stays on.
 */
export async function axeCheck(page, label) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const r = await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => n.target.join(' ')).slice(0, 5) }));
  });
  const bad = result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(bad, [], `axe on ${label}: ${JSON.stringify(bad)}`);
  return result;
}

/** Switches the language with the header's picker (as a person would) and waits for the page to follow. */
export async function switchLanguage(page, lang) {
  await page.locator('.journey-top select').selectOption(lang);
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

/**
 * Screenshots of the step in the three languages, each checked by axe, the language restored
 * after. `ready` waits until the step shows what it should in that language (text changes).
 */
export async function shootStep(page, dir, name, { ready } = {}) {
  mkdirSync(dir, { recursive: true });
  const start = await page.evaluate(() => document.documentElement.lang);
  for (const lang of LANGS) {
    await switchLanguage(page, lang);
    if (ready) await ready(page, lang);
    // Fonts and images settled: the screenshot shows the step, not a half-drawn one.
    await page.evaluate(() => document.fonts.ready);
    await axeCheck(page, `${name} (${lang})`);
    await page.screenshot({ path: join(dir, `${name}-${lang}.png`), fullPage: true });
  }
  await switchLanguage(page, start);
}

/**
 * At 200 % zoom (a 390 px phone lays out 195 CSS px) nothing needs sideways scrolling and every
 * button and field stays inside the screen's width.
 */
export async function zoomCheck(page, label) {
  const size = page.viewportSize();
  await page.setViewportSize({ width: Math.round(size.width / 2), height: Math.round(size.height / 2) });
  try {
    const overflow = await page.evaluate(() => {
      const w = document.documentElement.clientWidth;
      const wide = document.documentElement.scrollWidth > w + 1
        ? [...document.querySelectorAll('body *')]
            .filter((el) => el.getBoundingClientRect().right > w + 1 || (el.clientWidth > 1 && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX === 'visible'))
            .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').trim().slice(0, 30)}`)
            .slice(0, 5)
        : false;
      const cut = [...document.querySelectorAll('button, a[href], input, select, label, h1, h2, p')]
        .filter((el) => el.getClientRects().length && !el.closest('.visually-hidden') && getComputedStyle(el).position !== 'absolute')
        .filter((el) => { const r = el.getBoundingClientRect(); return r.right > w + 1 || r.left < -1; })
        .map((el) => `${el.tagName.toLowerCase()}.${el.className}: ${(el.textContent ?? '').trim().slice(0, 40)}`);
      return { wide, cut };
    });
    assert.deepEqual(overflow, { wide: false, cut: [] }, `200 % zoom on ${label}`);
  } finally {
    await page.setViewportSize(size);
  }
}

/**
 * Presses the control named `name` with the keyboard: Tab until it has the focus, then Enter
 * (Space for a check box). Fails when Tab never reaches it — it would be unusable by keyboard.
 */
export async function pressByKeyboard(page, name, { key } = {}) {
  const target = typeof name === 'string' ? page.getByRole('button', { name, exact: true }) : name;
  await target.first().waitFor({ state: 'visible' });
  const handle = await target.first().elementHandle();
  for (let i = 0; i < 80; i++) {
    // A radio group is one Tab stop: once in the group, the arrow keys move to the choice.
    if (await handle.evaluate((el) => el.type === 'radio' && document.activeElement?.type === 'radio' && document.activeElement.name === el.name && el !== document.activeElement)) {
      await page.keyboard.press('ArrowDown');
      continue;
    }
    if (await handle.evaluate((el) => el === document.activeElement)) {
      const k = key ?? ((await handle.evaluate((el) => el.type)) === 'checkbox' || (await handle.evaluate((el) => el.type)) === 'radio' ? 'Space' : 'Enter');
      await page.keyboard.press(k);
      return;
    }
    await page.keyboard.press('Tab');
  }
  assert.fail(`Tab never reached ${typeof name === 'string' ? name : 'the control'}`);
}

/** Types into the field labelled `label` (or the locator) after reaching it with Tab. */
export async function typeByKeyboard(page, label, text) {
  const field = typeof label === 'string' ? byLabel(page, label) : label;
  await pressByKeyboardFocus(page, field);
  await page.keyboard.type(text);
}

async function pressByKeyboardFocus(page, locator) {
  const handle = await locator.first().elementHandle();
  for (let i = 0; i < 80; i++) {
    if (await handle.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  assert.fail('Tab never reached the field');
}

/**
 * The customer pages' texts in `lang`, from the catalogues the pages ship (agent-ui's
 * src/customer/i18n and src/i18n): `msg('welcome-start')`, `msg('result-return', { host })`.
 * Simple messages only (no selectors): what a person reads on a button, a label, a heading.
 */
export function catalogue(lang) {
  const map = new Map();
  const ui = join(import.meta.dirname, '..', '..', 'agent-ui', 'src');
  for (const file of [join(ui, 'i18n', `${lang}.ftl`), join(ui, 'customer', 'i18n', `${lang}.ftl`)]) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const m = /^([a-z][a-z0-9_-]*) = (.+)$/.exec(line);
      if (m) map.set(m[1], m[2].trim());
    }
  }
  return (id, args = {}) => {
    const v = map.get(id);
    assert.ok(v !== undefined, `no message ${id} in ${lang}`);
    return v.replace(/\{ *\$([a-z_]+) *\}/g, (_, k) => String(args[k]));
  };
}

/** The field labelled `text`, with or without the " (optional)" the label adds after it. */
export function byLabel(page, text) {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return page.getByLabel(new RegExp(`^${escaped}( \\(.+\\))?$`));
}
