// The customer journey on a phone (390×844, touch), in headless Chromium against the real server
// and the real document reader: the integrator creates an identification → the customer
// consents → fills the form → uploads the ID card's front and back (fixture photos) → the MRZ
// prefill equals the ground truth → device check → join now → the waiting room shows the place →
// an agent accepts (through the API) and joins from the agent page → the call → the result.
// Every step: screenshots in en/fr/vi (tests/e2e/screenshots/journey/), axe-core (no serious or
// critical violation), the 200 % zoom check, and the actions pressed by keyboard. A second walk
// goes through in Vietnamese (the phone's language) with a passport, every text it looks for
// taken from the Vietnamese catalogue.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, customerClip, launchBrowser, startServer, startSidecar, waitForFrames, joinCall } from './harness.mjs';
import { axeCheck, catalogue, openPhone, pressByKeyboard, shootStep, typeByKeyboard, zoomCheck } from './phone.mjs';

const SHOTS = join(import.meta.dirname, 'screenshots', 'journey');
const DOCS = join(ROOT, 'tests', 'fixtures', 'documents');
const TRUTH = JSON.parse(readFileSync(join(DOCS, 'ground_truth.json'), 'utf8'));
/** An identity card of the fixture set: its front (no MRZ) and its back (TD1 MRZ), same person. */
const ID_CARD = { type: 'id_card', sides: ['doc_004.jpg', 'doc_036.jpg'] };
/** A passport's data page (TD3 MRZ), a flatbed scan. */
const PASSPORT = { type: 'passport', sides: ['doc_038.jpg'] };

let sidecar;
let server;
let browser;
let agentBrowser;
let agent;

before(async () => {
  sidecar = await startSidecar();
  server = await startServer({ env: { ...sidecar.env, VKYC_JOURNEY__ALLOW_INSECURE_URLS: 'true' } });
  // The phone's camera films a face (the device check and the call); the document is uploaded.
  browser = await launchBrowser({ videoFile: customerClip() });
  agentBrowser = await launchBrowser();
  agent = await server.agent('walk-agent');
});

after(async () => {
  await browser?.close();
  await agentBrowser?.close();
  await server?.stop();
  await sidecar?.stop();
});

/** Milliseconds of each step, printed at the end (the walk's timings in the report). */
const timings = [];
async function step(name, fn) {
  const t0 = Date.now();
  await fn();
  timings.push([name, Date.now() - t0]);
}

const h1 = (page, name) => page.getByRole('heading', { level: 1, name }).waitFor({ timeout: 30_000 });
const shift = (y, m, d) => [y, String(Number(m)), String(Number(d))];

/**
 * One customer from the link to the result, in `lang` (the phone's language). With `shots`, each
 * step is also screenshotted in en/fr/vi and checked at 200 % zoom; axe runs on every step.
 */
