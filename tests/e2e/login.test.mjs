// Staff sign-in in a real browser against the real server: password + TOTP, the shell after,
// and each failure the person can meet (wrong code, replayed code, locked account, expired
// session) shown as its translated message. Screenshots of each state go to screenshots/.
//
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, startServer, totp } from './harness.mjs';

const SHOTS = join(import.meta.dirname, 'screenshots');
/** Lock-out must come within this many wrong passwords (the server's threshold is lower). */
const MAX_ATTEMPTS_BEFORE_LOCK = 10;
/** These tests sign in a dozen times from one address: above the per-address limit's burst. */
const ENV = { VKYC_AUTH__LOGIN_PER_MINUTE_PER_IP: '600' };
/** The idle timeout of the server that lets a session expire during the test. */
const IDLE_S = 4;

let server;
let browser;

const STEP_MS = 30_000;
const stepOf = (ms) => Math.floor(ms / STEP_MS);

/** A current code with at least `marginS` seconds of its step left, so it is still current when it arrives. */
async function freshTotp(secret, marginS = 4) {
  const left = STEP_MS - (Date.now() % STEP_MS);
  if (left < marginS * 1000) await new Promise((r) => setTimeout(r, left + 200));
  return totp(secret);
}

/** A code of a later step than the one used at `usedAtMs` (a used code stays used for its step), waiting for it. */
async function nextTotp(secret, usedAtMs) {
  const nextStepAt = (stepOf(usedAtMs) + 1) * STEP_MS;
  if (Date.now() < nextStepAt) await new Promise((r) => setTimeout(r, nextStepAt - Date.now() + 200));
  return freshTotp(secret);
}

/** Six digits that are not the code of the previous, current or next step (whatever skew the server allows). */
function wrongTotp(secret, ms = Date.now()) {
  const near = new Set([-1, 0, 1].map((d) => totp(secret, ms + d * STEP_MS)));
  for (let n = 1; ; n++) {
    const candidate = String((Number(totp(secret, ms)) + 111_111 * n) % 1e6).padStart(6, '0');
    if (!near.has(candidate)) return candidate;
  }
}

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ env: ENV });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh browser profile at /staff/, collecting CSP violations and page errors. */
async function openStaff(locale = 'en-GB', base = server.base) {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  await page.goto(`${base}/staff/`);
  await page.getByRole('heading', { level: 1 }).waitFor();
  return { context, page, problems };
}

/** Fills the form and submits; resolves with the HTTP status of the login request once the form settled. */
async function signIn(page, username, password, code) {
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-code').fill(code);
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/login'),
    page.locator('form.login-form button[type=submit]').click(),
  ]);
  // Gone after a success; not busy once the answer is on screen.
  await page.waitForFunction(() => document.querySelector('form.login-form')?.getAttribute('aria-busy') !== 'true');
  return response.status();
}

const alertText = (page) => page.locator('#login-alert').innerText();

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** 401s the test provokes on purpose show up as console errors; anything else is a problem. */
function unexpected(problems) {
  return problems.filter((p) => !/status of 40[13]|status of 423/.test(p));
}

test('a staff member signs in with password and TOTP and lands in the shell of their role', async () => {
  const { password, totpSecret } = await server.createStaff({ id: 'ana.agent', roles: ['agent'] });
  const { context, page, problems } = await openStaff();
  try {
    assert.equal(new URL(page.url()).pathname, '/staff/login');
    await shot(page, 'login');
    const code = page.getByLabel('Authenticator code');
    assert.equal(await code.getAttribute('autocomplete'), 'one-time-code');
    assert.equal(await code.getAttribute('inputmode'), 'numeric');

    assert.equal(await signIn(page, 'ana.agent', password, await freshTotp(totpSecret)), 200);
    await page.getByRole('heading', { level: 1, name: 'Agent console' }).waitFor({ timeout: 10_000 });
    assert.equal(new URL(page.url()).pathname, '/staff/console');
    const nav = page.getByRole('navigation', { name: 'Main' });
    assert.deepEqual(await nav.getByRole('link').allInnerTexts(), ['Console']);
    await shot(page, 'shell-agent');

    // A reload of a deep link keeps the person where they were: the server answers /staff/… with
    // the app, and the session cookie is still good.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Agent console' }).waitFor({ timeout: 10_000 });

    // The session lives in an HttpOnly, SameSite=Strict cookie that page scripts cannot read.
    const cookies = await context.cookies(server.base);
    assert.ok(cookies.length > 0, 'the sign-in set a cookie');
    for (const c of cookies) {
      assert.equal(c.httpOnly, true, `${c.name} is HttpOnly`);
      assert.equal(c.sameSite, 'Strict', `${c.name} is SameSite=Strict`);
    }
    assert.equal(await page.evaluate(() => document.cookie), '');
    assert.deepEqual(unexpected(problems), [], 'no CSP violations or script errors');
  } finally {
    await context.close();
  }
});

