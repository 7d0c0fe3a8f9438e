// `make demo-record`: a 20-second recorded call between two headless browsers, then the
// recording's manifest summary and gst-discoverer-1.0's view of every file.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { closedRecording, customerClip, joinCall, launchBrowser, startServer, waitForFrames } from './harness.mjs';

const server = await startServer();
const customerBrowser = await launchBrowser({ videoFile: customerClip() });
const agentBrowser = await launchBrowser();
let ok = false;
try {
  const call = await server.newCall();
  await joinCall(customerBrowser, call.customerUrl);
  const agent = await joinCall(agentBrowser, call.agentUrl, call.agentCookie);
  if ((await waitForFrames(agent, 1, 15000)) === null) throw new Error('no media');
  console.log('recording a 20-second call…');
  await new Promise((r) => setTimeout(r, 20_000));
  await agent.click('#hangup');
  const manifest = await closedRecording(server, call.id);
  console.log(`recording of session ${call.id}: ${manifest.status.state}, ${manifest.segments.length} segment(s), keep until ${new Date(manifest.keep_until).toISOString().slice(0, 10)}`);
  const h = manifest.health;
  console.log(`  packets dropped: ${h.dropped_malformed} malformed, ${h.dropped_late} late, ${h.dropped_overload} overload, ${h.dropped_failed} failed; `
    + h.tracks.map((t) => `${t.participant} ${t.medium} ${t.packets} packets, ${Math.round(t.share * 100)}% covered`).join(', '));
  for (const seg of manifest.segments) {
    for (const f of seg.files) {
      const file = server.decryptRecording(call.id, f.path);
      const summary = execFileSync('gst-discoverer-1.0', [file]).toString().split('\n')
        .filter((l) => /^\s*(Duration|Seekable|video #|audio #)/.test(l)).map((l) => l.trim()).join('; ');
      console.log(`  ${f.path} (${f.bytes} bytes encrypted, WebM sha256 ${(f.encryption?.plaintext_sha256 ?? f.sha256).slice(0, 16)}…): ${summary}`);
    }
  }
  ok = manifest.status.state === 'complete' && manifest.segments[0].files.length === 4;
} finally {
  await customerBrowser.close();
  await agentBrowser.close();
  await server.stop();
}
process.exit(ok ? 0 : 1);