async function walk({ lang, locale, document, applicant, address, shots }) {
  const msg = catalogue(lang);
  const label = (id) => msg(id);
  const created = await server.api('POST', '/api/v1/identifications', {
    profile: 'basic',
    external_ref: `APP-${lang}`,
    return_url: 'http://bank.example/kyc/done',
    applicant,
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const sessionId = created.body.id;
  const url = `${server.base}/id/#t=${created.body.link.token}`;
  const look = async (page, name, opts) => {
    if (shots) {
      await shootStep(page, SHOTS, name, opts);
      await zoomCheck(page, name);
    } else {
      await axeCheck(page, `${name} (${lang})`);
    }
  };

  const { page, context, problems } = await openPhone(browser, { locale });
  try {
    await step(`${lang} welcome`, async () => {
      await page.goto(url);
      await h1(page, msg('welcome-title'));
      assert.equal(await page.evaluate(() => document.documentElement.lang), lang, 'the phone’s language');
      await look(page, '01-welcome');
      await pressByKeyboard(page, msg('welcome-start'));
    });

    await step(`${lang} consent`, async () => {
      await h1(page, msg('consent-title'));
      await page.getByRole('checkbox').nth(2).waitFor();
      await look(page, '02-consent', { ready: (p) => p.getByRole('checkbox').nth(2).waitFor() });
      for (const kind of ['processing', 'recording', 'biometrics']) {
        await pressByKeyboard(page, page.getByRole('checkbox', { name: msg(`consent-agree-${kind}`) }));
      }
      await pressByKeyboard(page, msg('consent-submit'));
    });

    await step(`${lang} details`, async () => {
      await h1(page, msg('details-title'));
      assert.equal(await page.getByLabel(label('field-email')).inputValue(), applicant.email, 'prefilled by the integrator');
      await typeByKeyboard(page, label('field-address-line1'), address.line1);
      await typeByKeyboard(page, page.getByLabel(new RegExp(`^${label('field-address-postal_code')}`)), address.postal_code);
      await typeByKeyboard(page, label('field-address-city'), address.city);
      await page.getByLabel(label('field-address-country'), { exact: true }).selectOption(address.country);
      await typeByKeyboard(page, label('field-phone'), address.phone);
      await page.getByText(msg('details-save-saved'), { exact: true }).waitFor();
      await look(page, '03-details');
      await pressByKeyboard(page, msg('details-continue'));
    });

    await step(`${lang} document`, async () => {
      await h1(page, msg('document-title'));
      const radio = page.getByRole('radio', { name: new RegExp(msg(`document-type-${document.type}`)) });
      await radio.waitFor();
      await look(page, '04-document-type');
      await pressByKeyboard(page, radio);
      await pressByKeyboard(page, msg('document-start'));
      const sides = document.type === 'passport' ? ['passport'] : ['front', 'back'];
      for (const [i, side] of sides.entries()) {
        await page.getByRole('heading', { level: 2, name: msg(`document-side-${side}`) }).waitFor({ timeout: 60_000 });
        if (i === 0) {
          await page.getByRole('button', { name: msg('document-take') }).waitFor();
          await look(page, '05-document-capture');
        }
        await page.locator('input[type=file]').setInputFiles(join(DOCS, document.sides[i]));
      }
      await page.getByText(msg('document-all-done')).waitFor({ timeout: 60_000 });
      await look(page, '06-document-done');
      await pressByKeyboard(page, msg('document-continue'));
    });

    await step(`${lang} review`, async () => {
      await h1(page, msg('review-title'));
      await page.getByLabel(label('field-surname')).waitFor();
      // The MRZ filled the empty fields: exactly the ground truth.
      const truth = TRUTH.images.find((i) => i.file === document.sides.at(-1)).expected.mrz;
      assert.equal(await page.getByLabel(label('field-surname')).inputValue(), truth.surname);
      assert.equal(await page.getByLabel(new RegExp(`^${label('field-given_names')}`)).inputValue(), truth.given_names);
      const [y, m, d] = shift(...truth.birth_date.split('-'));
      assert.equal(await page.getByLabel(label('field-date-year')).inputValue(), y);
      assert.equal(await page.getByLabel(label('field-date-month')).inputValue(), m);
      assert.equal(await page.getByLabel(label('field-date-day')).inputValue(), d);
      assert.equal(await page.getByLabel(label('field-nationality')).inputValue(), truth.nationality);
      assert.equal(await page.getByText(msg('review-filled')).count(), 4);
      await look(page, '07-review');
      await pressByKeyboard(page, msg('review-confirm'));
    });

    await step(`${lang} device`, async () => {
      await h1(page, msg('device-title'));
      await page.getByRole('button', { name: msg('device-continue') }).and(page.locator(':not([disabled])')).waitFor({ timeout: 30_000 });
      await page.locator('.check-row.ok', { hasText: msg('device-check-microphone') }).waitFor({ timeout: 30_000 });
      await look(page, '08-device');
      await pressByKeyboard(page, msg('device-continue'));
    });

    await step(`${lang} choose`, async () => {
      await h1(page, msg('choose-title'));
      await page.getByRole('button', { name: msg('choose-join') }).waitFor();
      await look(page, '09-choose');
      await pressByKeyboard(page, msg('choose-join'));
    });

    await step(`${lang} waiting`, async () => {
      await h1(page, msg('waiting-title'));
      await page.getByText(msg('waiting-next')).waitFor({ timeout: 20_000 });
      await look(page, '10-waiting', { ready: (p) => p.locator('.waiting-status .position').waitFor() });
    });

    let agentPage;
    await step(`${lang} agent accepts, the call opens`, async () => {
      // The agent becomes available; the queue offers the customer; the agent accepts.
      await server.staffApi(agent.cookie, 'PUT', '/api/v1/me/presence', { state: 'available' });
      let offer;
      for (let i = 0; i < 200 && !offer; i++) {
        offer = (await server.staffApi(agent.cookie, 'GET', '/api/v1/me/offers')).body?.[0];
        if (!offer) await new Promise((r) => setTimeout(r, 100));
      }
      assert.ok(offer, 'the agent is offered the customer');
      assert.equal(offer.session_id, sessionId);
      const accepted = await server.staffApi(agent.cookie, 'POST', `/api/v1/me/offers/${offer.offer_id}/accept`);
      assert.equal(accepted.status, 200, JSON.stringify(accepted.body));
      await h1(page, msg('call-title'));
      agentPage = await joinCall(agentBrowser, `${server.base}/agent/#s=${sessionId}`, agent.cookie);
      assert.notEqual(await waitForFrames(agentPage, 10, 30_000), null, 'the agent sees the customer');
      assert.notEqual(await waitForFrames(page, 10, 30_000), null, 'the customer sees the agent');
      await page.getByText(msg('call-phase-in_call')).waitFor({ timeout: 20_000 });
      await look(page, '11-call', { ready: (p) => p.locator('.call-status').waitFor() });
    });

    await step(`${lang} decision and result`, async () => {
      // The agent ends the call, then decides (wrap-up); the customer's page follows to the result.
      await agentPage.click('#hangup');
      const decided = await server.staffApi(agent.cookie, 'POST', `/api/v1/sessions/${sessionId}/decision`, { outcome: 'inconclusive', reasons: ['needs_review'] });
      assert.ok([200, 201].includes(decided.status), JSON.stringify(decided.body));
      await h1(page, msg('result-inconclusive-title'));
      assert.equal(await page.getByRole('link', { name: msg('result-return', { host: 'bank.example' }) }).getAttribute('href'), 'http://bank.example/kyc/done');
      await look(page, '12-result');
      // A reload after the end keeps the result (the link still answers for its ended session).
      await page.reload();
      await h1(page, msg('result-inconclusive-title'));
    });
    await agentPage.context().close();
    // The agent steps away: the next walk's waiting room shows its place before an agent is free.
    await server.staffApi(agent.cookie, 'PUT', '/api/v1/me/presence', { state: 'away' });

    const ident = await server.api('GET', `/api/v1/identifications/${sessionId}`);
    assert.equal(ident.body.status, 'final');
    assert.equal(ident.body.language, lang, 'the journey took the phone’s language');
    assert.deepEqual(problems, [], 'no script errors or CSP violations on the customer’s phone');
  } catch (e) {
    // What the phone showed when the walk failed, for the report.
    await page.screenshot({ path: join(SHOTS, `FAILED-${lang}.png`), fullPage: true }).catch(() => undefined);
    console.log(`phone at failure (${lang}):`, (await page.locator('main').innerText().catch(() => '')).slice(0, 600), problems);
    throw e;
  } finally {
    await context.close();
  }
}

test('a customer goes from the bank’s link to the result on a phone, every step accessible in three languages', async () => {
  try {
    await walk({
      lang: 'en',
      locale: 'en-GB',
      document: ID_CARD,
      applicant: { email: 'soeren@example.org' },
      address: { line1: 'Nørregade 12', postal_code: '1165', city: 'København', country: 'DNK', phone: '+45 20 12 34 56' },
      shots: true,
    });
  } finally {
    console.log('journey step timings (ms):', timings.map(([n, ms]) => `${n} ${ms}`).join(', '));
  }
});

test('the same walk in Vietnamese, the phone’s language, with a passport', async () => {
  timings.length = 0;
  try {
    await walk({
      lang: 'vi',
      locale: 'vi-VN',
      document: PASSPORT,
      applicant: { email: 'juan@example.org' },
      address: { line1: '12 Lê Lợi', postal_code: '700000', city: 'Thành phố Hồ Chí Minh', country: 'VNM', phone: '+84 912 345 678' },
      shots: false,
    });
  } finally {
    console.log('journey step timings, Vietnamese (ms):', timings.map(([n, ms]) => `${n} ${ms}`).join(', '));
  }
});
