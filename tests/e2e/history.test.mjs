// Issue 5, end to end in the real window: a section's history (Snapshot now with a name, the
// Ctrl+Shift+S shortcut, a repeated snapshot not kept twice, the word diff, a restore and its
// undo), the trash (a deleted review is listed there with its days left and comes back), and
// the backups in settings (Back up now, the list, a restore that sets the library aside).
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startDesktop } from './lib/harness.mjs';
import { Key, waitUntil } from './lib/webdriver.mjs';
import { newReview, sectionByRole, sectionText, showFacts, tid, waitSaved, writeInSection } from './lib/filmdesk.mjs';

const FIRST = 'A tense, spare chamber piece about two birdwatchers.';
const SECOND = 'A tense, patient chamber piece about two birdwatchers and one secret.';

let desktop;

before(async () => {
  desktop = await startDesktop({ name: 'history' });
});

after(async () => {
  await desktop?.stop();
});

/** Ctrl+Shift+`key` (the session's chord takes one modifier). */
async function ctrlShift(s, key) {
  const actions = [
    { type: 'keyDown', value: Key.Control },
    { type: 'keyDown', value: Key.Shift },
    { type: 'keyDown', value: key },
    { type: 'keyUp', value: key },
    { type: 'keyUp', value: Key.Shift },
    { type: 'keyUp', value: Key.Control },
  ];
  await s.cmd('POST', '/actions', { actions: [{ type: 'key', id: 'keyboard', actions }] });
  await s.cmd('DELETE', '/actions');
}

const snapshotCount = async (s) => (await s.findAll(tid('snapshot-item'))).length;

async function waitForCount(s, n) {
  await waitUntil(async () => (await snapshotCount(s)) === n, { timeout: 20_000, what: () => `${n} snapshots listed` });
}

async function waitForText(s, role, text) {
  await waitUntil(async () => (await sectionText(s, await sectionByRole(s, role))) === text, {
    timeout: 20_000,
    what: () => `the ${role} section to read ${JSON.stringify(text)}`,
  });
}

