// Under 5% packet loss on the media path, receivers ask for retransmission (NACK), the SFU
// answers from its send buffer or relays the loss upstream, and video keeps decoding.
// Loss is made with an nftables rule on loopback UDP (root, as in CI), removed afterwards.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { callState, customerClip, inboundStats, joinCall, launchBrowser, startServer, waitForFrames } from './harness.mjs';

const TABLE = 'vkyc_e2e_loss';
const nft = (...args) => execFileSync('nft', args, { stdio: 'pipe' });

test('with 5% UDP loss, NACKs are sent and answered and video keeps decoding', async () => {
  const server = await startServer();
  const customerBrowser = await launchBrowser({ videoFile: customerClip() });
  const agentBrowser = await launchBrowser();
  try {
    const call = await server.newCall();
    const customer = await joinCall(customerBrowser, call.customerUrl);
    const agent = await joinCall(agentBrowser, call.agentUrl, call.agentCookie);
    const waited = await waitForFrames(agent, 30, 15000);
    if (waited === null) {
      // Once under load (1 run of 10) the agent had not 30 frames after 15 s: say where it stood.
      console.log('agent:', await callState(agent));
      console.log('customer:', await callState(customer));
      console.log('server:', server.logs.join('').slice(-4000));
    }
    assert.notEqual(waited, null, 'the call runs: 30 frames at the agent within 15 s');
    const before = await inboundStats(agent);
    nft('add', 'table', 'inet', TABLE);
    nft('add', 'chain', 'inet', TABLE, 'input', '{ type filter hook input priority 0 ; }');
    nft('add', 'rule', 'inet', TABLE, 'input', 'iifname', 'lo', 'meta', 'l4proto', 'udp', 'numgen', 'random', 'mod', '100', '<', '5', 'drop');
    await new Promise((r) => setTimeout(r, 10_000));
    const after = await inboundStats(agent);
    const nacks = after.video.nackCount - before.video.nackCount;
    const frames = after.video.framesDecoded - before.video.framesDecoded;
    const received = after.video.packetsReceived - before.video.packetsReceived;
    const lost = after.video.packetsLost - before.video.packetsLost;
    console.log(`under 5% loss for 10 s: agent sent ${nacks} NACKs, received ${received} packets, ${lost} stayed lost, decoded ${frames} frames`);
    assert.ok(nacks > 0, 'the receiver asked for retransmissions');
    // Two lossy legs (customer→SFU, SFU→agent) drop ~10% of packets; retransmission must
    // recover at least half of them, or the residual loss stays near 10%.
    assert.ok(lost < received * 0.05, `residual loss ${lost} of ${received} packets: retransmissions recovered the rest`);
    assert.ok(frames >= 100, `video kept decoding (${frames} frames)`);
  } finally {
    try { nft('delete', 'table', 'inet', TABLE); } catch { /* not created */ }
    await customerBrowser.close();
    await agentBrowser.close();
    await server.stop();
  }
});
