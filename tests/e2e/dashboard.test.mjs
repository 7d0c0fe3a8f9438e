// The supervisors' dashboard in a real browser against the real server. Today's figures are made
// the real way through the API: sessions queued and taken by two agents (queue → offer → accept →
// end of call → decision), one left undecided, two that left the queue before an agent took them.
// Earlier days' volume (approvals need a real call's evidence, and days cannot be made to pass)
// is inserted into the server's SQLite tables the stats read (sessions, session_index,
// sched_queue), as the archive benchmark does. Then: the page's cards and tables equal the
// server's /api/v1/stats answer, the three charts drew on their canvases, axe-core finds no
// serious or critical problem, the page in en/fr/vi shows no English string of the catalogues in
// fr/vi; supervisors and auditors may open it (policy: `read_stats`), agents meet "No access"
// and the API's 403. Screenshots go to screenshots/review/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, startServer } from './harness.mjs';
import { axeProblems, englishOnScreen } from './console-kit.mjs';
import { openAs } from './review-ui.mjs';

const SHOTS = join(import.meta.dirname, 'screenshots', 'review');
const DAY = 86_400_000;
const ENV = { VKYC_AUTH__LOGIN_PER_MINUTE_PER_IP: '600' };
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

let server;
let browser;
const staff = {};

