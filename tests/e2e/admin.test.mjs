// Staff administration in a real browser against the real server: an admin invites an agent,
// who activates the account through the one-time link (own password, own authenticator) and
// signs in; an admin creates an integrator key (its secret shown once) and revokes it; an
// auditor reads the audit log and verifies its chain but meets no staff-admin control.
// Screenshots of each state go to screenshots/admin/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, startServer, totp } from './harness.mjs';

const SHOTS = join(import.meta.dirname, 'screenshots', 'admin');
/** Several sign-ins from one address: above the per-address limit's burst. */
const ENV = { VKYC_AUTH__LOGIN_PER_MINUTE_PER_IP: '600' };
const STEP_MS = 30_000;

let server;
let browser;

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ env: ENV });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A current code with at least `marginS` seconds of its step left, so it is still current when it arrives. */
async function freshTotp(secret, marginS = 4) {
  const left = STEP_MS - (Date.now() % STEP_MS);
  if (left < marginS * 1000) await new Promise((r) => setTimeout(r, left + 200));
  return totp(secret);
}

/** A code of a later step than the one used at `usedAtMs` (a used code stays used for its step). */
async function nextTotp(secret, usedAtMs) {
  const nextStepAt = (Math.floor(usedAtMs / STEP_MS) + 1) * STEP_MS;
  if (Date.now() < nextStepAt) await new Promise((r) => setTimeout(r, nextStepAt - Date.now() + 200));
  return freshTotp(secret);
}

async function shot(page, name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

/** A fresh browser profile collecting CSP violations and script errors. */
async function openBrowser(locale = 'en-GB') {
  const context = await browser.newContext({ locale, viewport: { width: 1280, height: 860 } });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { context, page, problems };
}

/** Signs in through the login page; returns when the shell shows a level-1 heading. */
async function signIn(page, username, password, code) {
  await page.goto(`${server.base}/staff/login`);
  await page.locator('#login-username').fill(username);
  await page.locator('#login-password').fill(password);
  await page.locator('#login-code').fill(code);
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/auth/login'),
    page.locator('form.login-form button[type=submit]').click(),
  ]);
  assert.equal(response.status(), 200, `sign-in of ${username}`);
  await page.locator('.shell-main h1').waitFor({ timeout: 10_000 });
}

/** A staff member made on the command line, signed in in a fresh browser profile. */
async function signedIn(id, roles, locale) {
  const staff = server.createStaff({ id, roles, name: id.replace(/\..*/, '').replace(/^./, (c) => c.toUpperCase()) });
  const b = await openBrowser(locale);
  await signIn(b.page, id, staff.password, await freshTotp(staff.totpSecret));
  return { ...b, staff };
}

const nav = (page) => page.getByRole('navigation', { name: /./ }).first();

