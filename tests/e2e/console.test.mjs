// The agent console, walked in headless Chromium against the real server, the face-analysis
// sidecar and a second browser as the customer (fake camera: the head-movement clip at
// 1280×720, while the call sends 640×480). The agent signs in with password and TOTP, goes
// available, gets the offer, accepts by keyboard, captures the three stills, runs the
// head-movement challenge, has the customer read digits, ticks the manual checks and approves;
// the decision is in the API and the database. Then approval is refused with the reason on
// screen while the recording fails (full disk), and a customer without consent cannot upload a
// still. Every console state is screenshot (screenshots/console/) and checked with axe-core;
// the call view is checked in French and Vietnamese for English leftovers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, customerClip, launchBrowser, startServer, startSidecar } from './harness.mjs';
import { followPrompts } from './prompted-customer.mjs';
import { axeProblems, englishOnScreen, freshCode, note, shot, signInWithForm, smallDisk } from './console-kit.mjs';

const PROFILE = 'bafin-rs-3-2017';
const MANUAL_CHECKS = [
  'Picture and sound good enough throughout',
  'An allowed document type',
  'Security features checked with the document tilted',
  'One-time code (TAN) sent and read back',
  'Purpose asked; no sign of coercion',
];
const RAM = existsSync('/dev/shm') ? '/dev/shm/vkyc-e2e' : undefined;

