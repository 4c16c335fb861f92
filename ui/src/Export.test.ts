// The Export dialogs with the backend mocked: what they send, what they ask, what they show.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/svelte';
import { tick } from 'svelte';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import App from './App.svelte';
import * as backend from './lib/backend';
import type { BatchProgress, BatchReport, Finding, Review } from './lib/bindings';
import { Desk } from './lib/desk.svelte';
import { joinPath, resolveDestination } from './lib/exporting';
import { NO_UI_STATE, SCALES, SETTINGS, SUMMARIES, TEMPLATES, review } from './test/fixtures';

vi.mock('./lib/backend', async () => {
  const actual = await vi.importActual<typeof import('./lib/backend')>('./lib/backend');
  return {
    BackendError: actual.BackendError,
    toBackendError: actual.toBackendError,
    listReviews: vi.fn(),
    getReview: vi.fn(),
    saveReview: vi.fn(),
    listTemplates: vi.fn(),
    ratingScales: vi.fn(),
    getSettings: vi.fn(),
    saveSettings: vi.fn(),
    getUiState: vi.fn(),
    saveUiState: vi.fn(),
    renderPreview: vi.fn(),
    uiReady: vi.fn(),
    onCloseRequested: vi.fn(),
    renderExport: vi.fn(),
    exportFileName: vi.fn(),
    exportReview: vi.fn(),
    exportBatch: vi.fn(),
    cancelExport: vi.fn(),
    checkReview: vi.fn(),
    chooseSavePath: vi.fn(),
    chooseFolder: vi.fn(),
    copyText: vi.fn(),
    backupsFolder: vi.fn(),
    listBackups: vi.fn(),
  };
});

// Generous: the first render compiles every component, which is slow on a busy machine.
vi.setConfig({ testTimeout: 30_000 });

const mocked = vi.mocked(backend);
const { BackendError } = backend;

async function settle() {
  for (let i = 0; i < 6; i++) {
    await vi.advanceTimersByTimeAsync(0);
    await tick();
  }
}

function finding(overrides: Partial<Finding>): Finding {
  return {
    kind: 'readiness',
    severity: 'warning',
    code: 'readiness.no_rating',
    section_id: null,
    start: 0,
    end: 0,
    byte_start: 0,
    byte_end: 0,
    text: '',
    message: 'The review has no rating.',
    suggestions: [],
    ...overrides,
  };
}

let desk: Desk;

async function launch(open: Review | null = review()) {
  if (open) {
    mocked.getUiState.mockResolvedValue({ ...NO_UI_STATE, open_review_id: open.id });
    mocked.getReview.mockResolvedValue(open);
  }
  desk = new Desk();
  render(App, { props: { desk } });
  await settle();
}

async function openExport() {
  await fireEvent.keyDown(window, { key: 'e', ctrlKey: true });
  await settle();
  return screen.getByTestId('export-dialog');
}

async function typePath(value: string) {
  await fireEvent.input(screen.getByTestId('export-path'), { target: { value } });
  await settle();
}

async function submit() {
  await fireEvent.click(screen.getByTestId('export-submit'));
  await settle();
}

beforeEach(() => {
  vi.useFakeTimers();
  mocked.listReviews.mockResolvedValue(structuredClone(SUMMARIES));
  mocked.listTemplates.mockResolvedValue(TEMPLATES);
  mocked.ratingScales.mockResolvedValue(SCALES);
  mocked.getSettings.mockResolvedValue({ ...SETTINGS, export_format: 'markdown', export_preset: 'hugo' });
  mocked.getUiState.mockResolvedValue(NO_UI_STATE);
  mocked.saveUiState.mockResolvedValue();
  mocked.saveSettings.mockResolvedValue();
  mocked.uiReady.mockResolvedValue();
  mocked.onCloseRequested.mockResolvedValue(() => {});
  mocked.renderPreview.mockResolvedValue('<h1>Preview</h1>');
  mocked.saveReview.mockImplementation(async (r) => structuredClone(r));
  mocked.exportFileName.mockImplementation(async (_r, o) =>
    o.format === 'markdown' ? (o.preset === 'jekyll' ? '_posts/2026-11-27-the-last-ferry.md' : 'content/reviews/the-last-ferry.md') : 'the-last-ferry.html',
  );
  mocked.exportReview.mockImplementation(async (_id, _o, path) => path);
  mocked.renderExport.mockResolvedValue('---\ntitle: "A quiet crossing"\n---\n');
  mocked.copyText.mockResolvedValue();
  mocked.cancelExport.mockResolvedValue();
  mocked.backupsFolder.mockResolvedValue('/home/ana/backups');
  mocked.listBackups.mockResolvedValue([]);
});

