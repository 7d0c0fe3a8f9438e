// The customer journey on a phone (390×844, touch), in headless Chromium against the real server
// and the real document reader: the integrator creates an identification → the customer
// consents → fills the form → uploads the ID card's front and back (fixture photos) → the MRZ
// prefill equals the ground truth → device check → join now → the waiting room shows the place →
// an agent accepts (through the API) and joins from the agent page → the call → the result.
// Every step: screenshots in en/fr/vi (tests/e2e/screenshots/journey/), axe-core (no serious or
// critical violation), the 200 % zoom check, and the actions pressed by keyboard.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, customerClip, launchBrowser, startServer, startSidecar, waitForFrames, joinCall } from './harness.mjs';
import { openPhone, pressByKeyboard, shootStep, typeByKeyboard, zoomCheck } from './phone.mjs';

const SHOTS = join(import.meta.dirname, 'screenshots', 'journey');
const DOCS = join(ROOT, 'tests', 'fixtures', 'documents');
const TRUTH = JSON.parse(readFileSync(join(DOCS, 'ground_truth.json'), 'utf8'));
/** An identity card of the fixture set: its front (no MRZ) and its back (TD1 MRZ), same person. */
const FRONT = 'doc_004.jpg';
const BACK = 'doc_036.jpg';

let sidecar;
let server;
let browser;
let agentBrowser;