test('an admin invites an agent, who sets their own password and authenticator through the link and signs in', async () => {
  const admin = await signedIn('ada.admin', ['admin']);
  const { page } = admin;
  let agent;
  try {
    assert.deepEqual(await nav(page).getByRole('link').allInnerTexts(), ['Staff', 'API keys', 'Audit log']);
    await nav(page).getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    await page.getByRole('link', { name: 'Invite a staff member' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    // Submitting empty shows where each fix is, before anything reaches the server.
    await page.locator('form button[type=submit]').click();
    assert.equal(await page.locator('[aria-invalid=true]').count() >= 2, true, 'the empty fields are marked');
    await shot(page, 'staff-new-errors');
    await page.locator('#new-id').fill('ben.agent');
    await page.locator('#new-name').fill('Ben Agent');
    await page.getByRole('checkbox', { name: 'Agent' }).check();
    await shot(page, 'staff-new');
    await page.locator('form button[type=submit]').click();

    // The account's page with the link, shown once; the admin sees no password, secret or code.
    await page.getByRole('heading', { level: 1, name: 'Ben Agent' }).waitFor();
    const link = await page.locator('#invitation-url').inputValue();
    assert.match(link, new RegExp(`^${server.base}/staff/activate#[A-Za-z0-9_-]{43}$`));
    assert.match(await page.locator('.facts').innerText(), /Invited/);
    await shot(page, 'staff-invited');
    const adminText = await page.locator('body').innerText();
    assert.doesNotMatch(adminText, /otpauth:|recovery code/i);

    // The invitee, in their own browser: the link opens the activation page.
    agent = await openBrowser();
    const a = agent.page;
    await a.goto(link);
    await a.getByRole('heading', { level: 1, name: /Ben Agent/ }).waitFor();
    assert.equal(new URL(a.url()).hash, '', 'the token leaves the address bar');
    const secret = await a.locator('[data-totp-secret]').getAttribute('data-totp-secret');
    assert.match(await a.locator('.qr img').getAttribute('src'), /^data:image\/svg\+xml;base64,/);
    await shot(a, 'activate');
    const password = 'ben chooses this long passphrase';
    await a.locator('#act-password').fill(password);
    await a.locator('#act-confirm').fill(password);
    // A wrong code is refused in place, and the link still works for the right one.
    await a.locator('#act-code').fill(String((Number(totp(secret)) + 500_000) % 1e6).padStart(6, '0'));
    await a.locator('form.enroll-form button[type=submit]').click();
    await a.locator('#act-code[aria-invalid=true]').waitFor();
    await shot(a, 'activate-wrong-code');
    const code = await freshTotp(secret);
    const usedAt = Date.now();
    await a.locator('#act-code').fill(code);
    await a.locator('form.enroll-form button[type=submit]').click();
    await a.getByRole('heading', { level: 1, name: 'Your account is ready' }).waitFor();
    const codes = await a.locator('.recovery-codes li').allInnerTexts();
    assert.equal(codes.length, 10, 'ten recovery codes, shown once');
    await shot(a, 'activate-done');
    const go = a.getByRole('button', { name: 'Go to sign-in' });
    assert.equal(await go.isDisabled(), true, 'not before the person says the codes are saved');
    await a.getByLabel(/saved my recovery codes/).check();
    await go.click();
    await a.locator('#login-username').waitFor();

    // The code that confirmed the enrolment cannot sign in again; the next one does.
    await signIn(a, 'ben.agent', password, await nextTotp(secret, usedAt));
    await a.getByRole('heading', { level: 1, name: 'Agent console' }).waitFor();
    await shot(a, 'agent-signed-in');

    // My account, from the person's menu: their sign-ins (this one marked) and ten codes left.
    await a.locator('.user-menu-button').click();
    await a.getByRole('link', { name: 'My account' }).click();
    await a.getByRole('heading', { level: 1, name: 'My account' }).waitFor();
    await a.getByText('This device').waitFor();
    assert.match(await a.locator('.shell-main').innerText(), /10/);
    await shot(a, 'agent-account');

    // The link was spent.
    await a.goto(link);
    await a.getByRole('heading', { level: 1, name: 'This link cannot be used' }).waitFor();
    assert.match(await a.getByRole('alert').innerText(), /used already/);
    await shot(a, 'activate-link-used');

    // The admin's list now shows the account active, with its sign-in.
    await page.getByRole('link', { name: 'All staff' }).click();
    const row = page.getByRole('row', { name: /Ben Agent/ });
    await row.waitFor();
    assert.match(await row.innerText(), /Active/);
    await shot(page, 'staff-list');
    assert.deepEqual(admin.problems.filter((p) => !/status of 4\d\d/.test(p)), [], 'no CSP violations or script errors');
    assert.deepEqual(agent.problems.filter((p) => !/status of 4\d\d/.test(p)), [], 'no CSP violations or script errors');
  } finally {
    await agent?.context.close();
    await admin.context.close();
  }
});

test('an admin creates an integrator key, sees its secret once, and revokes it', async () => {
  const { context, page, problems } = await signedIn('ida.admin', ['admin']);
  try {
    await nav(page).getByRole('link', { name: 'API keys' }).click();
    await page.getByRole('heading', { level: 1, name: 'Integrator API keys' }).waitFor();
    await page.getByRole('link', { name: 'Create an API key' }).click();
    await page.locator('#key-name').fill('Bank onboarding');
    await page.getByRole('checkbox', { name: /sessions:write/ }).check();
    await page.getByRole('checkbox', { name: /sessions:read/ }).check();
    await page.locator('#key-days').selectOption('90');
    await shot(page, 'key-new');
    await page.locator('form button[type=submit]').click();
    await page.getByRole('heading', { level: 1, name: /Bank onboarding/ }).waitFor();
    const secret = await page.locator('#key-secret').inputValue();
    assert.match(secret, /^vkyc_/);
    await shot(page, 'key-created');

    // The key works for what its scopes allow.
    const r = await fetch(`${server.base}/api/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(r.status, 201);

    await page.getByRole('button', { name: 'I have stored the key' }).click();
    const row = page.getByRole('row', { name: /Bank onboarding/ });
    await row.waitFor();
    assert.doesNotMatch(await page.locator('body').innerText(), new RegExp(secret), 'the list never shows the secret');
    assert.match(await row.innerText(), /Active/);
    await shot(page, 'keys-list');

    await row.getByRole('button', { name: /Revoke/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    await shot(page, 'key-revoke-confirm');
    await dialog.getByRole('button', { name: 'Revoke' }).click();
    await page.getByRole('status').filter({ hasText: /revoked/ }).waitFor();
    await row.getByText('Revoked').waitFor();
    await shot(page, 'key-revoked');
    const after = await fetch(`${server.base}/api/v1/sessions`, { method: 'POST', headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(after.status, 401, 'a revoked key stops working at once');
    assert.deepEqual(problems.filter((p) => !/status of 4\d\d/.test(p)), []);
  } finally {
    await context.close();
  }
});

test('an auditor reads the audit log and verifies its chain, but has no staff-admin controls', async () => {
  const { context, page, problems } = await signedIn('aude.auditor', ['auditor']);
  try {
    assert.deepEqual(await nav(page).getByRole('link').allInnerTexts(), ['Review', 'Staff', 'API keys', 'Audit log']);
    await nav(page).getByRole('link', { name: 'Audit log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    // The earlier tests' events are there: the invitation, the activation, the key's revocation.
    const table = page.locator('table.data-table');
    await table.waitFor();
    const text = await table.innerText();
    for (const what of [/Activation link created/, /Account activated/, /API key revoked/]) assert.match(text, what);
    await shot(page, 'audit-log');

    // Filter by action: only those rows stay.
    await page.locator('#f-action').selectOption('api_key_revoked');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForFunction(() => document.querySelectorAll('table.data-table tbody tr').length === 1);
    await shot(page, 'audit-log-filtered');

    await page.getByRole('button', { name: 'Verify chain' }).click();
    await page.getByText(/The log is intact/).waitFor();
    await shot(page, 'audit-chain-verified');

    // Staff: the list, read-only; an account's page without any control.
    await nav(page).getByRole('link', { name: 'Staff' }).click();
    await page.getByRole('heading', { level: 1, name: 'Staff' }).waitFor();
    await page.getByRole('row', { name: /Ben Agent/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Invite a staff member' }).count(), 0);
    await shot(page, 'auditor-staff-list');
    await page.getByRole('link', { name: 'Ben Agent' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ben Agent' }).waitFor();
    assert.equal(await page.locator('.shell-main button').count(), 0, 'no button on an account for an auditor');
    assert.equal(await page.locator('.shell-main form').count(), 0);
    await shot(page, 'auditor-staff-detail');
    // Typing the invitation page's address does not help either.
    await page.goto(`${server.base}/staff/admin/new`);
    await page.getByRole('heading', { level: 1, name: 'No access' }).waitFor();

    // Keys: listed, no create, no revoke.
    await page.goto(`${server.base}/staff/api-keys`);
    await page.getByRole('row', { name: /Bank onboarding/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Create an API key' }).count(), 0);
    assert.equal(await page.getByRole('button', { name: /Revoke/ }).count(), 0);
    await shot(page, 'auditor-keys');

    // And the server agrees: an auditor's request to invite is refused.
    const cookie = (await context.cookies(server.base)).find((c) => c.name === 'vkyc_staff').value;
    const r = await server.staffApi(cookie, 'POST', '/api/v1/staff', { id: 'eve', display_name: 'Eve', roles: ['admin'] });
    assert.equal(r.status, 403);
    assert.deepEqual(problems.filter((p) => !/status of 4\d\d/.test(p)), []);
  } finally {
    await context.close();
  }
});

test('the administration pages are translated: the audit log in French, the staff list in Vietnamese', async () => {
  for (const [locale, id, path, heading, name] of [
    ['fr-FR', 'fred.auditor', '/staff/audit', 'Journal d’audit', 'audit-log-fr'],
    ['vi-VN', 'vy.admin', '/staff/admin', 'Nhân viên', 'staff-list-vi'],
  ]) {
    const { context, page } = await signedIn(id, locale === 'fr-FR' ? ['auditor'] : ['admin'], locale);
    try {
      await page.goto(server.base + path);
      await page.getByRole('heading', { level: 1, name: heading }).waitFor();
      await page.locator('table.data-table').waitFor();
      await shot(page, name);
    } finally {
      await context.close();
    }
  }
});