afterEach(() => {
  cleanup();
  desk?.dispose();
  vi.useRealTimers();
  vi.clearAllMocks();
});

describe('path helpers', () => {
  it('joins with the folder’s own separator and fills a folder path with the proposed name', () => {
    expect(joinPath('/home/ana', 'a.md')).toBe('/home/ana/a.md');
    expect(joinPath('/home/ana/', 'a.md')).toBe('/home/ana/a.md');
    expect(joinPath('C:\\Users\\ana', 'a.md')).toBe('C:\\Users\\ana\\a.md');
    expect(resolveDestination(' /site/ ', 'a.md')).toBe('/site/a.md');
    expect(resolveDestination('/site/b.md', 'a.md')).toBe('/site/b.md');
  });
});

describe('export dialog', () => {
  it('opens with Ctrl+E on the settings’ default format and proposes a file name', async () => {
    await launch();
    const dialog = await openExport();
    expect(within(dialog).getByTestId<HTMLInputElement>('export-format-markdown').checked).toBe(true);
    expect(within(dialog).getByTestId<HTMLSelectElement>('export-preset').value).toBe('hugo');
    expect(screen.getByTestId('export-suggested').textContent).toContain('the-last-ferry.md');
    // A draft is not for publication unless the critic says so.
    expect(screen.getByTestId<HTMLInputElement>('export-for-publication').checked).toBe(false);

    await fireEvent.click(screen.getByTestId('export-format-html'));
    await settle();
    expect(screen.queryByTestId('export-preset')).toBeNull();
    expect(screen.getByTestId('export-suggested').textContent).toContain('the-last-ferry.html');
  });

  it('saves first, writes to the typed path and shows where', async () => {
    await launch();
    await openExport();
    await typePath('/home/ana/site/');
    await submit();
    expect(mocked.exportReview).toHaveBeenCalledWith(
      'r1',
      { format: 'markdown', preset: 'hugo', lang: 'en' },
      '/home/ana/site/the-last-ferry.md',
      false,
    );
    expect(screen.getByTestId('export-done').textContent).toContain('/home/ana/site/the-last-ferry.md');
    expect(screen.getByTestId('toast').textContent).toContain('Exported to /home/ana/site/the-last-ferry.md');
    // The next export starts in the same folder, with the new format's name.
    await fireEvent.click(screen.getByTestId('export-close'));
    await settle();
    await openExport();
    mocked.exportFileName.mockResolvedValue('the-last-ferry.json');
    await fireEvent.click(screen.getByTestId('export-format-json'));
    await settle();
    expect(screen.getByTestId<HTMLInputElement>('export-path').value).toBe('/home/ana/site/the-last-ferry.json');
  });

  it('asks before replacing a file, and replaces only when told to', async () => {
    mocked.exportReview.mockImplementation(async (_id, _o, path, force) => {
      if (!force) throw new BackendError('already_exists', path);
      return path;
    });
    await launch();
    await openExport();
    await typePath('/srv/a.md');
    await submit();
    expect(screen.getByTestId('export-replace-question').textContent).toContain('a.md');
    await fireEvent.click(screen.getByTestId('export-keep'));
    await settle();
    expect(mocked.exportReview).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('export-done')).toBeNull();

    await submit();
    await fireEvent.click(screen.getByTestId('export-replace'));
    await settle();
    expect(mocked.exportReview).toHaveBeenLastCalledWith('r1', expect.anything(), '/srv/a.md', true);
    expect(screen.getByTestId('export-done').textContent).toContain('/srv/a.md');
  });

  it('refuses a relative path and shows a failure by its code, keeping every choice', async () => {
    await launch();
    await openExport();
    await typePath('reviews/a.md');
    await submit();
    expect(mocked.exportReview).not.toHaveBeenCalled();
    expect(screen.getByTestId('export-error').textContent).toContain('full path');

    mocked.exportReview.mockRejectedValue(new BackendError('io', 'writing /ro/a.md: permission denied'));
    await typePath('/ro/a.md');
    await submit();
    expect(screen.getByTestId('export-error').textContent).toMatch(/Couldn't write the file.*permission denied/);
    expect(screen.getByTestId<HTMLInputElement>('export-path').value).toBe('/ro/a.md');
    expect(screen.getByTestId<HTMLInputElement>('export-format-markdown').checked).toBe(true);
  });

  it('opens the native save dialog when no path is typed', async () => {
    mocked.chooseSavePath.mockResolvedValue('/chosen/the-last-ferry.md');
    await launch();
    await openExport();
    await submit();
    expect(mocked.chooseSavePath).toHaveBeenCalledWith('the-last-ferry.md', 'md', 'Markdown');
    expect(mocked.exportReview).toHaveBeenCalledWith('r1', expect.anything(), '/chosen/the-last-ferry.md', false);
  });

  it('lists readiness and spoiler findings before an export for publication', async () => {
    mocked.checkReview.mockResolvedValue([
      finding({}),
      finding({ kind: 'spelling', code: 'spelling.unknown', message: 'Unknown word' }),
      finding({ kind: 'spoiler', code: 'spoiler.unmarked', section_id: 's3', message: 'This may give the ending away.' }),
    ]);
    await launch(review({ status: 'ready' }));
    await openExport();
    expect(screen.getByTestId<HTMLInputElement>('export-for-publication').checked).toBe(true);
    await typePath('/site/a.md');
    await submit();

    expect(mocked.checkReview).toHaveBeenCalledWith(expect.objectContaining({ id: 'r1' }), true);
    const listed = screen.getAllByTestId('export-finding');
    expect(listed.map((li) => li.dataset.code)).toEqual(['readiness.no_rating', 'spoiler.unmarked']);
    expect(listed[1]?.textContent).toContain('Verdict');
    expect(mocked.exportReview).not.toHaveBeenCalled();

    await fireEvent.click(screen.getByTestId('export-anyway'));
    await settle();
    expect(mocked.exportReview).toHaveBeenCalledWith('r1', expect.anything(), '/site/a.md', false);
    expect(screen.getByTestId('export-done')).toBeTruthy();
  });

  it('exports at once when the review is ready', async () => {
    mocked.checkReview.mockResolvedValue([finding({ kind: 'spelling', code: 'spelling.unknown' })]);
    await launch(review({ status: 'ready' }));
    await openExport();
    await typePath('/site/a.md');
    await submit();
    expect(screen.queryByTestId('export-readiness')).toBeNull();
    expect(mocked.exportReview).toHaveBeenCalledOnce();
  });

  it('copies the review as the editor holds it, as Markdown with the chosen preset, and as HTML', async () => {
    await launch();
    await openExport();
    const preset = screen.getByTestId<HTMLSelectElement>('export-preset');
    preset.value = 'jekyll';
    await fireEvent.change(preset);
    await settle();
    await fireEvent.click(screen.getByTestId('copy-markdown'));
    await settle();
    expect(mocked.renderExport).toHaveBeenCalledWith(expect.objectContaining({ id: 'r1' }), {
      format: 'markdown',
      preset: 'jekyll',
      lang: 'en',
    });
    expect(mocked.copyText).toHaveBeenCalledWith('---\ntitle: "A quiet crossing"\n---\n');
    expect(screen.getByTestId('toast').textContent).toBe('Copied as Markdown');

    mocked.renderExport.mockResolvedValue('<article>…</article>');
    await fireEvent.click(screen.getByTestId('copy-html'));
    await settle();
    expect(mocked.renderExport).toHaveBeenLastCalledWith(expect.anything(), expect.objectContaining({ format: 'html_fragment' }));
    expect(mocked.copyText).toHaveBeenLastCalledWith('<article>…</article>');
    expect(screen.getByTestId('toast').textContent).toBe('Copied as HTML');
    // The toast goes away by itself.
    await vi.advanceTimersByTimeAsync(5000);
    await settle();
    expect(screen.queryByTestId('toast')).toBeNull();
  });
});

