// A library longer than the pages the window loads it in (its first screen's 100 reviews, then
// pages of 1,000 after the last review listed): scrolled to its end, the sidebar lists every
// review once, in the list's order, with a thousand of them edited at the same instant (ties
// are ordered by id, so a page boundary inside them neither repeats nor drops a review).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { startDesktop } from './lib/harness.mjs';
import { tid } from './lib/filmdesk.mjs';
import { waitUntil } from './lib/webdriver.mjs';

const COPIES = 1250;

let desktop;

before(async () => {
  desktop = await startDesktop({ name: 'large-library' });
});

after(async () => {
  await desktop?.stop();
});

test(`a library of ${COPIES + 1} reviews is listed whole, each review once`, { timeout: 5 * 60_000 }, async () => {
  const db = desktop.dbPath();
  // The app makes the library and the sample review, whose film the copies share.
  const first = await desktop.launch({ db });
  await (await first.waitFor(tid('open-sample'))).click();
  const sample = await (await first.waitFor(tid('review-item'))).attribute('data-id');
  await desktop.close(first);

  const id = (i) => `00000000-0000-7000-8000-${String(i).padStart(12, '0')}`;
  execFileSync('sqlite3', [
    '-cmd',
    '.timeout 5000',
    db,
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${COPIES})
     INSERT INTO reviews (id, film_id, rating_scale, created_at, updated_at)
     SELECT printf('00000000-0000-7000-8000-%012d', i), (SELECT film_id FROM reviews LIMIT 1),
            'five_stars', '2020-01-01T00:00:00+00:00', '2020-01-01T00:00:00+00:00'
     FROM n`,
  ]);
  // The sample was edited last; the copies, all edited at once, follow by id, highest first.
  const expected = [sample, ...Array.from({ length: COPIES }, (_, i) => id(COPIES - i))];

  const s = await desktop.launch({ db });
  await s.waitFor(tid('review-item'));
  // The sidebar draws 100 rows at a time as its end scrolls into view.
  let ids = [];
  await waitUntil(
    async () => {
      ids = await s.execute(`
        document.querySelector('.sidebar li.more')?.scrollIntoView();
        return Array.from(document.querySelectorAll('[data-testid="review-item"]'), (el) => el.dataset.id);`);
      return ids.length >= expected.length && !(await s.execute("return !!document.querySelector('.sidebar li.more')"));
    },
    { timeout: 60_000, interval: 200, what: () => `every review in the sidebar (${ids.length} so far)` },
  );
  assert.equal(new Set(ids).size, ids.length, 'no review is listed twice');
  assert.deepEqual(ids, expected);
  await desktop.close(s);
});
