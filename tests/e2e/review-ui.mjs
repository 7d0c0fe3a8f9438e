// Driving the review pages in the browser: opening them as a signed-in staff member, answering
// the "confirm it's you" dialog, and reading the synchronised players.
import { freshCode } from './console-kit.mjs';
import { totp } from './harness.mjs';

/** A browser tab of the staff app as `staff` (their session cookie), at `path`. */
export async function openAs(browser, server, staff, path, opts = {}) {
  const tab = await newTab(browser, opts);
  await tab.context.addCookies([{ name: 'vkyc_staff', value: staff.cookie, url: server.base }]);
  await tab.page.goto(server.base + path);
  return tab;
}

/**
 * A browser tab where `staff` signs in through the sign-in form (password and authenticator
 * code), as a person does; resolves on the page they land on (a supervisor's: Review).
 */
export async function signInAs(browser, server, staff, opts = {}) {
  const tab = await newTab(browser, opts);
  const { page } = tab;
  await page.goto(`${server.base}/staff/`);
  const used = new Set();
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.getByLabel('Username').fill(staff.id);
    await page.getByLabel('Password').fill(staff.password);
    await page.getByLabel('Authenticator code').fill(await freshCode(staff.totpSecret, used));
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/login') && r.request().method() === 'POST');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const answer = await answered;
    if (answer.ok()) return tab;
    // This step's code was used (the world signed them in through the API): take the next one.
    const problem = await answer.json();
    if (problem.code !== 'code_already_used') throw new Error(`sign-in of ${staff.id} refused: ${JSON.stringify(problem)}`);
  }
  throw new Error(`sign-in of ${staff.id}: no fresh code`);
}

async function newTab(browser, { locale = 'en-GB', viewport = { width: 1280, height: 800 } } = {}) {
  const context = await browser.newContext({ locale, viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => {
    // A 401 `reauth_required` is how the server asks for the code: the page answers it.
    if (/status of 401/.test(m.text())) return;
    if (m.type() === 'error' || /i18n|Content Security Policy/.test(m.text())) problems.push(m.text());
  });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { context, page, problems };
}

/**
 * Runs a sensitive action: clicks `button`, and if the server asks for a fresh second factor,
 * enters the current code in the dialog (waiting for the next code if this one was used).
 * Resolves with whether the dialog was shown.
 */
export async function sensitive(page, staff, button, done) {
  await button.click();
  const dialog = page.getByRole('dialog', { name: 'Confirm it’s you' });
  const first = await Promise.race([dialog.waitFor({ timeout: 20000 }).then(() => 'dialog'), done().then(() => 'done')]);
  if (first === 'done') return false;
  for (let attempt = 0; attempt < 3; attempt++) {
    await dialog.getByLabel('Authenticator code').fill(totp(staff.totpSecret));
    // The server's answer decides, not the alert on screen: an earlier attempt's alert may still
    // be showing when this one is sent.
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/auth/reauth') && r.request().method() === 'POST');
    await dialog.getByRole('button', { name: 'Confirm' }).click();
    const answer = await answered;
    if (answer.ok()) {
      await dialog.waitFor({ state: 'detached' });
      await done();
      return true;
    }
    const problem = await answer.json();
    if (problem.code !== 'code_already_used') throw new Error(`re-authentication refused: ${JSON.stringify(problem)}`);
    // The code of this 30-s step was used (sign-in, an earlier confirmation): wait for the next.
    await new Promise((r) => setTimeout(r, 30_000 - (Date.now() % 30_000) + 300));
  }
  throw new Error('the re-authentication did not succeed');
}

/** Every player element's position on the shared axis (currentTime + its file's offset), ms. */
export async function playerPositions(page) {
  return page.evaluate(() => {
    const slider = document.querySelector('.scrubber input[type=range]');
    const media = [...document.querySelectorAll('.player video:not([hidden])')].map((v) => ({
      participant: v.dataset.participant,
      currentTime: v.currentTime,
      axisMs: v.currentTime * 1000 + Number(v.dataset.offsetMs),
      paused: v.paused,
    }));
    return { timelineMs: Number(slider?.value ?? NaN), media };
  });
}