describe('batch export', () => {
  it('exports the whole library with progress, and cancels on request', async () => {
    let send: (p: BatchProgress) => void = () => {};
    let finish: (r: BatchReport) => void = () => {};
    mocked.exportBatch.mockImplementation(
      (_ids, _o, _dir, _force, onProgress) =>
        new Promise<BatchReport>((resolve) => {
          send = onProgress;
          finish = resolve;
        }),
    );
    await launch(null);
    await fireEvent.click(screen.getByTestId('batch-export-button'));
    await settle();
    await fireEvent.input(screen.getByTestId('batch-folder'), { target: { value: '/home/ana/site' } });
    await settle();
    expect(screen.getByTestId('batch-export-dialog').textContent).toContain('/home/ana/site/content/reviews/<slug>.md');
    await fireEvent.click(screen.getByTestId('batch-submit'));
    await settle();
    expect(mocked.exportBatch).toHaveBeenCalledWith(
      null,
      { format: 'markdown', preset: 'hugo', lang: 'en' },
      '/home/ana/site',
      false,
      expect.any(Function),
    );

    send({ done: 1, total: 2, current: 'content/reviews/the-last-ferry.md' });
    await settle();
    const bar = screen.getByTestId('batch-progress').querySelector('progress')!;
    expect(bar.value).toBe(1);
    expect(bar.max).toBe(2);
    expect(screen.getByTestId('batch-progress').textContent).toContain('the-last-ferry.md');

    await fireEvent.click(screen.getByTestId('batch-cancel'));
    await settle();
    expect(mocked.cancelExport).toHaveBeenCalledOnce();
    finish({ written: 1, total: 2, cancelled: true });
    await settle();
    expect(screen.getByTestId('batch-report').textContent).toMatch(/Cancelled: wrote 1 of 2 files; 1 skipped/);
  });

  it('exports only the ticked reviews, and asks before replacing files', async () => {
    mocked.exportBatch.mockImplementation(async (ids, _o, dir, force) => {
      if (!force) throw new BackendError('already_exists', `${dir}/nightjar.html`);
      return { written: ids?.length ?? 0, total: ids?.length ?? 0, cancelled: false };
    });
    await launch(null);
    await fireEvent.click(screen.getByTestId('batch-export-button'));
    await settle();
    await fireEvent.click(screen.getByTestId('batch-format-html'));
    await fireEvent.click(screen.getByTestId('batch-scope-selected'));
    await settle();
    const r2 = screen.getAllByTestId('batch-pick').find((el) => el.dataset.id === 'r2')!;
    await fireEvent.click(r2);
    await fireEvent.input(screen.getByTestId('batch-folder'), { target: { value: '/out' } });
    await settle();
    await fireEvent.click(screen.getByTestId('batch-submit'));
    await settle();
    expect(screen.getByTestId('batch-replace-question').textContent).toContain('/out/nightjar.html');
    await fireEvent.click(screen.getByTestId('batch-replace'));
    await settle();
    expect(mocked.exportBatch).toHaveBeenLastCalledWith(['r2'], expect.objectContaining({ format: 'html' }), '/out', true, expect.any(Function));
    expect(screen.getByTestId('batch-report').textContent).toContain('Wrote 1 file into /out');
  });
});

describe('settings', () => {
  it('keeps the default export format and preset as they are chosen', async () => {
    mocked.getSettings.mockResolvedValue(SETTINGS);
    await launch(null);
    await fireEvent.click(screen.getByTestId('settings-button'));
    await settle();
    await fireEvent.click(screen.getByTestId('settings-export-format-markdown'));
    await settle();
    const preset = screen.getByTestId<HTMLSelectElement>('settings-export-preset');
    preset.value = 'astro';
    await fireEvent.change(preset);
    await settle();
    expect(mocked.saveSettings).toHaveBeenLastCalledWith({ ...SETTINGS, export_format: 'markdown', export_preset: 'astro' });
  });
});
