// Join-time benchmark: for 20 calls, the time from the agent page's WebSocket opening to the
// first decoded video frame at the agent (the customer is already in the call). Writes the
// median and p95 into BENCHMARKS.md between markers.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, customerClip, joinCall, launchBrowser, msToFirstFrame, startServer } from './harness.mjs';

const CALLS = Number(process.env.CALLS ?? 20);
const server = await startServer();
const customerBrowser = await launchBrowser({ videoFile: customerClip() });
const agentBrowser = await launchBrowser();
const samples = [];
try {
  for (let i = 0; i < CALLS; i++) {
    const call = await server.newCall();
    const customer = await joinCall(customerBrowser, call.customerUrl);
    await customer.waitForFunction(() => window.__call?.peerConnection?.connectionState === 'connected', null, { timeout: 15000, polling: 200 });
    const agent = await joinCall(agentBrowser, call.agentUrl, call.agentCookie);
    const ms = await msToFirstFrame(agent);
    if (ms === null) throw new Error(`call ${i + 1}: no video at the agent`);
    samples.push(ms);
    console.log(`call ${i + 1}: ${ms.toFixed(0)} ms`);
    await agent.click('#hangup');
    await agent.close();
    await customer.close();
  }
} finally {
  await customerBrowser.close();
  await agentBrowser.close();
  await server.stop();
}
samples.sort((a, b) => a - b);
const q = (p) => samples[Math.min(samples.length - 1, Math.ceil(p * samples.length) - 1)];
const median = samples.length % 2 ? samples[(samples.length - 1) / 2] : (samples[samples.length / 2 - 1] + samples[samples.length / 2]) / 2;
const section = `<!-- join-time:start -->
## Join time (WebSocket open → first decoded video frame at the agent)
Measured by \`make bench-join\` on ${new Date().toISOString().slice(0, 10)}: ${samples.length} calls, release build, two headless
Chromium browsers on loopback, the customer already connected; each call a fresh session.

| median | p95 | min | max |
|---|---|---|---|
| ${median.toFixed(0)} ms | ${q(0.95).toFixed(0)} ms | ${samples[0].toFixed(0)} ms | ${samples[samples.length - 1].toFixed(0)} ms |

The interval covers: join with the token (a database lookup), building the server-side peer
connection, SDP offer/answer, ICE over loopback, DTLS, the keyframe request to the customer's
browser, and the first frame's decode.
<!-- join-time:end -->`;
const file = join(ROOT, 'BENCHMARKS.md');
let text = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n\nNumbers from this repository\'s benchmark scripts, on the 2-core development machine.\n';
text = text.includes('<!-- join-time:start -->')
  ? text.replace(/<!-- join-time:start -->[\s\S]*<!-- join-time:end -->/, section)
  : `${text.trimEnd()}\n\n${section}\n`;
writeFileSync(file, text);
console.log(`median ${median.toFixed(0)} ms, p95 ${q(0.95).toFixed(0)} ms`);
