// The review pages against the real server, after a real recorded call (review-world.mjs), as
// `make demo-review`: the supervisor who decided cannot review their own decision; a second
// supervisor signs in, finds the session in the archive by filter, plays both parties'
// recordings in lockstep, seeks by the "turn left" step on the event track, confirms the
// decision under four eyes (the result becomes final and the bank's webhook receives it) and
// exports the evidence package, which verifies offline with the published key; an auditor sees
// the same session read-only, with the access log. Screenshots of each page go to
// screenshots/review/ (docs/review.md shows them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, launchBrowser } from './harness.mjs';
import { reviewWorld } from './review-world.mjs';
import { openAs, playerPositions, sensitive, signInAs } from './review-ui.mjs';

const SHOTS = join(import.meta.dirname, 'screenshots', 'review');
/** How far apart the players may be, and from the timeline, after a seek. */
const SYNC_MS = 100;
/** A short re-authentication window, so the export has to ask for the code again. */
const REAUTH_S = 15;

const shot = (page, name) => page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('supervisors review a recorded identification under four eyes and export its evidence; an auditor sees it read-only', { timeout: 600_000 }, async () => {
  mkdirSync(SHOTS, { recursive: true });
  const world = await reviewWorld({ env: { VKYC_AUTH__REAUTH_WINDOW_SECS: String(REAUTH_S) }, log: (m) => console.log(m) });
  const { server, id } = world;
  const browser = await launchBrowser();
  const pages = [];
  try {
    const timeline = (await server.staffApi(world.reviewer.cookie, 'GET', `/api/v1/sessions/${id}/timeline`)).body;
    const turnLeft = timeline.events.find((e) => e.kind === 'challenge' && e.label === 'challenge_step' && e.detail.step === 'left');
    assert.ok(turnLeft, 'the timeline has the "turn left" step');
    assert.ok(timeline.files.some((f) => f.participant === 'customer') && timeline.files.some((f) => f.participant === 'agent'), 'both parties were recorded');

    // --- The supervisor who decided may open the session but not review it.
    const a = await openAs(browser, server, world.deciding, `/staff/review/sessions/${id}`);
    pages.push(a);
    await a.page.getByText('You made this decision, so another supervisor must review it.').waitFor();
    assert.equal(await a.page.getByRole('button', { name: 'Confirm decision' }).isDisabled(), true, 'the decider cannot review');

    // --- The reviewing supervisor signs in, finds the session by filter, plays it, seeks by the
    // "turn left" step and confirms the decision under four eyes.
    const b = await signInAs(browser, server, world.reviewer);
    pages.push(b);
    const pb = b.page;
    await pb.getByRole('heading', { level: 1, name: 'Review' }).waitFor();
    await pb.getByLabel('Second review').selectOption('pending');
    await pb.getByRole('checkbox', { name: 'Face did not match' }).check();
    await pb.getByRole('button', { name: 'Search' }).click();
    await pb.getByText('No identification matches these filters.').waitFor();
    await pb.getByRole('checkbox', { name: 'Face did not match' }).uncheck();
    await pb.getByRole('button', { name: 'Search' }).click();
    const link = pb.locator(`.archive-table a[href$="/sessions/${id}"]`);
    await link.waitFor();
    assert.match(new URL(pb.url()).search, /review=pending/, 'the filter is in the address');
    await shot(pb, '01-archive-filtered');
    await link.click();
    await pb.getByRole('heading', { level: 1, name: /^Identification of / }).waitFor();

    await sensitive(pb, world.reviewer, pb.getByRole('button', { name: 'Play recordings' }), () => pb.getByRole('slider', { name: 'Position' }).waitFor());
    await pb.waitForFunction(() => [...document.querySelectorAll('.player video')].every((v) => v.readyState >= 1), null, { timeout: 20000 });
    // Play until both parties' videos have run for 2.5 s (the later one starts at its offset).
    const bothFrom = Math.max(...timeline.files.filter((f) => f.medium === 'video').map((f) => f.offset_ms));
    await pb.getByRole('button', { name: 'Play', exact: true }).click();
    await pb.waitForFunction((ms) => Number(document.querySelector('.scrubber input[type=range]').value) >= ms, bothFrom + 2500, { timeout: 30000, polling: 100 });
    await pb.getByRole('button', { name: 'Pause' }).click();
    const played = await playerPositions(pb);
    console.log(`played to ${played.timelineMs} ms (both videos from ${bothFrom} ms):`, JSON.stringify(played.media));
    assert.equal(played.media.length, 2, 'both videos show');
    for (const m of played.media) assert.ok(m.currentTime > 0.5, `${m.participant}'s video advanced`);
    assert.ok(Math.abs(played.media[0].axisMs - played.media[1].axisMs) <= SYNC_MS, 'both videos advanced together');

    const event = pb.getByRole('button', { name: /^Turn left: passed, / });
    await event.click();
    await pb.waitForFunction((ms) => Number(document.querySelector('.scrubber input[type=range]').value) === ms, turnLeft.offset_ms, { timeout: 5000 });
    await pb.waitForFunction(() => [...document.querySelectorAll('.player video:not([hidden])')].every((v) => !v.seeking && v.readyState >= 2), null, { timeout: 10000 });
    const seeked = await playerPositions(pb);
    console.log(`after the "turn left" event (offset ${turnLeft.offset_ms} ms):`, JSON.stringify(seeked));
    assert.equal(seeked.media.length, 2);
    for (const m of seeked.media) assert.ok(Math.abs(m.axisMs - turnLeft.offset_ms) <= SYNC_MS, `${m.participant}'s video is at the event (${m.axisMs} vs ${turnLeft.offset_ms})`);
    await pb.getByText(/Turn left: passed/).first().waitFor();
    await shot(pb, '02-session-playing-seeked');

    // The bank heard of the decision, but not of a final result: that waits for the review.
    const { webhooks } = world;
    const decided = await webhooks.waitFor((d) => d.payload?.type === 'identification.decided');
    assert.equal(decided.verified, true, 'the decision webhook is signed (Standard Webhooks)');
    assert.equal(decided.payload.data.status, 'pending_review');
    assert.equal(decided.payload.data.outcome, undefined, 'no outcome before the review');
    assert.ok(!webhooks.deliveries().some((d) => d.payload?.type === 'identification.final'), 'nothing final before the review');

    await pb.getByRole('radio', { name: 'Confirm the agent’s decision' }).check();
    await pb.getByLabel('Reason', { exact: true }).fill('Watched both recordings: the face matches the ID front and every head movement passed. Inconclusive is right without the read-aloud.');
    await shot(pb, '03-four-eyes-form');
    await sensitive(pb, world.reviewer, pb.getByRole('button', { name: 'Confirm decision' }), () => pb.getByText(/^Confirmed by marc/).waitFor());
    const after = await server.staffApi(world.reviewer.cookie, 'GET', `/api/v1/sessions/${id}/review`);
    assert.equal(after.body.decision.status, 'final', 'the result is final only now');
    assert.equal(after.body.review.reviewer_id, 'marc');
    const final = await webhooks.waitFor((d) => d.payload?.type === 'identification.final');
    assert.equal(final.verified, true, 'the final webhook is signed with the identification\'s secret');
    assert.deepEqual(
      { id: final.payload.data.id, external_ref: final.payload.data.external_ref, status: final.payload.data.status, outcome: final.payload.data.outcome },
      { id, external_ref: 'demo-application-42', status: 'final', outcome: 'inconclusive' },
    );
    console.log(`webhook identification.final: ${JSON.stringify(final.payload)}`);

    // The re-authentication window has passed: the export asks for the code again.
    await sleep(REAUTH_S * 1000 + 1000);
    const download = pb.waitForEvent('download', { timeout: 120000 });
    const asked = await sensitive(pb, world.reviewer, pb.getByRole('button', { name: 'Export evidence package' }), () => pb.getByText(/^Saved evidence-/).waitFor({ timeout: 120000 }));
    assert.equal(asked, true, 'the export asked for the authenticator code');
    const file = join(mkdtempSync(join(tmpdir(), 'vkyc-evidence-')), (await download).suggestedFilename());
    await (await download).saveAs(file);
    // A legal hold keeps the session past its retention period (a case, an authority's request).
    await pb.getByLabel('Reason for the hold (case or request reference)').fill('Case 2026-117, request of the financial intelligence unit');
    await sensitive(pb, world.reviewer, pb.getByRole('button', { name: 'Place on legal hold' }), () => pb.getByText('On legal hold: will not be deleted').waitFor());
    await shot(pb, '04-confirmed-exported-held');
    const listing = execFileSync('tar', ['-tf', file], { encoding: 'utf8' });
    for (const name of ['README.md', 'SIGNATURES', 'decision.json', 'recording/manifest.json']) assert.ok(listing.split('\n').some((l) => l.endsWith(name)), `the package has ${name}`);
    const key = await (await fetch(`${server.base}/api/v1/signing-key?format=pem`)).text();
    const keyFile = `${file}.pub.pem`;
    writeFileSync(keyFile, key);
    const bin = join(ROOT, 'target', process.env.PROFILE ?? 'debug', 'signaling');
    const verified = execFileSync(bin, ['evidence', 'verify', file, '--public-key', keyFile], { encoding: 'utf8' });
    console.log('evidence verify:', verified.trim().split('\n').slice(-2).join(' | '));

    // --- The auditor: the same session read-only, with who looked at it.
    const c = await openAs(browser, server, world.auditor, `/staff/review/sessions/${id}`);
    pages.push(c);
    const pc = c.page;
    await pc.getByText(/Auditors do not play recordings/).waitFor();
    const log = pc.getByRole('region', { name: 'Access log' });
    await log.getByText('Exported the evidence package').first().waitFor();
    for (const name of ['Play recordings', 'Export evidence package', 'Place on legal hold', 'Confirm decision']) {
      assert.equal(await pc.getByRole('button', { name }).count(), 0, `no "${name}" for an auditor`);
    }
    await pc.getByText(/^Confirmed by marc/).waitFor();
    await pc.getByText('On legal hold: will not be deleted').waitFor();
    await shot(pc, '05-auditor-read-only');

    // The same pages in French and Vietnamese: every string translated, nothing cut off.
    for (const [locale, lang] of [['fr-FR', 'fr'], ['vi-VN', 'vi']]) {
      const l = await openAs(browser, server, world.reviewer, `/staff/review/sessions/${id}`, { locale });
      pages.push(l);
      await l.page.locator('.four-eyes').waitFor();
      await shot(l.page, `06-session-${lang}`);
      await l.page.goto(`${server.base}/staff/review?review=confirmed`);
      await l.page.locator(`.archive-table a[href$="/sessions/${id}"]`).waitFor();
      await shot(l.page, `07-archive-${lang}`);
    }

    for (const p of pages) assert.deepEqual(p.problems, [], 'no console errors, CSP violations or missing messages');
  } finally {
    await browser.close();
    await world.stop();
  }
});
