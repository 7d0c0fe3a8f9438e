// A world for the review pages, made the real way: a recorded call under the RBI V-CIP profile
// (four eyes) between two headless browsers, the customer's camera the head-movement clip with
// face analysis on, a challenge whose steps pass, a face still and the ID front captured, then
// the agent hangs up and decides. The deciding agent is also a supervisor (the person who must
// not review it); a second supervisor and an auditor exist to do what the review pages offer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, closedRecording, customerClip, joinCall, launchBrowser, startServer, startSidecar, totp, waitForFrames } from './harness.mjs';
import { followPrompts } from './prompted-customer.mjs';
import { webhookReceiver } from './webhooks.mjs';

export const STEPS = ['centre', 'left', 'centre', 'right', 'centre'];
const PROFILE = 'rbi-vcip';

/** Records the customer's `capture` requests (the customer page leaves stills to the journey work). */
const CAPTURE_SPY = `(() => {
  const Orig = window.WebSocket;
  window.__captures = [];
  window.WebSocket = class extends Orig {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (e) => {
        try { const m = JSON.parse(e.data); if (m.type === 'capture') window.__captures.push(m); } catch {}
      });
    }
  };
})();`;

/** A staff member signed in through the API; `roles` as given. */
async function staffMember(server, id, roles) {
  const s = server.createStaff({ id, roles, name: id });
  return { ...s, cookie: await server.login(s) };
}

/** Re-enters the second factor (a code is accepted once per 30-s step: waits for a fresh one). */
export async function reauth(server, staff) {
  for (let i = 0; i < 3; i++) {
    const r = await server.staffApi(staff.cookie, 'POST', '/api/v1/auth/reauth', { code: totp(staff.totpSecret) });
    if (r.status === 204 || r.status === 200) return;
    if (r.body?.code !== 'code_already_used') throw new Error(`reauth: ${JSON.stringify(r.body)}`);
    await new Promise((res) => setTimeout(res, 30_000 - (Date.now() % 30_000) + 300));
  }
  throw new Error('reauth: no fresh code');
}

/**
 * The agent asks for a still of `kind`; the customer's page takes it from its camera and uploads
 * it (as a real customer's page does). Resolves when the server has stored it.
 */