test('an agent takes a customer from the queue to a recorded approval in one tab', { timeout: 15 * 60_000 }, async () => {
  const disk = smallDisk(256);
  const sidecar = await startSidecar();
  // A short re-authentication window: every decision of the walk asks for the code again.
  const server = await startServer({ env: { ...sidecar.env, VKYC_AI__FPS: '10', VKYC_RECORDING__DIR: disk.dir, VKYC_AUTH__REAUTH_WINDOW_SECS: '20' } });
  // The clip at 1280×720 on the fake camera (the stills have the camera's resolution); for the
  // head movements the customer follows the prompts instead (prompted-customer.mjs).
  const clip = customerClip({ width: 1280, height: 720, dir: RAM });
  const agentBrowser = await launchBrowser();
  const customerBrowser = await launchBrowser({ videoFile: clip });
  const problems = [];
  const timings = {};
  let mark = Date.now();
  const lap = (name) => {
    timings[name] = Date.now() - mark;
    mark = Date.now();
  };
  let page;
  let customerPage;
  try {
    // The agent and the integrator's world: a roster entry, a BaFin session with its ID photo.
    const staff = server.createStaff({ id: 'walk-agent', roles: ['agent'], name: 'Alex Agent' });
    assert.equal((await server.api('PUT', `/api/v1/agents/${staff.id}`, { tz: 'UTC', skills: [] })).status, 200);
    const usedSteps = new Set();
    const context = await agentBrowser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 800 } });
    page = await context.newPage();
    page.on('pageerror', (e) => problems.push(`page error: ${e}`));
    const state = async (name) => {
      await shot(page, name);
      for (const v of await axeProblems(page)) problems.push(`${name}: ${v}`);
    };

    // 1. Sign in (password + TOTP) and go available.
    await signInWithForm(page, server.base, staff, usedSteps);
    // When the agent last gave an authenticator code (the re-authentication window counts from it).
    let codeAt = Date.now();
    await page.getByText('Offline', { exact: true }).first().waitFor();
    await state('01-shift-offline');
    await page.getByRole('button', { name: 'Available' }).click();
    await page.getByText('You are available. The next customer will ring here.').waitFor();
    await state('02-shift-available');
    lap('sign_in_and_available');

    // 2. A customer joins the queue; the offer rings; the agent accepts by keyboard.
    const session = await newCustomer(server);
    const offer = page.getByRole('alert').filter({ hasText: 'A customer is waiting' });
    await offer.waitFor({ timeout: 20_000 });
    await state('03-offer-ringing');
    await page.keyboard.press('a');
    await page.getByRole('heading', { level: 1, name: 'Identification call' }).waitFor();
    assert.match(page.url(), new RegExp(`/staff/console/call/${session.id}$`));
    lap('offer_and_accept');

    // 3. The customer (in French) opens the call link and joins; the agent sees the video.
    const customerContext = await customerBrowser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 800 } });
    const customer = await customerContext.newPage();
    customerPage = customer;
    await customer.goto(session.customerUrl);
    await customer.locator('#join:not([disabled])').waitFor({ timeout: 20_000 });
    await customer.locator('#join').click();
    await page.waitForFunction(() => {
      const v = document.querySelector('video.remote');
      return v && v.videoWidth > 0 && v.readyState >= 2;
    }, null, { timeout: 30_000, polling: 200 });
    await page.getByText('In call', { exact: true }).first().waitFor();
    await state('04-call-connected');
    lap('customer_joins');

    // 4. Prompts on the customer's screen, in French; the three stills, by keyboard.
    const photos = page.getByRole('group', { name: 'Photos' });
    await page.getByRole('group', { name: 'Prompts' }).getByRole('button', { name: 'Show ID front' }).click();
    await customer.getByText('Montrez le recto de votre pièce d’identité').waitFor();
    await shot(customer, 'customer-01-prompt-id-front');
    for (const [key, kind, label] of [['f', 'face', 'Face'], ['i', 'id_front', 'ID front'], ['b', 'id_back', 'ID back']]) {
      if (kind === 'id_back') {
        await page.getByRole('group', { name: 'Prompts' }).getByRole('button', { name: 'Show ID back' }).click();
        await customer.getByText('Montrez le verso de votre pièce d’identité').waitFor();
      }
      await photos.getByRole('button', { name: new RegExp(`^${label}`) }).waitFor();
      await page.locator('body').focus();
      await page.keyboard.press(key);
      await page.getByRole('button', { name: `Open the photo: ${label}` }).waitFor({ timeout: 30_000 });
      void kind;
    }
    await state('05-stills-captured');
    const stills = (await server.api('GET', `/api/v1/sessions/${session.id}/stills`)).body;
    assert.equal(stills.length, 3, 'three stills stored');
    for (const s of stills) {
      assert.ok(s.width >= 1280 && s.height >= 720, `the ${s.kind} still has the camera's resolution (${s.width}×${s.height}), not the call's 640×480`);
      assert.match(s.sha256, /^[0-9a-f]{64}$/);
    }
    note('stills.txt', stills.map((s) => `${s.kind} ${s.width}x${s.height} ${s.content_type} sha256=${s.sha256}`).join('\n') + '\n');
    await page.getByRole('button', { name: 'Open the photo: ID front' }).click();
    const viewer = page.getByRole('dialog', { name: 'ID front' });
    await viewer.waitFor();
    await viewer.getByRole('button', { name: 'Zoom in' }).click();
    await state('06-still-viewer');
    await page.keyboard.press('Escape');
    await viewer.waitFor({ state: 'detached' });
    // Focus goes back to the photo that opened the viewer; keys pressed before that land elsewhere.
    await page.waitForFunction(() => document.activeElement?.closest('.stills') != null);
    lap('stills');

    // 5. Approval while checks are open: refused, and the console says why.
    await page.keyboard.press('g');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Record approval' }).click();
    if ((await confirmItIsYou(page, staff, usedSteps)) === 'reauthenticated') codeAt = Date.now();
    const refusal = page.getByRole('alert').filter({ hasText: 'Approval refused:' });
    await refusal.waitFor();
    await refusal.getByText('Not done yet: Random digits read aloud.').waitFor();
    await refusal.scrollIntoViewIfNeeded();
    await state('07-approve-refused-open-checks');

    // 6. Tilt prompt and the head-movement challenge (passes), watching the customer's screen.
    await page.getByRole('group', { name: 'Prompts' }).getByRole('button', { name: 'Tilt document' }).click();
    await customer.getByText('Inclinez lentement votre document').waitFor();
    // The console's own button: the server draws four random moves, 8 s each; the customer
    // makes each move their screen asks for and holds it until the next prompt, as a person does
    // (prompted-customer.mjs), however slowly the analysis runs on a busy machine.
    const follower = await followPrompts(customer);
    const before = await page.evaluate(() => window.__call.aiEvents.length);
    await page.locator('.challenges .challenge').first().getByRole('button').click();
    await customer.locator('.call-prompt.kind-turn_head').waitFor({ timeout: 20_000 });
    await shot(customer, 'customer-02-turn-head');
    await page.getByRole('heading', { name: 'Head movements' }).scrollIntoViewIfNeeded();
    await state('08-challenge-running');
    await page.waitForFunction((n) => window.__call.aiEvents.slice(n).some((e) => e.type === 'challenge_done'), before, { timeout: 150_000, polling: 250 });
    const done = await page.evaluate((n) => window.__call.aiEvents.slice(n).find((e) => e.type === 'challenge_done'), before);
    const outcome = done.steps.map((st) => `${st.step}:${st.passed ? 'ok' : st.reason}`).join(' ');
    console.log('challenge:', outcome, '| customer:', await follower.moves());
    if (!done.passed) console.log(await page.evaluate((n) => window.__call.aiEvents.slice(n).filter((e) => ['pose', 'challenge_step', 'challenge_started'].includes(e.type)).map((e) => e.type === 'pose' ? `${e.ts}:${e.face ? `${Math.round(e.yaw)},${Math.round(e.pitch)}` : '-'}` : `[${e.type} ${e.step ?? ''} ${e.reason ?? ''} ${e.ts}]`).join(' '), before));
    assert.ok(done.passed, `the head-movement challenge passes: ${outcome}`);
    await page.locator('.challenge-result.passed').waitFor();
    await state('09-challenge-passed');
    lap('challenge');

    // 7. Digits read aloud: shown on the customer's screen, judged by the agent.
    await page.locator('body').focus();
    await page.keyboard.press('r');
    const digits = await page.locator('.challenges .digits').textContent({ timeout: 10_000 });
    assert.match(digits, /^\d{6}$/);
    await customer.locator('.call-prompt-digits').waitFor();
    assert.equal((await customer.locator('.call-prompt-digits').textContent()).replace(/\s/g, ''), digits, 'the customer sees the digits the agent sees');
    await shot(customer, 'customer-03-read-digits');
    await page.getByRole('button', { name: 'Read correctly' }).click();
    await page.getByText('Read correctly', { exact: true }).and(page.locator('.challenge-result')).waitFor();
    lap('read_aloud');

    // 8. The manual checks, ticked by the agent; then everything else by its evidence.
    for (const name of MANUAL_CHECKS) {
      const box = page.getByRole('checkbox', { name });
      await box.waitFor({ timeout: 20_000 });
      await box.check();
      await page.waitForFunction((n) => [...document.querySelectorAll('.check.satisfied .check-label')].some((l) => l.textContent.includes(n)), name, { timeout: 10_000 });
    }
    await waitForNoBlockers(server, session.id);
    await page.keyboard.press('g'); // the decision panel refreshes the checklist on focus
    await page.getByRole('checkbox', { name: MANUAL_CHECKS[0] }).scrollIntoViewIfNeeded();
    await state('10-checklist-done');
    lap('checklist');

    // 9. The whole call view in French and Vietnamese: no English string of the catalogues.
    for (const [lang, name] of [['fr', 'Français'], ['vi', 'Tiếng Việt']]) {
      await switchLanguage(page, name);
      await page.waitForFunction((l) => document.documentElement.lang === l, lang);
      const leftovers = await englishOnScreen(page, lang);
      assert.deepEqual(leftovers, [], `English strings in the ${lang} console`);
      await page.evaluate(() => window.scrollTo(0, 0));
      await state(`11-call-${lang}`);
    }
    await switchLanguage(page, 'English');
    await page.setViewportSize({ width: 1920, height: 1080 });
    await state('12-call-1920');
    await page.setViewportSize({ width: 1280, height: 800 });

    // 10. Approve, by keyboard: G to the decision, Space on "Approve", Enter records it. The
    // approval must ask for the code again: the last one is older than the 20 s window. The walk
    // since then may be quicker than that on a fast machine: wait the window out, don't assume it.
    await new Promise((r) => setTimeout(r, Math.max(0, codeAt + 21_000 - Date.now())));
    await page.locator('body').focus();
    await page.keyboard.press('g');
    await page.keyboard.press('Space');
    await page.keyboard.press('Enter');
    assert.equal(await confirmItIsYou(page, staff, usedSteps, () => state('13-decision-reauth')), 'reauthenticated', 'the approval asked for the code again');
    await page.getByRole('heading', { name: 'Decision recorded' }).waitFor({ timeout: 20_000 });
    await state('14-decision-recorded');
    const decision = await server.api('GET', `/api/v1/sessions/${session.id}/decision`);
    assert.equal(decision.status, 200);
    assert.equal(decision.body.outcome, 'approved');
    assert.equal(decision.body.staff_id, staff.id);
    const evidence = decision.body.evidence;
    assert.deepEqual(evidence.stills.map((s) => s.sha256).sort(), stills.map((s) => s.sha256).sort(), 'the decision names the stills by hash');
    assert.ok(evidence.face_match?.models && evidence.challenge?.models, 'and the models of the AI results it relied on');
    const stored = execFileSync('sqlite3', [join(server.dataDir, 'e2e.db'), `SELECT outcome, staff_id FROM decisions WHERE session_id = '${session.id}'`], { encoding: 'utf8' }).trim();
    assert.equal(stored, `approved|${staff.id}`, 'the decision is in the database');
    await customer.getByText('L’appel est terminé. Merci — vous pouvez fermer cette page.').waitFor({ timeout: 15_000 });
    lap('decision');

    // 11. Back to the queue: the decision ended the wrap-up, the agent is available again.
    await page.getByRole('button', { name: 'Back to the queue' }).first().click();
    await page.getByText('You are available. The next customer will ring here.').waitFor({ timeout: 20_000 });
    await state('15-back-available');
    await page.keyboard.press('?');
    await page.getByRole('dialog', { name: 'Keyboard shortcuts' }).waitFor();
    await state('16-shortcuts');
    await page.keyboard.press('Escape');

    // 12. A full disk fails the recording: the console says so, and approval is refused.
    const second = await newCustomer(server);
    await offer.waitFor({ timeout: 20_000 });
    await offer.getByRole('button', { name: 'Accept' }).click();
    const customer2 = await (await customerBrowser.newContext({ locale: 'en-GB' })).newPage();
    await customer2.goto(second.customerUrl);
    await customer2.locator('#join:not([disabled])').waitFor({ timeout: 20_000 });
    await customer2.locator('#join').click();
    await page.getByText('In call', { exact: true }).first().waitFor({ timeout: 30_000 });
    disk.fill();
    const failed = page.getByRole('alert').filter({ hasText: 'The recording has stopped: the disk is full.' });
    await failed.waitFor({ timeout: 60_000 });
    await page.keyboard.press('g');
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Record approval' }).click();
    await confirmItIsYou(page, staff, usedSteps);
    await page.getByRole('alert').filter({ hasText: 'Approval refused:' }).getByText('The recording is not healthy: the disk is full.').waitFor();
    await state('17-approve-refused-recording');
    disk.free();
    await page.getByRole('radio', { name: 'Inconclusive' }).check();
    await page.getByRole('checkbox', { name: 'Needs a second opinion' }).check();
    await page.getByRole('button', { name: 'Record as inconclusive' }).click();
    await confirmItIsYou(page, staff, usedSteps);
    await page.getByRole('heading', { name: 'Decision recorded' }).waitFor({ timeout: 20_000 });
    const second_decision = await server.api('GET', `/api/v1/sessions/${second.id}/decision`);
    assert.deepEqual([second_decision.body.outcome, second_decision.body.reasons], ['inconclusive', ['needs_review']]);
    lap('disk_full');

    // 13. A customer who never consented can neither join nor upload a still.
    const unconsented = await newCustomer(server, { consent: false, queue: false });
    const jpeg = readFileSync(join(ROOT, 'tests', 'fixtures', 'idcard_sim', 'ibm_max_Bryan_idcard.jpg'));
    const upload = await fetch(`${server.base}/api/v1/sessions/${unconsented.id}/stills?kind=face&request_id=x`, {
      method: 'POST',
      headers: { authorization: `Bearer ${unconsented.token}`, 'content-type': 'image/jpeg' },
      body: jpeg,
    });
    assert.equal(upload.status, 409);
    assert.equal((await upload.json()).code, 'consent_required');

    // 14. Closing the console makes the agent unavailable (the server sees its socket go).
    await page.getByRole('button', { name: 'Back to the queue' }).first().click();
    await page.getByText('You are available. The next customer will ring here.').waitFor({ timeout: 20_000 });
    assert.equal(await presenceOf(server, staff.id), 'available');
    await page.close();
    page = null;
    const t0 = Date.now();
    let after = 'available';
    while (after !== 'offline' && Date.now() - t0 < 15_000) {
      await new Promise((r) => setTimeout(r, 250));
      after = await presenceOf(server, staff.id);
    }
    assert.equal(after, 'offline', 'closing the console made the agent unavailable');
    lap('close_console');

    note('timings.json', JSON.stringify(timings, null, 2) + '\n');
    console.log('console walk timings (ms):', JSON.stringify(timings));
    assert.deepEqual(problems, [], 'no page errors and no serious or critical accessibility violations');
  } catch (e) {
    if (page) await shot(page, 'failure').catch(() => undefined);
    if (page) console.log('agent AI events:', await page.evaluate(() => window.__call?.aiEvents.map((e) => e.type).join(' ')).catch(() => '?'));
    if (customerPage) console.log('customer steps:', await customerPage.evaluate(() => document.getElementById('call-steps')?.outerHTML).catch(() => '?'));
    console.log('server log:', server.logs.join('').slice(-4000));
    throw e;
  } finally {
    await customerBrowser.close();
    await agentBrowser.close();
    await server.stop();
    await sidecar.stop();
    disk.unmount();
    if (RAM) rmSync(clip, { force: true });
  }
});

