// Looks at the built staff pages without a server: Chromium loads dist/ through a request
// interceptor that also plays the auth API, then screenshots each state in each language.
// Usage: node scripts/preview.mjs [outDir]   (after `npm run build`; needs tests/e2e's playwright-core)
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { extname, join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const require = createRequire(join(ROOT, '..', 'tests', 'e2e', 'package.json'));
const { chromium } = require('playwright-core');
const DIST = join(ROOT, 'dist');
const OUT = resolve(process.argv[2] ?? join(ROOT, '..', 'var', 'ui-preview'));
mkdirSync(OUT, { recursive: true });

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png' };
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self' ws: wss:; frame-ancestors 'none'";

function user(roles, name = 'Camille Durand') {
  const now = Date.now();
  return { id: 'u1', username: 'cdurand', display_name: name, roles, expires_at: now + 8 * 3600e3, idle_expires_at: now + 30 * 60e3, reauth_valid_until: now };
}
const problem = (status, code, extra = {}) => ({ status, contentType: 'application/problem+json', body: JSON.stringify({ type: `urn:videokyc:problem:${code}`, title: 'x', status, code, detail: 'English detail that must never show', ...extra }) });

async function open(browser, { viewport, lang, session = null, meCode = 'unauthenticated' }) {
  const context = await browser.newContext({ viewport, locale: lang, colorScheme: 'light' });
  const page = await context.newPage();
  const violations = [];
  page.on('console', (m) => { if (/Content Security Policy|i18n/.test(m.text())) violations.push(m.text()); });
  let current = session;
  await page.route('http://ui.test/**', async (route) => {
    const url = new URL(route.request().url());
    const p = url.pathname;
    if (p.startsWith('/api/')) {
      const body = route.request().postDataJSON?.() ?? null;
      if (p === '/api/v1/auth/me') return route.fulfill(current ? { status: 200, contentType: 'application/json', body: JSON.stringify(current) } : problem(401, meCode));
      if (p === '/api/v1/auth/login') {
        if (body.password === 'locked') return route.fulfill(problem(423, 'account_locked', { retry_after_seconds: 840 }));
        if (body.password !== 'right') return route.fulfill(problem(401, 'invalid_credentials'));
        if (body.code === '000000') return route.fulfill(problem(401, 'invalid_code'));
        if (body.code === '111111') return route.fulfill(problem(401, 'code_already_used'));
        current = user(['agent']);
        return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(current) });
      }
      if (p.startsWith('/api/v1/auth/logout')) { current = null; return route.fulfill({ status: 204 }); }
      return route.fulfill(problem(404, 'not_found'));
    }
    let file = join(DIST, p);
    if (!existsSync(file) || statSync(file).isDirectory()) file = p.startsWith('/staff') ? join(DIST, 'staff', 'index.html') : join(file, 'index.html');
    return route.fulfill({ status: 200, contentType: TYPES[extname(file)] ?? 'application/octet-stream', body: readFileSync(file), headers: { 'content-security-policy': CSP } });
  });
  return { page, violations };
}

const browser = await chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
const desktop = { width: 1280, height: 800 };
const wide = { width: 1920, height: 1080 };
const phone = { width: 390, height: 844 };
const problems = [];
const shot = async (page, name) => page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });

for (const lang of ['en', 'fr', 'vi']) {
  for (const [vname, viewport] of [['desktop', desktop], ['phone', phone]]) {
    let { page, violations } = await open(browser, { viewport, lang });
    await page.goto('http://ui.test/staff/');
    await page.waitForSelector('form.login-form');
    await shot(page, `${lang}-${vname}-login`);
    await page.click('button[type=submit]');
    await page.waitForSelector('.field-error');
    await shot(page, `${lang}-${vname}-login-missing`);
    await page.fill('#login-username', 'cdurand');
    await page.fill('#login-password', 'right');
    await page.fill('#login-code', '000000');
    await page.click('button[type=submit]');
    await page.waitForSelector('.message.error');
    await shot(page, `${lang}-${vname}-login-invalid-code`);
    await page.fill('#login-password', 'locked');
    await page.fill('#login-code', '123456');
    await page.click('button[type=submit]');
    await page.waitForFunction(() => document.querySelector('[role=alert]')?.textContent.match(/\d/));
    await shot(page, `${lang}-${vname}-login-locked`);
    await page.click('.code-switch button');
    await shot(page, `${lang}-${vname}-login-recovery`);
    problems.push(...violations);
    await page.context().close();

    ({ page, violations } = await open(browser, { viewport, lang, meCode: 'session_expired' }));
    await page.goto('http://ui.test/staff/review');
    await page.waitForSelector('form.login-form');
    await shot(page, `${lang}-${vname}-login-session-expired`);
    problems.push(...violations);
    await page.context().close();
  }
  for (const [vname, viewport] of [['desktop', desktop], ['wide', wide], ['phone', phone]]) {
    const { page, violations } = await open(browser, { viewport, lang, session: user(['supervisor', 'auditor', 'admin', 'agent'], 'Nguyễn Thị Minh Khai') });
    await page.goto('http://ui.test/staff/');
    await page.waitForSelector('.shell-main h1');
    await shot(page, `${lang}-${vname}-shell-all-roles`);
    await page.click('.user-menu-button');
    await shot(page, `${lang}-${vname}-shell-menu`);
    problems.push(...violations);
    await page.context().close();
  }
  const { page, violations } = await open(browser, { viewport: desktop, lang, session: user(['agent']) });
  await page.goto('http://ui.test/staff/admin');
  await page.waitForSelector('.shell-main h1');
  await shot(page, `${lang}-desktop-forbidden`);
  problems.push(...violations);
  await page.context().close();
}
await browser.close();
console.log(`screenshots in ${OUT}`);
if (problems.length) {
  console.error('console problems:\n' + problems.join('\n'));
  process.exit(1);
}
