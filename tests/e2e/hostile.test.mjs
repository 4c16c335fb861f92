// Issue 5, hostile input end to end: a review full of right-to-left text, combining characters,
// emoji sequences, NUL and other control characters and a very long line (imported with the
// command line) is opened in the real window, edited there, saved, and exported; the stored
// text is exactly the original plus the edit, and the exported page holds it. A lone surrogate
// sent over the real IPC is refused with an error, and the app carries on.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { APP, startDesktop } from './lib/harness.mjs';
import { Key, waitUntil } from './lib/webdriver.mjs';
import { tid, waitSaved } from './lib/filmdesk.mjs';

// No RLM/LRM marks here: the editor draws those as visible placeholders (the domain test has them).
const RTL = 'نقد: «الأرشيف المالح» — וגם עברית';
const COMBINING = 'cafe\u0301 vs caf\u00e9; Z\u0335\u030c\u034ea\u036b\u033el\u0327g\u030fo; हिन्दी';
const EMOJI = '👩🏽\u200d💻 👨\u200d👩\u200d👧\u200d👦 🏳\ufe0f\u200d🌈 👍🏿 🇹🇷';
const CONTROLS = 'nul\u0000inside \u0001\u0007\u001b[31mred \u007f \u0085 \ufeffbom tab\there';
const LONG_LINE = 'word '.repeat(20_000).trim();
const BODY = [RTL, COMBINING, EMOJI, CONTROLS, LONG_LINE, 'The end.'].join('\n\n');
// Windows line breaks, as a pasted or imported text may have: editing must not turn them into \n.
const CRLF_BODY = 'Written on Windows.\r\nSecond line.\r\n\r\nA new paragraph.';

let desktop;

before(async () => {
  desktop = await startDesktop({ name: 'hostile' });
});

after(async () => {
  await desktop?.stop();
});

test('a hostile review opens, is edited, saved and exported unaltered', { timeout: 5 * 60_000 }, async () => {
  const db = desktop.dbPath();
  const cli = (...args) => execFileSync(APP, [...args, '--db', db], { encoding: 'utf8', env: desktop.env, maxBuffer: 64 << 20 });

  // The sample review as a starting point, its JSON form filled with hostile text, imported.
  let s = await desktop.launch({ db });
  await (await s.waitFor(tid('open-sample'))).click();
  await s.waitFor(tid('section-editor'));
  await waitSaved(s);
  await desktop.close(s);
  const [sample] = JSON.parse(cli('list', '--json'));
  const doc = JSON.parse(cli('export', '--id', sample.id, '--format', 'json'));
  doc.film.title = `${RTL} ${EMOJI}`;
  doc.film.original_title = COMBINING;
  doc.byline = CONTROLS;
  doc.tags = [RTL, EMOJI, COMBINING];
  doc.links = [{ title: EMOJI, url: 'http://exa mple.com/ä?q=<x>' }];
  const target = doc.sections.findIndex((x) => x.role === 'body');
  doc.sections[target].body = BODY;
  const crlfTarget = doc.sections.findIndex((x, i) => i !== target && x.role !== 'headline' && x.role !== 'standfirst');
  doc.sections[crlfTarget].body = CRLF_BODY;
  const file = desktop.dbPath('hostile.json');
  writeFileSync(file, JSON.stringify(doc));
  const id = cli('import', 'review', file, '--new-id').trim();
  const stored = () => JSON.parse(cli('export', '--id', id, '--format', 'json'));
  const sectionId = stored().sections[target].id;
  assert.equal(stored().sections[target].body, BODY, 'imported unaltered');

  s = await desktop.launch({ db });
  await (await s.waitFor(`${tid('review-item')}[data-id="${id}"]`)).click();
  const section = await s.waitFor(`${tid('section')}[data-section-id="${sectionId}"]`);
  const lines = await s.execute(
    'return Array.from(arguments[0].querySelectorAll(".cm-line")).map((l) => l.textContent)',
    [await section.waitFor(`${tid('section-editor')} .cm-content`)],
  );
  // The visible lines (control characters are drawn as placeholders, so those lines are left out).
  assert.equal(lines[0], RTL);
  assert.equal(lines[2], COMBINING);
  assert.equal(lines[4], EMOJI);
  // CodeMirror draws only part of a 100 000-character line; the store check below covers all of it.
  assert.ok(lines[8].startsWith('word word word'), 'the long line is there');
  await desktop.screenshot(s, 'hostile-review');

  // Edit: a word at the very end, after the long line.
  await (await section.waitFor(`${tid('section-editor')} .cm-content`)).click();
  await s.chord(Key.Control, Key.End);
  await s.keys(' edited');
  await waitSaved(s);

  // Edit the CRLF section at its end too.
  const crlfSection = await s.find(`${tid('section')}[data-section-id="${stored().sections[crlfTarget].id}"]`);
  const crlfEditor = await crlfSection.waitFor(`${tid('section-editor')} .cm-content`);
  await s.execute('arguments[0].scrollIntoView({ block: "center" })', [crlfEditor]);
  await crlfEditor.click();
  await s.chord(Key.Control, Key.End);
  await s.keys(' Edited.');
  await waitSaved(s);

  // A lone surrogate over the real IPC: refused with an error naming it, nothing stored, no crash.
  await s.execute(`
    const review = arguments[0];
    review.sections[${target}].body = 'half a pair: \\ud800';
    window.__hostileResult = null;
    window.__TAURI_INTERNALS__.invoke('save_review', { review }).then(
      () => (window.__hostileResult = 'accepted'),
      (e) => (window.__hostileResult = 'refused: ' + (typeof e === 'string' ? e : JSON.stringify(e))),
    );
  `, [stored()]);
  const verdict = await waitUntil(async () => s.execute('return window.__hostileResult'), { what: () => 'the IPC answer' });
  // serde_json's words: "unexpected end of hex escape" (a high half not followed by a low one).
  assert.match(verdict, /^refused: .*(hex escape|surrogate)/, verdict);
  await desktop.close(s);

  const after = stored();
  assert.equal(after.sections[target].body, `${BODY} edited`, 'saved exactly: the original text and the edit');
  assert.equal(after.sections[crlfTarget].body, `${CRLF_BODY} Edited.`, 'CRLF line breaks kept through an edit');
  assert.equal(after.film.title, doc.film.title);
  assert.equal(after.film.original_title, COMBINING);
  assert.equal(after.byline, CONTROLS);
  assert.deepEqual(after.tags, doc.tags);
  assert.deepEqual(after.links, doc.links);

  // Exported as a page: the text is there (escaped as HTML needs), and no NUL is.
  const page = cli('export', '--id', id);
  assert.ok(page.startsWith('<!DOCTYPE html>') || page.startsWith('<!doctype html>'), page.slice(0, 40));
  for (const text of [EMOJI, COMBINING, 'edited']) assert.ok(page.includes(text), `the page holds ${JSON.stringify(text)}`);
  assert.ok(!page.includes('\u0000'), 'no NUL in the page');
});
