// Issue 6, end to end in the real window: in a review whose cast has a character "Defne", the
// critic types "Defoe". The editorial checks underline it as a near-miss name; the checks panel
// lists it and jumps to it; Alt+Enter then 1 replaces it with "Defne"; the text is saved and is
// there after the app is started again.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDesktop } from './lib/harness.mjs';
import { Key } from './lib/webdriver.mjs';
import { sectionByRole, sectionText, tid, waitSaved, writeInSection } from './lib/filmdesk.mjs';

const TYPED = ' In the last reel, Defoe steers the ferry home.';
const FIXED = ' In the last reel, Defne steers the ferry home.';
const NAME_MARK = '.cm-finding[data-finding-kind="name"]';

let desktop;

before(async () => {
  desktop = await startDesktop({ name: 'checks' });
});

after(async () => {
  await desktop?.stop();
});

test('a misspelt character name is underlined and fixed from the keyboard', { timeout: 10 * 60_000 }, async (t) => {
  const db = desktop.dbPath();
  const s = await desktop.launch({ db });
  let verdictBefore = '';

  await t.test('type a near-miss of a character name', async () => {
    // The sample review is about The Last Ferry, whose cast has Selin Çiçek as Defne.
    await (await s.waitFor(tid('open-sample'), { timeout: 30_000 })).click();
    const verdict = await sectionByRole(s, 'verdict');
    verdictBefore = await sectionText(s, verdict);
    await writeInSection(s, verdict, [TYPED]);
  });

  await t.test('the name is underlined, with the name as the suggestion', async () => {
    const verdict = await sectionByRole(s, 'verdict');
    const mark = await s.waitFor(NAME_MARK, {
      from: verdict,
      timeout: 30_000,
      predicate: async (el) => (await el.text()) === 'Defoe',
    });
    assert.match(await mark.attribute('class'), /\bcm-finding-error\b/);
    // Nothing else in the typed sentence is taken for a name.
    const names = await s.findAll(NAME_MARK, verdict);
    assert.equal(names.length, 1);
  });

  await t.test('the checks panel lists it and jumps to it', async () => {
    await (await s.find(tid('checks-tab'))).click();
    const group = await s.waitFor(`${tid('checks-group')}[data-kind="name"]`);
    const item = await s.waitFor(tid('check-item'), {
      from: group,
      predicate: async (el) => (await el.text()).includes('Defoe'),
    });
    assert.match(await item.text(), /Defne/);
    assert.equal((await (await group.find(tid('checks-group-count'))).text()).trim(), '1');
    await item.click();
    // The caret is in the verdict's editor with the word selected, and its tooltip shows.
    const selected = await s.execute(`
      const sel = window.getSelection();
      const inVerdict = document.activeElement?.closest('[data-testid="section"]')?.dataset.role;
      return inVerdict + ':' + sel.toString();`);
    assert.equal(selected, 'verdict:Defoe');
    const tip = await s.waitFor(tid('finding-tooltip'), {
      predicate: async (el) => (await el.text()).includes('Replace with “Defne”'),
    });
    assert.match(await tip.text(), /Defoe/);
    // Placed on screen, not parked where CodeMirror hides a tooltip it clipped (top: -10000px).
    const placement = await s.execute(`
      const r = document.querySelector('[data-testid="finding-tooltip"]').closest('.cm-tooltip').getBoundingClientRect();
      return [r.top, r.bottom, window.innerHeight].map(Math.round).join(' ');`);
    const [top, bottom, height] = placement.split(' ').map(Number);
    assert.ok(top >= 0 && bottom <= height, `tooltip on screen (top bottom window: ${placement})`);
    await desktop.screenshot(s, 'checks-underline-tooltip');
    // The same in the dark theme, with the synopsis (spelling underlines) in view as well.
    await s.execute(`document.documentElement.dataset.theme = 'dark';`);
    await desktop.screenshot(s, 'checks-underline-tooltip-dark');
    await s.execute(`delete document.documentElement.dataset.theme;`);
  });

  await t.test('Alt+Enter, then 1, replaces it with the suggestion', async () => {
    await s.chord(Key.Alt, Key.Enter);
    await s.waitFor(tid('finding-tooltip'), {
      predicate: async (el) => (await el.text()).includes('Press a number'),
    });
    await desktop.screenshot(s, 'checks-fix-menu');
    await s.keys('1');
    const verdict = await sectionByRole(s, 'verdict');
    assert.equal(await sectionText(s, verdict), verdictBefore + FIXED);
    // The next check agrees: no name finding is left in the panel or the text.
    await s.waitFor(tid('checks-panel'), {
      predicate: async () => (await s.findAll(`${tid('checks-group')}[data-kind="name"]`)).length === 0,
    });
    assert.equal((await s.findAll(NAME_MARK, verdict)).length, 0);
    await waitSaved(s);
  });

  await t.test('the fixed text is there after a restart', async () => {
    await desktop.close(s);
    const s2 = await desktop.launch({ db });
    // The app reopens the review it had open; a click on it in the library does as well.
    await s2.waitFor(`${tid('review-item')}, ${tid('section-editor')}`, { timeout: 30_000 });
    if (!(await s2.findOrNull(tid('section-editor')))) await (await s2.find(tid('review-item'))).click();
    await s2.waitFor(`${tid('section-editor')} .cm-content`);
    const verdict = await sectionByRole(s2, 'verdict');
    assert.equal(await sectionText(s2, verdict), verdictBefore + FIXED);
    await desktop.close(s2);
  });
});
