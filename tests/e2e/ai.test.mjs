// Face analysis on the live call: the customer follows the head-movement prompts on their
// screen (their camera shows the clip's person making the prompted move, see
// prompted-customer.mjs), the agent starts a challenge, and the agent's page receives each step's
// pass in order and a face-match verdict against the simulated ID portrait. A customer who turns
// the wrong way fails the step. Killing the sidecar leaves the call running.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, customerClip, inboundStats, joinCall, launchBrowser, startServer, startSidecar, waitForFrames } from './harness.mjs';
import { followPrompts } from './prompted-customer.mjs';

const STEPS = ['centre', 'left', 'centre', 'right', 'centre', 'up', 'centre', 'down', 'centre'];

test('the agent sees the challenge steps pass in order and a face match against the ID portrait', async () => {
  const sidecar = await startSidecar();
  const server = await startServer({ env: { ...sidecar.env, VKYC_AI__FPS: '10' } });
  // The clip on the fake camera until the customer follows the prompts (after joining).
  const customerBrowser = await launchBrowser({ videoFile: customerClip() });
  const agentBrowser = await launchBrowser();
  let passed = false;
  let agent;
  let customerMoves = async () => '';
  try {
    const call = await server.newCall();
    const portrait = readFileSync(join(ROOT, 'tests', 'fixtures', 'idcard_sim', 'ibm_max_Bryan_idcard.jpg'));
    const put = await server.api('PUT', `/api/v1/sessions/${call.id}/reference-photo`, portrait, 'image/jpeg');
    assert.equal(put.status, 204);
    const customer = await joinCall(customerBrowser, call.customerUrl);
    agent = await joinCall(agentBrowser, call.agentUrl, call.agentCookie);
    assert.notEqual(await waitForFrames(agent, 10, 15000), null, 'the call runs');
    // From now on the customer looks into the camera and makes the moves their screen asks
    // for, holding each until the next prompt: however slowly the analysis goes, as a person does.
    const follower = await followPrompts(customer);
    customerMoves = follower.moves;
    await agent.waitForFunction(() => window.__call.aiEvents.some((e) => e.type === 'reference'), null, { timeout: 20000, polling: 200 });

    const asked = Date.now();
    await agent.evaluate((steps) => window.__call.startChallenge({ steps, step_timeout_ms: 30000 }), STEPS);
    const done = await agent
      .waitForFunction(() => window.__call.aiEvents.some((e) => e.type === 'challenge_done'), null, { timeout: 90000, polling: 200 })
      .then(() => true, () => false);
    const events = await agent.evaluate(() => window.__call.aiEvents);
    const steps = events.filter((e) => e.type === 'challenge_step');
    console.log(`challenge steps (${Date.now() - asked} ms):`, steps.map((s) => `${s.step}:${s.passed ? 'pass' : s.reason}@${s.at_ms}`).join(' '));
    console.log('customer moves:', await customerMoves());
    const throughput = sidecar.logs.join('').split('\n').filter((l) => l.includes('frames/s'));
    if (throughput.length) console.log(throughput.join('\n'));
    assert.ok(done, 'challenge_done within 90 s');
    assert.deepEqual(steps.map((s) => s.step), STEPS, 'every step reported, in order');
    assert.ok(steps.every((s) => s.passed), 'every step passed');
    for (let i = 1; i < steps.length; i++) assert.ok(steps[i].at_ms >= steps[i - 1].at_ms, 'passes come in time order');
    assert.equal(events.find((e) => e.type === 'challenge_done').passed, true);
    await agent.waitForFunction(() => document.querySelector('#challenge-result').textContent === 'Challenge passed', null, { timeout: 5000, polling: 200 });

    // The face match pauses while the challenge runs (every frame goes to the head pose), so
    // its verdict may come after the challenge.
    const matched = await agent
      .waitForFunction(() => window.__call.aiEvents.filter((e) => e.type === 'face_match').at(-1)?.verdict === 'match', null, { timeout: 30000, polling: 200 })
      .then(() => true, () => false);
    const last = (await agent.evaluate(() => window.__call.aiEvents.filter((e) => e.type === 'face_match'))).at(-1);
    console.log('face match:', JSON.stringify({ ...last, models: undefined }));
    assert.ok(matched, `the live face matches the ID portrait (last verdict: ${last?.verdict})`);
    // "Which model said this": the verdict names the descriptor and the file's SHA-256.
    const sface = last.models?.find((m) => m.name === 'sface');
    assert.ok(sface, `the verdict names the SFace descriptor (models: ${JSON.stringify(last.models)})`);
    assert.match(sface.sha256, /^[0-9a-f]{64}$/, 'with the SHA-256 of the model file');

    const stored = await server.api('GET', `/api/v1/sessions/${call.id}/ai-events`);
    assert.ok(stored.body.some((e) => e.kind === 'challenge_done'), 'AI events are stored with the session');

    // A customer who turns the wrong way fails the step: the challenge follows the moves, not
    // the clock.
    await follower.answer({ left: 'right' });
    const seenBefore = await agent.evaluate(() => window.__call.aiEvents.length);
    await agent.evaluate(() => window.__call.startChallenge({ steps: ['centre', 'left'], step_timeout_ms: 30000 }));
    await agent.waitForFunction((n) => window.__call.aiEvents.slice(n).some((e) => e.type === 'challenge_done'), seenBefore, { timeout: 90000, polling: 200 });
    const wrong = await agent.evaluate((n) => window.__call.aiEvents.slice(n).filter((e) => e.type === 'challenge_step' || e.type === 'challenge_done'), seenBefore);
    console.log('wrong-way challenge:', wrong.map((e) => `${e.type}:${e.step ?? ''}:${e.passed ? 'pass' : e.reason ?? 'fail'}`).join(' '), '| customer:', await customerMoves());
    assert.equal(wrong.at(-1).passed, false, 'a customer who turns right when asked left fails the challenge');
    assert.deepEqual(wrong.filter((e) => e.type === 'challenge_step').map((e) => [e.step, e.passed, e.reason ?? null]), [['centre', true, null], ['left', false, 'wrong_move:right']]);

    // A dead sidecar must not take the call down: the agent is told, media keeps flowing.
    await sidecar.stop();
    await agent.waitForFunction(() => document.querySelector('#ai-status').textContent.includes('unavailable'), null, { timeout: 10000, polling: 200 });
    const before = (await inboundStats(agent)).video.framesDecoded;
    assert.notEqual(await waitForFrames(agent, before + 30, 5000), null, 'video continues without the AI');
    passed = true;
  } finally {
    if (!passed) {
      // What the agent saw and what the server and the sidecar said, to tell a slow machine
      // from a broken pipeline.
      const seen = await agent?.evaluate(() => window.__call.aiEvents).catch(() => null);
      const pose = (e) => `${e.ts}:${e.face ? `${e.yaw}/${e.pitch}` : 'none'}`;
      console.log('agent AI events:', JSON.stringify(seen?.filter((e) => e.type !== 'pose').map((e) => ({ ...e, models: undefined }))));
      console.log('customer moves:', await customerMoves());
      console.log('poses (ts:yaw/pitch):', seen?.filter((e) => e.type === 'pose').map(pose).join(' '));
      console.log('sidecar:', sidecar.logs.join('').slice(-3000));
      console.log('server:', server.logs.join('').slice(-6000));
    }
    await customerBrowser.close();
    await agentBrowser.close();
    await server.stop();
    await sidecar.stop();
  }
});