/** A BaFin session from the integrator: the ID photo, a customer link, consents, the queue. */
async function newCustomer(server, { consent = true, queue = true } = {}) {
  const s = await server.api('POST', '/api/v1/sessions', { profile: PROFILE, external_ref: 'APP-2024-0117' });
  assert.equal(s.status, 201, JSON.stringify(s.body));
  const portrait = readFileSync(join(ROOT, 'tests', 'fixtures', 'idcard_sim', 'ibm_max_Bryan_idcard.jpg'));
  assert.equal((await server.api('PUT', `/api/v1/sessions/${s.body.id}/reference-photo`, portrait, 'image/jpeg')).status, 204);
  const link = await server.api('POST', `/api/v1/sessions/${s.body.id}/links`, { role: 'customer' });
  if (consent) await server.consent(s.body.id, link.body.token);
  if (queue) assert.equal((await server.api('POST', '/api/v1/queue', { session_id: s.body.id })).status, 201);
  return { id: s.body.id, customerUrl: link.body.url, token: link.body.token };
}

/** The agent's presence as the integrator's roster shows it. */
async function presenceOf(server, agentId) {
  const r = await server.api('GET', '/api/v1/agents');
  assert.equal(r.status, 200);
  return r.body.find((a) => a.id === agentId)?.presence?.state ?? 'offline';
}

