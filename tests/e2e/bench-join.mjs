// Join-time benchmark: for 20 calls, the time from the agent page's WebSocket opening to the
// first decoded video frame at the agent (the customer is already in the call). Writes the
// median and p95 into BENCHMARKS.md between markers.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, customerClip, joinCall, launchBrowser, startServer } from './harness.mjs';
import { loadavg } from 'node:os';

/** Times since the page joined: its peer connection connected, and the first video frame decoded. */
async function timeline(page, timeoutMs = 20000) {
  return page.evaluate(async (timeoutMs) => {
    const t0 = performance.now();
    let connected = null;
    while (performance.now() - t0 < timeoutMs) {
      const pc = window.__call?.peerConnection;
      if (pc) {
        if (connected === null && pc.connectionState === 'connected') connected = performance.now() - window.__call.joinedAt;
        let frames = 0;
        (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames = s.framesDecoded ?? 0; });
        if (frames > 0) return { first: performance.now() - window.__call.joinedAt, connected: connected ?? performance.now() - window.__call.joinedAt };
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    return null;
  }, timeoutMs);
}

const CALLS = Number(process.env.CALLS ?? 20);
const server = await startServer();
const customerBrowser = await launchBrowser({ videoFile: customerClip() });
const agentBrowser = await launchBrowser();
const samples = [];
const waits = [];
const connects = [];
const loadBefore = loadavg().map((l) => l.toFixed(2)).join(' ');
try {
  for (let i = 0; i < CALLS; i++) {
    const call = await server.newCall();
    const customer = await joinCall(customerBrowser, call.customerUrl);
    await customer.waitForFunction(() => window.__call?.peerConnection?.connectionState === 'connected', null, { timeout: 15000, polling: 200 });
    const agent = await joinCall(agentBrowser, call.agentUrl, call.agentCookie);
    const t = await timeline(agent);
    if (t === null) throw new Error(`call ${i + 1}: no video at the agent`);
    const ms = t.first;
    samples.push(ms);
    connects.push(t.connected);
    waits.push(t.first - t.connected);
    // The page's own marks (ms since its socket opened): joined, answer, ice_*, pc_*.
    const marks = await agent.evaluate(() => window.__call?.timeline ?? {});
    const steps = Object.entries(marks).sort((a, b) => a[1] - b[1]).map(([k, v]) => `${k} ${v}`).join(', ');
    console.log(`call ${i + 1}: ${ms.toFixed(0)} ms (connected at ${t.connected.toFixed(0)} ms; ${steps})`);
    await agent.click('#hangup');
    await agent.close();
    await customer.close();
  }
} finally {
  await customerBrowser.close();
  await agentBrowser.close();
  await server.stop();
}
const loadAfter = loadavg().map((l) => l.toFixed(2)).join(' ');
const med = (v) => { const x = [...v].sort((a, b) => a - b); return x.length % 2 ? x[(x.length - 1) / 2] : (x[x.length / 2 - 1] + x[x.length / 2]) / 2; };
samples.sort((a, b) => a - b);
const q = (p) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
const median = samples.length % 2 ? samples[(samples.length - 1) / 2] : (samples[samples.length / 2 - 1] + samples[samples.length / 2]) / 2;
const section = `<!-- join-time:start -->
## Join time (WebSocket open → first decoded video frame at the agent)
Measured by \`make bench-join\` on ${new Date().toISOString().slice(0, 10)}: ${samples.length} calls, release build, two headless
Chromium browsers on loopback, the customer already connected; each call a fresh session. Load average before
${loadBefore}, after ${loadAfter} (2 cores shared with other people's builds).

| median | p95 | min | max |
|---|---|---|---|
| ${median.toFixed(0)} ms | ${q(0.95).toFixed(0)} ms | ${samples[0].toFixed(0)} ms | ${samples[samples.length - 1].toFixed(0)} ms |

The interval covers: join with the token (a database lookup), building the server-side peer
connection, SDP offer/answer, ICE over loopback, DTLS (median ${med(connects).toFixed(0)} ms to \`connected\` at the agent),
then the keyframe request to the customer's browser (sent when the agent's connection is up, repeated
every 300 ms until a keyframe has reached the agent), the keyframe's trip and the first frame's decode
(median ${med(waits).toFixed(0)} ms from \`connected\` to the first decoded frame; per call: ${waits.map((w) => w.toFixed(0)).join(', ')} ms).
<!-- join-time:end -->`;
const file = join(ROOT, 'BENCHMARKS.md');
let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nNumbers from this repository\'s benchmark scripts, on the 2-core development machine.\n';
text = text.includes('<!-- join-time:start -->')
  ? text.replace(/<!-- join-time:start -->[\s\S]*<!-- join-time:end -->/, section)
  : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(file, text);
console.log(`median ${median.toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms`);
