// Page helpers for Filmdesk's UI, by data-testid. Keeps the tests about the critic's actions.
import { Key, waitUntil } from './webdriver.mjs';

export const tid = (id) => `[data-testid="${id}"]`;

/** Creates a review from a template (e.g. 'feature') through the "New review" action. */
export async function newReview(s, template) {
  await (await s.waitFor(tid('new-review'))).click();
  await (await s.waitFor(tid(`template-${template}`))).click();
  await s.waitFor(`${tid('section')} ${tid('section-editor')} .cm-content`);
}

/** The sections in order, as {el, id, role, title}. */
export async function sections(s) {
  const out = [];
  for (const el of await s.findAll(tid('section'))) {
    const titleEl = await s.findOrNull(tid('section-title'), el);
    let title = null;
    if (titleEl) title = (await titleEl.property('value')) || (await titleEl.text());
    out.push({ el, id: await el.attribute('data-section-id'), role: await el.attribute('data-role'), title });
  }
  return out;
}

/** The section with data-role `role`. */
export async function sectionByRole(s, role) {
  return s.waitFor(`${tid('section')}[data-role="${role}"]`);
}

/**
 * Types `paragraphs` into a section's editor at the end of its text, a new line between each.
 * Waits for the editor: a review's later sections get theirs just after it is drawn.
 */
export async function writeInSection(s, section, paragraphs) {
  const content = await section.waitFor(`${tid('section-editor')} .cm-content`);
  await content.click();
  await s.chord(Key.Control, Key.End);
  for (const [i, p] of paragraphs.entries()) {
    if (i > 0) await s.keys(Key.Enter + Key.Enter);
    await s.keys(p);
  }
}

/** The text in a section's editor, one line per CodeMirror line. */
export async function sectionText(s, section) {
  // A short wait: callers poll this, and `section` may be replaced meanwhile (a restore redraws
  // the review), when only a fresh lookup finds the text.
  const content = await section.waitFor(`${tid('section-editor')} .cm-content`, { timeout: 3000 });
  // Read the lines from the DOM: WebDriver's visible-text rules differ between drivers for
  // contenteditable content, and CodeMirror renders one .cm-line per document line.
  return s.execute(
    'return Array.from(arguments[0].querySelectorAll(".cm-line")).map((l) => l.textContent).join("\\n")',
    [content],
  );
}

/** Opens the facts panel when it is behind a tab. */
export async function showFacts(s) {
  const tab = await s.findOrNull(tid('facts-tab'));
  if (tab) await tab.click();
  await s.waitFor(tid('film-title'));
}

/** The value of an input, textarea or select by data-testid (the nth when there are several). */
export async function fieldValue(s, id, nth = 0) {
  const all = await s.findAll(tid(id));
  if (!all[nth]) throw new Error(`no ${tid(id)} #${nth}`);
  return all[nth].property('value');
}

/** Types into an empty field (an input or textarea), then leaves it with Tab so it commits. */
export async function fillField(s, id, value, nth = 0) {
  const el = await s.waitFor(tid(id), { predicate: async () => (await s.findAll(tid(id))).length > nth });
  const target = (await s.findAll(tid(id)))[nth] ?? el;
  const before = await target.property('value');
  if (before) throw new Error(`${tid(id)} #${nth} is not empty: ${JSON.stringify(before)}`);
  await target.click();
  await target.sendKeys(value);
  await waitUntil(async () => (await target.property('value')) === value, {
    timeout: 15_000,
    what: () => `${tid(id)} to hold ${JSON.stringify(value)}`,
  });
}

/** Waits until the save indicator says "Saved" (the transaction has committed). */
export async function waitSaved(s) {
  await s.waitFor(tid('save-status'), {
    timeout: 20_000,
    predicate: async (el) => (await el.text()).trim() === 'Saved',
  });
}
