// Issue 4, end to end in the real window: import a small Letterboxd export and an IMDb dataset
// through the Import view, log two films with the keyboard-first dialog (one picked from the IMDb
// index, which fills its facts, one from the library), then find them in the diary under this
// month and in the statistics' counts; Esc asks before a changed dialog is discarded. Screenshots of
// the diary and the statistics, light and dark.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDesktop } from './lib/harness.mjs';
import { Key, waitUntil } from './lib/webdriver.mjs';
import { fieldValue, newReview, showFacts, tid } from './lib/filmdesk.mjs';

let desktop;

before(async () => {
  desktop = await startDesktop({ name: 'log' });
});

after(async () => {
  await desktop?.stop();
});

const pad = (n) => String(n).padStart(2, '0');
const iso = (d) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
const today = new Date();
const TODAY = iso(today);
const THIS_MONTH = TODAY.slice(0, 7);
const THIS_YEAR = today.getFullYear();

// Twenty-four diary rows going back from yesterday, every nine days: a spread over the months.
const TITLES = [
  ['Close-Up', 1990], ['Aftersun', 2022], ['Past Lives', 2023], ['Perfect Days', 2023], ['Fallen Leaves', 2023],
  ['Anatomy of a Fall', 2023], ['The Zone of Interest', 2023], ['Collateral', 2004], ['Yi Yi', 2000], ['Chungking Express', 1994],
  ['Céline and Julie Go Boating', 1974], ['Beau Travail', 1999],
];
const DIARY = Array.from({ length: 24 }, (_, i) => {
  const d = new Date(today);
  d.setDate(d.getDate() - 1 - i * 9);
  const [name, year] = TITLES[i % TITLES.length];
  return { date: iso(d), name, year, rating: [4, 3.5, 5, 4.5, 3, 4, 2.5, 4, 5, 3.5, 4, 4.5][i % 12], rewatch: i >= 12 };
});

function writeLetterboxd(dir) {
  mkdirSync(dir, { recursive: true });
  const lines = ['Date,Name,Year,Letterboxd URI,Rating,Rewatch,Tags,Watched Date'];
  for (const r of DIARY) {
    const name = r.name.includes(',') ? `"${r.name}"` : r.name;
    lines.push(`${r.date},${name},${r.year},https://boxd.it/${r.name.length}${r.year},${r.rating},${r.rewatch ? 'Yes' : ''},,${r.date}`);
  }
  writeFileSync(join(dir, 'diary.csv'), `${lines.join('\n')}\n`);
}

function writeImdb(dir) {
  mkdirSync(dir, { recursive: true });
  const tsv = (rows) => `${rows.map((r) => r.join('\t')).join('\n')}\n`;
  writeFileSync(
    join(dir, 'title.basics.tsv'),
    tsv([
      ['tconst', 'titleType', 'primaryTitle', 'originalTitle', 'isAdult', 'startYear', 'endYear', 'runtimeMinutes', 'genres'],
      ['tt0113277', 'movie', 'Heat', 'Heat', '0', '1995', '\\N', '170', 'Action,Crime,Drama'],
      ['tt0090927', 'movie', 'Heat', 'Heat', '0', '1986', '\\N', '101', 'Action,Crime'],
      ['tt0108778', 'tvSeries', 'Heat Wave', 'Heat Wave', '0', '1994', '2004', '\\N', 'Comedy'],
    ]),
  );
  writeFileSync(
    join(dir, 'title.crew.tsv'),
    tsv([
      ['tconst', 'directors', 'writers'],
      ['tt0113277', 'nm0000520', 'nm0000520'],
      ['tt0090927', 'nm0001563', '\\N'],
    ]),
  );
  writeFileSync(
    join(dir, 'title.principals.tsv'),
    tsv([
      ['tconst', 'ordering', 'nconst', 'category', 'job', 'characters'],
      ['tt0113277', '1', 'nm0000199', 'actor', '\\N', '["Lt. Vincent Hanna"]'],
      ['tt0113277', '2', 'nm0000134', 'actor', '\\N', '["Neil McCauley"]'],
      ['tt0113277', '3', 'nm0000520', 'director', '\\N', '\\N'],
    ]),
  );
  writeFileSync(
    join(dir, 'name.basics.tsv'),
    tsv([
      ['nconst', 'primaryName', 'birthYear', 'deathYear', 'primaryProfession', 'knownForTitles'],
      ['nm0000520', 'Michael Mann', '1943', '\\N', 'director', 'tt0113277'],
      ['nm0000199', 'Al Pacino', '1940', '\\N', 'actor', 'tt0113277'],
      ['nm0000134', 'Robert De Niro', '1943', '\\N', 'actor', 'tt0113277'],
      ['nm0001563', 'Jerry Jameson', '1934', '\\N', 'director', 'tt0090927'],
    ]),
  );
}

