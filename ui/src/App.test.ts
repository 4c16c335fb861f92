import { EditorView } from '@codemirror/view';
import { cleanup, createEvent, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import * as backend from './lib/backend';
import type { BackupInfo, Review, ReviewSummary, Snapshot, SnapshotInfo } from './lib/bindings';
import { commands } from './lib/commands';
import { makeDeferredEditorsNow } from './lib/editor';
import { PAUSE_MS } from './lib/history';
import { Desk, FIRST_PAGE, REST_PAGE } from './lib/desk.svelte';
import { countWords } from './lib/words';
import { NO_UI_STATE, SCALES, SETTINGS, SUMMARIES, TEMPLATES, review } from './test/fixtures';

vi.mock('./lib/backend', async () => {
  const actual = await vi.importActual<typeof import('./lib/backend')>('./lib/backend');
  return {
    BackendError: actual.BackendError,
    toBackendError: actual.toBackendError,
    listReviews: vi.fn(),
    createReview: vi.fn(),
    createSampleReview: vi.fn(),
    getReview: vi.fn(),
    saveReview: vi.fn(),
    deleteReview: vi.fn(),
    snapshotSection: vi.fn(),
    snapshotReview: vi.fn(),
    listSnapshots: vi.fn(),
    getSnapshot: vi.fn(),
    diffSnapshot: vi.fn(),
    restoreSnapshot: vi.fn(),
    trashReview: vi.fn(),
    listTrash: vi.fn(),
    restoreFromTrash: vi.fn(),
    backUpNow: vi.fn(),
    listBackups: vi.fn(),
    backupsFolder: vi.fn(),
    restoreBackup: vi.fn(),
    listTemplates: vi.fn(),
    ratingScales: vi.fn(),
    getSettings: vi.fn(),
    saveSettings: vi.fn(),
    getUiState: vi.fn(),
    saveUiState: vi.fn(),
    renderPreview: vi.fn(),
    search: vi.fn(),
    filterReviews: vi.fn(),
    libraryFacets: vi.fn(),
    checkReview: vi.fn(),
    addToDictionary: vi.fn(),
    removeFromDictionary: vi.fn(),
    dictionaryWords: vi.fn(),
    uiReady: vi.fn(),
    onCloseRequested: vi.fn(),
    openExternal: vi.fn(),
    libraryPath: vi.fn(),
    filmPage: vi.fn(),
  };
});

const mocked = vi.mocked(backend);

/** A promise whose settling each test controls. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets promises, Svelte's updates and zero-delay timers run. */
async function settle() {
  for (let i = 0; i < 5; i++) {
    await vi.advanceTimersByTimeAsync(0);
    await tick();
  }
}

function stored(sent: Review): Review {
  return { ...structuredClone(sent), updated_at: '2026-11-27T10:00:00+01:00' };
}

let desk: Desk;

async function launch(open: Review | null = null, focused: string | null = null) {
  if (open) {
    mocked.getUiState.mockResolvedValue({ ...NO_UI_STATE, open_review_id: open.id, focused_section_id: focused });
    mocked.getReview.mockResolvedValue(open);
  }
  desk = new Desk();
  const result = render(App, { props: { desk } });
  await settle();
  return result;
}

function sectionEl(id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="section"][data-section-id="${id}"]`);
  if (!el) throw new Error(`no section ${id}`);
  return el;
}

/** Types at the end of a section, through CodeMirror's own transaction path. */
function typeInSection(id: string, text: string) {
  // Sections after the first two get their editor a moment after the review is drawn.
  makeDeferredEditorsNow();
  const cm = sectionEl(id).querySelector<HTMLElement>('[data-testid="section-editor"] .cm-editor');
  const view = cm && EditorView.findFromDOM(cm);
  if (!view) throw new Error(`no editor in section ${id}`);
  view.dispatch({ changes: { from: view.state.doc.length, insert: text }, userEvent: 'input.type' });
}

const saveStatus = () => screen.getByTestId('save-status').textContent?.trim();

beforeEach(() => {
  vi.useFakeTimers();
  mocked.checkReview.mockResolvedValue([]);
  mocked.dictionaryWords.mockResolvedValue([]);
  mocked.listReviews.mockResolvedValue(structuredClone(SUMMARIES));
  mocked.listTemplates.mockResolvedValue(TEMPLATES);
  mocked.ratingScales.mockResolvedValue(SCALES);
  mocked.getSettings.mockResolvedValue(SETTINGS);
  mocked.getUiState.mockResolvedValue(NO_UI_STATE);
  mocked.saveUiState.mockResolvedValue();
  mocked.saveSettings.mockResolvedValue();
  mocked.uiReady.mockResolvedValue();
  mocked.onCloseRequested.mockResolvedValue(() => {});
  mocked.openExternal.mockResolvedValue();
  mocked.libraryPath.mockResolvedValue('/home/critic/library.sqlite');
  mocked.renderPreview.mockResolvedValue('<h1>Preview</h1><p><a href="https://example.com/x">a link</a></p>');
  mocked.saveReview.mockImplementation(async (r) => stored(r));
  mocked.snapshotReview.mockResolvedValue([]);
  mocked.snapshotSection.mockResolvedValue(null);
  mocked.listSnapshots.mockResolvedValue([]);
  mocked.listTrash.mockResolvedValue([]);
  mocked.backupsFolder.mockResolvedValue('/home/ana/.local/share/filmdesk/backups');
  mocked.listBackups.mockResolvedValue([]);
  mocked.search.mockResolvedValue({ reviews: [], films: [], viewings: [] });
  mocked.libraryFacets.mockResolvedValue({ years: [2025, 2019], directors: ['Ann Lee'], tags: ['festival'], publications: [] });
});

afterEach(() => {
  cleanup();
  desk?.dispose();
  vi.useRealTimers();
  vi.clearAllMocks();
  delete document.documentElement.dataset.theme;
});

describe('library sidebar', () => {
  it('lists each review with its film, year, headline, status, rating and edit time', async () => {
    await launch();
    const items = screen.getAllByTestId('review-item');
    expect(items).toHaveLength(2);
    const [first, second] = items as [HTMLElement, HTMLElement];
    expect(first.dataset.id).toBe('r1');
    expect(first.textContent).toContain('The Last Ferry');
    expect(first.textContent).toContain('2025');
    expect(first.textContent).toContain('A quiet crossing');
    expect(first.textContent).toContain('Ready');
    // The rating in the scale's own form, with words for screen readers.
    expect(within(first).getByLabelText('Rating: 3.5 out of 5 stars').textContent).toBe('★★★½');
    expect(within(second).getByLabelText('Rating: B+').textContent).toBe('B+');
    expect(second.textContent).toContain('Published');
    expect(second.textContent).not.toContain('null');
    // The Rust side measures start-up to the first frame drawn with the library.
    await vi.advanceTimersByTimeAsync(20);
    expect(mocked.uiReady).toHaveBeenCalledOnce();
  });

  /** A backend list_reviews over `list`: the whole, or a page of `limit` after review `after`. */
  function pagesOf(list: ReviewSummary[]) {
    return async (limit?: number, after?: string) => {
      const from = after === undefined ? 0 : list.findIndex((s) => s.id === after) + 1;
      if (after !== undefined && from === 0) throw new backend.BackendError('not_found', `review ${after}`);
      return structuredClone(list.slice(from, limit === undefined ? undefined : from + limit));
    };
  }

  it('draws the first page of a long library first, then loads the rest of the list in pages', async () => {
    const many = Array.from({ length: FIRST_PAGE + REST_PAGE + 50 }, (_, i) => ({
      ...SUMMARIES[0]!,
      id: `m${i}`,
      film_title: `Film ${i}`,
    }));
    mocked.listReviews.mockImplementation(pagesOf(many));
    await launch();
    expect(mocked.listReviews).toHaveBeenNthCalledWith(1, FIRST_PAGE);
    await vi.advanceTimersByTimeAsync(20);
    await settle();
    expect(mocked.uiReady).toHaveBeenCalledOnce();
    // After the first frame: the rest, each page after the last review listed.
    expect(mocked.listReviews.mock.calls).toEqual([
      [FIRST_PAGE],
      [REST_PAGE, `m${FIRST_PAGE - 1}`],
      [REST_PAGE, `m${FIRST_PAGE + REST_PAGE - 1}`],
    ]);
    expect(desk.complete).toBe(true);
    expect(desk.summaries.map((s) => s.id)).toEqual(many.map((s) => s.id));
  });

  it('reads the pages again when the library changed while they were on their way', async () => {
    const many = Array.from({ length: FIRST_PAGE + 1 }, (_, i) => ({ ...SUMMARIES[0]!, id: `m${i}` }));
    const d = new Desk();
    mocked.listReviews.mockImplementation(pagesOf(many));
    await d.init();
    expect(d.complete).toBe(false);
    let answer!: (list: typeof many) => void;
    mocked.listReviews.mockImplementationOnce(() => new Promise((res) => (answer = res)));
    const loading = d.loadRest();
    // A new review lands in the list before the (older) page arrives.
    const fresh = { ...SUMMARIES[0]!, id: 'fresh' };
    d.summaries = [fresh, ...d.summaries];
    many.unshift(fresh);
    answer(structuredClone(many.slice(FIRST_PAGE + 1)));
    await loading;
    expect(d.complete).toBe(true);
    expect(d.summaries.map((s) => s.id)).toEqual(many.map((s) => s.id));
    d.dispose();
  });

  it('lists each review once when the review the pages follow is edited elsewhere meanwhile', async () => {
    const many = Array.from({ length: FIRST_PAGE + 3 }, (_, i) => ({ ...SUMMARIES[0]!, id: `m${i}` }));
    const d = new Desk();
    mocked.listReviews.mockImplementation(pagesOf(many));
    await d.init();
    // Edited from the command line: the first page's last review goes to the top of the list,
    // so the reviews after it are the whole list but itself.
    many.unshift(many.splice(FIRST_PAGE - 1, 1)[0]!);
    await d.loadRest();
    expect(d.complete).toBe(true);
    const ids = d.summaries.map((s) => s.id);
    expect(ids).toHaveLength(FIRST_PAGE + 3);
    expect([...ids].sort()).toEqual(many.map((s) => s.id).sort());
    d.dispose();
  });

  it('reads the list from its top when the review the pages follow has left the library', async () => {
    const many = Array.from({ length: FIRST_PAGE + 3 }, (_, i) => ({ ...SUMMARIES[0]!, id: `m${i}` }));
    const d = new Desk();
    mocked.listReviews.mockImplementation(pagesOf(many));
    await d.init();
    // Deleted from the command line before the rest of the list was asked for.
    const [gone] = many.splice(FIRST_PAGE - 1, 1);
    await d.loadRest();
    expect(d.complete).toBe(true);
    expect(d.notice).toBeNull();
    expect(d.summaries.map((s) => s.id)).toEqual(many.map((s) => s.id));
    expect(d.summaries.map((s) => s.id)).not.toContain(gone!.id);
    d.dispose();
  });

  it('shows the welcome with the sample review when the library is empty', async () => {
    mocked.listReviews.mockResolvedValue([]);
    mocked.createSampleReview.mockResolvedValue(review({ id: 'sample' }));
    await launch();
    expect(screen.getByText('A quiet desk for film criticism.')).toBeTruthy();
    await fireEvent.click(screen.getByTestId('open-sample'));
    await settle();
    expect(mocked.createSampleReview).toHaveBeenCalledOnce();
    expect(screen.getAllByTestId('section')).toHaveLength(3);
    expect(screen.getAllByTestId('review-item')).toHaveLength(1);
  });
});

describe('creating a review', () => {
  it('creates from the chosen template and puts the caret in its first section', async () => {
    const created = review({
      id: 'new',
      film: { ...review().film, title: '' },
      sections: TEMPLATES[0]!.sections.map((t, i) => ({
        id: `n${i}`,
        title: t.title,
        role: t.role,
        body: '',
        word_target: t.word_target,
        spoiler: false,
      })),
    });
    mocked.createReview.mockResolvedValue(created);
    await launch();

    await fireEvent.click(screen.getByTestId('new-review'));
    await settle();
    for (const id of ['feature', 'capsule', 'festival_dispatch', 'blank']) {
      expect(screen.getByTestId(`template-${id}`)).toBeTruthy();
    }
    await fireEvent.click(screen.getByTestId('template-feature'));
    await settle();

    expect(mocked.createReview).toHaveBeenCalledWith('feature');
    const sections = screen.getAllByTestId('section');
    expect(sections.map((s) => s.dataset.role)).toEqual(['headline', 'synopsis', 'verdict']);
    expect(screen.getAllByTestId('section-title').map((i) => (i as HTMLInputElement).value)).toEqual([
      'Headline',
      'Synopsis',
      'Verdict',
    ]);
    expect(screen.getAllByTestId('review-item')[0]?.dataset.id).toBe('new');
    expect(sectionEl('n0').contains(document.activeElement)).toBe(true);
    expect(screen.queryByTestId('template-feature')).toBeNull();
  });
});

describe('new review shortcut', () => {
  it('Ctrl+N starts a review from the default template', async () => {
    mocked.getSettings.mockResolvedValue({ ...SETTINGS, default_template: 'capsule' });
    mocked.createReview.mockResolvedValue(review({ id: 'c1' }));
    await launch();
    await fireEvent.keyDown(window, { key: 'n', ctrlKey: true });
    await settle();
    expect(mocked.createReview).toHaveBeenCalledWith('capsule');
    expect(screen.getAllByTestId('section')).toHaveLength(3);
  });
});

describe('library filters', () => {
  it('sends the chosen filters to the store and lists what it returns', async () => {
    await launch();
    mocked.filterReviews.mockResolvedValue([structuredClone(SUMMARIES[1]!)]);
    await fireEvent.click(screen.getByTestId('filters-toggle'));
    await settle();
    expect(mocked.libraryFacets).toHaveBeenCalledOnce();
    const year = screen.getByTestId('filter-year') as HTMLSelectElement;
    expect([...year.options].map((o) => o.textContent)).toEqual(['Any', '2025', '2019']);
    await fireEvent.change(year, { target: { value: '2019' } });
    await settle();
    expect(mocked.filterReviews).toHaveBeenLastCalledWith(expect.objectContaining({ year: 2019, sort: 'edited' }));
    expect(screen.getAllByTestId('review-item').map((i) => i.dataset.id)).toEqual([SUMMARIES[1]!.id]);
    expect(screen.getByTestId('filter-count').textContent).toContain('1 of 2 reviews');

    await fireEvent.click(screen.getByTestId('filters-clear'));
    await settle();
    expect(screen.getAllByTestId('review-item')).toHaveLength(2);
    expect(screen.queryByTestId('filter-count')).toBeNull();
  });
});

describe('command palette', () => {
  it('opens with Ctrl+K, matches a film title, and Enter opens the review', async () => {
    await launch();
    mocked.getReview.mockResolvedValue(review({ id: 'r2' }));
    await fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    await settle();
    const input = screen.getByTestId('palette-input') as HTMLInputElement;
    expect(document.activeElement).toBe(input);
    await fireEvent.input(input, { target: { value: 'nightj' } });
    await settle();
    const options = screen.getAllByTestId('palette-option');
    expect(options[0]!.dataset.kind).toBe('review');
    expect(options[0]!.dataset.id).toBe('r2');
    expect(input.getAttribute('aria-activedescendant')).toBe(options[0]!.id);
    await fireEvent.keyDown(input, { key: 'Enter' });
    await settle();
    expect(screen.queryByTestId('palette')).toBeNull();
    expect(mocked.getReview).toHaveBeenCalledWith('r2');
  });

  it('runs a command, and shows full-text hits as text, never as HTML', async () => {
    await launch();
    mocked.search.mockResolvedValue({
      reviews: [
        {
          kind: 'review',
          id: 'r1',
          review_id: 'r1',
          film_id: 'f1',
          film_title: 'The Last Ferry',
          film_year: 2025,
          headline: 'A quiet crossing',
          watched_on: null,
          field: 'Body',
          snippet: [
            { text: '<img src=x onerror=alert(1)> the ', hit: false },
            { text: 'ferryman', hit: true },
          ],
        },
      ],
      films: [],
      viewings: [],
    });
    await fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    await settle();
    const input = screen.getByTestId('palette-input') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'ferryman' } });
    await vi.advanceTimersByTimeAsync(400); // past the search's wait for a pause
    await settle();
    expect(mocked.search).toHaveBeenCalledWith('ferryman', 8);
    const hit = screen.getAllByTestId('palette-option').find((o) => o.dataset.kind === 'hit')!;
    expect(hit.querySelector('img')).toBeNull();
    expect(hit.querySelector('mark')?.textContent).toBe('ferryman');
    expect(hit.textContent).toContain('<img src=x onerror=alert(1)>');

    // A command by one of its keywords.
    await fireEvent.input(input, { target: { value: 'preferences' } });
    await settle();
    const first = screen.getAllByTestId('palette-option')[0]!;
    expect(first.dataset.id).toBe('app.settings');
    await fireEvent.keyDown(input, { key: 'Enter' });
    await settle();
    expect(screen.getByTestId('settings-dialog')).toBeTruthy();
  });

  it('lists a film of the log without a review, and Enter opens its film page', async () => {
    await launch();
    const film = {
      kind: 'film' as const,
      id: 'f9',
      review_id: null,
      film_id: 'f9',
      film_title: 'Rain Man',
      film_year: 1988,
      headline: '',
      watched_on: null,
      field: 'Film',
      snippet: [{ text: 'Rain Man', hit: true }],
    };
    mocked.search.mockResolvedValue({ reviews: [], films: [film], viewings: [] });
    mocked.filmPage.mockReturnValue(new Promise(() => {}));
    await fireEvent.keyDown(window, { key: 'k', ctrlKey: true });
    await settle();
    const input = screen.getByTestId('palette-input') as HTMLInputElement;
    await fireEvent.input(input, { target: { value: 'rain man' } });
    await vi.advanceTimersByTimeAsync(400); // past the search's wait for a pause
    await settle();
    const option = screen.getAllByTestId('palette-option').find((o) => o.dataset.kind === 'film')!;
    expect(option.dataset.id).toBe('f9');
    expect(option.textContent).toContain('Rain Man (1988)');
    await fireEvent.pointerMove(option);
    await fireEvent.keyDown(input, { key: 'Enter' });
    await settle();
    expect(screen.queryByTestId('palette')).toBeNull();
    expect(mocked.filmPage).toHaveBeenCalledWith('f9');
  });

  it('lists every registered shortcut on Ctrl+/', async () => {
    await launch();
    await fireEvent.keyDown(window, { key: '/', ctrlKey: true });
    await settle();
    const rows = screen.getAllByTestId('shortcut').map((r) => r.textContent?.replace(/\s+/g, ' ').trim());
    expect(rows).toContain('New review Ctrl+N');
    expect(rows).toContain('Command palette Ctrl+K');
    await fireEvent.keyDown(screen.getByTestId('shortcuts'), { key: 'Escape' });
  });
});

describe('new review menu', () => {
  it('works from the keyboard', async () => {
    await launch();
    const button = screen.getByTestId('new-review');
    await fireEvent.click(button);
    await settle();
    expect(button.getAttribute('aria-expanded')).toBe('true');
    // The default template has the focus, so Enter takes it.
    expect(document.activeElement).toBe(screen.getByTestId('template-feature'));
    await fireEvent.keyDown(document.activeElement!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(screen.getByTestId('template-capsule'));
    await fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(document.activeElement).toBe(screen.getByTestId('template-blank'));
    await fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    await settle();
    expect(screen.queryByRole('menu')).toBeNull();
    expect(document.activeElement).toBe(button);
  });
});

describe('opening a review', () => {
  it('draws the later sections as text first, and gives them editors right after', async () => {
    await launch(review());
    const editorOf = (id: string) => sectionEl(id).querySelector('[data-testid="section-editor"] .cm-editor');
    // The first two sections are editable as soon as the review is drawn, the caret in the first.
    expect(editorOf('s1')).not.toBeNull();
    expect(editorOf('s2')).not.toBeNull();
    expect(editorOf('s3')).toBeNull();
    expect(within(sectionEl('s3')).getByTestId('section-pending').textContent?.trim()).toBe('See it on a big screen.');
    expect(within(sectionEl('s3')).getByTestId('section-words').textContent?.trim()).toBe('6 / 5 words');

    await vi.advanceTimersByTimeAsync(100);
    await tick();
    expect(editorOf('s3')).not.toBeNull();
    expect(within(sectionEl('s3')).queryByTestId('section-pending')).toBeNull();
    expect(sectionEl('s3').querySelector('.cm-content')?.textContent).toBe('See it on a big screen.');
  });
});

describe('autosave', () => {
  it('marks an edit unsaved, and says Saved only once the save has resolved', async () => {
    await launch(review());
    expect(saveStatus()).toBe('Saved');
    const pending = deferred<Review>();
    mocked.saveReview.mockReturnValueOnce(pending.promise);

    typeInSection('s2', ' Then the bridge opens.');
    await tick();
    expect(saveStatus()).toBe('Unsaved changes');
    expect(within(sectionEl('s2')).getByTestId('section-words').textContent?.trim()).toBe('9 / 300 words');

    // At most 0.7 s after the change (AUTOSAVE_MAX_WAIT_MS), so a crash loses less than a second.
    await vi.advanceTimersByTimeAsync(699);
    expect(mocked.saveReview).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(mocked.saveReview).toHaveBeenCalledOnce();
    const sent = mocked.saveReview.mock.calls[0]![0];
    expect(sent.sections[1]!.body).toBe('Nazım has piloted the ferry. Then the bridge opens.');
    await tick();
    expect(saveStatus()).toBe('Saving…');

    // However long the store takes, nothing claims "Saved" before it answers.
    await vi.advanceTimersByTimeAsync(5000);
    expect(saveStatus()).toBe('Saving…');

    // Typed while the save is on its way: the library line still counts the words sent.
    typeInSection('s2', ' Four more words here.');
    pending.resolve(stored(sent));
    await settle();
    expect(desk.review?.updated_at).toBe('2026-11-27T10:00:00+01:00');
    const line = desk.summaries.find((s) => s.id === sent.id);
    expect(line?.word_count).toBe(sent.sections.reduce((n, s) => n + countWords(s.body), 0));
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(saveStatus()).toBe('Saved');
    const again = desk.summaries.find((s) => s.id === sent.id);
    expect(again?.word_count).toBe(line!.word_count + 4);
  });

  it('keeps the text and offers a retry when a save fails', async () => {
    await launch(review());
    mocked.saveReview.mockRejectedValueOnce(new backend.BackendError('busy', 'the library is busy'));
    typeInSection('s3', ' Twice.');
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(saveStatus()).toBe('Not saved');
    expect(screen.getByRole('alert').textContent).toContain('the library is busy');
    expect(desk.review?.sections[2]?.body).toBe('See it on a big screen. Twice.');

    await fireEvent.click(screen.getByTestId('save-retry'));
    await settle();
    expect(mocked.saveReview).toHaveBeenCalledTimes(2);
    expect(mocked.saveReview.mock.calls[1]![0].sections[2]!.body).toBe('See it on a big screen. Twice.');
    expect(saveStatus()).toBe('Saved');
  });

  it('stays on a review whose save fails rather than lose its words', async () => {
    await launch(review());
    mocked.saveReview.mockRejectedValue(new backend.BackendError('io', 'disk full'));
    typeInSection('s2', ' Unsaved thought.');
    await fireEvent.click(screen.getAllByTestId('review-item')[1]!);
    await settle();
    expect(mocked.getReview).toHaveBeenCalledTimes(1);
    expect(desk.review?.id).toBe('r1');
    expect(desk.review?.sections[1]?.body).toContain('Unsaved thought.');
    expect(screen.getByText(/stays open/)).toBeTruthy();
    expect(saveStatus()).toBe('Not saved');
  });

  it('saves at once on Ctrl+S and when another review is opened', async () => {
    await launch(review());
    typeInSection('s1', ', and a long one');
    await tick();
    await fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    await settle();
    expect(mocked.saveReview).toHaveBeenCalledOnce();
    expect(saveStatus()).toBe('Saved');

    typeInSection('s1', '!');
    mocked.getReview.mockResolvedValue(review({ id: 'r2', sections: [] }));
    await fireEvent.click(screen.getAllByTestId('review-item')[1]!);
    await settle();
    expect(mocked.saveReview).toHaveBeenCalledTimes(2);
    expect(mocked.saveReview.mock.calls[1]![0].sections[0]!.body).toBe('A quiet crossing, and a long one!');
    expect(mocked.getReview).toHaveBeenLastCalledWith('r2');
    // The sidebar follows what was saved.
    expect(screen.getAllByTestId('review-item')[0]?.textContent).toContain('A quiet crossing, and a long one!');
  });

  it('saves before the window closes', async () => {
    await launch(review());
    const handler = mocked.onCloseRequested.mock.calls[0]?.[0];
    expect(handler).toBeTypeOf('function');
    typeInSection('s3', ' Go.');
    const allowed = handler!();
    await settle();
    await expect(allowed).resolves.toBe(true);
    expect(mocked.saveReview).toHaveBeenCalledOnce();
    expect(mocked.saveUiState).toHaveBeenCalledWith({
      open_review_id: 'r1',
      focused_section_id: null,
      preview_open: false,
    });
  });
});

describe('restoring where the critic was', () => {
  it('reopens the last review with the caret in the last section', async () => {
    await launch(review(), 's3');
    expect(mocked.getReview).toHaveBeenCalledWith('r1');
    expect(sectionEl('s3').contains(document.activeElement)).toBe(true);
    const cm = sectionEl('s3').querySelector<HTMLElement>('.cm-editor')!;
    const view = EditorView.findFromDOM(cm)!;
    expect(view.state.selection.main.head).toBe(view.state.doc.length);
  });

  it('remembers the focused section', async () => {
    await launch(review());
    mocked.saveUiState.mockClear();
    sectionEl('s2').querySelector<HTMLElement>('.cm-content')!.focus();
    await vi.advanceTimersByTimeAsync(1000);
    expect(mocked.saveUiState).toHaveBeenLastCalledWith({
      open_review_id: 'r1',
      focused_section_id: 's2',
      preview_open: false,
    });
  });
});

describe('rating control', () => {
  it('is a slider that numbers, arrows and Backspace drive', async () => {
    await launch(review());
    const slider = screen.getByTestId('rating');
    expect(slider.getAttribute('role')).toBe('slider');
    expect(slider.getAttribute('aria-valuetext')).toBe('Rating: 4 out of 5 stars');
    slider.focus();

    await fireEvent.keyDown(slider, { key: '3' });
    expect(slider.getAttribute('aria-valuetext')).toBe('Rating: 3 out of 5 stars');
    await fireEvent.keyDown(slider, { key: 'ArrowRight' });
    expect(slider.getAttribute('aria-valuetext')).toBe('Rating: 3.5 out of 5 stars');
    expect(slider.getAttribute('aria-valuenow')).toBe('7');
    await fireEvent.keyDown(slider, { key: 'End' });
    expect(slider.getAttribute('aria-valuetext')).toBe('Rating: 5 out of 5 stars');
    await fireEvent.keyDown(slider, { key: 'Backspace' });
    expect(slider.getAttribute('aria-valuetext')).toBe('Not rated');
    expect(slider.hasAttribute('aria-valuenow')).toBe(false);
    await fireEvent.keyDown(slider, { key: 'ArrowLeft' });
    await fireEvent.keyDown(slider, { key: '4' });
    expect(saveStatus()).toBe('Unsaved changes');

    await vi.advanceTimersByTimeAsync(1000);
    expect(mocked.saveReview).toHaveBeenCalledOnce();
    expect(mocked.saveReview.mock.calls[0]![0].rating).toEqual({ scale: 'five_stars', step: 8 });
  });

  it('converts the rating when the scale changes, and takes letters from the keyboard', async () => {
    await launch(review());
    await fireEvent.change(screen.getByTestId('rating-scale'), { target: { value: 'letter' } });
    const slider = screen.getByTestId('rating');
    // 4 stars is 80, the nearest grade is B+ (83).
    expect(slider.getAttribute('aria-valuetext')).toBe('Rating: B+');
    await fireEvent.keyDown(slider, { key: 'a' });
    expect(slider.getAttribute('aria-valuetext')).toBe('Rating: A');
    await fireEvent.keyDown(slider, { key: '+' });
    expect(slider.getAttribute('aria-valuetext')).toBe('Rating: A+');
    await fireEvent.keyDown(slider, { key: 'c' });
    await fireEvent.keyDown(slider, { key: '-' });
    expect(slider.getAttribute('aria-valuetext')).toBe('Rating: C-');
    expect(desk.review?.rating).toEqual({ scale: 'letter', step: 4 });
  });
});

describe('facts panel', () => {
  it('carries every edit into the review that is saved', async () => {
    await launch(review({ film: { ...review().film, title: '', genres: [], cast: [] } }));
    const input = (id: string, value: string, nth = 0) => {
      const el = screen.getAllByTestId(id)[nth] as HTMLInputElement;
      return fireEvent.input(el, { target: { value } });
    };
    await input('film-title', 'The Salt Archive');
    await input('film-year', '2024');
    await input('film-runtime', '112');
    await input('film-directors', 'Defne Aral, Jonah Pell');
    await input('film-genres', 'Drama, ');
    // What is being typed stays as typed.
    expect((screen.getByTestId('film-genres') as HTMLInputElement).value).toBe('Drama, ');
    await input('film-genres', 'Drama, Mystery');
    await input('byline', 'Mira Castell');
    await fireEvent.click(screen.getByTestId('cast-add'));
    await settle();
    await input('cast-actor', 'Mira Castell');
    await input('cast-character', 'Çiçek Yılmaz');
    await fireEvent.change(screen.getByTestId('status'), { target: { value: 'ready' } });
    await input('embargo', '2026-03-14T09:30');

    // The header follows at once.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toContain('The Salt Archive');
    expect(saveStatus()).toBe('Unsaved changes');

    // Leaving a field saves without waiting.
    await fireEvent.focusOut(screen.getByTestId('byline'));
    await settle();
    expect(mocked.saveReview).toHaveBeenCalledOnce();
    const sent = mocked.saveReview.mock.calls[0]![0];
    expect(sent.film).toMatchObject({
      title: 'The Salt Archive',
      year: 2024,
      runtime_minutes: 112,
      directors: ['Defne Aral', 'Jonah Pell'],
      genres: ['Drama', 'Mystery'],
      cast: [{ actor: 'Mira Castell', character: 'Çiçek Yılmaz' }],
    });
    expect(sent.byline).toBe('Mira Castell');
    expect(sent.status).toBe('ready');
    expect(sent.embargo).toMatch(/^2026-03-14T09:30:00[+-]\d{2}:\d{2}$/);
    expect(saveStatus()).toBe('Saved');
    expect(screen.getAllByTestId('review-item')[0]?.textContent).toContain('The Salt Archive');
  });

  it('refuses a year that is not a year without losing the last good one', async () => {
    await launch(review());
    const year = screen.getByTestId('film-year') as HTMLInputElement;
    await fireEvent.input(year, { target: { value: '202' } });
    // On the way to a year: not an error yet, and not saved either.
    expect(year.getAttribute('aria-invalid')).toBe('false');
    expect(desk.review?.film.year).toBe(2025);
    await fireEvent.input(year, { target: { value: '20x5' } });
    await fireEvent.blur(year);
    expect(year.getAttribute('aria-invalid')).toBe('true');
    expect(desk.review?.film.year).toBe(2025);
    await fireEvent.input(year, { target: { value: '1999' } });
    expect(desk.review?.film.year).toBe(1999);
    await fireEvent.input(year, { target: { value: '' } });
    expect(desk.review?.film.year).toBeNull();
  });

  it('shows the next review’s facts in the same panel, with nothing carried over', async () => {
    await launch(review());
    const field = (id: string) => screen.getByTestId(id) as HTMLInputElement;
    const yearInput = field('film-year');
    // A half-typed year, a list being typed and a question asked about this review…
    await fireEvent.input(yearInput, { target: { value: '20x5' } });
    await fireEvent.blur(yearInput);
    await fireEvent.input(field('film-genres'), { target: { value: 'Drama, ' } });
    await fireEvent.click(screen.getByTestId('review-delete'));
    expect(screen.getByTestId('review-delete-confirm')).toBeTruthy();
    await fireEvent.keyDown(window, { key: 's', ctrlKey: true });
    await settle();

    // …are not the next one's, though the panel and its fields stay (they are not drawn anew).
    const next = review({
      id: 'r2',
      film: { ...review().film, title: 'Nightjar', year: 2025, runtime_minutes: null, genres: ['Horror', 'Mystery'], directors: [] },
      tags: [],
    });
    mocked.getReview.mockResolvedValue(next);
    await fireEvent.click(screen.getAllByTestId('review-item')[1]!);
    await settle();
    expect(field('film-year')).toBe(yearInput);
    expect(yearInput.value).toBe('2025');
    expect(yearInput.getAttribute('aria-invalid')).toBe('false');
    expect(field('film-runtime').value).toBe('');
    expect(field('film-genres').value).toBe('Horror, Mystery');
    expect(field('film-directors').value).toBe('');
    expect(field('tags').value).toBe('');
    expect(field('film-title').value).toBe('Nightjar');
    expect(screen.queryByTestId('review-delete-confirm')).toBeNull();

    // Typing in the next review keeps the text as typed, and edits that review.
    await fireEvent.input(field('film-genres'), { target: { value: 'Horror, ' } });
    expect(field('film-genres').value).toBe('Horror, ');
    expect(desk.review?.film.genres).toEqual(['Horror']);
  });
});

describe('sections', () => {
  it('adds, moves by keyboard and deletes sections', async () => {
    await launch(review());
    const ids = () => screen.getAllByTestId('section').map((s) => s.dataset.sectionId);

    await fireEvent.click(within(sectionEl('s1')).getByTestId('add-section'));
    await settle();
    expect(ids()).toHaveLength(4);
    const added = ids()[1]!;
    expect(document.activeElement).toBe(within(sectionEl(added)).getByTestId('section-title'));

    const handle = within(sectionEl('s3')).getByRole('button', { name: /Move section Verdict/ });
    handle.focus();
    await fireEvent.keyDown(handle, { key: 'ArrowUp', altKey: true });
    await settle();
    expect(ids()).toEqual(['s1', added, 's3', 's2']);
    expect(document.activeElement).toBe(handle);

    await fireEvent.click(within(sectionEl('s2')).getByTestId('section-delete'));
    await settle();
    // Words are not deleted without a second look.
    expect(ids()).toHaveLength(4);
    await fireEvent.click(screen.getByTestId('section-delete-confirm'));
    await settle();
    expect(ids()).toEqual(['s1', added, 's3']);

    await vi.advanceTimersByTimeAsync(1000);
    expect(mocked.saveReview.mock.lastCall?.[0].sections.map((s) => s.id)).toEqual(['s1', added, 's3']);
  });

  it('moves a section by dragging its handle', async () => {
    await launch(review());
    const ids = () => screen.getAllByTestId('section').map((s) => s.dataset.sectionId);
    const data = new Map<string, string>();
    const dataTransfer = {
      setData: (k: string, v: string) => data.set(k, v),
      getData: (k: string) => data.get(k) ?? '',
      effectAllowed: 'all',
      dropEffect: 'none',
    };
    const handle = within(sectionEl('s3')).getByRole('button', { name: /Move section Verdict/ });
    await fireEvent.dragStart(handle, { dataTransfer });
    // Over the upper half of the first section: the dragged one goes before it.
    vi.spyOn(sectionEl('s1'), 'getBoundingClientRect').mockReturnValue(new DOMRect(0, 100, 600, 200));
    // jsdom has no DragEvent, so the pointer position is put on the event by hand.
    const at = (event: Event) => Object.defineProperty(event, 'clientY', { value: 120 });
    await fireEvent(sectionEl('s1'), at(createEvent.dragOver(sectionEl('s1'), { dataTransfer })));
    expect(sectionEl('s1').classList.contains('drop-before')).toBe(true);
    await fireEvent(sectionEl('s1'), at(createEvent.drop(sectionEl('s1'), { dataTransfer })));
    await settle();
    expect(ids()).toEqual(['s3', 's1', 's2']);
    expect(saveStatus()).toBe('Unsaved changes');
  });

  it('warns past the word target and marks spoilers', async () => {
    await launch(review());
    const verdict = sectionEl('s3');
    const words = within(verdict).getByTestId('section-words');
    expect(words.textContent?.trim()).toBe('6 / 5 words');
    expect(words.classList.contains('over')).toBe(true);
    expect(screen.getByTestId('total-words').textContent).toBe('14 words');

    const spoiler = within(verdict).getByTestId('section-spoiler');
    await fireEvent.click(spoiler);
    expect(spoiler.getAttribute('aria-pressed')).toBe('true');
    expect(desk.review?.sections[2]?.spoiler).toBe(true);
  });
});

describe('preview', () => {
  it('renders the article, keeps links from navigating the window, and opens web links only once confirmed', async () => {
    await launch(review());
    await fireEvent.click(screen.getByTestId('preview-tab'));
    await vi.advanceTimersByTimeAsync(300);
    await settle();
    expect(mocked.renderPreview).toHaveBeenCalled();
    const preview = screen.getByTestId('preview');
    expect(preview.querySelector('h1')?.textContent).toBe('Preview');
    const link = preview.querySelector('a')!;
    const click = new MouseEvent('click', { bubbles: true, cancelable: true });
    link.dispatchEvent(click);
    expect(click.defaultPrevented).toBe(true);
    await tick();
    expect(screen.getByTestId('link-confirm-url').textContent).toBe('https://example.com/x');
    expect(mocked.openExternal).not.toHaveBeenCalled();
    await fireEvent.click(screen.getByTestId('link-cancel'));
    expect(screen.queryByTestId('link-confirm')).toBeNull();
    expect(mocked.openExternal).not.toHaveBeenCalled();

    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await tick();
    await fireEvent.click(screen.getByTestId('link-open'));
    await settle();
    expect(mocked.openExternal).toHaveBeenCalledExactlyOnceWith('https://example.com/x');
    expect(screen.queryByTestId('link-confirm')).toBeNull();

    // Anything but a web address is only shown, never opened.
    link.setAttribute('href', 'file:///etc/passwd');
    link.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }));
    await tick();
    expect(screen.getByTestId('link-note').textContent).toContain('file:///etc/passwd');
    expect(screen.queryByTestId('link-open')).toBeNull();
    expect(mocked.openExternal).toHaveBeenCalledOnce();

    mocked.renderPreview.mockClear();
    typeInSection('s1', ' again');
    await vi.advanceTimersByTimeAsync(299);
    expect(mocked.renderPreview).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(mocked.renderPreview).toHaveBeenCalledOnce();
    expect(mocked.renderPreview.mock.calls[0]![0].sections[0]!.body).toBe('A quiet crossing again');
  });
});

describe('a library that cannot be opened', () => {
  const BACKUP = {
    path: '/home/critic/backups/filmdesk-2026-11-26.sqlite',
    file_name: 'filmdesk-2026-11-26.sqlite',
    taken_at: '2026-11-26T09:00:00+01:00',
    kind: 'regular' as const,
    review_count: 3,
    size: 40960,
  };

  it('says a damaged library is damaged and restores the latest backup on request', async () => {
    mocked.listReviews.mockRejectedValue(new backend.BackendError('corrupt', 'library.sqlite is not a SQLite database'));
    mocked.listBackups.mockResolvedValue([{ ...BACKUP, path: '/x/unreadable.sqlite', review_count: null }, BACKUP]);
    mocked.restoreBackup.mockResolvedValue({
      restored_from: BACKUP.path,
      set_aside: '/home/critic/library.sqlite.damaged-20261127',
      replaced_was_damaged: true,
    });
    await launch();
    const problem = screen.getByTestId('library-problem');
    expect(problem.dataset.code).toBe('corrupt');
    expect(screen.getByTestId('library-problem-message').textContent).toContain('not a SQLite database');
    expect(screen.getByTestId('library-problem-path').textContent).toBe('/home/critic/library.sqlite');
    // The newest backup that can be read, not the unreadable one listed first.
    expect(screen.getByTestId('latest-backup').textContent).toContain('3 reviews');
    expect(screen.queryByRole('alert')).toBeNull();

    await fireEvent.click(screen.getByTestId('restore-latest-backup'));
    await settle();
    expect(mocked.restoreBackup).toHaveBeenCalledExactlyOnceWith(BACKUP.path);
    expect(screen.getByTestId('library-restored').textContent).toContain('library.sqlite.damaged-20261127');

    mocked.listReviews.mockResolvedValue(structuredClone(SUMMARIES));
    await fireEvent.click(screen.getByTestId('library-reload'));
    await settle();
    expect(screen.queryByTestId('library-problem')).toBeNull();
    expect(desk.summaries).toHaveLength(SUMMARIES.length);
  });

  it('offers nothing to restore when there is no backup, and never for a newer library', async () => {
    mocked.listReviews.mockRejectedValue(new backend.BackendError('corrupt', 'cut short'));
    await launch();
    expect(screen.getByTestId('no-backup')).toBeTruthy();
    expect(screen.queryByTestId('restore-latest-backup')).toBeNull();
    cleanup();

    mocked.listBackups.mockClear();
    mocked.listReviews.mockRejectedValue(new backend.BackendError('schema_too_new', 'written by a newer Filmdesk (schema 9)'));
    await launch();
    expect(screen.getByTestId('library-problem').dataset.code).toBe('schema_too_new');
    expect(screen.getByTestId('library-problem-message').textContent).toContain('schema 9');
    expect(mocked.listBackups).not.toHaveBeenCalled();
    expect(screen.queryByTestId('restore-latest-backup')).toBeNull();
  });
});

describe('settings', () => {
  it('applies the theme and keeps the choices', async () => {
    await launch();
    await fireEvent.click(screen.getByTestId('settings-button'));
    await settle();
    await fireEvent.change(screen.getByTestId('settings-theme-dark'));
    await settle();
    expect(document.documentElement.dataset.theme).toBe('dark');
    expect(mocked.saveSettings).toHaveBeenLastCalledWith({ ...SETTINGS, theme: 'dark' });
  });
});

describe('history', () => {
  const snap = (id: string, body: string, extra: Partial<SnapshotInfo> = {}): Snapshot => ({
    info: {
      id,
      section_id: 's2',
      review_id: 'r1',
      taken_at: new Date().toISOString(),
      word_count: body.split(/\s+/).filter(Boolean).length,
      name: null,
      reason: 'manual',
      ...extra,
    },
    body,
  });

  it('snapshots a section two minutes after the typing stops, saved first', async () => {
    await launch(review());
    typeInSection('s2', ' Forty years.');
    await vi.advanceTimersByTimeAsync(PAUSE_MS - 1000);
    expect(mocked.snapshotSection).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1000);
    await settle();
    expect(mocked.snapshotSection).toHaveBeenCalledExactlyOnceWith('s2', 'pause', null);
    // The snapshot is of what is stored: the save went first.
    const saveOrder = mocked.saveReview.mock.invocationCallOrder.at(-1)!;
    expect(saveOrder).toBeLessThan(mocked.snapshotSection.mock.invocationCallOrder[0]!);
  });

  it('snapshots the review being left, and on Ctrl+Shift+S', async () => {
    await launch(review(), 's3');
    await fireEvent.keyDown(window, { key: 'S', ctrlKey: true, shiftKey: true });
    await settle();
    expect(mocked.snapshotSection).toHaveBeenCalledExactlyOnceWith('s3', 'manual', null);
    expect(screen.getByTestId('history-panel')).toBeTruthy();

    mocked.getReview.mockResolvedValue(review({ id: 'r2', sections: [] }));
    await fireEvent.click(screen.getAllByTestId('review-item')[1]!);
    await settle();
    expect(mocked.snapshotReview).toHaveBeenCalledExactlyOnceWith('r1', 'switch');
  });

  it('lists snapshots, shows the word diff, restores and undoes the restore', async () => {
    const old = snap('a', 'Nazım piloted the ferry.', { name: 'First draft' });
    const before = snap('b', 'Nazım has piloted the ferry.', { reason: 'restore' });
    mocked.listSnapshots.mockResolvedValue([old.info]);
    mocked.getSnapshot.mockResolvedValue(before);
    mocked.diffSnapshot.mockResolvedValue([
      { kind: 'same', text: 'Nazım ' },
      { kind: 'added', text: 'has ' },
      { kind: 'same', text: 'piloted the ' },
      { kind: 'removed', text: 'boat' },
      { kind: 'added', text: 'ferry' },
      { kind: 'same', text: '.' },
    ]);
    await launch(review(), 's2');
    await fireEvent.click(screen.getByTestId('history-tab'));
    await settle();
    const item = screen.getByTestId('snapshot-item');
    expect(item.textContent).toContain('First draft');
    expect(item.textContent).toContain('4 words');

    await fireEvent.click(item);
    await settle();
    expect(mocked.diffSnapshot).toHaveBeenCalledWith('a', null);
    const diff = screen.getByTestId('diff');
    // Marked as elements with words around them, not by colour alone.
    expect([...diff.querySelectorAll('ins')].map((e) => e.textContent)).toEqual(['[added: has ]', '[added: ferry]']);
    expect([...diff.querySelectorAll('del')].map((e) => e.textContent)).toEqual(['[removed: boat]']);
    expect(screen.getByTestId('diff-summary').textContent).toBe('2 words added, 1 word removed');
    expect(diff.textContent?.replace(/\[(added|removed): |\]/g, '')).toBe('Nazım has piloted the boatferry.');

    const restored = review();
    restored.sections[1]!.body = old.body;
    mocked.restoreSnapshot.mockResolvedValue(restored);
    mocked.listSnapshots.mockResolvedValue([before.info, old.info]);
    await fireEvent.click(screen.getByTestId('restore-snapshot'));
    await settle();
    expect(mocked.restoreSnapshot).toHaveBeenCalledExactlyOnceWith('a');
    expect(desk.review?.sections[1]?.body).toBe('Nazım piloted the ferry.');
    expect(sectionEl('s2').querySelector('.cm-content')?.textContent).toBe('Nazım piloted the ferry.');
    const undo = screen.getByTestId('undo-restore');
    expect(document.activeElement).toBe(undo);

    mocked.restoreSnapshot.mockResolvedValue(review());
    await fireEvent.click(undo);
    await settle();
    expect(mocked.restoreSnapshot).toHaveBeenLastCalledWith('b');
    expect(sectionEl('s2').querySelector('.cm-content')?.textContent).toBe('Nazım has piloted the ferry.');
    expect(screen.queryByTestId('undo-restore')).toBeNull();
    expect(screen.getByTestId('history-status').textContent).toContain('Restore undone');
  });

  it('takes a named snapshot from the panel', async () => {
    mocked.snapshotSection.mockResolvedValue(snap('n', 'x', { name: 'Sent to the editor' }));
    await launch(review(), 's2');
    await fireEvent.click(screen.getByTestId('history-tab'));
    await settle();
    expect(screen.getByTestId('history-empty')).toBeTruthy();
    await fireEvent.input(screen.getByTestId('snapshot-name'), { target: { value: 'Sent to the editor' } });
    await fireEvent.click(screen.getByTestId('snapshot-now'));
    await settle();
    expect(mocked.snapshotSection).toHaveBeenCalledExactlyOnceWith('s2', 'manual', 'Sent to the editor');
    expect(screen.getByTestId('history-status').textContent).toBe('Snapshot “Sent to the editor” taken.');
    // The list is read again after a snapshot.
    expect(mocked.listSnapshots.mock.calls.length).toBeGreaterThanOrEqual(2);
  });
});

describe('trash', () => {
  it('moves a deleted review to the trash and restores it to the library', async () => {
    const r = review();
    mocked.trashReview.mockResolvedValue();
    await launch(r);
    await fireEvent.click(screen.getByTestId('review-delete'));
    await fireEvent.click(screen.getByTestId('review-delete-confirm'));
    await settle();
    expect(mocked.trashReview).toHaveBeenCalledExactlyOnceWith('r1');
    expect(mocked.deleteReview).not.toHaveBeenCalled();
    expect(screen.getAllByTestId('review-item').map((e) => e.dataset.id)).toEqual(['r2']);

    const deleted = new Date(Date.now() - 3 * 86_400_000);
    mocked.listTrash.mockResolvedValue([
      {
        review: SUMMARIES[0]!,
        deleted_at: deleted.toISOString(),
        purge_after: new Date(deleted.getTime() + 30 * 86_400_000).toISOString(),
      },
    ]);
    mocked.restoreFromTrash.mockResolvedValue(r);
    await fireEvent.click(screen.getByTestId('trash-button'));
    await settle();
    const item = screen.getByTestId('trash-item');
    expect(item.textContent).toContain('The Last Ferry');
    expect(screen.getByTestId('trash-days-left').textContent).toBe('27 days left');
    await fireEvent.click(within(item).getByRole('button', { name: 'Restore The Last Ferry' }));
    await settle();
    expect(mocked.restoreFromTrash).toHaveBeenCalledExactlyOnceWith('r1');
    expect(screen.getByTestId('trash-empty')).toBeTruthy();
    expect(screen.getAllByTestId('review-item').map((e) => e.dataset.id).sort()).toEqual(['r1', 'r2']);
  });
});

describe('backups in settings', () => {
  it('shows the folder, backs up now and restores without overwriting', async () => {
    const backup: BackupInfo = {
      path: '/b/library-2026-11-26.sqlite',
      file_name: 'library-2026-11-26.sqlite',
      taken_at: '2026-11-26T09:00:00Z',
      kind: 'regular',
      review_count: 7,
      size: 204_800,
    };
    mocked.backUpNow.mockResolvedValue({ ...backup, review_count: 2 });
    mocked.listBackups.mockResolvedValue([backup]);
    mocked.restoreBackup.mockResolvedValue({
      restored_from: backup.path,
      set_aside: '/lib/library.sqlite.before-restore-20261127',
      replaced_was_damaged: false,
    });
    await launch();
    await fireEvent.click(screen.getByTestId('settings-button'));
    await settle();
    expect(screen.getByTestId('backups-folder').textContent).toBe('/home/ana/.local/share/filmdesk/backups');
    await fireEvent.click(screen.getByTestId('back-up-now'));
    await settle();
    expect(screen.getByTestId('backup-status').textContent).toContain('2 reviews');

    await fireEvent.click(screen.getByTestId('show-backups'));
    await settle();
    const item = screen.getByTestId('backup-item');
    expect(item.textContent).toContain('7 reviews');
    expect(item.textContent).toContain('200 KB');
    await fireEvent.click(screen.getByTestId('backup-restore'));
    await fireEvent.click(screen.getByTestId('backup-restore-confirm'));
    await settle();
    expect(mocked.restoreBackup).toHaveBeenCalledExactlyOnceWith(backup.path);
    expect(screen.getByTestId('restore-report').textContent).toContain('/lib/library.sqlite.before-restore-20261127');
    // Everything is read again from the restored library.
    expect(mocked.listReviews).toHaveBeenCalledTimes(2);
  });
});

describe('history commands', () => {
  it('registers Snapshot now, Show history, Open Trash and Back up now', async () => {
    mocked.backUpNow.mockResolvedValue({
      path: '/b/x.sqlite',
      file_name: 'x.sqlite',
      taken_at: '2026-11-27T13:00:00Z',
      kind: 'regular',
      review_count: 2,
      size: 4096,
    });
    await launch(review(), 's2');
    expect(commands.get('history.snapshot')?.shortcut).toBe('Ctrl+Shift+S');
    expect(commands.run('panel.history')).toBe(true);
    await settle();
    expect(screen.getByTestId('history-panel')).toBeTruthy();
    expect(commands.run('history.snapshot')).toBe(true);
    await settle();
    expect(mocked.snapshotSection).toHaveBeenCalledExactlyOnceWith('s2', 'manual', null);
    expect(commands.run('trash.open')).toBe(true);
    await settle();
    expect(screen.getByTestId('trash-view')).toBeTruthy();
    // Snapshots are of a review on screen, not of the trash.
    expect(commands.available().map((c) => c.id)).not.toContain('history.snapshot');
    expect(commands.run('backup.now')).toBe(true);
    await settle();
    expect(mocked.backUpNow).toHaveBeenCalledOnce();
    expect(screen.getByTestId('backup-status').textContent).toContain('2 reviews');
  });
});

describe('checks', () => {
  const SYNOPSIS = 'Nazım has piloted the ferry.';
  const spelling = {
    kind: 'spelling',
    severity: 'warning',
    code: 'spelling.unknown',
    section_id: 's2',
    start: SYNOPSIS.indexOf('piloted'),
    end: SYNOPSIS.indexOf('piloted') + 'piloted'.length,
    byte_start: 0,
    byte_end: 0,
    text: 'piloted',
    message: '“piloted” is not in the en_US dictionary',
    suggestions: ['pilot'],
  } as const;
  const summary = { ...spelling, kind: 'length', severity: 'info', code: 'length.summary', section_id: null, start: 0, end: 0, text: '', suggestions: [], message: '13 words' } as const;

  it('underlines findings, lists them by kind, and jumps to one from the panel', async () => {
    mocked.checkReview.mockResolvedValue([{ ...spelling, suggestions: [...spelling.suggestions] }, { ...summary, suggestions: [] }]);
    const open = review();
    await launch(open);
    await vi.advanceTimersByTimeAsync(500);
    await settle();
    expect(mocked.checkReview).toHaveBeenCalledWith(expect.objectContaining({ id: 'r1' }), false, 'en_US');
    const mark = sectionEl('s2').querySelector('.cm-finding');
    expect(mark?.textContent).toBe('piloted');
    expect(mark?.className).toContain('cm-finding-spelling');
    // One warning waits on the tab; the summary of length is no cause for a number.
    expect(screen.getByTestId('checks-count').textContent).toBe('1');

    await fireEvent.click(screen.getByTestId('checks-tab'));
    await settle();
    const groups = screen.getAllByTestId('checks-group');
    expect(groups.map((g) => g.dataset.kind)).toEqual(['spelling', 'length']);
    expect(within(groups[0]!).getByTestId('checks-group-count').textContent).toBe('1');
    await fireEvent.click(within(groups[0]!).getByTestId('check-item'));
    const view = EditorView.findFromDOM(sectionEl('s2').querySelector<HTMLElement>('.cm-editor')!)!;
    const { from, to } = view.state.selection.main;
    expect(view.state.sliceDoc(from, to)).toBe('piloted');
  });

  it('checks against the dictionary chosen for the review, and saves the choice', async () => {
    await launch(review());
    await fireEvent.click(screen.getByTestId('checks-tab'));
    await settle();
    const select = screen.getByTestId('checks-lang') as HTMLSelectElement;
    select.value = 'en_GB';
    await fireEvent.change(select);
    await vi.advanceTimersByTimeAsync(1500);
    await settle();
    expect(mocked.checkReview).toHaveBeenLastCalledWith(expect.objectContaining({ lang: 'en_GB' }), false, 'en_GB');
    expect(mocked.saveReview).toHaveBeenLastCalledWith(expect.objectContaining({ lang: 'en_GB' }));
  });
});