/** The server's own word that an approval would go through now. */
async function waitForNoBlockers(server, session, timeoutMs = 90_000) {
  const t0 = Date.now();
  let last;
  while (Date.now() - t0 < timeoutMs) {
    last = (await server.api('GET', `/api/v1/sessions/${session}/checklist`)).body;
    if (last.approval_blockers.length === 0) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`approval still blocked: ${JSON.stringify(last.approval_blockers)}`);
}

async function switchLanguage(page, name) {
  await page.locator('.user-menu-button').click();
  await page.getByRole('combobox').selectOption({ label: name });
  await page.keyboard.press('Escape');
}

/**
 * Answers the re-authentication dialog if the server asks for it (the last code is older than
 * the re-authentication window). Resolves with 'reauthenticated' after answering it, or
 * 'settled' when the decision was recorded or refused without asking. `onDialog` runs while
 * the dialog shows (a screenshot).
 */
async function confirmItIsYou(page, staff, usedSteps, onDialog = async () => undefined) {
  const dialog = page.getByRole('dialog', { name: 'Confirm it’s you' });
  const settled = page.locator('.decision.done, .refusal');
  // Each waiter settles (never rejects) so that the one that loses the race does not fail later.
  const first = await Promise.race([
    dialog.waitFor({ timeout: 30_000 }).then(() => 'dialog', () => 'timeout'),
    settled.first().waitFor({ timeout: 30_000 }).then(() => 'settled', () => 'timeout'),
  ]);
  assert.notEqual(first, 'timeout', 'the decision was neither recorded, refused nor asked to re-authenticate');
  if (first !== 'dialog') return 'settled';
  await dialog.getByRole('textbox').fill(await freshCode(staff.totpSecret, usedSteps));
  await onDialog();
  await dialog.getByRole('button', { name: 'Confirm' }).click();
  await dialog.waitFor({ state: 'detached' });
  return 'reauthenticated';
}
