// Shared end-to-end harness: starts the real server binary on loopback, creates sessions
// through the HTTP API, and opens call pages in headless Debian Chromium with a fake camera.
import { spawn, execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const ROOT = resolve(import.meta.dirname, '..', '..');
/** Where the built binaries are: this checkout's target/ unless VKYC_BIN_DIR names another build. */
const BIN_DIR = process.env.VKYC_BIN_DIR ?? join(ROOT, 'target', process.env.PROFILE ?? 'debug');
const PASSWORD = 'e2e ' + randomBytes(12).toString('hex');

/** RFC 6238 TOTP (SHA-1, 6 digits, 30 s) of a base32 secret at `time` (ms). */
export function totp(base32, time = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(time / 30000)));
  const h = createHmac('sha1', key).update(counter).digest();
  const o = h[h.length - 1] & 0xf;
  return String((h.readUInt32BE(o) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

export async function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => res(port)); });
    s.on('error', rej);
  });
}

const CLIP = join(ROOT, 'tests', 'fixtures', 'sequences', 'ibm_max_Bryan.mp4');

/**
 * The challenge clip as Y4M at 30 fps for Chromium's fake camera (which loops it), made once
 * per checkout. Head-movement challenges do not rely on its timing: the customer follows the
 * prompts (prompted-customer.mjs). `width`×`height` other than the clip's 640×480 scale it
 * (keeping its shape, padded at the sides): a camera with more pixels than the call sends, for
 * full-resolution stills. `dir`: where to keep the file (the HD one is large; a RAM disk suits it).
 */
export function customerClip({ width = 640, height = 480, dir = join(ROOT, 'var', 'e2e') } = {}) {
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `customer-${width}x${height}-30fps-still0.y4m`);
  if (!existsSync(out) || statSync(out).size === 0) {
    const scale = width === 640 && height === 480 ? '' : `scale=-2:${height},pad=${width}:${height}:(ow-iw)/2:0,`;
    const filter = `${scale}fps=30,format=yuv420p`;
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', CLIP, '-vf', filter, '-f', 'yuv4mpegpipe', `${out}.tmp`]);
    execFileSync('mv', [`${out}.tmp`, out]);
  }
  return out;
}

