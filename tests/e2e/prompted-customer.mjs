// A customer who follows the head-movement prompts on their screen: the customer's camera shows
// the pose their call page asks for and holds it until the page asks for the next one, as a
// person does ("Move slowly and hold the position until the next step appears").
//
// Why not the clip on Chromium's fake camera: it plays its poses on its own clock and loops. On a
// busy machine the sidecar analyses one or two frames a second, the steps take longer than the
// clip holds a pose, and the challenge meets whatever the clip shows by then (a "down" step met
// the next loop's "left"). That is the test's clock, not the product's: a real customer waits
// for the prompt. So the poses come from the same clip (tests/fixtures/sequences, its
// ground-truth file names each frame's pose), replayed on a canvas that becomes the camera track
// the call sends: the clip's own movement into the pose, then its held frames, back and forth.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './harness.mjs';
import { catalogue, LANGS } from './phone.mjs';

const SEQUENCES = join(ROOT, 'tests', 'fixtures', 'sequences');
const POSES = ['centre', 'left', 'right', 'up', 'down'];
/** A held pose: frames within this many degrees of where the clip's segment comes to rest. */
const REST_DEG = 3;

/**
 * The clip cut into its movements: per segment (in clip order) its pose, the frames moving into
 * it, and the frames holding it. From the clip's ground truth (per frame: segment, true angles).
 */
export function segments() {
  const rows = readFileSync(join(SEQUENCES, 'ibm_max_Bryan_gt.csv'), 'utf8').trim().split('\n').slice(1).map((l) => {
    const [frame, segment, yaw, pitch] = l.split(',');
    return { frame: Number(frame), pose: segment === 'center' ? 'centre' : segment, yaw: Number(yaw), pitch: Number(pitch) };
  });
  const out = [];
  for (const r of rows) {
    if (out.at(-1)?.pose !== r.pose) out.push({ pose: r.pose, rows: [] });
    out.at(-1).rows.push(r);
  }
  return out.map(({ pose, rows }) => {
    const rest = rows.at(-1);
    let first = rows.length;
    while (first > 0 && Math.abs(rows[first - 1].yaw - rest.yaw) <= REST_DEG && Math.abs(rows[first - 1].pitch - rest.pitch) <= REST_DEG) first--;
    return { pose, move: rows.slice(0, first).map((r) => r.frame), hold: rows.slice(first).map((r) => r.frame) };
  });
}

/** The clip's frames as JPEG (base64), made once per checkout. */
function frames() {
  const dir = join(ROOT, 'var', 'e2e', 'clip-frames');
  if (!existsSync(join(dir, 'done'))) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(`${dir}.tmp`, { recursive: true });
    execFileSync('ffmpeg', ['-loglevel', 'error', '-y', '-i', join(SEQUENCES, 'ibm_max_Bryan.mp4'), '-q:v', '2', '-start_number', '0', join(`${dir}.tmp`, '%03d.jpg')]);
    execFileSync('touch', [join(`${dir}.tmp`, 'done')]);
    renameSync(`${dir}.tmp`, dir);
  }
  return readdirSync(dir).filter((f) => f.endsWith('.jpg')).sort().map((f) => readFileSync(join(dir, f)).toString('base64'));
}

/**
 * The frames that take the customer from pose `from` to `to` and the frames they then hold:
 * the clip's own movements (it only moves between the centre and a direction, so from one
 * direction to another goes through the centre).
 */
export function path(segs, from, to) {
  const into = (pose, after) => {
    const i = segs.findIndex((s, k) => s.pose === pose && k > 0 && (after === undefined || segs[k - 1].pose === after));
    if (i < 0) throw new Error(`the clip has no movement from ${after} to ${pose}`);
    return segs[i];
  };
  if (from === to) return { move: [], hold: (to === 'centre' ? segs[0] : into(to)).hold };
  if (from !== 'centre' && to !== 'centre') {
    const back = path(segs, from, 'centre');
    const out = path(segs, 'centre', to);
    return { move: [...back.move, ...back.hold.slice(0, 3), ...out.move], hold: out.hold };
  }
  const s = to === 'centre' ? into('centre', from) : into(to, 'centre');
  return { move: s.move, hold: s.hold };
}

