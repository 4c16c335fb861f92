// Issue 5, crash safety proven: type into a section of the real app, SIGKILL it at a random moment,
// start it again, and check, every time, that
//   - the database passes SQLite's `PRAGMA integrity_check` (the sqlite3 CLI, read-only, beside the
//     running app),
//   - the app opens normally (no "library damaged" screen, no error, the review and its text shown),
//   - the text on screen is the text in the database, a prefix of everything typed, and it holds
//     everything typed more than one second before the kill.
// CRASH_KILLS sets the number of kills (50 by default), CRASH_SEED replays a run's random moments
// (the seed is printed). Xvfb and tauri-driver are started once; each restart is a new WebDriver
// session, which launches the app again on the same database.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startDesktop } from './lib/harness.mjs';
import { Key, sleep, waitUntil } from './lib/webdriver.mjs';
import { newReview, sectionByRole, tid } from './lib/filmdesk.mjs';

const KILLS = Number(process.env.CRASH_KILLS ?? 50);
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 2 ** 31);
/** The promise: a crash loses at most what was typed in the last second before it. */
const MAX_LOSS_MS = 1000;
/** The longest a kill waits after typing starts; some land in pauses, some mid-burst, some mid-save. */
const MAX_KILL_DELAY_MS = 2500;

/** A small seeded PRNG (mulberry32), so that a failing run can be replayed with CRASH_SEED. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function sqlite(db, sql) {
  return execFileSync('sqlite3', ['-readonly', '-cmd', '.timeout 5000', db, sql], { encoding: 'utf8' }).trim();
}

/** A section's stored body, exactly (hex, so trailing spaces and newlines survive the CLI). */
function storedBody(db, sectionId) {
  const hex = sqlite(db, `SELECT hex(body) FROM sections WHERE id = '${sectionId}'`);
  return Buffer.from(hex, 'hex').toString('utf8');
}

let desktop;

before(async () => {
  desktop = await startDesktop({ name: 'crash' });
});

after(async () => {
  await desktop?.stop();
});

/**
 * Types words into the focused editor until `stop()` says so, with a writer's rhythm: bursts of
 * words, now and then a pause. Each entry of `log` is the length of the text typed so far and the
 * time the driver returned from typing it (the text was in the editor by then).
 */
async function typeUntilKilled(s, random, state, stop) {
  while (!stop()) {
    const word = `w${state.words++} `;
    state.inFlight = word;
    try {
      const actions = [];
      for (const ch of word) actions.push({ type: 'keyDown', value: ch }, { type: 'keyUp', value: ch });
      await s.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
    } catch {
      return; // the app was killed under this request
    }
    state.typed += word;
    state.inFlight = '';
    state.log.push({ len: state.typed.length, t: Date.now() });
    if (random() < 0.15) await sleep(200 + random() * 1300);
  }
}

/** A section editor's text, line by line, without the placeholder an empty editor shows. */
async function editorText(s, section) {
  const content = await section.waitFor(`${tid('section-editor')} .cm-content`);
  return s.execute(
    `return Array.from(arguments[0].querySelectorAll('.cm-line'))
       .map((line) => Array.from(line.childNodes)
         .filter((n) => !(n.classList && n.classList.contains('cm-placeholder')))
         .map((n) => n.textContent).join(''))
       .join('\\n')`,
    [content],
  );
}

/** Opens the review after a (re)start: the app reopens it itself, or it is picked from the library. */
async function openReview(s, reviewId, sectionId) {
  const editor = `${tid('section')}[data-section-id="${sectionId}"] ${tid('section-editor')} .cm-content`;
  await waitUntil(
    async () => (await s.findOrNull(editor)) !== null || (await s.findOrNull(`${tid('review-item')}[data-id="${reviewId}"]`)) !== null,
    { timeout: 30_000, what: () => 'the review or the library to show' },
  );
  if (!(await s.findOrNull(editor))) await (await s.find(`${tid('review-item')}[data-id="${reviewId}"]`)).click();
  return s.waitFor(`${tid('section')}[data-section-id="${sectionId}"]`);
}

