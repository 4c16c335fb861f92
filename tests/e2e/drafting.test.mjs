// Issue 2, end to end in the real window: draft a Feature review (facts, two cast rows, three
// sections, a rating of 4 out of 5), wait for "Saved", kill the app with SIGKILL, start it again on the
// same database, and find every word, fact and the rating back.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { APP, startDesktop } from './lib/harness.mjs';
import { sleep } from './lib/webdriver.mjs';
import {
  fieldValue,
  fillField,
  newReview,
  sectionByRole,
  sectionText,
  showFacts,
  tid,
  waitSaved,
  writeInSection,
} from './lib/filmdesk.mjs';

// An invented film, with names that exercise Unicode (Çiçek, Arşiv) and punctuation.
const FACTS = {
  'film-title': 'The Salt Archive',
  'film-original-title': 'Tuzlu Arşiv',
  'film-year': '2025',
  'film-runtime': '112',
  'film-directors': 'Defne Aral',
  'film-genres': 'Drama, Mystery',
  'film-countries': 'Türkiye, France',
  'film-languages': 'Turkish, French',
  'film-where': 'In cinemas from 14 March',
  'film-imdb': 'tt9900112',
  byline: 'Ana Ruiz',
  publication: 'The Quiet Screen',
  tags: 'festival, debut',
};
const CAST = [
  { actor: 'Mira Castell', character: 'Çiçek Yılmaz' },
  { actor: 'Jonah Pell', character: 'The Archivist' },
];
const TEXT = {
  headline: ['The Salt Archive (2025) review: a quiet flood of memory'],
  synopsis: [
    'In a port town that is slowly sinking, Çiçek Yılmaz catalogues the letters nobody collected.',
    'Two timelines — 1987 and now — meet in a single well-lit room; the film never hurries them.',
  ],
  verdict: ['A patient, generous film. Seek it out on a big screen, and bring someone who writes letters.'],
};

let desktop;
let session;

before(async () => {
  desktop = await startDesktop({ name: 'drafting' });
});

after(async () => {
  await desktop?.stop();
});

// A generous bound, so that a hang fails the run instead of stalling CI.
test('a drafted review survives the app being killed', { timeout: 10 * 60_000 }, async (t) => {
  const db = desktop.dbPath();
  session = await desktop.launch({ db });
  const s = session;

  await t.test('draft a Feature review', async () => {
    await newReview(s, 'feature');

    for (const [role, paragraphs] of Object.entries(TEXT)) {
      await writeInSection(s, await sectionByRole(s, role), paragraphs);
    }

    await showFacts(s);
    for (const [id, value] of Object.entries(FACTS)) await fillField(s, id, value);
    for (const [i, row] of CAST.entries()) {
      await (await s.find(tid('cast-add'))).click();
      await s.waitFor(tid('cast-actor'), { predicate: async () => (await s.findAll(tid('cast-actor'))).length > i });
      await fillField(s, 'cast-actor', row.actor, i);
      await fillField(s, 'cast-character', row.character, i);
    }

    await setRating(s, 4);
    await selectOption(s, 'status', 'ready');
    // Everything typed is on screen before anything is killed.
    for (const [role, paragraphs] of Object.entries(TEXT)) {
      assert.equal(await sectionText(s, await sectionByRole(s, role)), paragraphs.join('\n\n'));
    }
  });

  await t.test('wait until it is saved', async () => {
    await waitSaved(s);
    // The autosave fires within a second of the last change; give it that and check again.
    await sleep(1500);
    await waitSaved(s);
    await scrollToTop(s);
    await desktop.screenshot(s, 'drafting-filled');
  });

  await t.test('kill the app and start it again', async () => {
    const killed = await desktop.killApp({ db, session: s });
    assert.ok(killed.length >= 1);
    session = await desktop.launch({ db });
  });

  await t.test('every word, fact and the rating are back', async () => {
    const s2 = session;
    await openTheReview(s2);
    for (const [role, paragraphs] of Object.entries(TEXT)) {
      assert.equal(await sectionText(s2, await sectionByRole(s2, role)), paragraphs.join('\n\n'), `section ${role}`);
    }
    await showFacts(s2);
    for (const [id, value] of Object.entries(FACTS)) {
      assert.equal(await fieldValue(s2, id), value, id);
    }
    assert.equal((await s2.findAll(tid('cast-actor'))).length, CAST.length, 'cast rows');
    for (const [i, row] of CAST.entries()) {
      assert.equal(await fieldValue(s2, 'cast-actor', i), row.actor);
      assert.equal(await fieldValue(s2, 'cast-character', i), row.character);
    }
    const rating = await s2.find(tid('rating'));
    assert.equal(await rating.attribute('aria-valuetext'), 'Rating: 4 out of 5 stars');
    assert.equal(await fieldValue(s2, 'rating-scale'), 'five_stars');
    assert.equal(await fieldValue(s2, 'status'), 'ready');

    // The library lists it with its film, year and headline.
    const items = await s2.findAll(tid('review-item'));
    assert.equal(items.length, 1);
    const item = await s2.execute('return arguments[0].textContent', [items[0]]);
    for (const part of ['The Salt Archive', '2025', TEXT.headline[0]]) assert.ok(item.includes(part), `library item: ${item}`);

    await scrollToTop(s2);
    await desktop.screenshot(s2, 'drafting-restored');
    await (await s2.find(tid('preview-tab'))).click();
    await s2.waitFor(tid('preview'), { predicate: async (el) => (await el.text()).includes('Çiçek Yılmaz') });
    await desktop.screenshot(s2, 'drafting-preview');
  });

  await t.test('the command line sees the same library', () => {
    const out = execFileSync(APP, ['list', '--db', db, '--json'], { encoding: 'utf8' });
    const reviews = JSON.parse(out);
    assert.equal(reviews.length, 1);
    assert.match(JSON.stringify(reviews[0]), /The Salt Archive/);
  });
});

/** Sets the rating with the keyboard: focus the slider, then type the number of stars. */
async function setRating(s, stars) {
  const rating = await s.waitFor(tid('rating'));
  await s.execute('arguments[0].scrollIntoView({block: "center"}); arguments[0].focus()', [rating]);
  await s.keys(String(stars));
  await s.waitFor(tid('rating'), {
    timeout: 15_000,
    predicate: async (el) => new RegExp(`\\b${stars}\\b.*\\b5\\b`).test((await el.attribute('aria-valuetext')) ?? ''),
  });
}

/** Picks an option of a select by its value. */
async function selectOption(s, id, value) {
  await (await s.find(`${tid(id)} option[value="${value}"]`)).click();
  await s.waitFor(tid(id), { timeout: 15_000, predicate: async (el) => (await el.property('value')) === value });
}

/** Brings the first section (the headline) to the top of the editor, for the screenshots. */
async function scrollToTop(s) {
  await s.execute(`
    for (let el = document.querySelector('[data-testid="section"]'); el; el = el.parentElement) {
      if (/(auto|scroll)/.test(getComputedStyle(el).overflowY)) el.scrollTop = 0;
    }`);
}

/** After a restart the app reopens the review that was open; a click on it in the library also works. */
async function openTheReview(s) {
  await s.waitFor(`${tid('review-item')}, ${tid('section-editor')}`, { timeout: 30_000 });
  if (!(await s.findOrNull(tid('section-editor')))) {
    await (await s.find(tid('review-item'))).click();
  }
  await s.waitFor(`${tid('section-editor')} .cm-content`);
}