before(async () => {
  sidecar = await startSidecar();
  server = await startServer({ env: { ...sidecar.env, VKYC_JOURNEY__ALLOW_INSECURE_URLS: 'true' } });
  // The phone's camera films a face (the device check and the call); the document is uploaded.
  browser = await launchBrowser({ videoFile: customerClip() });
  agentBrowser = await launchBrowser();
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

test('a customer goes from the bank’s link to the result on a phone, every step accessible in three languages', async () => {
  // The integrator: an identification with a return URL, the e-mail prefilled.
  const created = await server.api('POST', '/api/v1/identifications', {
    profile: 'basic',
    external_ref: 'APP-7',
    return_url: 'http://bank.example/kyc/done',
    applicant: { email: 'soeren@example.org' },
  });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const sessionId = created.body.id;
  const url = `${server.base}/id/#t=${created.body.link.token}`;

  const agent = await server.agent('walk-agent');
  const { page, context, problems } = await openPhone(browser);
  try {
    await step('welcome', async () => {
      await page.goto(url);
      await h1(page, 'Confirm your identity by video');
      await shootStep(page, SHOTS, '01-welcome');
      await zoomCheck(page, 'welcome');
      await pressByKeyboard(page, 'Start');
    });

    await step('consent', async () => {
      await h1(page, 'Your consent');
      await page.getByRole('checkbox').nth(2).waitFor();
      await shootStep(page, SHOTS, '02-consent', { ready: (p) => p.getByRole('checkbox').nth(2).waitFor() });
      await zoomCheck(page, 'consent');
      for (const name of [/processing of my personal data/, /recording of the video call/, /comparison of my face/]) {
        await pressByKeyboard(page, page.getByRole('checkbox', { name }));
      }
      await pressByKeyboard(page, 'Agree and continue');
    });

    await step('details', async () => {
      await h1(page, 'Your details');
      assert.equal(await page.getByLabel('E-mail address').inputValue(), 'soeren@example.org', 'prefilled by the integrator');
      await typeByKeyboard(page, 'Street and number', 'Nørregade 12');
      await typeByKeyboard(page, 'Postcode', '1165');
      await typeByKeyboard(page, 'Town or city', 'København');
      await page.getByLabel('Country', { exact: true }).selectOption('DNK');
      await typeByKeyboard(page, 'Mobile phone number', '+45 20 12 34 56');
      await page.getByText('Saved', { exact: true }).waitFor();
      await shootStep(page, SHOTS, '03-details');
      await zoomCheck(page, 'details');
      await pressByKeyboard(page, 'Continue');
    });

    await step('document', async () => {
      await h1(page, 'Your ID document');
      await page.getByRole('radio', { name: /Identity card/ }).waitFor();
      await shootStep(page, SHOTS, '04-document-type');
      await pressByKeyboard(page, page.getByRole('radio', { name: /Identity card/ }));
      await pressByKeyboard(page, 'Continue');
      await page.getByRole('heading', { level: 2, name: 'Front' }).waitFor();
      await page.getByRole('button', { name: 'Take photo' }).waitFor();
      await shootStep(page, SHOTS, '05-document-front');
      await zoomCheck(page, 'document capture');
      await page.locator('input[type=file]').setInputFiles(join(DOCS, FRONT));
      await page.getByRole('heading', { level: 2, name: 'Back' }).waitFor({ timeout: 60_000 });
      await page.locator('input[type=file]').setInputFiles(join(DOCS, BACK));
      await page.getByText('Your document was read.').waitFor({ timeout: 60_000 });
      await shootStep(page, SHOTS, '06-document-done');
      await pressByKeyboard(page, 'Continue');
    });

    await step('review', async () => {
      await h1(page, 'Check your details');
      await page.getByLabel('Surname').waitFor();
      // The MRZ filled the empty fields: exactly the ground truth.
      const truth = TRUTH.images.find((i) => i.file === BACK).expected.mrz;
      assert.equal(await page.getByLabel('Surname').inputValue(), truth.surname);
      assert.equal(await page.getByLabel('Given names').inputValue(), truth.given_names);
      const [y, m, d] = truth.birth_date.split('-');
      assert.equal(await page.getByLabel('Year').inputValue(), y);
      assert.equal(await page.getByLabel('Month').inputValue(), String(Number(m)));
      assert.equal(await page.getByLabel('Day').inputValue(), String(Number(d)));
      assert.equal(await page.getByLabel('Nationality').inputValue(), truth.nationality);
      assert.equal(await page.getByText('Read from your document').count(), 4);
      await shootStep(page, SHOTS, '07-review');
      await zoomCheck(page, 'review');
      await pressByKeyboard(page, 'Confirm my details');
    });

    await step('device', async () => {
      await h1(page, 'Check your camera and connection');
      await page.getByRole('button', { name: 'Continue' }).and(page.locator(':not([disabled])')).waitFor({ timeout: 30_000 });
      await page.locator('.check-row.ok', { hasText: 'Microphone' }).waitFor({ timeout: 30_000 });
      await shootStep(page, SHOTS, '08-device');
      await zoomCheck(page, 'device check');
      await pressByKeyboard(page, 'Continue');
    });

    await step('choose', async () => {
      await h1(page, 'Talk to an agent');
      await page.getByRole('button', { name: 'Join the queue now' }).waitFor();
      await shootStep(page, SHOTS, '09-choose');
      await zoomCheck(page, 'join or book');
      await pressByKeyboard(page, 'Join the queue now');
    });

    await step('waiting', async () => {
      await h1(page, 'Waiting for an agent');
      await page.getByText('You are next').waitFor({ timeout: 20_000 });
      await shootStep(page, SHOTS, '10-waiting', { ready: (p, lang) => p.locator('.waiting-status .position').waitFor() });
      await zoomCheck(page, 'waiting room');
    });

    let agentPage;
    await step('agent accepts, the call opens', async () => {
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
      await h1(page, 'Your video call');
      agentPage = await joinCall(agentBrowser, `${server.base}/agent/#s=${sessionId}`, agent.cookie);
      assert.notEqual(await waitForFrames(agentPage, 10, 30_000), null, 'the agent sees the customer');
      assert.notEqual(await waitForFrames(page, 10, 30_000), null, 'the customer sees the agent');
      await page.getByText('You are talking with your agent.').waitFor({ timeout: 20_000 });
      await shootStep(page, SHOTS, '11-call', { ready: (p) => p.locator('.call-status').waitFor() });
      await zoomCheck(page, 'call');
    });

    await step('decision and result', async () => {
      const decided = await server.staffApi(agent.cookie, 'POST', `/api/v1/sessions/${sessionId}/decision`, { outcome: 'inconclusive', reasons: ['needs_review'] });
      assert.ok([200, 201].includes(decided.status), JSON.stringify(decided.body));
      await agentPage.click('#hangup');
      await h1(page, /We could not complete your identification/);
      assert.equal(await page.getByRole('link', { name: 'Return to bank.example' }).getAttribute('href'), 'http://bank.example/kyc/done');
      await shootStep(page, SHOTS, '12-result');
      await zoomCheck(page, 'result');
    });

    const ident = await server.api('GET', `/api/v1/identifications/${sessionId}`);
    assert.equal(ident.body.status, 'final');
    assert.deepEqual(problems, [], 'no script errors or CSP violations on the customer’s phone');
  } finally {
    console.log('journey step timings (ms):', timings.map(([n, ms]) => `${n} ${ms}`).join(', '));
    await context.close();
  }
});