test(`the text survives ${KILLS} SIGKILLs, losing at most the last second of typing`, { timeout: (KILLS * 20 + 120) * 1000 }, async () => {
  const random = rng(SEED);
  console.log(`# crash test: ${KILLS} kills, CRASH_SEED=${SEED}`);
  const db = desktop.dbPath();

  let s = await desktop.launch({ db });
  await newReview(s, 'blank');
  const section = await sectionByRole(s, 'text');
  const sectionId = await section.attribute('data-section-id');
  const reviewId = sqlite(db, `SELECT review_id FROM sections WHERE id = '${sectionId}'`);
  assert.ok(reviewId, 'the new review is in the database');

  let expected = ''; // what the section holds after the last restart
  let worstLossMs = 0;
  let lostChars = 0;
  const started = Date.now();

  for (let kill = 1; kill <= KILLS; kill++) {
    const el = await openReview(s, reviewId, sectionId);
    const content = await el.waitFor(`${tid('section-editor')} .cm-content`);
    await content.click();
    await s.chord(Key.Control, Key.End); // the caret after the last word

    const state = { typed: expected, words: kill * 1000, inFlight: '', log: [] };
    let killed = false;
    const typingFrom = Date.now();
    const typing = typeUntilKilled(s, random, state, () => killed);
    await sleep(random() * MAX_KILL_DELAY_MS);
    const killedAt = Date.now();
    const typingFor = killedAt - typingFrom;
    killed = true;
    await desktop.killApp({ db, session: s });
    // The request the kill cut short fails; should the driver sit on it, move on without it (its
    // word counts as typed-or-not either way).
    await Promise.race([typing, sleep(15_000)]);
    const wholeText = state.typed + state.inFlight;
    // Everything the driver had finished typing a second before the kill.
    const mustKeep = state.log.filter((e) => e.t <= killedAt - MAX_LOSS_MS).reduce((n, e) => Math.max(n, e.len), expected.length);

    s = await desktop.launch({ db });
    const integrity = sqlite(db, 'PRAGMA integrity_check');
    assert.equal(integrity, 'ok', `kill ${kill}: integrity_check after the restart`);

    const reopened = await openReview(s, reviewId, sectionId);
    assert.equal(await s.findOrNull(tid('library-problem')), null, `kill ${kill}: the library opens normally`);
    const onScreen = await editorText(s, reopened);
    const stored = storedBody(db, sectionId);
    assert.equal(onScreen, stored, `kill ${kill}: the window shows what the database holds`);
    assert.ok(wholeText.startsWith(stored), `kill ${kill} (seed ${SEED}): the stored text is not a prefix of what was typed:\n${JSON.stringify(stored.slice(-80))}\nvs ${JSON.stringify(wholeText.slice(-80))}`);
    assert.ok(
      stored.length >= mustKeep,
      `kill ${kill} (seed ${SEED}): lost ${JSON.stringify(wholeText.slice(stored.length, mustKeep))}, typed more than ${MAX_LOSS_MS} ms before the kill`,
    );

    // How much was lost, in time: the oldest typed-and-lost word's age at the kill.
    const firstLost = state.log.find((e) => e.len > stored.length);
    if (firstLost) worstLossMs = Math.max(worstLossMs, killedAt - firstLost.t);
    lostChars += state.typed.length - Math.min(stored.length, state.typed.length);
    console.log(
      `# kill ${kill}: after ${typingFor} ms of typing; ${state.log.length} words typed, ` +
        `${wholeText.length - stored.length} chars lost${firstLost ? ` (typed ${killedAt - firstLost.t} ms before)` : ''}`,
    );
    expected = stored;
  }

  await desktop.close(s);
  const seconds = (Date.now() - started) / 1000;
  console.log(
    `# crash test: ${KILLS} kills survived in ${seconds.toFixed(0)} s; final text ${expected.length} chars; ` +
      `${lostChars} chars lost in all; oldest lost word typed ${worstLossMs} ms before its kill`,
  );
});
