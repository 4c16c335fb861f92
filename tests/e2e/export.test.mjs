// Export from the real window: the sample review is exported through the commands the Export
// dialog and the "Copy as …" buttons call (export_review, render_export), and the file is checked.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDesktop } from './lib/harness.mjs';
import { tid } from './lib/filmdesk.mjs';

let desktop;
const dir = mkdtempSync(join(tmpdir(), 'filmdesk-e2e-export-'));

before(async () => {
  desktop = await startDesktop({ name: 'export', env: { FILMDESK_DB: join(dir, 'library.sqlite') } });
});

after(async () => {
  await desktop?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Calls a command as the UI does; resolves to {ok, value} or {ok: false, error: {code, message}}. */
function invoke(s, command, args) {
  return s.execute(
    `return window.__TAURI_INTERNALS__.invoke(arguments[0], arguments[1])
       .then((value) => ({ ok: true, value }), (error) => ({ ok: false, error }));`,
    [command, args],
  );
}

test('a review exported from the window is a complete page, and an existing file is not overwritten', async () => {
  const s = await desktop.launch();
  await (await s.waitFor(tid('open-sample'))).click();
  const id = await (await s.waitFor(tid('review-item'))).attribute('data-id');

  const path = join(dir, 'out', 'the-last-ferry.html');
  const options = { format: 'html', preset: 'none', lang: 'en' };
  const first = await invoke(s, 'export_review', { id, options, path, force: false });
  assert.deepEqual(first, { ok: true, value: path });
  assert.ok(existsSync(path));
  const html = readFileSync(path, 'utf8');
  assert.match(html, /^<!DOCTYPE html>/);
  assert.match(html, /<h1>The Last Ferry \(2025\) review: a quiet crossing that carries a whole life<\/h1>/);
  assert.match(html, /<script type="application\/ld\+json">\{"@context":"https:\/\/schema.org","@type":"Review"/);
  assert.match(html, /<span class="actor">Selin Çiçek<\/span> as <span class="character">Defne<\/span>/);

  // The dialog asks before replacing: the command refuses first, and replaces when told to.
  const again = await invoke(s, 'export_review', { id, options, path, force: false });
  assert.equal(again.ok, false);
  assert.equal(again.error.code, 'already_exists');
  assert.equal(readFileSync(path, 'utf8'), html);
  const forced = await invoke(s, 'export_review', { id, options, path, force: true });
  assert.equal(forced.ok, true);

  // "Copy as Markdown": the review as the editor holds it, rendered to a string.
  const review = (await invoke(s, 'get_review', { id })).value;
  const md = await invoke(s, 'render_export', {
    review,
    options: { format: 'markdown', preset: 'hugo', lang: 'en' },
  });
  assert.equal(md.ok, true);
  assert.match(md.value, /^---\ntitle: "The Last Ferry \(2025\) review: a quiet crossing that carries a whole life"\n/);
  assert.match(md.value, /\n## Synopsis\n/);
  await desktop.close(s);
});
