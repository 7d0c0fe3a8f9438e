// Injection hints on the live call: Chromium's fake camera loops its Y4M file, which is exactly
// the "looped clip" a stream-injection attack plays. The agent must be told, with the evidence
// (the period at which the stream repeats), as a hint rather than a verdict.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customerClip, joinCall, launchBrowser, startServer, startSidecar, waitForFrames } from './harness.mjs';

/** Length of the clip the fake camera loops (ffprobe of tests/fixtures/sequences/ibm_max_Bryan.mp4). */
const CLIP_MS = 10067;

test('a customer camera that loops a clip raises a looped-clip hint with its period within 30 s of the first repeat', async () => {
  const sidecar = await startSidecar();
  const server = await startServer({ env: { ...sidecar.env, VKYC_AI__FPS: '10' } });
  const customerBrowser = await launchBrowser({ videoFile: customerClip() });
  const agentBrowser = await launchBrowser();
  try {
    const call = await server.newCall();
    await joinCall(customerBrowser, call.customerUrl);
    const agent = await joinCall(agentBrowser, call.agentUrl, call.agentCookie);
    assert.notEqual(await waitForFrames(agent, 10, 15000), null, 'the call runs');
    const hint = await agent
      .waitForFunction(() => window.__call.aiEvents.find((e) => e.type === 'injection_hint' && e.kind === 'looped_clip'), null, { timeout: CLIP_MS + 30000 + 15000, polling: 250 })
      .then((h) => h.jsonValue(), () => null);
    const kinds = await agent.evaluate(() => window.__call.aiEvents.filter((e) => e.type === 'injection_hint').map((e) => e.kind));
    assert.ok(hint, `a looped_clip hint reached the agent (hints seen: ${JSON.stringify(kinds)})`);
    const period = hint.evidence.period_ms;
    assert.ok(Math.abs(period - CLIP_MS) < 1000, `the evidence names the clip's length as the period (${period} ms, clip ${CLIP_MS} ms)`);
    assert.deepEqual(hint.models, [], 'signal processing, no model: the stamp says so');

    const stored = await server.api('GET', `/api/v1/sessions/${call.id}/ai-events`);
    assert.ok(stored.body.some((e) => e.kind === 'injection_hint'), 'the hint is stored with the session');
  } finally {
    await customerBrowser.close();
    await agentBrowser.close();
    await server.stop();
    await sidecar.stop();
  }
});
