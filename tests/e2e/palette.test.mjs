// The command palette in the real window: Ctrl+K, part of a film's title, Enter opens that review;
// words from a review's text find it through the full-text index; a film of the log without a
// review opens its film page; Ctrl+/ lists the shortcuts.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { APP, startDesktop } from './lib/harness.mjs';
import { fieldValue, fillField, newReview, sectionByRole, showFacts, tid, waitSaved, writeInSection } from './lib/filmdesk.mjs';
import { Key, waitUntil } from './lib/webdriver.mjs';

let desktop;

before(async () => {
  desktop = await startDesktop({ name: 'palette' });
});

after(async () => {
  await desktop?.stop();
});

/** Drafts a review with a film title and a headline; returns its id once it is saved. */
async function draft(s, title, headline) {
  const before = await openReviewId(s);
  await newReview(s, 'feature');
  // The editor on screen may still be the previous review's for a moment: wait for the new one.
  await waitUntil(async () => {
    const now = await openReviewId(s);
    return now !== null && now !== before;
  }, { what: () => 'the new review to open' });
  await s.waitFor(`${tid('section')} ${tid('section-editor')} .cm-content`);
  await writeInSection(s, await sectionByRole(s, 'headline'), [headline]);
  await showFacts(s);
  await fillField(s, 'film-title', title);
  await waitSaved(s);
  const current = await s.waitFor(`${tid('review-item')}[aria-current="page"]`);
  return current.attribute('data-id');
}

async function openReviewId(s) {
  const current = await s.findOrNull(`${tid('review-item')}[aria-current="page"]`);
  return current ? current.attribute('data-id') : null;
}

/** The palette's options in order. Text from the DOM: the dialog is in the top layer, where
 * WebDriver's visible-text rules give nothing in WebKitWebDriver. */
async function options(s) {
  return s.execute(
    'return Array.from(document.querySelectorAll(\'[data-testid="palette-option"]\')).map((o) => ({ kind: o.dataset.kind, id: o.dataset.id, text: o.textContent }))',
  );
}

const textOf = (s, el) => s.execute('return arguments[0].textContent', [el]);

test('Ctrl+K, part of a film title, Enter opens that review', { timeout: 6 * 60_000 }, async (t) => {
  // Two films in the log with no review, imported through the CLI before the window opens.
  const db = desktop.dbPath();
  const diary = join(desktop.tmp, 'letterboxd');
  mkdirSync(diary, { recursive: true });
  writeFileSync(
    join(diary, 'diary.csv'),
    'Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date\n' +
      '2026-10-01,Rain Man,1988,,3.5,,,2026-10-01\n' +
      "2026-10-02,Singin' in the Rain,1952,,5,,,2026-10-02\n",
  );
  execFileSync(APP, ['import', 'letterboxd', diary, '--db', db], { stdio: ['ignore', 'ignore', 'inherit'] });
  const s = await desktop.launch({ db });
  let werckmeister;
  let satantango;

  await t.test('draft two reviews', async () => {
    werckmeister = await draft(s, 'Werckmeister Harmonies', 'A whale in the town square');
    satantango = await draft(s, 'Sátántangó', 'Seven hours of rain');
    assert.notEqual(werckmeister, satantango);
    assert.equal(await openReviewId(s), satantango);
  });

  await t.test('the palette finds the film by part of its title and Enter opens it', async () => {
    await s.chord(Key.Control, 'k');
    const input = await s.waitFor(tid('palette-input'));
    assert.equal(await s.execute('return document.activeElement === arguments[0]', [input]), true, 'the query has the focus');
    await s.keys('harmon');
    await waitUntil(async () => (await options(s))[0]?.id === werckmeister, {
      what: async () => `the first option to be Werckmeister Harmonies, got ${JSON.stringify(await options(s))}`,
    });
    const first = (await options(s))[0];
    assert.equal(first.kind, 'review');
    assert.match(first.text, /Werckmeister Harmonies/);
    assert.ok(!(await options(s)).some((o) => o.id === satantango), 'the other review does not match');
    await desktop.screenshot(s, 'palette-title');

    await s.keys(Key.Enter);
    await waitUntil(async () => (await openReviewId(s)) === werckmeister, { what: () => 'Werckmeister Harmonies to open' });
    assert.equal(await s.findOrNull(tid('palette')), null, 'the palette closed');
    await waitUntil(async () => (await fieldValue(s, 'film-title')) === 'Werckmeister Harmonies', {
      what: () => 'the editor to show the film title',
    });
    const headline = await sectionByRole(s, 'headline');
    assert.match(await textOf(s, headline), /A whale in the town square/);
  });

  await t.test('words from the text, accents folded, find the other review', async () => {
    await s.chord(Key.Control, 'k');
    await s.waitFor(tid('palette-input'));
    // "satan" is a fuzzy title match (Sátántangó) and "rain" a full-text hit in its headline.
    await s.keys('rain');
    const hit = await s.waitFor(`${tid('palette-option')}[data-kind="hit"]`);
    assert.equal(await hit.attribute('data-id'), satantango);
    assert.match(await textOf(s, hit), /Seven hours of rain/);
    const marks = await s.execute(
      'return Array.from(document.querySelectorAll("[data-kind=hit] mark")).map((m) => m.textContent)',
    );
    assert.deepEqual(marks, ['rain']);
    await desktop.screenshot(s, 'palette-search');
    await s.keys(Key.Escape);
    await waitUntil(async () => (await s.findOrNull(tid('palette'))) === null, { what: () => 'Esc to close the palette' });
    assert.equal(await openReviewId(s), werckmeister, 'Esc opens nothing');
  });

  await t.test('a film of the log without a review opens its film page', async () => {
    await s.chord(Key.Control, 'k');
    await s.waitFor(tid('palette-input'));
    await s.keys('rain man');
    const film = await s.waitFor(`${tid('palette-option')}[data-kind="film"]`);
    assert.match(await textOf(s, film), /Rain Man \(1988\)/);
    const all = await options(s);
    assert.equal(all[0].kind, 'film', `the film first: ${JSON.stringify(all)}`);
    assert.ok(!all.some((o) => /Singin/.test(o.text)), `only the film with both words: ${JSON.stringify(all)}`);
    await s.keys(Key.Enter);
    await s.waitFor(tid('film-page-title'), { predicate: async (el) => /Rain Man/.test(await textOf(s, el)) });
    assert.equal(await s.findOrNull(tid('palette')), null, 'the palette closed');
    await (await s.find(tid('area-reviews'))).click();
    await s.waitFor(`${tid('review-item')}[aria-current="page"]`);
  });

  await t.test('Ctrl+/ lists every shortcut', async () => {
    await s.chord(Key.Control, '/');
    await s.waitFor(tid('shortcuts'));
    const rows = await s.execute(
      'return Array.from(document.querySelectorAll("[data-testid=shortcut]")).map((r) => r.textContent.replace(/\\s+/g, " ").trim())',
    );
    for (const expected of ['New review Ctrl+N', 'Save now Ctrl+S', 'Command palette Ctrl+K', 'Keyboard shortcuts Ctrl+/']) {
      assert.ok(rows.includes(expected), `${expected} in ${JSON.stringify(rows)}`);
    }
    await desktop.screenshot(s, 'palette-shortcuts');
    await s.keys(Key.Escape);
    await waitUntil(async () => (await s.findOrNull(tid('shortcuts'))) === null, { what: () => 'Esc to close the overlay' });
  });
});