/** Types into an input after emptying it. */
async function typeInto(s, id, text) {
  const el = await s.waitFor(tid(id));
  await el.click();
  await s.execute('arguments[0].value = ""; arguments[0].dispatchEvent(new Event("input", {bubbles: true}))', [el]);
  await el.sendKeys(text);
  await waitUntil(async () => (await el.property('value')) === text, { what: () => `${tid(id)} to hold ${text}` });
  return el;
}

/** Opens the dialog with Ctrl+L, picks the suggestion from `source` for `typed`, rates it, saves with Enter. */
async function logFilm(s, { typed, source, expectText, stars, hint, shot }) {
  await s.chord(Key.Control, 'l');
  const film = await s.waitFor(`${tid('log-dialog')} ${tid('log-film')}`);
  await waitUntil(async () => (await s.execute('return document.activeElement === arguments[0]', [film])) === true, {
    what: () => 'the film field to have the focus',
  });
  await s.keys(typed);
  await s.waitFor(`${tid('log-film-option')}[data-source="${source}"]`);
  // Down the list with the arrow until the wanted match is the active one, then Enter picks it.
  const options = await s.findAll(tid('log-film-option'));
  for (let i = 0; i < options.length; i++) {
    const active = await s.find(`${tid('log-film-option')}[aria-selected="true"]`);
    const label = (await s.execute('return arguments[0].querySelector(".o-title").textContent', [active])).replace(/\s+/g, ' ');
    if ((await active.attribute('data-source')) === source && label === expectText.replace(/ \((\d{4})\)$/, '$1')) break;
    await s.keys(Key.ArrowDown);
  }
  await s.keys(Key.Enter);
  await waitUntil(async () => (await film.property('value')) === expectText, {
    what: async () => `the film field to read ${expectText} (it reads ${await film.property('value')})`,
  });
  if (hint) {
    await s.waitFor(tid('log-film-hint'), { predicate: async (el) => (await el.text()).includes(hint) });
  }
  if (shot) await typeInto(s, 'log-place', shot.place);
  const rating = await s.find(`${tid('log-dialog')} ${tid('rating')}`);
  await s.execute('arguments[0].focus()', [rating]);
  await s.keys(String(stars));
  await waitUntil(async () => (await rating.attribute('aria-valuetext')) === `Rating: ${stars} out of 5 stars`, {
    what: () => `the dialog's rating to be ${stars}`,
  });
  if (shot) await desktop.screenshot(s, shot.name);
  await s.keys(Key.Enter);
  await waitUntil(async () => (await s.findOrNull(tid('log-dialog'))) === null, { what: () => 'the dialog to close after saving' });
}

async function showLog(s, view) {
  await (await s.waitFor(tid('area-log'))).click();
  await (await s.waitFor(tid(`log-nav-${view}`))).click();
}

async function setTheme(s, theme) {
  await (await s.find(tid('settings-button'))).click();
  await (await s.waitFor(tid(`settings-theme-${theme}`))).click();
  await (await s.find(tid('settings-done'))).click();
  await waitUntil(async () => (await s.execute('return document.documentElement.dataset.theme')) === theme, {
    what: () => `the ${theme} theme`,
  });
}

async function scrollMainTop(s) {
  await s.execute('const m = document.querySelector("main"); if (m) m.scrollTop = 0;');
}

