// `make demo-call`: a two-browser call, headless, through the SFU. Prints per direction the
// frames decoded in 10 s and the time from joining to the first decoded frame. Exit status 0
// only if media flowed both ways.
import { customerClip, inboundStats, joinCall, launchBrowser, msToFirstFrame, startServer } from './harness.mjs';

const server = await startServer();
const customerBrowser = await launchBrowser({ videoFile: customerClip() });
const agentBrowser = await launchBrowser();
let ok = false;
try {
  const call = await server.newCall();
  const customer = await joinCall(customerBrowser, call.customerUrl);
  const agent = await joinCall(agentBrowser, call.agentUrl, call.agentCookie);
  const [atAgent, atCustomer] = await Promise.all([msToFirstFrame(agent), msToFirstFrame(customer)]);
  const first = (ms) => (ms === null ? 'never' : `${ms.toFixed(0)} ms`);
  const a0 = await inboundStats(agent);
  const c0 = await inboundStats(customer);
  await new Promise((r) => setTimeout(r, 10_000));
  const a1 = await inboundStats(agent);
  const c1 = await inboundStats(customer);
  const frames = (s1, s0) => (s1.video?.framesDecoded ?? 0) - (s0.video?.framesDecoded ?? 0);
  const audio = (s1, s0) => (s1.audio?.packetsReceived ?? 0) - (s0.audio?.packetsReceived ?? 0);
  console.log(`customer -> agent: ${frames(a1, a0)} frames decoded in 10 s at ${a1.video?.frameWidth}x${a1.video?.frameHeight}, ${audio(a1, a0)} audio packets, first frame ${first(atAgent)} after the agent joined`);
  console.log(`agent -> customer: ${frames(c1, c0)} frames decoded in 10 s at ${c1.video?.frameWidth}x${c1.video?.frameHeight}, ${audio(c1, c0)} audio packets, first frame ${first(atCustomer)} after the customer joined`);
  for (const [who, page] of [['customer', customer], ['agent', agent]]) {
    console.log(`${who} timeline (ms after its socket opened): ${JSON.stringify(await page.evaluate(() => window.__call.timeline))}`);
  }
  ok = frames(a1, a0) > 0 && frames(c1, c0) > 0 && audio(a1, a0) > 0 && audio(c1, c0) > 0;
  await agent.click('#hangup');
} finally {
  await customerBrowser.close();
  await agentBrowser.close();
  await server.stop();
}
console.log(ok ? 'media flowed both ways' : 'MEDIA DID NOT FLOW BOTH WAYS');
process.exit(ok ? 0 : 1);