/**
 * Makes the customer page's camera a person who follows its head-movement prompts: from now
 * on the call sends a canvas that shows the pose the page's prompt asks for (read from the
 * screen, in whatever language the page shows). `answer` maps a prompted direction to the one
 * this customer makes instead (a customer who turns the wrong way), e.g. `{ left: 'right' }`.
 * Returns `moves()`: what the customer did, when, for failure messages.
 */
export async function followPrompts(page, { answer = {} } = {}) {
  const segs = segments();
  const plans = {};
  for (const from of POSES) for (const to of POSES) plans[`${from}>${to}`] = path(segs, from, to);
  // What each prompt headline says, in every language the pages ship: the customer reads it.
  const titles = {};
  for (const lang of LANGS) {
    const msg = catalogue(lang);
    for (const pose of POSES) titles[msg(`prompt-turn_head-${pose}`)] = pose;
  }
  await page.evaluate(async ({ frames, plans, titles, answer }) => {
    const sender = window.__call.peerConnection.getSenders().find((s) => s.track?.kind === 'video');
    const old = sender.track;
    const { width = 640, height = 480 } = old.getSettings();
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d');
    const blobs = frames.map((b64) => new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }));
    const state = { answer, pose: 'centre', queue: [], hold: plans['centre>centre'].hold, i: 0, dir: 1, moves: [{ at: Date.now(), pose: 'centre', prompt: null }] };
    window.__customer = state;
    const prompted = () => {
      const title = document.querySelector('.call-prompt.kind-turn_head .call-prompt-title')?.textContent;
      return title === undefined ? null : (titles[title] ?? `unknown:${title}`);
    };
    let drawing = false;
    const tick = async () => {
      if (drawing) return; // a busy machine: skip a tick rather than pile them up
      drawing = true;
      try {
        const asked = prompted();
        const want = asked && !asked.startsWith('unknown') ? (state.answer[asked] ?? asked) : state.pose;
        if (want !== state.pose) {
          const plan = plans[`${state.pose}>${want}`];
          state.queue = [...plan.move];
          state.hold = plan.hold;
          state.i = 0;
          state.dir = 1;
          state.pose = want;
          state.moves.push({ at: Date.now(), pose: want, prompt: asked });
        }
        // Move into the pose, then hold it: the held frames back and forth (a person is never
        // perfectly still, and a frozen picture would be a frozen camera).
        let frame;
        if (state.queue.length) frame = state.queue.shift();
        else {
          frame = state.hold[state.i];
          if (state.hold.length > 1) {
            if (state.i + state.dir < 0 || state.i + state.dir >= state.hold.length) state.dir = -state.dir;
            state.i += state.dir;
          }
        }
        const bmp = await createImageBitmap(blobs[frame]);
        // The clip is 640×480; a larger camera shows it scaled to the height, centred.
        const w = (bmp.width * height) / bmp.height;
        ctx.fillStyle = '#000';
        ctx.fillRect(0, 0, width, height);
        ctx.drawImage(bmp, (width - w) / 2, 0, w, height);
        bmp.close();
      } finally {
        drawing = false;
      }
    };
    await tick();
    state.timer = setInterval(tick, 1000 / 15); // the clip's own frame rate
    const [track] = canvas.captureStream(15).getVideoTracks();
    const preview = document.getElementById('local')?.srcObject;
    old.stop();
    preview?.removeTrack(old);
    preview?.addTrack(track);
    await sender.replaceTrack(track);
  }, { frames: frames(), plans, titles, answer });
  return {
    /** What the customer did: `pose@ms (prompt)` since following started. */
    async moves() {
      const m = await page.evaluate(() => window.__customer?.moves ?? []).catch(() => []);
      return m.map((x) => `${x.pose}@${x.at - m[0].at}${x.prompt && x.prompt !== x.pose ? `(asked ${x.prompt})` : ''}`).join(' ');
    },
    /** Follows `answer` from now on (another customer's habits). */
    async answer(map) {
      await page.evaluate((map) => { window.__customer.answer = map; }, map);
    },
  };
}
