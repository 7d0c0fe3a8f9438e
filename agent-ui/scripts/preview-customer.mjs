// Looks at the built customer pages (/id/ and /booking/) without a server: Chromium loads dist/
// through a request interceptor that plays the customer API with fixed answers, and each step is
// opened directly (the journey resumes at the step this tab remembers when the answers allow it),
// then screenshotted on a phone in en, fr and vi. For reviewing the layout and the texts; the
// real walk against the real server is tests/e2e/journey.test.mjs.
// Usage: node scripts/preview-customer.mjs [outDir]   (after `vite build`; needs tests/e2e's playwright-core)
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(join(ROOT, '..', 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');
const DIST = join(ROOT, 'dist');
const AXE = readFileSync(join(ROOT, '..', 'tests', 'e2e', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
const CONSENT_DIR = join(ROOT, '..', 'profiles', 'consent');
const OUT = resolve(process.argv[2] ?? join(ROOT, '..', 'var', 'customer-preview'));
mkdirSync(OUT, { recursive: true });

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'";
const SESSION = 'sess-preview';
const TOKEN = 'a'.repeat(64);
const BOOKING_TOKEN = 'b'.repeat(64);
const json = (status, body) => ({ status, contentType: 'application/json', body: JSON.stringify(body) });

const day = (n, h) => {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + n);
  d.setUTCHours(h, 0, 0, 0);
  return d.toISOString();
};
const slot = (start) => ({ start, end: new Date(Date.parse(start) + 20 * 60e3).toISOString(), local_start: start, capacity: 2, free: 1 });

const applicant = {
  surname: 'JOERGENSEN',
  given_names: 'SOEREN OESTERGAARD',
  date_of_birth: '1976-01-24',
  nationality: 'DNK',
  address: { line1: 'Nørregade 12', postal_code: '1165', city: 'København', country: 'DNK' },
  email: 'soeren@example.org',
  phone: '+45 20 12 34 56',
};
const documents = [
  { id: 'd1', doc_type: 'id_card', side: 'front', created_at: 1, check_digits_ok: null },
  { id: 'd2', doc_type: 'id_card', side: 'back', created_at: 2, check_digits_ok: true },
];

/** What the fixed server answers in each scenario. */
function scenario(name) {
  const consent = !['welcome', 'consent'].includes(name);
  const docs = ['details', 'document-type', 'document-front'].includes(name) ? [] : documents;
  const submitted = ['device', 'choose', 'booked', 'waiting', 'result'].includes(name);
  return {
    journey: {
      session_id: SESSION,
      status: name === 'result' ? 'final' : 'created',
      language: 'en',
      languages: ['en', 'fr', 'vi'],
      profile: 'basic',
      documents_allowed: ['passport', 'id_card', 'residence_permit'],
      consent_given: consent,
      application: consent ? { state: submitted ? 'submitted' : 'draft', mrz_review: submitted ? 'confirmed' : 'none' } : null,
      documents: docs,
      queue_entry: name === 'waiting' ? 'entry-1' : null,
      booking: name === 'booked' ? booking() : null,
      return_url: 'https://bank.example/kyc/done',
    },
    documents: docs,
    application: {
      state: submitted ? 'submitted' : 'draft',
      mrz_review: name === 'review' ? 'pending' : 'none',
      applicant: name === 'details' ? { ...applicant, surname: undefined, given_names: undefined, date_of_birth: undefined, nationality: undefined } : { ...applicant, given_names: name === 'review' ? 'SØREN' : applicant.given_names },
      errors: [],
      missing: [],
      prefilled: ['email'],
      from_mrz: name === 'review' ? ['surname', 'date_of_birth', 'nationality'] : [],
      mrz_comparison:
        name === 'review'
          ? [
              { field: 'surname', status: 'filled_from_mrz', mrz: 'JOERGENSEN', application: null },
              { field: 'given_names', status: 'mismatch', mrz: 'SOEREN OESTERGAARD', application: 'SØREN' },
              { field: 'date_of_birth', status: 'filled_from_mrz', mrz: '1976-01-24', application: null },
              { field: 'nationality', status: 'equal', mrz: 'DNK', application: 'DNK' },
            ]
          : [],
      updated_at: 1,
      submitted_at: submitted ? 2 : null,
      history: [],
    },
  };
}

const booking = (status = 'booked') => ({ id: 'bk1', status, start: day(2, 9), end: day(2, 9.33), local_start: day(2, 9), customer_tz: 'Europe/Paris', needs: [], sequence: 0, checked_in: false, session_id: SESSION });

function consentTexts(lang) {
  return ['processing', 'recording', 'biometrics'].map((kind) => {
    const text = readFileSync(join(CONSENT_DIR, `${kind}.${lang}.md`), 'utf8');
    return { kind, language: lang, version: createHash('sha256').update(text).digest('hex'), text };
  });
}

async function open(browser, name, lang) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, locale: lang, timezoneId: 'Europe/Paris', colorScheme: 'light' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(String(e)));
  page.on('console', (m) => m.type() === 'error' && problems.push(m.text()));
  const s = scenario(name);
  await page.route('http://localhost:9/**', async (route) => {
    const url = new URL(route.request().url());
    const p = url.pathname;
    const method = route.request().method();
    if (p.startsWith('/api/')) {
      if (p === '/api/v1/journey' || p === `/api/v1/sessions/${SESSION}/journey`) return route.fulfill(json(200, s.journey));
      if (p === '/api/v1/consent-texts') return route.fulfill(json(200, consentTexts(url.searchParams.get('lang') ?? 'en')));
      if (p === `/api/v1/sessions/${SESSION}/consents`) return route.fulfill(json(200, []));
      if (p === `/api/v1/sessions/${SESSION}/application`) return route.fulfill(json(200, s.application));
      if (p === `/api/v1/sessions/${SESSION}/documents`) return route.fulfill(json(200, s.documents));
      if (p === `/api/v1/sessions/${SESSION}/ice-servers`) return route.fulfill(json(200, { ice_servers: [], ttl_secs: 600 }));
      if (p === '/api/v1/queue/estimate') return route.fulfill(json(200, { position: 3, estimated_wait_ms: 7 * 60e3, agents_available: 2, next_slots: [slot(day(1, 8)), slot(day(1, 8.34)), slot(day(2, 13))] }));
      if (p === '/api/v1/slots') return route.fulfill(json(200, [8, 9, 10, 14, 15].map((h) => slot(day(3, h)))));
      if (p === `/api/v1/sessions/${SESSION}/result`) return route.fulfill(json(200, { status: 'final', outcome: 'approved', return_url: 'https://bank.example/kyc/done', passkey_enrollment: true, passkeys: 0 }));
      if (p === `/api/v1/bookings/${BOOKING_TOKEN}`) return route.fulfill(json(200, booking(method === 'DELETE' ? 'cancelled' : 'booked')));
      if (p === '/readyz' || p === '/healthz') return route.fulfill({ status: 200, body: 'ok' });
      return route.fulfill(json(404, { code: 'not_found', status: 404, title: 'x', type: 'x' }));
    }
    if (p === '/healthz' || p === '/readyz') return route.fulfill({ status: 200, body: 'ok' });
    let file = join(DIST, p);
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(file, 'index.html');
    if (!existsSync(file)) return route.fulfill({ status: 404, body: 'not found' });
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file), headers: { 'content-security-policy': CSP } });
  });
  // The call's socket goes nowhere; the queue socket (registered later: it wins) gives a place.
  await page.routeWebSocket(/\/ws$/, () => undefined);
  await page.routeWebSocket(/\/api\/v1\/queue\/ws$/, (ws) => {
    ws.onMessage(() => {
      ws.send(JSON.stringify({ type: 'customer_ready', entry_id: 'entry-1' }));
      ws.send(JSON.stringify({ type: 'position', position: 2, estimated_wait_ms: 4 * 60e3 }));
    });
  });
  // A document step without a document yet is reached from the form, as a customer does.
  const step = { 'document-type': 'details', 'document-front': 'details', 'document-done': 'document' }[name] ?? name;
  await context.addInitScript(
    ({ session, step, kept }) => {
      sessionStorage.setItem(`vkyc.step.${session}`, step);
      if (kept) localStorage.setItem(`vkyc.booking.${session}`, JSON.stringify(kept));
    },
    { session: SESSION, step, kept: name === 'booked' ? { token: BOOKING_TOKEN, manage_url: `http://localhost:9/booking/#t=${BOOKING_TOKEN}`, start: day(2, 9), tz: 'Europe/Paris' } : null },
  );
  return { context, page, problems };
}

