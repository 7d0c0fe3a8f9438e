// `make demo-review-world`: a world to look at the review pages in a browser. Makes a real recorded,
// decided call (review-world.mjs), then keeps the server running and prints where to sign in,
// who with, and their authenticator codes every 30 s. Ctrl-C ends it.
import { totp } from './harness.mjs';
import { reviewWorld } from './review-world.mjs';

const world = await reviewWorld({ log: (m) => console.log(`… ${m}`) });
const people = [
  ['priya', world.deciding, 'agent + supervisor, made the decision (cannot review it)'],
  ['marc', world.reviewer, 'supervisor: plays, reviews, exports, holds'],
  ['ines', world.auditor, 'auditor: read-only, sees the access log'],
];
console.log(`
The review pages: ${world.server.base}/staff/review
The session:      ${world.server.base}/staff/review/sessions/${world.id}
Password (all):   ${world.deciding.password}
`);
for (const [name, s, what] of people) console.log(`  ${name.padEnd(6)} TOTP secret ${s.totpSecret}  (${what})`);
const codes = () => console.log(`codes now: ${people.map(([name, s]) => `${name} ${totp(s.totpSecret)}`).join('   ')}`);
codes();
// New codes at each 30-s step boundary.
let timer = setTimeout(function next() {
  codes();
  timer = setTimeout(next, 30_000 - (Date.now() % 30_000) + 100);
}, 30_000 - (Date.now() % 30_000) + 100);
const stop = async () => {
  clearTimeout(timer);
  await world.stop();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