test('history: snapshot, diff, restore and undo; trash: delete and restore', { timeout: 10 * 60_000 }, async (t) => {
  const s = await desktop.launch({ db: desktop.dbPath() });

  await t.test('snapshot now, with a name', async () => {
    await newReview(s, 'capsule');
    await writeInSection(s, await sectionByRole(s, 'body'), [FIRST]);
    await waitSaved(s);
    await (await s.find(tid('history-tab'))).click();
    await s.waitFor(tid('history-empty'));
    const name = await s.find(tid('snapshot-name'));
    await name.click();
    await name.sendKeys('First draft');
    await (await s.find(tid('snapshot-now'))).click();
    await waitForCount(s, 1);
    const item = await s.find(tid('snapshot-item'));
    const line = await s.execute('return arguments[0].textContent', [item]);
    assert.match(line, /First draft/);
    assert.match(line, /8 words/);

    // The same text again is not kept twice.
    await (await s.find(tid('snapshot-now'))).click();
    await s.waitFor(tid('history-status'), { predicate: async (el) => /Nothing new/.test(await el.text()) });
    assert.equal(await snapshotCount(s), 1);
  });

  await t.test('change the text, snapshot with Ctrl+Shift+S', async () => {
    const body = await sectionByRole(s, 'body');
    await (await body.waitFor(`${tid('section-editor')} .cm-content`)).click();
    await s.chord(Key.Control, 'a');
    await s.keys(SECOND);
    await waitForText(s, 'body', SECOND);
    await ctrlShift(s, 's');
    await waitForCount(s, 2);
  });

  await t.test('the diff between the first snapshot and the current text', async () => {
    const items = await s.findAll(tid('snapshot-item'));
    await items[1].click();
    const diff = await s.waitFor(tid('diff'), {
      predicate: async (el) => (await s.execute('return arguments[0].querySelectorAll("ins, del").length', [el])) > 0,
    });
    const marked = await s.execute(
      `return {
        added: Array.from(arguments[0].querySelectorAll('ins')).map((e) => e.textContent),
        removed: Array.from(arguments[0].querySelectorAll('del')).map((e) => e.textContent),
      }`,
      [diff],
    );
    assert.ok(marked.added.some((a) => a.includes('patient')), JSON.stringify(marked));
    assert.ok(marked.added.some((a) => a.includes('secret')), JSON.stringify(marked));
    assert.ok(marked.removed.some((r) => r.includes('spare')), JSON.stringify(marked));
    assert.match(await (await s.find(tid('diff-summary'))).text(), /added.*removed/);
    await desktop.screenshot(s, 'history-panel');
    await s.execute('document.documentElement.dataset.theme = "dark"');
    await desktop.screenshot(s, 'history-panel-dark');
    await s.execute('delete document.documentElement.dataset.theme');
  });

  await t.test('restore the first draft, then undo the restore', async () => {
    await (await s.find(tid('restore-snapshot'))).click();
    await waitForText(s, 'body', FIRST);
    const undo = await s.waitFor(tid('undo-restore'));
    await desktop.screenshot(s, 'history-restored');
    await undo.click();
    await waitForText(s, 'body', SECOND);
    await s.waitFor(tid('history-status'), { predicate: async (el) => /Restore undone/.test(await el.text()) });
    await waitSaved(s);
  });

  await t.test('a deleted review goes to the trash and comes back', async () => {
    const id = await (await s.find(tid('review-item'))).attribute('data-id');
    await showFacts(s);
    const del = await s.find(tid('review-delete'));
    await s.execute('arguments[0].scrollIntoView({block: "center"})', [del]);
    await del.click();
    await (await s.waitFor(tid('review-delete-confirm'))).click();
    await waitUntil(async () => (await s.findAll(tid('review-item'))).length === 0, { what: () => 'the library to be empty' });

    await (await s.find(tid('trash-button'))).click();
    const item = await s.waitFor(tid('trash-item'));
    assert.equal(await item.attribute('data-id'), id);
    assert.equal(await (await s.find(tid('trash-days-left'))).text(), '30 days left');
    await (await s.find(tid('trash-restore'))).click();
    await s.waitFor(tid('trash-empty'));
    const back = await s.waitFor(tid('review-item'));
    assert.equal(await back.attribute('data-id'), id);
    await (await s.find(tid('trash-open-restored'))).click();
    await waitForText(s, 'body', SECOND);
  });

  await t.test('settings: back up now, list the backups, restore one without overwriting', async () => {
    await (await s.find(tid('settings-button'))).click();
    const folder = await s.waitFor(tid('backups-folder'), { predicate: async (el) => (await el.text()).includes('backups') });
    assert.match(await folder.text(), /backups/);
    await (await s.find(tid('back-up-now'))).click();
    await s.waitFor(tid('backup-status'), { predicate: async (el) => /Backed up .*1 review\b/.test(await el.text()) });
    await (await s.find(tid('show-backups'))).click();
    const item = await s.waitFor(tid('backup-item'));
    assert.match(await s.execute('return arguments[0].textContent', [item]), /1 review\b/);
    await desktop.screenshot(s, 'history-backups');
    await (await s.find(tid('backup-restore'))).click();
    await (await s.waitFor(tid('backup-restore-confirm'))).click();
    // The report is drawn first and filled when the restore returns.
    const report = await s.waitFor(tid('restore-report'), {
      timeout: 30_000,
      predicate: async (el) => /before-restore/.test(await el.text()),
    });
    assert.match(await report.text(), /before-restore/);
    await (await s.find(tid('settings-done'))).click();
    // The library is read again from the restored file: the review is there.
    await s.waitFor(tid('review-item'));
    assert.equal((await s.findAll(tid('review-item'))).length, 1);
  });
});