const SHOTS = ['welcome', 'consent', 'details', 'document-type', 'document-front', 'document-done', 'review', 'device', 'choose', 'waiting', 'booked', 'result', 'booking-page'];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'],
});
const only = process.env.ONLY?.split(',');
const failures = [];
for (const name of SHOTS.filter((n) => !only || only.includes(n))) {
  for (const lang of ['en', 'fr', 'vi']) {
    const { context, page, problems } = await open(browser, name, lang);
    const url = name === 'booking-page' ? `http://localhost:9/booking/#t=${BOOKING_TOKEN}` : `http://localhost:9/id/#t=${TOKEN}`;
    await page.goto(url);
    await page.locator('h1').first().waitFor();
    if (name.startsWith('document-') && name !== 'document-done') {
      await page.locator('form button[type=submit]').click();
      await page.getByRole('radio').nth(1).waitFor();
    }
    if (name === 'document-front') {
      await page.getByRole('radio').nth(1).check();
      await page.locator('form button[type=submit]').click();
      await page.locator('.capture h2').waitFor();
    }
    await page.waitForTimeout(name === 'device' ? 2500 : 800);
    await page.evaluate(() => document.fonts.ready);
    // axe-core, as the e2e walk runs it: serious and critical violations are reported.
    await page.evaluate(AXE);
    const bad = await page.evaluate(async () =>
      (await window.axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] })).violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`),
    );
    if (bad.length) failures.push(`${name} ${lang} axe: ${bad.join(' | ')}`);
    await page.screenshot({ path: join(OUT, `${name}-${lang}.png`), fullPage: true });
    if (problems.length) failures.push(`${name} ${lang}: ${problems.join(' | ')}`);
    await context.close();
  }
}
await browser.close();
console.log(`screenshots in ${OUT}`);
if (failures.length) {
  console.error(failures.join('\n'));
  process.exitCode = 1;
}