test('a viewing logged through the dialog is in the diary and in the chart counts', { timeout: 10 * 60_000 }, async (t) => {
  const db = desktop.dbPath();
  const letterboxd = join(desktop.tmp, 'letterboxd-export');
  const imdb = join(desktop.tmp, 'imdb');
  writeLetterboxd(letterboxd);
  writeImdb(imdb);
  const s = await desktop.launch({ db });

  await t.test('the sample review puts a film in the library', async () => {
    await (await s.waitFor(tid('open-sample'), { timeout: 30_000 })).click();
    await s.waitFor(tid('review-item'));
  });

  await t.test('import a Letterboxd export and an IMDb dataset', async () => {
    await showLog(s, 'io');
    await typeInto(s, 'letterboxd-path', letterboxd);
    await (await s.find(tid('letterboxd-import'))).click();
    const report = await s.waitFor(tid('letterboxd-report'), { timeout: 30_000 });
    assert.equal(await (await s.find(tid('added-viewings'))).text(), String(DIARY.length));
    assert.match(await report.text(), /Imported\./);

    await typeInto(s, 'imdb-path', imdb);
    await (await s.find(tid('imdb-import'))).click();
    const done = await s.waitFor(tid('imdb-report'), { timeout: 60_000 });
    assert.match(await done.text(), /^2 films/);
  });

  await t.test('log two films with the keyboard', async () => {
    await logFilm(s, {
      typed: 'heat',
      source: 'imdb',
      expectText: 'Heat (1995)',
      stars: 4,
      hint: 'Directed by Michael Mann',
      shot: { name: 'log-dialog', place: 'Prince Charles Cinema' },
    });
    await s.waitFor(tid('log-toast'), { predicate: async (el) => (await el.text()).includes('Logged “Heat”') });
    await logFilm(s, { typed: 'last f', source: 'library', expectText: 'The Last Ferry (2025)', stars: 5 });
  });

  await t.test('Esc closes an untouched dialog at once, and asks before discarding a changed one', async () => {
    const focused = (el) => s.execute('return document.activeElement === arguments[0]', [el]);
    await s.chord(Key.Control, 'l');
    const film = await s.waitFor(`${tid('log-dialog')} ${tid('log-film')}`);
    await waitUntil(async () => (await focused(film)) === true, { what: () => 'the film field to have the focus' });
    await s.keys(Key.Escape);
    await waitUntil(async () => (await s.findOrNull(tid('log-dialog'))) === null, { what: () => 'the untouched dialog to close' });

    await s.chord(Key.Control, 'l');
    await s.waitFor(`${tid('log-dialog')} ${tid('log-film')}`);
    const notes = await typeInto(s, 'log-notes', 'Walked out after the first reel');
    await s.keys(Key.Escape);
    const ask = await s.waitFor(tid('log-discard'));
    assert.match(await ask.text(), /Discard this viewing\?/);
    const discard = await s.find(tid('log-discard-confirm'));
    await waitUntil(async () => (await focused(discard)) === true, { what: () => 'Discard to have the focus' });
    await desktop.screenshot(s, 'log-discard');

    // Esc again: back to the form, to the notes, with the text kept.
    await s.keys(Key.Escape);
    await waitUntil(async () => (await s.findOrNull(tid('log-discard'))) === null, { what: () => 'the question to go' });
    assert.ok(await s.findOrNull(tid('log-dialog')), 'the dialog is still open');
    await waitUntil(async () => (await focused(notes)) === true, { what: () => 'the notes to have the focus back' });
    assert.equal(await notes.property('value'), 'Walked out after the first reel');

    // Esc, then Enter on the focused Discard: closed, nothing logged (the statistics below
    // count exactly the two films logged above).
    // Enter only once Discard holds the focus: a moment earlier it would reach the form and log the film.
    await s.keys(Key.Escape);
    await s.waitFor(tid('log-discard'));
    const discardAgain = await s.find(tid('log-discard-confirm'));
    await waitUntil(async () => (await focused(discardAgain)) === true, { what: () => 'Discard to have the focus again' });
    await s.keys(Key.Enter);
    await waitUntil(async () => (await s.findOrNull(tid('log-dialog'))) === null, { what: () => 'the dialog to close after Discard' });
  });

  await t.test('the diary shows them under this month', async () => {
    // The "Logged" note goes by itself; the screenshots are taken without it.
    await waitUntil(async () => (await s.findOrNull(tid('log-toast'))) === null, { timeout: 20_000, what: () => 'the note to go' });
    await showLog(s, 'diary');
    const month = await s.waitFor(`${tid('diary-month')}[data-month="${THIS_MONTH}"]`, {
      predicate: async (el) => (await el.text()).includes('The Last Ferry'),
    });
    const rows = await s.findAll(tid('diary-entry'), month);
    const texts = [];
    for (const r of rows) texts.push(await s.execute('return arguments[0].textContent', [r]));
    const heat = texts.findIndex((x) => x.includes('Heat'));
    const ferry = texts.findIndex((x) => x.includes('The Last Ferry'));
    assert.ok(heat >= 0 && ferry >= 0, `rows this month: ${texts.join(' | ')}`);
    // Newest first: both were watched today, the Ferry logged last.
    assert.ok(ferry < heat);
    const heatRating = await s.find(`${tid('diary-rating')} [aria-label]`, rows[heat]);
    assert.equal(await heatRating.attribute('aria-label'), 'Rating: 4 out of 5 stars');
    assert.equal(
      (await s.findAll(tid('diary-month'))).length,
      new Set([TODAY, ...DIARY.map((r) => r.date)].map((d) => d.slice(0, 7))).size,
    );
    await scrollMainTop(s);
    await desktop.screenshot(s, 'log-diary-light');
  });

  await t.test('the film page has the facts from the index', async () => {
    const heat = await s.waitFor(tid('diary-open'), {
      predicate: async (el) => (await s.execute('return arguments[0].textContent', [el])).includes('Heat'),
    });
    await heat.click();
    const title = await s.waitFor(tid('film-page-title'));
    assert.match(await title.text(), /Heat\s*1995/);
    const page = await s.find(tid('film-page'));
    const text = await page.text();
    assert.ok(text.includes('Directed by Michael Mann'), text);
    assert.ok(text.includes('170 min'), text);
    assert.ok(text.includes('Al Pacino'), text);
    assert.equal((await s.findAll(tid('film-viewing'))).length, 1);
    assert.ok(text.includes('Prince Charles Cinema'), text);
  });

  await t.test('a new review fills its facts from the index', async () => {
    await (await s.find(tid('area-reviews'))).click();
    await newReview(s, 'capsule');
    await showFacts(s);
    const title = await s.find(tid('film-title'));
    await title.click();
    await title.sendKeys('heat');
    await s.waitFor(tid('imdb-suggest-option'), { predicate: async () => (await s.findAll(tid('imdb-suggest-option'))).length === 2 });
    for (const option of await s.findAll(tid('imdb-suggest-option'))) {
      if ((await option.text()).includes('1995')) {
        await option.click();
        break;
      }
    }
    await waitUntil(async () => (await fieldValue(s, 'film-directors')) === 'Michael Mann', { what: () => 'the director filled from IMDb' });
    assert.equal(await fieldValue(s, 'film-year'), '1995');
    assert.equal(await fieldValue(s, 'film-runtime'), '170');
    assert.equal(await fieldValue(s, 'film-imdb'), 'tt0113277');
    assert.equal(await fieldValue(s, 'cast-actor', 0), 'Al Pacino');
  });

  await t.test('the statistics count them', async () => {
    await showLog(s, 'stats');
    const thisYear = DIARY.filter((r) => r.date.startsWith(`${THIS_YEAR}-`));
    const expected = thisYear.length + 2;
    const chart = await s.waitFor(tid('chart-per-month'), {
      predicate: async (el) => (await el.attribute('data-total')) === String(expected),
    });
    const bars = await s.findAll(tid('chart-bar'), chart);
    assert.equal(bars.length, 12);
    const month = today.getMonth();
    const inMonth = thisYear.filter((r) => r.date.startsWith(THIS_MONTH)).length + 2;
    assert.equal(await bars[month].attribute('data-value'), String(inMonth));
    // The text alternative carries the same counts.
    const cells = await s.execute(
      'return Array.from(arguments[0].querySelectorAll("tbody tr")).map((r) => r.textContent)',
      [await s.find(tid('chart-table'), chart)],
    );
    assert.equal(cells.length, 12);
    assert.ok(cells[month].endsWith(String(inMonth)), cells[month]);
    const desc = await s.execute('return arguments[0].querySelector("desc").textContent', [chart]);
    assert.match(desc, new RegExp(`^Films watched per month in ${THIS_YEAR}: ${expected} viewings in all`));

    const directors = await s.find(tid('chart-directors'));
    const names = await s.execute(
      'return Array.from(arguments[0].querySelectorAll("[data-testid=chart-bar]")).map((b) => b.dataset.label + "=" + b.dataset.value)',
      [directors],
    );
    assert.deepEqual(names.sort(), ['Leyla Arslan=1', 'Michael Mann=1']);
    assert.equal(await (await s.find(tid('total-viewings'))).text(), String(expected));
    await scrollMainTop(s);
    await desktop.screenshot(s, 'log-stats-light');
  });

  await t.test('dark theme', async () => {
    await setTheme(s, 'dark');
    await scrollMainTop(s);
    await desktop.screenshot(s, 'log-stats-dark');
    await showLog(s, 'diary');
    await s.waitFor(tid('diary-entry'));
    await scrollMainTop(s);
    await desktop.screenshot(s, 'log-diary-dark');
  });
});
