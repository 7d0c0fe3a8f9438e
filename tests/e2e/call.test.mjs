// A real verification call: customer and agent in two headless Chromium browsers, media
// through our SFU only (the server is the sole ICE peer of each browser).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { closedRecording, customerClip, inboundStats, joinCall, launchBrowser, outboundVideo, probe, startServer, waitForFrames } from './harness.mjs';

const databases = [['SQLite', undefined]];
if (process.env.TEST_PG_URL) databases.push(['PostgreSQL', process.env.TEST_PG_URL]);
else if (process.env.CI) throw new Error('TEST_PG_URL must be set in CI so the call runs on PostgreSQL too');

for (const [dbName, databaseUrl] of databases) {
  test(`customer and agent see and hear each other through the SFU, and hang-up ends it for both (${dbName})`, async () => {
    const server = await startServer({ databaseUrl });
    const customerBrowser = await launchBrowser({ videoFile: customerClip() });
    const agentBrowser = await launchBrowser();
    try {
      const call = await server.newCall();
      const customer = await joinCall(customerBrowser, call.customerUrl);
      const agent = await joinCall(agentBrowser, call.agentUrl, call.agentCookie);
      assert.notEqual(await waitForFrames(agent, 1, 15000), null, 'agent decodes customer video');
      assert.notEqual(await waitForFrames(customer, 1, 15000), null, 'customer decodes agent video');
      const snapshot = () => Promise.all([inboundStats(agent), inboundStats(customer), outboundVideo(customer), outboundVideo(agent)]);
      const [a0, c0, cs0, as0] = await snapshot();
      await new Promise((r) => setTimeout(r, 10_000));
      const [a1, c1, cs1, as1] = await snapshot();
      const agentFrames = a1.video.framesDecoded - a0.video.framesDecoded;
      const customerFrames = c1.video.framesDecoded - c0.video.framesDecoded;
      const customerSent = cs1.framesSent - cs0.framesSent;
      const agentSent = as1.framesSent - as0.framesSent;
      console.log(`frames in 10 s: customer sent ${customerSent} (limited by ${cs1.limitation}), agent decoded ${agentFrames}; agent sent ${agentSent} (limited by ${as1.limitation}), customer decoded ${customerFrames}`);
      // The SFU delivers what each browser sends. How much a browser sends is its own business:
      // on a busy machine WebRTC lowers the frame rate it encodes (qualityLimitationReason
      // "cpu"), as a real customer's phone does; the floor only says the video is live. Half a
      // second of frames may be in flight at either end of the window.
      const inFlight = (sent) => Math.ceil(sent / 20);
      assert.ok(agentFrames >= customerSent - inFlight(customerSent), `agent decoded ${agentFrames} of the ${customerSent} frames the customer sent in 10 s`);
      assert.ok(customerFrames >= agentSent - inFlight(agentSent), `customer decoded ${customerFrames} of the ${agentSent} frames the agent sent in 10 s`);
      assert.ok(agentFrames >= 50 && customerFrames >= 50, `live video both ways: ${agentFrames} and ${customerFrames} frames in 10 s`);
      assert.equal(a1.video.frameWidth, 640);
      assert.equal(a1.video.frameHeight, 480);
      assert.ok(a1.audio.packetsReceived > a0.audio.packetsReceived, 'audio reaches the agent');
      assert.ok(c1.audio.packetsReceived > c0.audio.packetsReceived, 'audio reaches the customer');

      const forwarded = await server.metric('sfu_rtp_packets_forwarded_total{kind="video"}');
      assert.ok(forwarded > 300, `the SFU forwarded ${forwarded} video packets`);
      // Each browser's only ICE peer is the server: the selected pair's remote is our media address.
      const remoteAddr = await agent.evaluate(async () => {
        const r = await window.__call.peerConnection.getStats();
        let pair; r.forEach((s) => { if (s.type === 'transport') pair = r.get(s.selectedCandidatePairId); });
        return pair ? r.get(pair.remoteCandidateId).address : null;
      });
      assert.equal(remoteAddr, '127.0.0.1');

      // Keep the call going to 20 s, the length the recording checks are stated for.
      await new Promise((r) => setTimeout(r, 9_000));
      const inCall = await Promise.all([customer, agent].map((p) => p.evaluate(() => performance.now() - window.__call.joinedAt - window.__call.timeline.pc_connected)));
      await agent.click('#hangup');
      await agent.waitForFunction(() => document.querySelector('#status').textContent.includes('ended'), null, { timeout: 5000, polling: 200 });
      await customer.waitForFunction(() => document.querySelector('#status').textContent.includes('ended'), null, { timeout: 5000, polling: 200 });
      const s = await server.api('GET', `/api/v1/sessions/${call.id}`);
      assert.equal(s.body.status, 'ended');
      assert.deepEqual(s.body.connected, []);

      // The whole call is recorded: both parties, audio and video, closed and hashed.
      const manifest = await closedRecording(server, call.id);
      assert.equal(manifest.status.state, 'complete');
      const files = manifest.segments.flatMap((seg) => seg.files);
      assert.equal(files.length, 4);
      for (const f of files) {
        const { seconds, codec } = probe(server.decryptRecording(call.id, f.path));
        const expected = (f.participant === 'customer' ? inCall[0] : inCall[1]) / 1000;
        console.log(`recorded ${f.participant} ${f.medium}: ${seconds.toFixed(2)} s ${codec}, media connected ${expected.toFixed(2)} s`);
        assert.equal(codec, f.medium === 'audio' ? 'opus' : 'vp8');
        assert.ok(Math.abs(seconds - expected) <= 0.5, `${f.participant} ${f.medium}: ${seconds} s recorded, ${expected} s in call`);
      }
      for (const who of ['customer', 'agent']) {
        const [a, v] = ['audio', 'video'].map((m) => files.find((f) => f.participant === who && f.medium === m).start_wallclock_ms);
        console.log(`${who}: video starts ${v - a} ms after audio`);
      }
    } finally {
      await customerBrowser.close();
      await agentBrowser.close();
      await server.stop();
    }
  });
}