test('a wrong authenticator code is refused with its own message, in the browser’s language', async () => {
  const { password, totpSecret } = await server.createStaff({ id: 'wes.wrongcode', roles: ['supervisor'] });
  const { context, page } = await openStaff();
  try {
    assert.equal(await signIn(page, 'wes.wrongcode', password, wrongTotp(totpSecret)), 401);
    assert.equal(await alertText(page), 'This code is not correct. Check that the time on your phone is right and enter the current code.');
    assert.equal(await page.getByLabel('Authenticator code').getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByLabel('Authenticator code').inputValue(), '');
    await shot(page, 'login-wrong-code');
  } finally {
    await context.close();
  }
  for (const [locale, pattern, name] of [
    ['fr-FR', /^Ce code est incorrect\./, 'login-wrong-code-fr'],
    ['vi-VN', /^Mã không đúng\./, 'login-wrong-code-vi'],
  ]) {
    const { context: ctx, page: p } = await openStaff(locale);
    try {
      assert.equal(await signIn(p, 'wes.wrongcode', password, wrongTotp(totpSecret)), 401);
      assert.match(await alertText(p), pattern);
      await shot(p, name);
    } finally {
      await ctx.close();
    }
  }
});

test('a code that was already used cannot sign in again', async () => {
  const { password, totpSecret } = await server.createStaff({ id: 'rita.replay', roles: ['auditor'] });
  const { context, page } = await openStaff();
  try {
    const code = await freshTotp(totpSecret, 10);
    assert.equal(await signIn(page, 'rita.replay', password, code), 200);
    await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor({ timeout: 10_000 });
    await page.locator('.user-menu-button').click();
    await page.getByRole('button', { name: 'Sign out', exact: true }).click();
    await page.getByText('You are signed out.').waitFor();

    assert.equal(await signIn(page, 'rita.replay', password, code), 401);
    assert.equal(await alertText(page), 'This code has already been used. Wait for the next code in your authenticator app, or use a recovery code you have not used before.');
    assert.equal(new URL(page.url()).pathname, '/staff/login');
    await shot(page, 'login-code-replayed');
  } finally {
    await context.close();
  }
});

test('repeated wrong passwords lock the account, and the page says for how long', async () => {
  const { password, totpSecret } = await server.createStaff({ id: 'lou.locked', roles: ['admin'] });
  const { context, page } = await openStaff();
  try {
    let attempts = 0;
    let status = 0;
    while (attempts < MAX_ATTEMPTS_BEFORE_LOCK) {
      attempts++;
      status = await signIn(page, 'lou.locked', `${password}-wrong`, await freshTotp(totpSecret));
      if (status === 423) break;
      assert.equal(status, 401);
      assert.equal(await alertText(page), 'The username or password is not correct.');
    }
    assert.equal(status, 423, `locked within ${MAX_ATTEMPTS_BEFORE_LOCK} attempts`);
    assert.match(await alertText(page), /^Your account is locked after too many failed attempts\. Try again in \d+ minutes?, at \d{1,2}:\d{2}/);
    await shot(page, 'login-locked');

    // Locked means locked: the right password and a valid code do not get in either.
    assert.equal(await signIn(page, 'lou.locked', password, await freshTotp(totpSecret)), 423);
    assert.match(await alertText(page), /locked/);
    assert.equal(new URL(page.url()).pathname, '/staff/login');
  } finally {
    await context.close();
  }
});

test('a session that expires while the app is open lands on sign-in, says why, and comes back after', async () => {
  const shortServer = await startServer({ env: { ...ENV, VKYC_AUTH__IDLE_TIMEOUT_SECS: String(IDLE_S) } });
  try {
    const { password, totpSecret } = await shortServer.createStaff({ id: 'eve.expired', roles: ['agent', 'supervisor'] });
    const { context, page } = await openStaff('en-GB', shortServer.base);
    try {
      const firstCode = await freshTotp(totpSecret);
      const signedInAt = Date.now();
      assert.equal(await signIn(page, 'eve.expired', password, firstCode), 200);
      await page.getByRole('heading', { level: 1, name: 'Agent console' }).waitFor({ timeout: 10_000 });
      await page.getByRole('link', { name: 'Review' }).click();
      await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor();

      // Nobody touches the page: at the idle deadline it checks the session by itself.
      await page.getByText('Your session expired. Please sign in again.').waitFor({ timeout: (IDLE_S + 10) * 1000 });
      const url = new URL(page.url());
      assert.equal(url.pathname, '/staff/login');
      assert.equal(url.searchParams.get('next'), '/staff/review');
      await shot(page, 'login-session-expired');

      // Signing in again (with the next code: the first stays used) goes back to where the person was.
      assert.equal(await signIn(page, 'eve.expired', password, await nextTotp(totpSecret, signedInAt)), 200);
      await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor({ timeout: 10_000 });
      assert.equal(new URL(page.url()).pathname, '/staff/review');
    } finally {
      await context.close();
    }
  } finally {
    await shortServer.stop();
  }
});
