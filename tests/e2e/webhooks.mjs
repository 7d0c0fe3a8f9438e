// The integrator's side of the webhooks in a browser walk: the receiver the server-side tests use
// (signaling/tests/py/webhook_receiver.py), which verifies every delivery with the
// `standardwebhooks` package — an implementation independent of the server's.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, ROOT } from './harness.mjs';

const PY = join(ROOT, 'signaling', 'tests', 'py');

/**
 * Starts a receiver on a loopback port. `url(path)` is where to send; `trust(path, secret)`
 * stores the secret deliveries to `path` must be signed with; `deliveries()` reads what arrived.
 */
export async function webhookReceiver() {
  execFileSync(join(PY, 'setup-venv.sh'), { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'vkyc-webhooks-'));
  const secrets = join(dir, 'secrets.json');
  const log = join(dir, 'deliveries.jsonl');
  writeFileSync(secrets, '{}');
  writeFileSync(log, '');
  const port = await freePort();
  const proc = spawn(join(ROOT, '.cache', 'py-tests', 'bin', 'python'), [join(PY, 'webhook_receiver.py'), String(port), secrets, log], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((res, rej) => {
    proc.stdout.on('data', (d) => d.toString().includes('listening') && res());
    proc.once('exit', (code) => rej(new Error(`webhook receiver exited with ${code}`)));
  });
  return {
    url: (path) => `http://127.0.0.1:${port}${path}`,
    trust(path, secret) {
      writeFileSync(secrets, JSON.stringify({ ...JSON.parse(readFileSync(secrets, 'utf8')), [path]: secret }));
    },
    /** Every delivery so far: {path, id, timestamp, verified, payload}. */
    deliveries: () => readFileSync(log, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l)),
    /** Resolves with the first delivery `match` accepts, polling the log until `timeoutMs`. */
    async waitFor(match, timeoutMs = 30000) {
      for (const deadline = Date.now() + timeoutMs; Date.now() < deadline; await new Promise((r) => setTimeout(r, 200))) {
        const hit = this.deliveries().find(match);
        if (hit) return hit;
      }
      throw new Error(`no such webhook within ${timeoutMs} ms; received: ${JSON.stringify(this.deliveries())}`);
    },
    async stop() {
      proc.kill('SIGKILL');
      await new Promise((r) => (proc.exitCode !== null || proc.signalCode !== null ? r() : proc.once('exit', r)));
    },
  };
}