before(async () => {
  mkdirSync(SHOTS, { recursive: true });
  server = await startServer({ env: ENV });
  browser = await launchBrowser();
  for (const [key, id, roles, name] of [
    ['supervisor', 'sv.dash', ['supervisor'], 'Sam Supervisor'],
    ['auditor', 'au.dash', ['auditor'], 'Alex Auditor'],
  ]) {
    const s = server.createStaff({ id, roles, name });
    staff[key] = { ...s, cookie: await server.login(s) };
  }
  staff.anna = await agent('anna', 'Anna Novak');
  staff.ben = await agent('ben', 'Ben Okafor');
  await seedToday();
  seedHistory();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** An agent on the roster with a display name, signed in (the harness's `agent` names them by id). */
async function agent(id, name) {
  const s = server.createStaff({ id, roles: ['agent'], name });
  await ok(server.api('PUT', `/api/v1/agents/${id}`, { tz: 'UTC', skills: [] }), 'roster');
  return { ...s, cookie: await server.login(s) };
}

async function ok(res, what, status = [200, 201, 204]) {
  const r = await res;
  assert.ok(status.includes(r.status), `${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** Today's sessions, made through the API as the console and an integrator make them. */
async function seedToday() {
  const profiles = await ok(server.staffApi(staff.anna.cookie, 'GET', '/api/v1/profiles'), 'profiles');
  const basic = profiles.find((p) => p.id === 'basic');
  // Two customers leave the queue before anyone takes them (no agent is available yet).
  for (let i = 0; i < 2; i++) {
    const s = await ok(server.api('POST', '/api/v1/sessions', {}), 'session');
    const q = await ok(server.api('POST', '/api/v1/queue', { session_id: s.id }), 'queue');
    await sleep(200);
    await ok(server.api('DELETE', `/api/v1/queue/${q.entry_id}`), 'leave queue');
  }
  // Taken, talked to, decided: waits, handling and wrap-up times of some hundreds of ms.
  const plan = [
    [staff.anna, 'rejected', basic.reasons.reject[0]],
    [staff.anna, 'inconclusive', basic.reasons.inconclusive[0]],
    [staff.ben, 'rejected', basic.reasons.reject[0]],
    [staff.ben, null, null],
  ];
  for (const [agent, outcome, reason] of plan) {
    const s = await ok(server.api('POST', '/api/v1/sessions', {}), 'session');
    await server.assign(s.id, agent);
    await sleep(1200);
    await ok(server.staffApi(agent.cookie, 'POST', '/api/v1/me/end-call'), 'end call');
    await sleep(400);
    if (outcome) await ok(server.staffApi(agent.cookie, 'POST', `/api/v1/sessions/${s.id}/decision`, { outcome, reasons: [reason] }), 'decision');
    else await ok(server.staffApi(agent.cookie, 'POST', '/api/v1/me/wrap-up-done'), 'wrap-up done');
    await ok(server.staffApi(agent.cookie, 'PUT', '/api/v1/me/presence', { state: 'offline' }), 'offline', [200, 204, 409]);
  }
}

/** Earlier days: rows in the tables the figures are read from, for a month's volume. */
function seedHistory() {
  const today = Date.parse(`${new Date().toISOString().slice(0, 10)}T00:00:00Z`);
  const outcomes = ['approved', 'approved', 'approved', 'rejected', 'inconclusive', null];
  const sql = ['BEGIN;'];
  let n = 0;
  for (let back = 1; back <= 24; back++) {
    const perDay = 1 + ((back * 7) % 5);
    for (let k = 0; k < perDay; k++) {
      const id = `hist${String(++n).padStart(28, '0')}`;
      const agent = k % 2 ? 'ben' : 'anna';
      const created = today - back * DAY + (9 + k) * 3_600_000;
      const outcome = outcomes[(back + k) % outcomes.length];
      const wait = 20_000 + ((back * 13 + k * 29) % 120) * 1000;
      const handling = 6 * 60_000 + ((back * 17 + k * 11) % 9) * 60_000;
      const o = outcome ? `'${outcome}'` : 'NULL';
      sql.push(
        `INSERT INTO sessions (id, status, external_ref, profile, profile_version, created_at, started_at, ended_at, end_reason) VALUES ('${id}', 'ended', NULL, 'basic', 'v', ${created}, ${created}, ${created + wait + handling}, NULL);`,
        `INSERT INTO session_index (session_id, created_at, status, profile, agent_id, outcome, decision_status, decided_at, review) VALUES ('${id}', ${created}, 'ended', 'basic', '${agent}', ${o}, ${outcome ? "'final'" : 'NULL'}, ${outcome ? created + wait + handling + 60_000 : 'NULL'}, 'none');`,
        `INSERT INTO sched_queue (id, session_id, needs, joined_ms, seq, priority, status, skipped, agent_id, connected_ms, ended_ms) VALUES ('q-${id}', '${id}', '{}', ${created}, ${1000 + n}, 1, 'done', '[]', '${agent}', ${created + wait}, ${created + wait + handling});`,
      );
    }
    if (back % 4 === 0) {
      sql.push(`INSERT INTO sched_queue (id, session_id, needs, joined_ms, seq, priority, status, skipped) VALUES ('q-left-${back}', 'gone-${back}', '{}', ${today - back * DAY + 3_600_000}, ${5000 + back}, 1, 'left', '[]');`);
    }
  }
  sql.push('COMMIT;');
  execFileSync('sqlite3', ['-cmd', '.timeout 10000', join(server.dataDir, 'e2e.db')], { input: sql.join('\n') });
}

/** The default range as the page asks for it: the last 30 UTC days, today included. */
function defaultRange() {
  const today = new Date().toISOString().slice(0, 10);
  const end = Date.parse(`${today}T00:00:00Z`) + DAY;
  return { from: end - 30 * DAY, to: end };
}

// The page's formatting, restated: what a reader should see for the API's numbers (en-GB).
const pct = (r) => (r === null || r === undefined ? '–' : new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 1 }).format(r));
function dur(ms) {
  if (ms === null || ms === undefined) return '–';
  const u = (n, unit) => `${n}\u00a0${unit}`; // number and unit kept together (a no-break space)
  if (ms < 9_950) return u(new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 }).format(Math.round(ms / 100) / 10), 's');
  const s = Math.round(ms / 1000);
  if (s < 60) return u(s, 's');
  if (s < 3600) return s % 60 ? `${u(Math.floor(s / 60), 'min')} ${u(s % 60, 's')}` : u(s / 60, 'min');
  const m = Math.round(s / 60);
  return m % 60 ? `${u(Math.floor(m / 60), 'h')} ${u(m % 60, 'min')}` : u(m / 60, 'h');
}

async function cardValue(page, label) {
  const card = page.locator('.figure-card').filter({ has: page.locator('dt', { hasText: label }) });
  return { value: (await card.locator('.figure').textContent()).trim(), sub: (await card.locator('.figure-sub').textContent()).trim() };
}

/** Per canvas: its size and how many pixels are not blank (uPlot draws axes, bars and lines). */
async function canvases(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('.chart-canvas')].map((box) => {
      const c = box.querySelector('canvas');
      if (!c) return { chart: box.dataset.chart, width: 0, inked: 0 };
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let inked = 0;
      for (let i = 3; i < d.length; i += 4) if (d[i] > 0) inked++;
      return { chart: box.dataset.chart, width: c.width, inked, label: box.getAttribute('aria-label') };
    }),
  );
}

test('a supervisor’s dashboard shows the same figures as the stats API, charts drawn, no accessibility problem', async () => {
  const { page, problems, context } = await openAs(browser, server, staff.supervisor, '/staff/review');
  await page.getByRole('navigation', { name: 'Review pages' }).getByRole('link', { name: 'Dashboard' }).waitFor();
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/stats'),
    page.getByRole('navigation', { name: 'Review pages' }).getByRole('link', { name: 'Dashboard' }).click(),
  ]);
  assert.equal(response.status(), 200);
  const pageAnswer = await response.json();
  const range = defaultRange();
  assert.deepEqual([pageAnswer.from, pageAnswer.to], [range.from, range.to], 'the page asks for the last 30 UTC days');
  // The same question asked directly gives the same figures.
  const api = await ok(server.staffApi(staff.supervisor.cookie, 'GET', `/api/v1/stats?from=${range.from}&to=${range.to}`), 'stats');
  assert.deepEqual(pageAnswer, api);
  const total = api.total;
  assert.ok(total.sessions >= 40 && total.abandoned >= 2 && total.wrap_up_p50_ms !== null, `seeded figures: ${JSON.stringify(total)}`);
  await page.getByRole('table', { name: 'Per agent' }).waitFor();

  // Cards: the totals, as written for people.
  assert.equal((await cardValue(page, 'Sessions')).value, String(total.sessions));
  assert.equal((await cardValue(page, 'Approved')).value, pct(total.approve_rate));
  assert.equal((await cardValue(page, 'Rejected')).value, pct(total.reject_rate));
  assert.equal((await cardValue(page, 'Inconclusive')).value, pct(total.inconclusive_rate));
  const abandoned = await cardValue(page, 'Abandoned in the queue');
  assert.equal(abandoned.value, pct(total.abandonment_rate));
  assert.equal(abandoned.sub, `${total.abandoned} of ${total.queue_entries} queue entries`);
  for (const [label, key] of [['Queue wait (median)', 'wait'], ['Handling time (median)', 'handling'], ['Wrap-up time (median)', 'wrap_up']]) {
    const c = await cardValue(page, label);
    assert.deepEqual(c, { value: dur(total[`${key}_p50_ms`]), sub: `90th percentile: ${dur(total[`${key}_p90_ms`])}` }, label);
  }

  // Tables: one row per agent (and the entries no agent took), one per day with sessions.
  const agentRows = await page.getByRole('table', { name: 'Per agent' }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent.trim())));
  assert.equal(agentRows.length, api.by_agent.length);
  for (const f of api.by_agent) {
    const row = agentRows.find((r) => (f.agent_id ? r[0].includes(f.agent_id) : r[0] === 'Not taken by an agent'));
    assert.ok(row, `a row for ${f.agent_id}`);
    assert.equal(row[1], String(f.sessions));
    assert.equal(row[5], f.abandonment_rate === null ? String(f.abandoned) : `${f.abandoned} (${pct(f.abandonment_rate)})`);
    assert.equal(row[6], f.wait_p50_ms === null && f.wait_p90_ms === null ? '–' : `${dur(f.wait_p50_ms)} / ${dur(f.wait_p90_ms)}`);
    assert.equal(row[8], f.wrap_up_p50_ms === null && f.wrap_up_p90_ms === null ? '–' : `${dur(f.wrap_up_p50_ms)} / ${dur(f.wrap_up_p90_ms)}`);
  }
  const dayRows = await page.getByRole('table', { name: 'Per day' }).locator('tbody tr').evaluateAll((trs) => trs.map((tr) => [tr.querySelector('time')?.getAttribute('datetime'), tr.children[1].textContent.trim(), tr.children[2].textContent.trim()]));
  assert.deepEqual(
    dayRows,
    api.by_day.map((f) => [f.day, String(f.sessions), f.approve_rate === null || f.approve_rate === undefined ? String(f.approved) : `${f.approved} (${pct(f.approve_rate)})`]),
  );

  // Charts: three canvases with ink on them, each named in words.
  const drawn = await canvases(page);
  assert.deepEqual(drawn.map((c) => c.chart), ['chart-volume', 'chart-wait', 'chart-times']);
  for (const c of drawn) {
    assert.ok(c.width > 200 && c.inked > 2000, `${c.chart} drew: ${JSON.stringify(c)}`);
    assert.ok(c.label.length > 40, `${c.chart} has a text alternative`);
  }
  assert.match(drawn[0].label, new RegExp(`over 30 days: ${total.sessions} sessions, ${total.approved} approved`));

  await page.screenshot({ path: join(SHOTS, '08-dashboard.png'), fullPage: true });
  assert.deepEqual(await axeProblems(page), []);
  // On a phone: cards and charts in one column, the charts redrawn to the narrower width.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.waitForFunction(() => [...document.querySelectorAll('.chart-canvas canvas')].every((c) => c.getBoundingClientRect().right <= window.innerWidth));
  await page.screenshot({ path: join(SHOTS, '10-dashboard-narrow.png'), fullPage: true });
  assert.deepEqual(await axeProblems(page), [], 'axe, narrow');
  await page.setViewportSize({ width: 1280, height: 800 });

  // One agent: the page asks for their figures only, and says which period it shows.
  await page.getByLabel('Agent', { exact: true }).selectOption('ben');
  await Promise.all([page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/stats' && r.url().includes('agent=ben')), page.getByRole('button', { name: 'Show' }).click()]);
  assert.match(page.url(), /\/staff\/review\/dashboard\?agent=ben$/);
  const ben = await ok(server.staffApi(staff.supervisor.cookie, 'GET', `/api/v1/stats?from=${range.from}&to=${range.to}&agent=ben`), 'stats of ben');
  await page.locator('.figure-card .figure').first().filter({ hasText: String(ben.total.sessions) }).waitFor();
  assert.equal((await cardValue(page, 'Sessions')).value, String(ben.total.sessions));

  // A period without sessions.
  await page.goto(`${server.base}/staff/review/dashboard?from=2020-01-01&to=2020-01-31`);
  await page.getByText('No sessions in this period.').waitFor();
  assert.equal(await page.locator('.chart-canvas').count(), 0);
  assert.deepEqual(await axeProblems(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test('the dashboard in French and Vietnamese shows no English string and formats numbers there', async () => {
  for (const [lang, locale, title] of [['fr', 'fr-FR', 'Tableau de bord'], ['vi', 'vi-VN', 'Bảng số liệu']]) {
    const { page, problems, context } = await openAs(browser, server, staff.supervisor, '/staff/review/dashboard', { locale });
    await page.getByRole('heading', { level: 1, name: title }).waitFor();
    await page.locator('.chart-canvas canvas').nth(2).waitFor();
    await page.screenshot({ path: join(SHOTS, `09-dashboard-${lang}.png`), fullPage: true });
    assert.deepEqual(await englishOnScreen(page, lang), [], `${lang}: English on screen`);
    assert.deepEqual(await axeProblems(page), [], `${lang}: axe`);
    assert.deepEqual(problems, [], `${lang}: console`);
    await context.close();
  }
});

test('an auditor follows a staff member’s page to the audit log filtered to that person', async () => {
  const { page, problems, context } = await openAs(browser, server, staff.auditor, '/staff/admin/anna');
  await page.getByRole('heading', { level: 1, name: 'Anna Novak' }).waitFor();
  const [response] = await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/audit'),
    page.getByRole('link', { name: 'Access log of this person' }).click(),
  ]);
  assert.equal(new URL(response.url()).searchParams.get('actor'), 'staff:anna');
  assert.match(page.url(), /\/staff\/audit\?actor=staff%3Aanna$/);
  await page.getByRole('table', { name: 'Audit log' }).waitFor();
  const actors = await page.getByRole('table', { name: 'Audit log' }).locator('tbody tr td:nth-child(3)').allTextContents();
  assert.ok(actors.length >= 3, `anna's rows: ${actors.length}`);
  assert.deepEqual([...new Set(actors)], ['anna (staff)']);
  assert.equal(await page.getByLabel('Who').inputValue(), 'staff:anna');
  // The filter survives a reload: it is the page's address.
  await page.reload();
  await page.getByRole('table', { name: 'Audit log' }).waitFor();
  assert.equal(await page.getByLabel('Who').inputValue(), 'staff:anna');
  assert.deepEqual(problems, []);
  await context.close();
});

test('an auditor reads the same dashboard; an agent meets "No access" and the API refuses them', async () => {
  {
    const { page, problems, context } = await openAs(browser, server, staff.auditor, '/staff/review');
    await page.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
    await page.getByRole('link', { name: 'Dashboard' }).click();
    await page.getByRole('heading', { level: 1, name: 'Dashboard' }).waitFor();
    await page.getByRole('table', { name: 'Per agent' }).waitFor();
    assert.equal((await server.staffApi(staff.auditor.cookie, 'GET', '/api/v1/stats')).status, 200);
    assert.deepEqual(problems, []);
    await context.close();
  }
  const { page, problems, context } = await openAs(browser, server, staff.anna, '/staff/review/dashboard');
  await page.getByRole('heading', { level: 1, name: 'No access' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Dashboard' }).count(), 0);
  assert.equal((await server.staffApi(staff.anna.cookie, 'GET', '/api/v1/stats')).status, 403);
  assert.deepEqual(problems, []);
  await context.close();
});
