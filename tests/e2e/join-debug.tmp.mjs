import { customerClip, joinCall, launchBrowser, startServer } from './harness.mjs';
const server = await startServer({ env: { VKYC_LOG: process.env.DBG_LOG } });
const customerBrowser = await launchBrowser({ videoFile: customerClip() });
const agentBrowser = await launchBrowser();
try {
  for (let i = 0; i < 2; i++) {
    const call = await server.newCall();
    const customer = await joinCall(customerBrowser, call.customerUrl);
    await customer.waitForFunction(() => window.__call?.peerConnection?.connectionState === 'connected', null, { timeout: 15000, polling: 200 });
    const mark = server.logs.length;
    const t0 = Date.now();
    const agent = await joinCall(agentBrowser, call.agentUrl, call.agentCookie);
    await agent.waitForFunction(() => window.__call?.peerConnection?.connectionState === 'connected', null, { timeout: 15000, polling: 5 });
    const marks = await agent.evaluate(() => window.__call?.timeline ?? {});
    console.log('AGENT', t0, JSON.stringify(marks));
    await new Promise((r) => setTimeout(r, 300));
    console.log(server.logs.slice(mark).join(''));
    await agent.close(); await customer.close();
  }
} finally { await customerBrowser.close(); await agentBrowser.close(); await server.stop(); }
