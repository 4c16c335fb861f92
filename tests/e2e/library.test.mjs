// The window opens on an empty library (chosen with FILMDESK_DB) with a welcome, "New review" and
// "Open sample review"; the sample review appears in the library and is still there after a restart.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { startDesktop } from './lib/harness.mjs';
import { tid } from './lib/filmdesk.mjs';

let desktop;
const db = join(mkdtempSync(join(tmpdir(), 'filmdesk-e2e-env-')), 'library.sqlite');

before(async () => {
  // The database comes from the environment here, not from --db.
  desktop = await startDesktop({ name: 'library', env: { FILMDESK_DB: db } });
});

after(async () => {
  await desktop?.stop();
  rmSync(dirname(db), { recursive: true, force: true });
});

test('an empty library welcomes, and the sample review is kept', { timeout: 5 * 60_000 }, async () => {
  const s = await desktop.launch();
  assert.equal(await s.title(), 'Filmdesk');
  await s.waitFor(tid('new-review'));
  assert.equal((await s.findAll(tid('review-item'))).length, 0);

  await (await s.waitFor(tid('open-sample'))).click();
  const item = await s.waitFor(tid('review-item'));
  const id = await item.attribute('data-id');
  assert.ok(id, 'the library item carries the review id');
  await desktop.close(s);

  const again = await desktop.launch();
  const items = await again.waitFor(tid('review-item')).then(() => again.findAll(tid('review-item')));
  assert.deepEqual(await Promise.all(items.map((el) => el.attribute('data-id'))), [id]);
});
