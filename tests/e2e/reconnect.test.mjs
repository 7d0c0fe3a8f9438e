// A customer whose connection dies mid-call comes back by itself: the page rejoins with the
// same link and the agent sees video again within 5 s. The server's logs never carry the
// customer's token or any ICE candidate (addresses are personal data).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { customerClip, inboundStats, joinCall, launchBrowser, startServer, waitForFrames } from './harness.mjs';

test('a dropped customer rejoins by itself and video reaches the agent again within 5 s', async () => {
  const server = await startServer();
  const customerBrowser = await launchBrowser({ videoFile: customerClip() });
  const agentBrowser = await launchBrowser();
  try {
    const call = await server.newCall();
    const customer = await joinCall(customerBrowser, call.customerUrl);
    const agent = await joinCall(agentBrowser, call.agentUrl, call.agentCookie);
    assert.notEqual(await waitForFrames(agent, 30, 15000), null, 'video flows before the drop');

    await customer.evaluate(() => window.__call.simulateDrop());
    const dropped = Date.now();
    const before = (await inboundStats(agent)).video.framesDecoded;
    const waited = await waitForFrames(agent, before + 30, 8000);
    const recovered = waited === null ? null : Date.now() - dropped;
    console.log(`video back at the agent ${recovered} ms after the customer's connection died`);
    assert.ok(recovered !== null && recovered < 5000, `recovered after ${recovered} ms`);
    await agent.click('#hangup');

    const logs = server.logs.join('');
    assert.ok(logs.includes('"joined"'), 'the server logged the joins');
    assert.ok(!logs.includes(call.customerToken), 'no token in the logs');
    assert.ok(!/typ (host|srflx|relay)/.test(logs), 'no ICE candidates in the logs');
  } finally {
    await customerBrowser.close();
    await agentBrowser.close();
    await server.stop();
  }
});
