// The Export dialogs in the real window: Ctrl+E, Markdown for Hugo to a typed path (the native
// GTK file chooser can't be driven over WebDriver; the dialog takes a typed path beside
// "Choose…"), the question before replacing a file, "Copy as Markdown", the readiness summary
// before an export for publication, and a batch export of the library into a site folder.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDesktop } from './lib/harness.mjs';
import { tid } from './lib/filmdesk.mjs';
import { Key, waitUntil } from './lib/webdriver.mjs';

let desktop;
const dir = mkdtempSync(join(tmpdir(), 'filmdesk-e2e-export-dialog-'));
const HEADLINE = 'The Last Ferry (2025) review: a quiet crossing that carries a whole life';
// The exporter's slug of the film and the headline.
const SLUG = 'the-last-ferry-2025-review-a-quiet-crossing-that-carries-a-whole-life';

before(async () => {
  desktop = await startDesktop({ name: 'export-dialog', env: { FILMDESK_DB: join(dir, 'library.sqlite') } });
});

after(async () => {
  await desktop?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Replaces whatever an input holds with `value`. */
async function typeInto(s, id, value) {
  const input = await s.waitFor(tid(id));
  await input.clear();
  await input.sendKeys(value);
  await waitUntil(async () => (await input.property('value')) === value, { what: () => `${tid(id)} to hold ${value}` });
}

async function choosePreset(s, prefix, preset) {
  await (await s.waitFor(tid(`${prefix}-preset`))).click();
  await (await s.waitFor(`${tid(`${prefix}-preset`)} option[value="${preset}"]`)).click();
  await waitUntil(async () => (await (await s.find(tid(`${prefix}-preset`))).property('value')) === preset, {
    what: () => `the preset to be ${preset}`,
  });
}

/** The X clipboard as text, or null when xclip is not installed. */
function readClipboard() {
  try {
    execFileSync('which', ['xclip'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return execFileSync('xclip', ['-selection', 'clipboard', '-o'], {
    env: { ...process.env, DISPLAY: desktop.display },
    encoding: 'utf8',
    timeout: 10_000,
  });
}

test('Ctrl+E exports Markdown for Hugo to a typed path, asks before replacing it, and copies as Markdown', async () => {
  const s = await desktop.launch();
  try {
    await (await s.waitFor(tid('open-sample'))).click();
    await s.waitFor(`${tid('section')} ${tid('section-editor')} .cm-content`);

    await s.chord(Key.Control, 'e');
    const dialog = await s.waitFor(tid('export-dialog'));
    assert.ok(await dialog.displayed());
    // The sample is marked ready, so the readiness check starts ticked; this export is not for publication.
    const forPublication = await s.find(tid('export-for-publication'));
    assert.equal(await forPublication.property('checked'), true);
    await forPublication.click();

    await (await s.find(tid('export-format-markdown'))).click();
    await choosePreset(s, 'export', 'hugo');
    await s.waitFor(tid('export-suggested'), { predicate: async (el) => (await el.text()).includes(`${SLUG}.md`) });
    await desktop.screenshot(s, 'export-dialog');

    const path = join(dir, 'site', 'content', 'reviews', `${SLUG}.md`);
    await typeInto(s, 'export-path', path);
    await (await s.find(tid('export-submit'))).click();
    await s.waitFor(tid('export-done'), { predicate: async (el) => (await el.text()).includes(path) });

    const markdown = readFileSync(path, 'utf8');
    assert.ok(markdown.startsWith(`---\ntitle: "${HEADLINE}"\n`), markdown.slice(0, 200));
    assert.match(markdown, /\ndraft: false\n/);
    assert.match(markdown, /\n## Synopsis\n/);
    assert.match(markdown, /Selin Çiçek/);

    // Again to the same path: the dialog asks, and keeping the file leaves it as it was.
    await (await s.find(tid('export-submit'))).click();
    await s.waitFor(tid('export-replace-question'));
    await (await s.find(tid('export-keep'))).click();
    assert.equal(readFileSync(path, 'utf8'), markdown);
    await (await s.find(tid('export-submit'))).click();
    await (await s.waitFor(tid('export-replace'))).click();
    await s.waitFor(tid('export-done'));
    assert.equal(readFileSync(path, 'utf8'), markdown);

    await (await s.find(tid('copy-markdown'))).click();
    await s.waitFor(tid('toast'), { predicate: async (el) => (await el.text()).includes('Copied as Markdown') });
    const clipboard = readClipboard();
    if (clipboard === null) {
      console.log('# xclip is not installed: the clipboard was not read back');
    } else {
      // The editor's copy of the review, rendered the same way as the file.
      assert.equal(clipboard, markdown);
    }

    await (await s.find(tid('export-close'))).click();
    await waitUntil(async () => (await s.findOrNull(tid('export-dialog'))) === null, { what: () => 'the dialog to close' });
  } catch (error) {
    await desktop.screenshot(s, 'export-dialog-failure-1');
    throw error;
  } finally {
    await desktop.close(s);
  }
});

test('an export for publication lists what is missing first, and exports only when told to', async () => {
  const s = await desktop.launch();
  try {
    // A new Feature review: no rating, no words, a draft.
    await (await s.waitFor(tid('new-review'))).click();
    await (await s.waitFor(tid('template-feature'))).click();
    // The editor of the new review (the sample's, reopened at launch, is replaced).
    await s.waitFor(`${tid('review-item')}[aria-current="page"]`, {
      // textContent: WebKitWebDriver's visible text leaves out the ellipsis-clipped title.
      predicate: async (el) => (await el.property('textContent')).includes('Untitled film'),
    });

    await (await s.waitFor(tid('export-button'))).click();
    await s.waitFor(tid('export-dialog'));
    const forPublication = await s.find(tid('export-for-publication'));
    assert.equal(await forPublication.property('checked'), false, 'a draft is not for publication by default');
    await forPublication.click();
    await (await s.find(tid('export-format-html'))).click();
    const path = join(dir, 'drafts', 'untitled.html');
    await typeInto(s, 'export-path', path);
    await (await s.find(tid('export-submit'))).click();

    await s.waitFor(tid('export-readiness'));
    const codes = [];
    for (const el of await s.findAll(tid('export-finding'))) codes.push(await el.attribute('data-code'));
    assert.ok(codes.length > 0);
    assert.ok(codes.some((c) => c.startsWith('readiness.')), codes.join(', '));
    await desktop.screenshot(s, 'export-readiness');
    assert.equal(existsSync(path), false, 'nothing is written before the critic decides');

    // Back keeps every choice; "Export anyway" writes the file.
    await (await s.find(tid('export-back'))).click();
    assert.equal(await (await s.waitFor(tid('export-path'))).property('value'), path);
    await (await s.find(tid('export-submit'))).click();
    await (await s.waitFor(tid('export-anyway'))).click();
    await s.waitFor(tid('export-done'));
    assert.match(readFileSync(path, 'utf8'), /^<!DOCTYPE html>/);
    await (await s.find(tid('export-close'))).click();
  } catch (error) {
    await desktop.screenshot(s, 'export-dialog-failure-2');
    throw error;
  } finally {
    await desktop.close(s);
  }
});

test('the library exports into a Hugo site folder with a progress report', async () => {
  const s = await desktop.launch();
  try {
    await (await s.waitFor(tid('batch-export-button'))).click();
    await s.waitFor(tid('batch-export-dialog'));
    await (await s.find(tid('batch-format-markdown'))).click();
    await choosePreset(s, 'batch', 'hugo');
    const site = join(dir, 'batch-site');
    await typeInto(s, 'batch-folder', site);
    await (await s.find(tid('batch-submit'))).click();
    const report = await s.waitFor(tid('batch-report'));
    assert.match(await report.text(), /Wrote 2 files/);
    await desktop.screenshot(s, 'export-batch');
    assert.match(readFileSync(join(site, 'content', 'reviews', `${SLUG}.md`), 'utf8'), /^---\ntitle: /);

    // The same again: the files are there, so it asks before replacing them.
    await (await s.find(tid('batch-submit'))).click();
    await s.waitFor(tid('batch-replace-question'));
    await (await s.find(tid('batch-replace'))).click();
    assert.match(await (await s.waitFor(tid('batch-report'))).text(), /Wrote 2 files/);
  } catch (error) {
    await desktop.screenshot(s, 'export-dialog-failure-3');
    throw error;
  } finally {
    await desktop.close(s);
  }
});