/** The media-ai sidecar (debug build unless PROFILE says otherwise) on a free loopback port. */
export async function startSidecar() {
  const port = await freePort();
  const bin = join(BIN_DIR, 'media-ai');
  // The server and the sidecar share a secret; the sidecar processes nothing without it.
  const secret = randomBytes(24).toString('hex');
  // MEDIA_AI_LOG=debug in the environment makes it print its frame throughput (kept in `logs`).
  const proc = spawn(bin, ['serve', '--listen', `127.0.0.1:${port}`], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, MEDIA_AI_SECRET: secret } });
  const logs = [];
  await new Promise((res, rej) => {
    proc.stderr.on('data', (d) => { logs.push(d.toString()); if (d.toString().includes('listening')) res(); });
    proc.once('exit', (code) => rej(new Error(`media-ai exited with ${code}`)));
  });
  return {
    addr: `127.0.0.1:${port}`,
    logs,
    /** Environment for a server that uses this sidecar. */
    env: { VKYC_AI__SIDECAR: `127.0.0.1:${port}`, VKYC_AI__SECRET: secret },
    async stop() {
      proc.kill('SIGKILL');
      await new Promise((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', r)));
    },
  };
}

export async function startServer({ databaseUrl, env: extraEnv = {} } = {}) {
  const port = await freePort();
  const bin = join(BIN_DIR, 'signaling');
  const dataDir = mkdtempSync(join(tmpdir(), 'vkyc-e2e-'));
  // PostgreSQL: a database of its own per server, as each SQLite server has its own file. On the
  // shared cluster (tests/pg.sh) a second run, or a suite side by side, otherwise met the first
  // one's rows (`staff_exists` for agent-1 on every run after the first).
  let dropDatabase = () => {};
  if (databaseUrl?.startsWith('postgres')) {
    const name = `vkyc_e2e_${randomBytes(6).toString('hex')}`;
    execFileSync('psql', [databaseUrl, '-qc', `CREATE DATABASE ${name}`]);
    const admin = databaseUrl;
    dropDatabase = () => execFileSync('psql', [admin, '-qc', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]);
    const own = new URL(databaseUrl);
    own.pathname = `/${name}`;
    databaseUrl = own.toString();
  }
  const env = {
    ...process.env,
    VKYC_LISTEN: `127.0.0.1:${port}`,
    VKYC_KEYS__MASTER_KEY_FILE: join(dataDir, 'master.key'),
    VKYC_PUBLIC_URL: `http://127.0.0.1:${port}`,
    VKYC_STATIC_DIR: join(ROOT, 'agent-ui', 'dist'),
    DATABASE_URL: databaseUrl ?? `sqlite://${dataDir}/e2e.db?mode=rwc`,
    VKYC_LOG: 'info',
    VKYC_RECORDING__DIR: join(dataDir, 'recordings'),
    ...extraEnv,
  };
  // The integrator key every test uses; made on the command line, as an operator would.
  const cli = (args, input) => execFileSync(bin, args, { env, input, encoding: 'utf8' });
  const API_KEY = cli(['admin', 'create-api-key', '--name', 'e2e', '--scopes', 'all']).trim();
  const proc = spawn(bin, [], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const logs = [];
  proc.stdout.on('data', (d) => logs.push(d.toString()));
  proc.stderr.on('data', (d) => logs.push(d.toString()));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    try { if ((await fetch(`${base}/readyz`)).ok) break; } catch { /* not up yet */ }
    if (proc.exitCode !== null) throw new Error('server exited: ' + logs.join(''));
    await new Promise((r) => setTimeout(r, 100));
  }
  const api = async (method, path, body, contentType = 'application/json') => {
    const raw = contentType !== 'application/json';
    const r = await fetch(base + path, {
      method,
      headers: { authorization: `Bearer ${API_KEY}`, 'content-type': contentType },
      body: body === undefined ? undefined : raw ? body : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  let agents = 0;
  const staffApi = async (cookie, method, path, body) => {
    const r = await fetch(base + path, {
      method,
      headers: { cookie: `vkyc_staff=${cookie}`, origin: base, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };
  const server = {
    base, logs, api, dataDir, staffApi,
    /** A recording file decrypted to a temporary file (recordings are encrypted at rest). */
    decryptRecording(sessionId, path) {
      const out = join(dataDir, `plain-${sessionId}-${path.replace(/\//g, '_')}`);
      cli(['recording', 'decrypt', sessionId, path, '--out', out]);
      return out;
    },
    /** A staff account made on the command line: its password and authenticator secret. */
    createStaff({ id, roles, name = id }) {
      const out = cli(['admin', 'create-user', '--id', id, '--name', name, '--roles', roles.join(','), '--password-stdin'], PASSWORD);
      const secret = /secret=([A-Z2-7]+)/.exec(out)[1];
      const recoveryCodes = /recovery codes: (.*)/.exec(out)[1].split(' ');
      return { id, password: PASSWORD, totpSecret: secret, recoveryCodes };
    },
    /** Signs in through the API (password + TOTP); returns the session cookie's value. */
    async login(staff) {
      // A code is accepted once: wait for a fresh time step if this one was used.
      for (;;) {
        const r = await fetch(`${base}/api/v1/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin: base },
          body: JSON.stringify({ username: staff.id, password: staff.password, code: totp(staff.totpSecret) }),
        });
        if (r.status === 200) return /vkyc_staff=([^;]+)/.exec(r.headers.get('set-cookie'))[1];
        const body = await r.json();
        if (body.code !== 'code_already_used') throw new Error(`login of ${staff.id}: ${JSON.stringify(body)}`);
        await new Promise((res) => setTimeout(res, 1000));
      }
    },
    /** An agent on the roster, signed in. */
    async agent(id = `agent-${++agents}`) {
      const staff = server.createStaff({ id, roles: ['agent'] });
      const put = await api('PUT', `/api/v1/agents/${id}`, { tz: 'UTC', skills: [] });
      if (put.status !== 200) throw new Error(`roster: ${JSON.stringify(put.body)}`);
      return { ...staff, cookie: await server.login(staff) };
    },
    /** Has `agent` take `session` the real way: queue, available, offer, accept. */
    async assign(session, agent) {
      const q = await api('POST', '/api/v1/queue', { session_id: session });
      if (q.status !== 201) throw new Error(`queue: ${JSON.stringify(q.body)}`);
      await staffApi(agent.cookie, 'PUT', '/api/v1/me/presence', { state: 'available' });
      for (let i = 0; i < 100; i++) {
        const offers = await staffApi(agent.cookie, 'GET', '/api/v1/me/offers');
        const offer = offers.body?.[0];
        if (offer) {
          const a = await staffApi(agent.cookie, 'POST', `/api/v1/me/offers/${offer.offer_id}/accept`);
          if (a.status !== 200) throw new Error(`accept: ${JSON.stringify(a.body)}`);
          return;
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('no offer reached the agent');
    },
    /** A session with a customer link and an agent who took it: the two pages to open. */
    /** The customer of `token` gives the three consents with the texts the server publishes. */
    async consent(session, token) {
      const texts = await (await fetch(`${base}/api/v1/consent-texts?lang=en`)).json();
      for (const t of texts) {
        const r = await fetch(`${base}/api/v1/sessions/${session}/consents`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: t.kind, decision: 'given', text_version: t.version }),
        });
        if (r.status !== 201) throw new Error(`consent: ${r.status}`);
      }
    },
    async newCall() {
      const s = await api('POST', '/api/v1/sessions', {});
      const customer = await api('POST', `/api/v1/sessions/${s.body.id}/links`, { role: 'customer' });
      await server.consent(s.body.id, customer.body.token);
      const agent = await server.agent();
      await server.assign(s.body.id, agent);
      return { id: s.body.id, customerUrl: customer.body.url, agentUrl: `${base}/agent/#s=${s.body.id}`, agentCookie: agent.cookie, customerToken: customer.body.token, agent };
    },
    async metric(name) {
      const text = await (await fetch(`${base}/metrics`)).text();
      const line = text.split('\n').find((l) => l.startsWith(name + ' ') || l.startsWith(name + '{') && l.split(' ')[0] === name);
      return line ? Number(line.split(' ').pop()) : NaN;
    },
    async stop() {
      const exited = () => proc.exitCode !== null || proc.signalCode !== null;
      if (exited()) throw new Error(`the server died during the test (${proc.exitCode ?? proc.signalCode}): ${logs.join('').slice(-3000)}`);
      proc.kill('SIGTERM');
      await new Promise((r) => (exited() ? r() : proc.once('exit', r)));
      dropDatabase();
    },
    proc,
  };
  return server;
}

export async function launchBrowser({ videoFile } = {}) {
  const args = [
    '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
    '--allow-loopback-in-peer-connection', '--autoplay-policy=no-user-gesture-required',
  ];
  if (videoFile) args.push(`--use-file-for-fake-video-capture=${videoFile}`);
  return chromium.launch({ executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium', args });
}

/** Opens a call page (as the signed-in staff member of `staffCookie`, if given) and clicks "Join". */
export async function joinCall(browser, url, staffCookie) {
  const context = await browser.newContext();
  if (staffCookie) await context.addCookies([{ name: 'vkyc_staff', value: staffCookie, url: new URL(url).origin }]);
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('#join:not([disabled])', { timeout: 15000, polling: 200 });
  await page.click('#join');
  return page;
}

/** Inbound media stats of the page's peer connection. */
export async function inboundStats(page) {
  return page.evaluate(async () => {
    const pc = window.__call?.peerConnection;
    const out = { video: null, audio: null };
    if (!pc) return out;
    const report = await pc.getStats();
    report.forEach((s) => {
      if (s.type !== 'inbound-rtp') return;
      if (s.kind === 'video') out.video = { framesDecoded: s.framesDecoded ?? 0, framesReceived: s.framesReceived ?? 0, framesDropped: s.framesDropped ?? 0, frameWidth: s.frameWidth ?? 0, frameHeight: s.frameHeight ?? 0, packetsReceived: s.packetsReceived ?? 0, nackCount: s.nackCount ?? 0, pliCount: s.pliCount ?? 0, packetsLost: s.packetsLost ?? 0, freezeCount: s.freezeCount ?? 0 };
      if (s.kind === 'audio') out.audio = { packetsReceived: s.packetsReceived ?? 0 };
    });
    return out;
  });
}

/**
 * The page's outgoing video: frames its encoder made and sent, and what limits it (`cpu` when
 * the browser lowers its own frame rate or resolution because the machine is busy).
 */
export async function outboundVideo(page) {
  return page.evaluate(async () => {
    let out = null;
    (await window.__call.peerConnection.getStats()).forEach((s) => {
      if (s.type === 'outbound-rtp' && s.kind === 'video') {
        out = { framesEncoded: s.framesEncoded ?? 0, framesSent: s.framesSent ?? 0, width: s.frameWidth ?? 0, height: s.frameHeight ?? 0, limitation: s.qualityLimitationReason ?? 'none' };
      }
    });
    return out;
  });
}

/**
 * What a call page knows about its call, for a failure message: the connection's states, the
 * page's timeline (ms from joining: signaling, ICE, DTLS, first media), media in and out.
 */
export async function callState(page) {
  const state = await page.evaluate(() => {
    const pc = window.__call?.peerConnection;
    return { signaling: pc?.signalingState, ice: pc?.iceConnectionState, connection: pc?.connectionState, timeline: window.__call?.timeline };
  }).catch((e) => ({ error: String(e) }));
  const [inbound, outbound] = await Promise.all([inboundStats(page).catch(() => null), outboundVideo(page).catch(() => null)]);
  return JSON.stringify({ ...state, inbound, outbound });
}

/** Polls until the page has decoded at least `frames` video frames; returns ms waited or null. */
export async function waitForFrames(page, frames, timeoutMs) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const s = await inboundStats(page);
    if ((s.video?.framesDecoded ?? 0) >= frames) return Date.now() - t0;
    await new Promise((r) => setTimeout(r, 50));
  }
  return null;
}

/** Milliseconds from the page's signaling socket opening to its first decoded video frame. */
export async function msToFirstFrame(page, timeoutMs = 20000) {
  return page.evaluate(async (timeoutMs) => {
    const t0 = performance.now();
    while (performance.now() - t0 < timeoutMs) {
      const pc = window.__call?.peerConnection;
      if (pc) {
        let frames = 0;
        (await pc.getStats()).forEach((s) => { if (s.type === 'inbound-rtp' && s.kind === 'video') frames = s.framesDecoded ?? 0; });
        if (frames > 0) return performance.now() - window.__call.joinedAt;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    return null;
  }, timeoutMs);
}

/** Waits until the session's recording is closed; returns its manifest. */
export async function closedRecording(server, sessionId, timeoutMs = 15000) {
  const t0 = Date.now();
  while (Date.now() - t0 < timeoutMs) {
    const r = await server.api('GET', `/api/v1/sessions/${sessionId}/recording`);
    if (r.body?.state === 'closed') return r.body.manifest;
    await new Promise((res) => setTimeout(res, 200));
  }
  throw new Error('the recording did not close');
}

/** ffprobe's view of one recorded file: duration in seconds and codec. */
export function probe(file) {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_entries', 'format=duration:stream=codec_name', '-of', 'default=nw=1:nk=1', file]).toString().trim().split('\n');
  return { codec: out[0], seconds: Number(out[1]) };
}
