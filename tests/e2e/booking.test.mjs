// The booking path on a phone: a customer whose application is done books a slot instead of
// joining the queue, sees it on the /booking/ page the invitation links to, moves it (the
// calendar file's SEQUENCE rises) and cancels it (the calendar file turns into a CANCEL).
// Screenshots in en/fr/vi and axe-core on each page, as in the journey walk.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, customerClip, launchBrowser, startServer, startSidecar } from './harness.mjs';
import { openPhone, pressByKeyboard, shootStep, zoomCheck } from './phone.mjs';

const SHOTS = join(import.meta.dirname, 'screenshots', 'journey');
const PASSPORT = join(ROOT, 'tests', 'fixtures', 'documents', 'doc_038.jpg');

let sidecar;
let server;
let browser;

before(async () => {
  sidecar = await startSidecar();
  server = await startServer({ env: sidecar.env });
  browser = await launchBrowser({ videoFile: customerClip() });
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await sidecar?.stop();
});

const WEEK = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** The customer's part up to the choice, through the API as their pages would do it. */
async function preparedCustomer() {
  const created = await server.api('POST', '/api/v1/identifications', { profile: 'basic' });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const { id } = created.body;
  const token = created.body.link.token;
  const as = async (method, path, body, type = 'application/json') => {
    const r = await fetch(server.base + path, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': type },
      body: body === undefined ? undefined : type === 'application/json' ? JSON.stringify(body) : body,
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  await server.consent(id, token);
  const doc = await as('POST', `/api/v1/sessions/${id}/documents?side=front&type=passport`, readFileSync(PASSPORT), 'image/jpeg');
  assert.equal(doc.status, 201, JSON.stringify(doc.body));
  const app = await as('GET', `/api/v1/sessions/${id}/application`);
  const applicant = {
    ...app.body.applicant,
    address: { line1: 'Avenida Reforma 1', postal_code: '06600', city: 'Ciudad de México', country: 'MEX' },
    email: 'juan@example.org',
    phone: '+52 55 1234 5678',
  };
  assert.equal((await as('PUT', `/api/v1/sessions/${id}/application`, { applicant, confirm_mrz: true })).status, 200);
  const submitted = await as('POST', `/api/v1/sessions/${id}/application/submit`);
  assert.equal(submitted.status, 200, JSON.stringify(submitted.body));
  return { id, url: `${server.base}/id/#t=${token}` };
}

async function ics(token) {
  const r = await fetch(`${server.base}/api/v1/bookings/${token}/invite.ics`);
  assert.equal(r.status, 200);
  const text = await r.text();
  return { method: /^METHOD:(.*)$/m.exec(text)?.[1].trim(), sequence: Number(/^SEQUENCE:(\d+)/m.exec(text)?.[1]), start: /^DTSTART[^:]*:(.*)$/m.exec(text)?.[1].trim() };
}

test('a customer books a slot, finds it on the booking page, moves it and cancels it', async () => {
  // An agent on shift all week, every day 07:00–21:00 UTC, so there are free slots whenever this runs.
  const roster = await server.api('PUT', '/api/v1/agents/booked-agent', { tz: 'UTC', skills: [], shifts: WEEK.map((weekday) => ({ weekday, start: '07:00', end: '21:00' })) });
  assert.equal(roster.status, 200, JSON.stringify(roster.body));
  const { id, url } = await preparedCustomer();
  const { page, context, problems } = await openPhone(browser);
  try {
    await page.goto(url);
    // A submitted application resumes at the device check.
    await page.getByRole('heading', { level: 1, name: 'Check your camera and connection' }).waitFor({ timeout: 30_000 });
    await page.locator('.check-row.ok', { hasText: 'Camera' }).waitFor({ timeout: 30_000 });
    await pressByKeyboard(page, 'Continue');

    await page.getByRole('heading', { level: 1, name: 'Talk to an agent' }).waitFor();
    const firstSlot = page.locator('.slot input').first();
    await firstSlot.waitFor();
    await pressByKeyboard(page, firstSlot);
    assert.equal(await page.getByLabel('E-mail for the invitation').inputValue(), 'juan@example.org', 'the application’s e-mail');
    await shootStep(page, SHOTS, '13-book-slot');
    await pressByKeyboard(page, 'Book this time');

    await page.getByRole('heading', { level: 1, name: 'Your appointment' }).waitFor();
    await page.locator('.appointment-when').waitFor();
    await shootStep(page, SHOTS, '14-booked');
    await zoomCheck(page, 'booked');
    const manage = await page.getByRole('link', { name: 'Change or cancel' }).getAttribute('href');
    const token = /#t=([0-9a-f]{64})$/.exec(manage)?.[1];
    assert.ok(token, `a manage link: ${manage}`);
    const booked = await ics(token);
    assert.equal(booked.method, 'REQUEST');

    // The page the invitation links to.
    await page.getByRole('link', { name: 'Change or cancel' }).click();
    await page.waitForURL(/\/booking\/#t=/);
    await page.getByRole('heading', { level: 1, name: 'Your appointment' }).waitFor();
    await page.getByRole('button', { name: 'Change the time' }).waitFor();
    await shootStep(page, SHOTS, '15-booking-page');
    await zoomCheck(page, 'booking page');
    const shownBefore = await page.locator('.appointment-when').innerText();

    await pressByKeyboard(page, 'Change the time');
    const another = page.locator('.slot input').nth(1);
    await another.waitFor();
    await pressByKeyboard(page, another);
    await shootStep(page, SHOTS, '16-booking-reschedule');
    await pressByKeyboard(page, 'Move my appointment');
    await page.getByText('Your appointment was moved. We sent you an updated invitation.').waitFor();
    assert.notEqual(await page.locator('.appointment-when').innerText(), shownBefore);
    const moved = await ics(token);
    assert.equal(moved.method, 'REQUEST');
    assert.ok(moved.sequence > booked.sequence, `SEQUENCE rose: ${booked.sequence} → ${moved.sequence}`);
    assert.notEqual(moved.start, booked.start);
    await shootStep(page, SHOTS, '17-booking-moved', { ready: (p) => p.locator('.appointment-when').waitFor() });

    await pressByKeyboard(page, 'Cancel the appointment');
    await pressByKeyboard(page, 'Yes, cancel it');
    await page.getByText('Your appointment is cancelled. We sent you a confirmation.').waitFor();
    await shootStep(page, SHOTS, '18-booking-cancelled');
    const cancelled = await ics(token);
    assert.equal(cancelled.method, 'CANCEL');
    assert.ok(cancelled.sequence > moved.sequence);
    const view = await (await fetch(`${server.base}/api/v1/bookings/${token}`)).json();
    assert.equal(view.status, 'cancelled');
    assert.equal(view.session_id, id);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});
