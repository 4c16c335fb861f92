// Issue 5, a damaged library at start-up, in the real window: a library with a review and a
// backup is garbled (everything after its first page replaced by noise), the app is started on it
// and says the library is damaged instead of opening, offers the latest backup, restores it on
// request, and opens the review again. The damaged file is kept byte for byte under another name.
// (Truncated files, garbled headers and other programs' databases: tests/durability/corruption.rs.)
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { APP, startDesktop } from './lib/harness.mjs';
import { tid, waitSaved } from './lib/filmdesk.mjs';

let desktop;

before(async () => {
  desktop = await startDesktop({ name: 'corrupt' });
});

after(async () => {
  await desktop?.stop();
});

const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

test('a garbled library is reported, and the latest backup restored without overwriting it', { timeout: 5 * 60_000 }, async () => {
  const db = desktop.dbPath();
  const cli = (...args) => execFileSync(APP, [...args, '--db', db], { encoding: 'utf8', env: desktop.env }).trim();

  // A library with the sample review, closed cleanly, and a backup of it.
  let s = await desktop.launch({ db });
  await (await s.waitFor(tid('open-sample'))).click();
  await s.waitFor(tid('section-editor'));
  await waitSaved(s);
  await desktop.close(s);
  const reviews = JSON.parse(cli('list', '--json'));
  assert.equal(reviews.length, 1);
  const backup = cli('backup');
  assert.ok(backup.endsWith('.sqlite'), backup);
  execFileSync('sqlite3', [db, 'PRAGMA wal_checkpoint(TRUNCATE)']);

  // Deterministic noise over everything after the first page: the header still says SQLite.
  const bytes = readFileSync(db);
  assert.ok(bytes.length > 8192, `a library of ${bytes.length} bytes`);
  let seed = 0x2545f491;
  for (let i = 4096; i < bytes.length; i++) {
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    bytes[i] = seed & 0xff;
  }
  writeFileSync(db, bytes);
  const damagedSum = sha256(bytes);

  s = await desktop.launch({ db });
  const problem = await s.waitFor(tid('library-problem'), { timeout: 30_000 });
  assert.equal(await problem.attribute('data-code'), 'corrupt');
  const message = await (await s.find(tid('library-problem-message'))).text();
  assert.ok(message.length > 0, 'the error is spelt out');
  assert.match(await problem.text(), /damaged/);
  assert.match(message, /damaged|malformed/);
  const latest = await s.waitFor(tid('latest-backup'));
  assert.match(await latest.text(), /with 1 review\b/);
  assert.equal(sha256(readFileSync(db)), damagedSum, 'opening did not write to the damaged file');

  await (await s.find(tid('restore-latest-backup'))).click();
  const restored = await s.waitFor(tid('library-restored'), { timeout: 30_000 });
  const aside = readdirSync(dirname(db)).filter((f) => f.startsWith(`${basename(db)}.damaged-`) && !/-(wal|shm|journal)$/.test(f));
  assert.equal(aside.length, 1, `the damaged file set aside: ${readdirSync(dirname(db))}`);
  assert.equal(sha256(readFileSync(join(dirname(db), aside[0]))), damagedSum, 'the damaged file is kept byte for byte');
  assert.match(await restored.text(), new RegExp(aside[0].replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));

  await (await s.find(tid('library-reload'))).click();
  await s.waitFor(`${tid('review-item')}[data-id="${reviews[0].id}"]`, { timeout: 30_000 });
  assert.equal(await s.findOrNull(tid('library-problem')), null);
  await desktop.close(s);
  assert.equal(JSON.parse(cli('list', '--json'))[0].id, reviews[0].id, 'the restored library holds the review');
});