async function capture(server, call, agentPage, kind) {
  const count = async () => {
    const r = await server.api('GET', `/api/v1/sessions/${call.id}/stills`);
    if (r.status !== 200) throw new Error(`stills: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body.filter((s) => s.kind === kind).length;
  };
  const before = await count();
  await agentPage.evaluate((kind) => window.__call.send({ type: 'capture', kind }), kind);
  for (const deadline = Date.now() + 15000; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
    if ((await count()) > before) return;
  }
  throw new Error(`still ${kind}: the customer's page did not upload it within 15 s`);
}

/**
 * Starts the server (and the face-analysis sidecar, and the integrator's webhook receiver) and
 * makes the world. `env` goes to the server. Returns the server, the session id, the people and
 * the receiver; `stop()` ends it all.
 */
export async function reviewWorld({ env = {}, log = () => {} } = {}) {
  const sidecar = await startSidecar();
  const webhooks = await webhookReceiver();
  // The receiver is plain HTTP on loopback: only a development setting lets a webhook go there.
  const server = await startServer({
    env: { ...sidecar.env, VKYC_AI__FPS: '10', VKYC_AUTH__LOGIN_PER_MINUTE_PER_IP: '600', VKYC_JOURNEY__ALLOW_INSECURE_URLS: 'true', VKYC_OUTBOX__POLL_MS: '200', ...env },
  });
  const customerBrowser = await launchBrowser({ videoFile: customerClip() });
  const agentBrowser = await launchBrowser();
  const stop = async () => {
    await customerBrowser.close().catch(() => {});
    await agentBrowser.close().catch(() => {});
    await server.stop();
    await sidecar.stop();
    await webhooks.stop();
  };
  try {
    // The bank starts the identification with its webhook; the walk then takes the call the
    // agent's way (a customer link to the call page).
    const s = await server.api('POST', '/api/v1/identifications', { profile: PROFILE, external_ref: 'demo-application-42', webhook_url: webhooks.url('/bank/kyc') });
    if (s.status !== 201) throw new Error(`identification: ${JSON.stringify(s.body)}`);
    webhooks.trust('/bank/kyc', s.body.webhook_secret);
    const id = s.body.id;
    const link = await server.api('POST', `/api/v1/sessions/${id}/links`, { role: 'customer' });
    await server.consent(id, link.body.token);
    const portrait = readFileSync(join(ROOT, 'tests', 'fixtures', 'idcard_sim', 'ibm_max_Bryan_idcard.jpg'));
    const put = await server.api('PUT', `/api/v1/sessions/${id}/reference-photo`, portrait, 'image/jpeg');
    if (put.status !== 204) throw new Error(`reference photo: ${put.status}`);

    // The agent who takes (and decides) the call is also a supervisor: the four-eyes rule keeps
    // them from reviewing their own decision.
    const deciding = await staffMember(server, 'priya', ['agent', 'supervisor']);
    const roster = await server.api('PUT', '/api/v1/agents/priya', { tz: 'UTC', skills: [] });
    if (roster.status !== 200) throw new Error(`roster: ${JSON.stringify(roster.body)}`);
    await server.assign(id, deciding);
    const call = { id, customerUrl: link.body.url, customerToken: link.body.token, agentUrl: `${server.base}/agent/#s=${id}` };

    log('call: joining both browsers');
    const customerContext = await customerBrowser.newContext();
    await customerContext.addInitScript(CAPTURE_SPY);
    const customer = await customerContext.newPage();
    await customer.goto(call.customerUrl);
    await customer.waitForSelector('#join:not([disabled])', { timeout: 15000, polling: 200 });
    await customer.click('#join');
    const agent = await joinCall(agentBrowser, call.agentUrl, deciding.cookie);
    if ((await waitForFrames(agent, 10, 20000)) === null) throw new Error('no media in the call');
    await agent.waitForFunction(() => window.__call.aiEvents.some((e) => e.type === 'reference'), null, { timeout: 20000, polling: 200 });

    log('call: face still and ID front');
    await capture(server, call, agent, 'face');
    await capture(server, call, agent, 'id_front');

    log('call: head-movement challenge');
    // The customer makes the moves their screen asks for and holds each until the next prompt,
    // as a person does (prompted-customer.mjs), not on the clip's own clock.
    await followPrompts(customer);
    await agent.evaluate((steps) => window.__call.startChallenge({ steps, step_timeout_ms: 30000 }), STEPS);
    await agent.waitForFunction(() => window.__call.aiEvents.some((e) => e.type === 'challenge_done'), null, { timeout: 120000, polling: 250 });
    const done = await agent.evaluate(() => window.__call.aiEvents.find((e) => e.type === 'challenge_done'));
    if (!done.passed) throw new Error(`the challenge did not pass: ${JSON.stringify(done.steps)}`);
    // The face match pauses while the challenge runs; its verdict may come after it.
    await agent.waitForFunction(() => window.__call.aiEvents.filter((e) => e.type === 'face_match').at(-1)?.verdict === 'match', null, { timeout: 30000, polling: 250 });
    // A few seconds more of the call after the challenge, as in a real identification.
    await new Promise((r) => setTimeout(r, 3000));
    await agent.click('#hangup');
    await closedRecording(server, id, 30000);

    log('decision: inconclusive, the read-aloud was not done');
    await reauth(server, deciding);
    const d = await server.staffApi(deciding.cookie, 'POST', `/api/v1/sessions/${id}/decision`, {
      outcome: 'inconclusive',
      reasons: ['needs_review'],
      note: 'Face, ID front and head movements fine; the read-aloud step was skipped, so the customer is asked back.',
    });
    if (d.status !== 201) throw new Error(`decision: ${d.status} ${JSON.stringify(d.body)}`);
    if (d.body.status !== 'pending_review') throw new Error(`the decision should wait for review: ${JSON.stringify(d.body)}`);

    const reviewer = await staffMember(server, 'marc', ['supervisor']);
    const auditor = await staffMember(server, 'ines', ['auditor']);
    await customerContext.close();
    return { server, id, deciding, reviewer, auditor, webhooks, stop };
  } catch (e) {
    console.error(`server log (last 3000 characters):\n${server.logs.join('').slice(-3000)}`);
    await stop();
    throw e;
  }
}
