// Bad input on the customer's phone: every form field refuses garbage with the server's code,
// shown translated; a reload mid-form loses nothing; an upload that is not an image, one that is
// too large, and a photo without a document each get problem+json and a translated message.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launchBrowser, startServer, startSidecar } from './harness.mjs';
import { byLabel, openPhone, shootStep, switchLanguage } from './phone.mjs';

const SHOTS = join(import.meta.dirname, 'screenshots', 'journey');
let sidecar;
let server;
let browser;

before(async () => {
  sidecar = await startSidecar();
  server = await startServer({ env: sidecar.env });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await sidecar?.stop();
});

/** A customer who consented, at the form. */
async function atTheForm() {
  const created = await server.api('POST', '/api/v1/identifications', {});
  assert.equal(created.status, 201, JSON.stringify(created.body));
  await server.consent(created.body.id, created.body.link.token);
  const phone = await openPhone(browser);
  await phone.page.goto(`${server.base}/id/#t=${created.body.link.token}`);
  await phone.page.getByRole('heading', { level: 1, name: 'Your details' }).waitFor({ timeout: 30_000 });
  return { ...phone, id: created.body.id, token: created.body.link.token };
}

const errorOf = (page, id) => page.locator(`#${id}-error`).innerText();

/**
 * The problem's code for the same upload sent again from here (the browser's copy of a refused
 * upload's answer is not always kept by Chromium's inspector). Nothing is stored either way.
 */
async function codeOf(session, token, file) {
  const r = await fetch(`${server.base}/api/v1/sessions/${session}/documents?side=front&type=passport`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'image/jpeg' },
    body: readFileSync(file),
  });
  return (await r.json()).code;
}

test('every field refuses garbage with its own translated message, and a reload mid-form loses nothing', async () => {
  const { page, context } = await atTheForm();
  try {
    const garbage = [
      ['Surname', 'R2-D2', 'f-surname', 'Use letters only (hyphens, apostrophes and spaces are fine).'],
      ['Given names', '<script>', 'f-given_names', 'Use letters only (hyphens, apostrophes and spaces are fine).'],
      ['Postcode', '75002!', 'f-address-postal_code', 'A postcode has letters, digits, spaces and hyphens only.'],
      ['Town or city', '12345', 'f-address-city', 'Enter the name of a town or city.'],
      ['E-mail address', 'not an address', 'f-email', 'Enter an e-mail address like name@example.com.'],
      ['Mobile phone number', '0123', 'f-phone', 'Enter the number with its country code, like +44 7700 900123.'],
    ];
    for (const [label, value] of garbage) await byLabel(page, label).fill(value);
    await page.getByLabel('Day').fill('31');
    await page.getByLabel('Month').fill('2');
    await page.getByLabel('Year').fill('1990');
    // Control characters in an address line (a paste from somewhere odd).
    await byLabel(page, 'Street and number').fill('12 rue\u0007 de la Paix');

    // Reloaded before the draft's pause: everything typed is still there.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your details' }).waitFor();
    for (const [label, value] of garbage) assert.equal(await byLabel(page, label).inputValue(), value, `${label} survived the reload`);
    assert.equal(await page.getByLabel('Day').inputValue(), '31');

    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText(/Please correct \d+ fields:/).waitFor({ timeout: 20_000 });
    for (const [label, , id, message] of garbage) assert.equal(await errorOf(page, id), message, label);
    assert.equal(await errorOf(page, 'f-date_of_birth'), 'Enter a real date: day, month and a year of 4 digits.');
    assert.equal(await errorOf(page, 'f-address-line1'), 'This address contains characters that cannot be used.');
    assert.equal(await page.getByLabel('E-mail address').getAttribute('aria-invalid'), 'true');
    await shootStep(page, SHOTS, '20-details-errors');
    // The same codes, in French.
    await switchLanguage(page, 'fr');
    assert.equal(await errorOf(page, 'f-phone'), 'Indiquez le numéro avec l’indicatif du pays, comme +33 6 12 34 56 78.');
    await switchLanguage(page, 'en');
    assert.equal(new URL(page.url()).hash.startsWith('#t='), true);
  } finally {
    await context.close();
  }
});

test('an upload that is not an image, or too large, or shows no document, gets its own message', async () => {
  const { page, context, id, token } = await atTheForm();
  const dir = mkdtempSync(join(tmpdir(), 'vkyc-uploads-'));
  try {
    // The form is complete enough to move on; the identity fields come from the document.
    await byLabel(page, 'Street and number').fill('12 rue de la Paix');
    await byLabel(page, 'Town or city').fill('Paris');
    await byLabel(page, 'Country').selectOption('FRA');
    await byLabel(page, 'E-mail address').fill('ana@example.org');
    await byLabel(page, 'Mobile phone number').fill('+33 6 12 34 56 78');
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByRole('heading', { level: 1, name: 'Your ID document' }).waitFor({ timeout: 20_000 });
    await page.getByRole('radio', { name: /Passport/ }).check();
    await page.getByRole('button', { name: 'Continue' }).click();
    const input = page.locator('input[type=file]');
    const alert = page.locator('.capture .message.error .strong');

    const text = join(dir, 'letter.txt');
    writeFileSync(text, 'Dear bank, here is my passport.\n'.repeat(50));
    const [notImage] = await Promise.all([page.waitForResponse((r) => r.url().includes('/documents?')), input.setInputFiles(text)]);
    assert.equal(notImage.status(), 415);
    assert.match(notImage.headers()['content-type'], /application\/problem\+json/);
    assert.equal(await codeOf(id, token, text), 'unsupported_image');
    assert.equal(await alert.innerText(), 'This file is not a photo. Upload a JPEG or PNG image.');
    await shootStep(page, SHOTS, '21-upload-not-an-image');
    await page.getByRole('button', { name: 'Take the photo again' }).click();

    const big = join(dir, 'huge.jpg');
    const bytes = Buffer.alloc(13 * 1024 * 1024, 0);
    bytes.set([0xff, 0xd8, 0xff, 0xe0]);
    writeFileSync(big, bytes);
    const [tooLarge] = await Promise.all([page.waitForResponse((r) => r.url().includes('/documents?')), input.setInputFiles(big)]);
    assert.equal(tooLarge.status(), 413);
    assert.match(tooLarge.headers()['content-type'], /application\/problem\+json/);
    assert.equal(await alert.innerText(), 'This photo is too large. Upload a photo smaller than 12 MB.');
    await page.getByRole('button', { name: 'Take the photo again' }).click();

    // A real photo of a table: the reader finds no document; the page says to retake it.
    const [noDoc] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/documents?'), { timeout: 60_000 }),
      input.setInputFiles(join(ROOT, 'tests', 'fixtures', 'documents', 'doc_027.jpg')),
    ]);
    assert.equal(noDoc.status(), 422);
    assert.equal(await codeOf(id, token, join(ROOT, 'tests', 'fixtures', 'documents', 'doc_027.jpg')), 'no_document');
    assert.equal(await alert.innerText(), 'We cannot see a document in the photo.');
    await page.getByText('Tips: good light without reflections').waitFor();
    await shootStep(page, SHOTS, '22-upload-retake');
    // Nothing refused was kept.
    const docs = await fetch(`${server.base}/api/v1/sessions/${id}/documents`, { headers: { authorization: `Bearer ${token}` } });
    assert.deepEqual(await docs.json(), []);
  } finally {
    await context.close();
  }
});
