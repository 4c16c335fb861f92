// The state of the writing desk: the library, the open review, and the autosave that keeps
// every word on disk. Components read and change it through the Desk they get from context.

import { getContext, setContext } from 'svelte';
import { Autosaver, type SaveStatus } from './autosave';
import * as backend from './backend';
import { BackendError } from './backend';
import type {
  ExportFormat,
  ExportOptions,
  LibraryFacets,
  LibraryFilter,
  RatingScale,
  Review,
  ReviewSummary,
  RestoreReport,
  ScaleInfo,
  Section,
  SnapshotReason,
  Settings,
  Template,
  TemplateId,
  TrashedReview,
} from './bindings';
import { CheckRunner, type CheckItem } from './checks';
import { convertStep, summaryOf } from './format';
import { PauseTimer } from './history';
import { WordCounts } from './words';

export type PanelTab = 'facts' | 'preview' | 'history' | 'checks';

/** What the main column shows: the open review (or the welcome), or the trash. */
export type MainView = 'review' | 'trash';

/** The export dialogs: one review, or a batch from the library. */
export type ExportDialogKind = 'review' | 'batch';

/** A short confirmation that goes away by itself ("Copied as Markdown"). */
export interface Toast {
  id: number;
  message: string;
}

const TOAST_MS = 4000;
/** The language of exported pages (`<html lang>`). */
export const EXPORT_LANG = 'en';

/** The Hunspell dictionaries the spelling check offers (Debian's hunspell-en-us and -en-gb). */
export const DICTIONARIES: { lang: string; label: string }[] = [
  { lang: 'en_US', label: 'English (US)' },
  { lang: 'en_GB', label: 'English (UK)' },
];

/** Where the caret should go once an editor for that section is on screen. */
export interface FocusRequest {
  sectionId: string;
  target: 'body' | 'title';
}

const UI_STATE_DELAY_MS = 400;
/**
 * Summaries loaded before the first frame; the rest of the library follows (loadRest). Ten
 * thousand of them take over half a second to cross from the backend, and the sidebar draws
 * its first page of rows (100) only.
 */
export const FIRST_PAGE = 100;
/**
 * The rest of the list comes in pages of this many (about 230 KB of JSON each): one answer of
 * ten thousand (2.3 MB) left WebKit's web process holding about 7 MiB of freed buffers.
 */
export const REST_PAGE = 1000;
const STAYS_OPEN =
  'This review could not be saved, so it stays open: your text is still here. Retry the save first.';

export const DEFAULT_SETTINGS: Settings = {
  author_name: '',
  publication: '',
  default_scale: 'five_stars',
  default_template: 'feature',
  theme: 'system',
  export_format: 'html',
  export_preset: 'none',
  spelling_lang: 'en_US',
};

export const DEFAULT_FILTER: LibraryFilter = {
  status: null,
  rating_min: null,
  rating_max: null,
  year: null,
  director: null,
  tag: null,
  publication: null,
  spoilers: null,
  sort: 'edited',
};

/** Whether a filter shows the plain library (everything, last edited first). */
export function isDefaultFilter(filter: LibraryFilter): boolean {
  return (Object.keys(DEFAULT_FILTER) as (keyof LibraryFilter)[]).every((k) => filter[k] === DEFAULT_FILTER[k]);
}

/**
 * The list with `summary` in place of the entry with its id (a copy: the list is raw state);
 * when it is not there, first if `addMissing`, else the list unchanged.
 */
export function replaceSummary(list: ReviewSummary[], summary: ReviewSummary, addMissing: boolean): ReviewSummary[] {
  const index = list.findIndex((s) => s.id === summary.id);
  if (index < 0) return addMissing ? [summary, ...list] : list;
  const next = list.slice();
  next[index] = summary;
  return next;
}

/**
 * The list without a second entry for any id (the first stays): a review edited elsewhere while
 * the list came in pages (from the command line) can be in two of them, and the sidebar's rows
 * are keyed by id.
 */
export function uniqueById(list: ReviewSummary[]): ReviewSummary[] {
  // A plain record, not a Set: this is a one-off pass, not reactive state.
  const seen: Record<string, true> = Object.create(null);
  return list.filter((s) => {
    if (seen[s.id]) return false;
    seen[s.id] = true;
    return true;
  });
}

function errorMessage(error: unknown): string {
  if (error instanceof BackendError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export class Desk {
  /**
   * The library's list, last edited first. Raw (not deeply reactive): ten thousand summaries
   * made into proxies cost start-up time and memory, and every reader walked them through
   * the proxies. It is only ever replaced, never changed in place.
   */
  summaries = $state.raw<ReviewSummary[]>([]);
  /** Whether `summaries` holds the whole library (start-up loads its first page first). */
  complete = $state(true);
  templates = $state<Template[]>([]);
  scales = $state<ScaleInfo[]>([]);
  settings = $state<Settings>({ ...DEFAULT_SETTINGS });
  review = $state<Review | null>(null);
  saveStatus = $state<SaveStatus>({ kind: 'saved' });
  ready = $state(false);
  /**
   * The library file itself could not be opened (damaged, or written by a newer Filmdesk): the
   * app shows why instead of the desk, and offers the latest backup for a damaged one.
   */
  libraryError = $state<BackendError | null>(null);
  /** A failure the critic should know about that is not a save (opening, creating…). */
  notice = $state<string | null>(null);
  panel = $state<PanelTab | null>('facts');
  focusedSectionId = $state<string | null>(null);
  /** Bumped on every edit; the preview follows it. */
  revision = $state(0);
  focusRequest = $state<FocusRequest | null>(null);
  /** Bumped when the open review's text is replaced from the store (a restore): editors remount. */
  epoch = $state(0);
  /** Bumped when a section's history may have changed; the history panel reloads on it. */
  historyVersion = $state(0);
  view = $state<MainView>('review');
  trash = $state<TrashedReview[]>([]);
  /** The export dialog on screen, if any. */
  exportDialog = $state<ExportDialogKind | null>(null);
  toast = $state<Toast | null>(null);
  /** The folder of the last export this session; the next export starts there. */
  exportFolder = $state('');
  /** The library's filters and sort; `filtered` is what they let through (null: no filter). */
  filter = $state<LibraryFilter>({ ...DEFAULT_FILTER });
  filtered = $state.raw<ReviewSummary[] | null>(null);
  facets = $state<LibraryFacets | null>(null);
  private filterSeq = 0;

  /**
   * The open review's findings as the checks panel lists them. Raw (replaced, never changed in
   * place): a long section may hold thousands, and a proxy for each item and its finding cost
   * the tab's count a pause each time a check came back.
   */
  checkItems = $state.raw<CheckItem[]>([]);
  /** The personal dictionary (loaded when the settings show it). */
  dictionary = $state<string[]>([]);

  /** Checks the open review as the critic types (see checks.ts). */
  readonly checks = new CheckRunner({
    check: (review, lang) => backend.checkReview(review, false, lang),
    snapshot: () => (this.review ? ($state.snapshot(this.review) as Review) : null),
    openId: () => this.review?.id ?? null,
    lang: () => this.spellingLang,
    onUpdate: (items) => {
      this.checkItems = items;
    },
  });

  /**
   * The sections' word counts, as their editors keep them: the library line a save makes
   * (summaryOf) need not recount a long review.
   */
  private readonly counted = new WordCounts();
  /** The section counts of each review a save sent, taken with its snapshot. */
  private readonly sentWords = new WeakMap<Review, Map<string, number>>();

  private toastTimer: ReturnType<typeof setTimeout> | null = null;
  private saver: Autosaver<Review, Review> | null = null;
  private uiStateTimer: ReturnType<typeof setTimeout> | null = null;
  /** A snapshot of a section once the critic has stopped typing in it for a while. */
  private readonly pauses = new PauseTimer((id) => void this.snapshotSection(id, 'pause'));

  /** Loads the library and reopens where the critic was. */
  async init(): Promise<void> {
    try {
      const [summaries, templates, scales, settings, ui] = await Promise.all([
        backend.listReviews(FIRST_PAGE),
        backend.listTemplates(),
        backend.ratingScales(),
        backend.getSettings(),
        backend.getUiState(),
      ]);
      this.summaries = summaries;
      this.complete = summaries.length < FIRST_PAGE;
      this.templates = templates;
      this.scales = scales;
      this.settings = settings;
      if (ui.preview_open) this.panel = 'preview';
      if (ui.open_review_id) {
        try {
          const review = await backend.getReview(ui.open_review_id);
          this.attach(review);
          const focus = review.sections.find((s) => s.id === ui.focused_section_id);
          if (focus) {
            this.focusedSectionId = focus.id;
            this.focusRequest = { sectionId: focus.id, target: 'body' };
          }
        } catch (error) {
          // A review deleted elsewhere (e.g. from the command line) is simply not reopened.
          if (!(error instanceof BackendError && error.code === 'not_found')) {
            this.notice = `Couldn't reopen the last review: ${errorMessage(error)}`;
          }
        }
      }
    } catch (error) {
      if (error instanceof BackendError && (error.code === 'corrupt' || error.code === 'schema_too_new')) {
        this.libraryError = error;
      } else {
        this.notice = `Couldn't open the library: ${errorMessage(error)}`;
      }
    } finally {
      this.ready = true;
    }
  }

  /**
   * Loads the rest of the library list once the first screen is drawn (init loads its first
   * page), a page at a time, each following the last review already listed. A change made
   * meanwhile (a save, a new review) replaces `summaries`: then the pages read so far may miss
   * it or list it twice, so they are read again after the changed list. A review edited from
   * the command line meanwhile may come twice: it is listed once.
   */
  async loadRest(): Promise<void> {
    let fromTop = false;
    for (let tries = 0; !this.complete && !this.libraryError && tries < 5; tries += 1) {
      const before = this.summaries;
      const rows = fromTop ? [] : before.slice();
      let changed = false;
      try {
        for (;;) {
          const page = await backend.listReviews(REST_PAGE, rows.at(-1)?.id);
          if (this.summaries !== before) {
            changed = true;
            break;
          }
          rows.push(...page);
          if (page.length < REST_PAGE) break;
        }
      } catch (error) {
        // The review a page was to follow has left the library meanwhile (deleted from the
        // command line): read the list again from its top.
        if (error instanceof BackendError && error.code === 'not_found') {
          fromTop = true;
          continue;
        }
        this.notice = `Couldn't list the whole library: ${errorMessage(error)}`;
        return;
      }
      if (!changed) {
        this.summaries = uniqueById(rows);
        this.complete = true;
      }
    }
  }

  /** What the sidebar lists: the filtered library when a filter is on. */
  get library(): ReviewSummary[] {
    return this.filtered ?? this.summaries;
  }

  /** Applies the library's filters and sort (the query runs in the store). */
  async setFilter(filter: LibraryFilter): Promise<void> {
    this.filter = filter;
    await this.refreshFiltered();
  }

  private async refreshFiltered(): Promise<void> {
    const seq = ++this.filterSeq;
    if (isDefaultFilter(this.filter)) {
      this.filtered = null;
      return;
    }
    try {
      const list = await backend.filterReviews($state.snapshot(this.filter) as LibraryFilter);
      // A later filter's answer wins over an earlier, slower one.
      if (seq === this.filterSeq) this.filtered = list;
    } catch (error) {
      this.notice = `Couldn't filter the library: ${errorMessage(error)}`;
    }
  }

  async loadFacets(): Promise<void> {
    try {
      this.facets = await backend.libraryFacets();
    } catch (error) {
      this.notice = `Couldn't read the library's filters: ${errorMessage(error)}`;
    }
  }

  /** Loads everything again, after a backup replaced the library that could not be opened. */
  async reload(): Promise<void> {
    this.saver?.dispose();
    this.saver = null;
    this.review = null;
    this.libraryError = null;
    this.notice = null;
    this.ready = false;
    await this.init();
    await this.loadRest();
  }

  /** Records an edit of the open review: it is saved after a quiet second, checked sooner. */
  changed(): void {
    if (!this.review) return;
    this.revision += 1;
    this.saver?.change();
    this.checks.schedule();
  }

  /** Changes the open review and records the edit. */
  edit(change: (review: Review) => void): void {
    if (!this.review) return;
    change(this.review);
    this.changed();
  }

  /**
   * Changes one section of the open review and records the edit; `words` is the section's word
   * count after the change, when its editor knows it.
   */
  editSection(id: string, change: (section: Section) => void, words?: number): void {
    const section = this.review?.sections.find((s) => s.id === id);
    if (!section) return;
    change(section);
    if (words !== undefined) this.counted.record(id, section.body, words);
    this.pauses.typed(id);
    this.changed();
  }

  /** Saves now whatever is unsaved. False when the save failed (the text stays on screen). */
  flush(): Promise<boolean> {
    return this.saver ? this.saver.flush() : Promise.resolve(true);
  }

  private async flushBeforeLeaving(): Promise<boolean> {
    if (await this.flush()) return true;
    this.notice = STAYS_OPEN;
    return false;
  }

  retrySave(): Promise<boolean> {
    return this.saver ? this.saver.retry() : Promise.resolve(true);
  }

  async open(id: string): Promise<void> {
    this.view = 'review';
    if (this.review?.id === id) return;
    // Never leave unsaved words behind: stay on this review if its save fails.
    if (!(await this.flushBeforeLeaving())) return;
    const leaving = this.review;
    this.pauses.cancel();
    try {
      const review = await backend.getReview(id);
      this.attach(review);
      this.focusRequest = review.sections[0] ? { sectionId: review.sections[0].id, target: 'body' } : null;
    } catch (error) {
      this.notice = `Couldn't open the review: ${errorMessage(error)}`;
    } finally {
      // After the load, not before: the store does one thing at a time, and the snapshot of a
      // long review (its texts, in a transaction) would hold up the review being opened.
      this.snapshotLeaving(leaving);
    }
  }

  async create(template: TemplateId): Promise<void> {
    await this.startWith(() => backend.createReview(template));
  }

  async createSample(): Promise<void> {
    await this.startWith(() => backend.createSampleReview());
  }

  /** "Delete": the review goes to the trash, where it can be restored for 30 days. */
  async deleteOpenReview(): Promise<void> {
    const review = this.review;
    if (!review) return;
    // What is in the trash is what was typed, to the last word.
    if (!(await this.flushBeforeLeaving())) return;
    this.pauses.cancel();
    try {
      await backend.trashReview(review.id);
    } catch (error) {
      this.notice = `Couldn't delete the review: ${errorMessage(error)}`;
      return;
    }
    this.saver?.dispose();
    this.saver = null;
    this.checks.reset();
    this.review = null;
    this.saveStatus = { kind: 'saved' };
    this.summaries = this.summaries.filter((s) => s.id !== review.id);
    if (this.filtered) this.filtered = this.filtered.filter((s) => s.id !== review.id);
    this.focusedSectionId = null;
    this.scheduleUiState();
  }

  private async startWith(make: () => Promise<Review>): Promise<void> {
    if (!(await this.flushBeforeLeaving())) return;
    this.snapshotLeaving();
    this.view = 'review';
    try {
      const review = await make();
      this.summaries = [summaryOf(review), ...this.summaries.filter((s) => s.id !== review.id)];
      this.attach(review);
      // A new review starts with the caret in its first section.
      this.focusRequest = review.sections[0] ? { sectionId: review.sections[0].id, target: 'body' } : null;
    } catch (error) {
      this.notice = `Couldn't create the review: ${errorMessage(error)}`;
    }
  }

  /** Makes `review` the open one, with its own autosave. */
  private attach(review: Review): void {
    this.saver?.dispose();
    this.counted.clear();
    // Section editors register with the runner as they mount, which schedules the first check.
    this.checks.reset();
    this.review = review;
    // The proxy of this review: a later switch must not make this saver save another one.
    const current = this.review;
    this.saveStatus = { kind: 'saved' };
    this.focusedSectionId = null;
    this.saver = new Autosaver<Review, Review>({
      snapshot: () => {
        const value = $state.snapshot(current) as Review;
        this.sentWords.set(value, this.counted.countAll(value.sections));
        return value;
      },
      save: (value) => backend.saveReview(value),
      onSaved: (stored, sent) => this.afterSave(current, stored, sent),
      onStatus: (status) => {
        if (this.review !== current) return;
        this.saveStatus = status;
        if (status.kind === 'saved' && this.notice === STAYS_OPEN) this.notice = null;
      },
    });
    this.revision += 1;
    this.scheduleUiState();
  }

  private afterSave(current: Review, stored: Review, sent: Review): void {
    // Only what the store decides is taken back; the text may have moved on meanwhile.
    current.updated_at = stored.updated_at;
    current.published_at = stored.published_at;
    const summary = summaryOf({ ...sent, updated_at: stored.updated_at }, this.sentWords.get(sent));
    this.summaries = replaceSummary(this.summaries, summary, true);
    if (this.filtered) void this.refreshFiltered();
  }

  // History ----------------------------------------------------------------------------------

  /** A review is being left (already saved): every section's text goes into its history. */
  private snapshotLeaving(review: Review | null = this.review): void {
    this.pauses.cancel();
    if (!review) return;
    backend
      .snapshotReview(review.id, 'switch')
      .then((taken) => {
        if (taken.length > 0) this.historyVersion += 1;
      })
      .catch(() => {
        // History is a safety net: its failure must not stop the critic from moving on.
      });
  }

  /**
   * Saves, then snapshots a section's stored text. Resolves to whether a new snapshot was kept
   * (false when the text was blank or the same as the latest one, which a name then labels).
   */
  async snapshotSection(sectionId: string, reason: SnapshotReason, name: string | null = null): Promise<boolean> {
    if (!this.review?.sections.some((s) => s.id === sectionId)) return false;
    if (!(await this.flush())) {
      if (reason === 'manual') this.notice = 'The snapshot was not taken: the review could not be saved first.';
      return false;
    }
    try {
      const taken = await backend.snapshotSection(sectionId, reason, name);
      this.historyVersion += 1;
      return taken !== null;
    } catch (error) {
      // A pause snapshot that fails is retried by the next pause; one asked for is reported.
      if (reason === 'manual') this.notice = `Couldn't take the snapshot: ${errorMessage(error)}`;
      return false;
    }
  }

  /** The section "Snapshot now" and the history panel are about: the focused one, else the first. */
  currentSectionId(): string | null {
    const sections = this.review?.sections ?? [];
    return sections.find((s) => s.id === this.focusedSectionId)?.id ?? sections[0]?.id ?? null;
  }

  /**
   * Puts a snapshot's text back in its section of the open review. The domain snapshots the
   * text it replaces first; resolves to that snapshot's id (what "Undo restore" restores), or
   * null when there is nothing to undo to (the section was empty) or the restore failed.
   */
  async restoreSnapshot(snapshotId: string, sectionId: string): Promise<{ ok: boolean; undoId: string | null }> {
    const review = this.review;
    if (!review) return { ok: false, undoId: null };
    if (!(await this.flushBeforeLeaving())) return { ok: false, undoId: null };
    const before = review.sections.find((s) => s.id === sectionId)?.body ?? '';
    let stored: Review;
    try {
      stored = await backend.restoreSnapshot(snapshotId);
    } catch (error) {
      this.notice = `Couldn't restore that version: ${errorMessage(error)}`;
      return { ok: false, undoId: null };
    }
    if (this.review?.id !== stored.id) return { ok: true, undoId: null };
    const focused = this.focusedSectionId;
    this.attach(stored);
    this.focusedSectionId = focused;
    this.epoch += 1;
    this.historyVersion += 1;
    this.summaries = replaceSummary(this.summaries, summaryOf(stored), false);
    if (before.trim() === '') return { ok: true, undoId: null };
    try {
      // The newest snapshot holds the replaced text (taken by the restore, or already the latest).
      const [latest] = await backend.listSnapshots(sectionId);
      if (!latest) return { ok: true, undoId: null };
      const snapshot = await backend.getSnapshot(latest.id);
      return { ok: true, undoId: snapshot.body === before ? latest.id : null };
    } catch {
      return { ok: true, undoId: null };
    }
  }

  // Trash ------------------------------------------------------------------------------------

  async showTrash(): Promise<void> {
    await this.flush();
    this.view = 'trash';
    await this.loadTrash();
  }

  closeTrash(): void {
    this.view = 'review';
  }

  async loadTrash(): Promise<void> {
    try {
      this.trash = await backend.listTrash();
    } catch (error) {
      this.notice = `Couldn't list the trash: ${errorMessage(error)}`;
    }
  }

  /** Takes a review out of the trash, back into the library. */
  async restoreFromTrash(id: string): Promise<Review | null> {
    try {
      const review = await backend.restoreFromTrash(id);
      this.trash = this.trash.filter((t) => t.review.id !== id);
      const summary = summaryOf(review);
      this.summaries = [summary, ...this.summaries.filter((s) => s.id !== id)].sort((a, b) =>
        b.updated_at.localeCompare(a.updated_at),
      );
      return review;
    } catch (error) {
      this.notice = `Couldn't restore the review: ${errorMessage(error)}`;
      return null;
    }
  }

  // Backups ----------------------------------------------------------------------------------

  /**
   * Makes a backup the library (the domain sets the current file aside, never overwriting it),
   * then reloads everything from it. Throws what the restore failed with.
   */
  async restoreBackup(path: string): Promise<RestoreReport> {
    if (!(await this.flushBeforeLeaving())) throw new BackendError('busy', STAYS_OPEN);
    this.pauses.cancel();
    const report = await backend.restoreBackup(path);
    this.saver?.dispose();
    this.saver = null;
    this.review = null;
    this.focusedSectionId = null;
    this.saveStatus = { kind: 'saved' };
    this.view = 'review';
    this.trash = [];
    this.epoch += 1;
    this.historyVersion += 1;
    await this.init();
    await this.loadRest();
    return report;
  }

  // Sections ---------------------------------------------------------------------------------

  addSection(afterIndex: number): void {
    const review = this.review;
    if (!review) return;
    const section: Section = {
      id: crypto.randomUUID(),
      title: 'New section',
      role: 'body',
      body: '',
      word_target: null,
      spoiler: false,
    };
    review.sections.splice(afterIndex + 1, 0, section);
    this.focusRequest = { sectionId: section.id, target: 'title' };
    this.changed();
  }

  deleteSection(id: string): void {
    const review = this.review;
    if (!review) return;
    const index = review.sections.findIndex((s) => s.id === id);
    if (index < 0) return;
    review.sections.splice(index, 1);
    const next = review.sections[Math.min(index, review.sections.length - 1)];
    if (next) this.focusRequest = { sectionId: next.id, target: 'body' };
    if (this.focusedSectionId === id) this.setFocusedSection(next?.id ?? null);
    this.changed();
  }

  /** Moves a section to `to` (an index in the list as it is before the move). */
  moveSection(id: string, to: number): boolean {
    const review = this.review;
    if (!review) return false;
    const from = review.sections.findIndex((s) => s.id === id);
    const target = Math.max(0, Math.min(review.sections.length - 1, to));
    if (from < 0 || from === target) return false;
    const [section] = review.sections.splice(from, 1);
    if (!section) return false;
    review.sections.splice(target, 0, section);
    this.changed();
    return true;
  }

  setFocusedSection(id: string | null): void {
    if (this.focusedSectionId === id) return;
    this.focusedSectionId = id;
    this.scheduleUiState();
  }

  // Rating -----------------------------------------------------------------------------------

  scaleInfo(scale: RatingScale): ScaleInfo | undefined {
    return this.scales.find((s) => s.scale === scale);
  }

  setRatingStep(step: number | null): void {
    const review = this.review;
    if (!review || review.rating.step === step) return;
    review.rating.step = step;
    this.changed();
  }

  /** Changes the scale, carrying the rating over as near as the new scale allows. */
  setScale(scale: RatingScale): void {
    const review = this.review;
    if (!review || review.rating.scale === scale) return;
    const from = this.scaleInfo(review.rating.scale);
    const to = this.scaleInfo(scale);
    const step = review.rating.step;
    const canonical = step === null ? undefined : from?.steps[step]?.canonical;
    review.rating = {
      scale,
      step: canonical === undefined || !to ? null : convertStep(canonical, to),
    };
    this.changed();
  }

  // Export -----------------------------------------------------------------------------------

  /** The export options the settings choose, for a format (the settings' own when absent). */
  exportOptions(format: ExportFormat = this.settings.export_format): ExportOptions {
    return { format, preset: this.settings.export_preset, lang: EXPORT_LANG };
  }

  openExport(kind: ExportDialogKind): void {
    if (kind === 'review' && !this.review) return;
    this.exportDialog = kind;
  }

  /**
   * Copies the open review, as the editor holds it, as an HTML fragment (to paste into a CMS)
   * or as Markdown with the settings' front matter. True when it is on the clipboard.
   */
  async copyAs(format: 'html' | 'markdown', preset = this.settings.export_preset): Promise<boolean> {
    const review = this.review;
    if (!review) return false;
    const options: ExportOptions = {
      format: format === 'html' ? 'html_fragment' : 'markdown',
      preset,
      lang: EXPORT_LANG,
    };
    try {
      const text = await backend.renderExport($state.snapshot(review) as Review, options);
      await backend.copyText(text);
    } catch (error) {
      this.notice = `Couldn't copy the review: ${errorMessage(error)}`;
      return false;
    }
    this.showToast(format === 'html' ? 'Copied as HTML' : 'Copied as Markdown');
    return true;
  }

  showToast(message: string): void {
    if (this.toastTimer !== null) clearTimeout(this.toastTimer);
    this.toast = { id: (this.toast?.id ?? 0) + 1, message };
    this.toastTimer = setTimeout(() => {
      this.toastTimer = null;
      this.toast = null;
    }, TOAST_MS);
  }

  // Checks -----------------------------------------------------------------------------------

  /** The dictionary the open review is checked against: its own, else the settings' default. */
  get spellingLang(): string {
    return this.review?.lang ?? this.settings.spelling_lang;
  }

  /** Sets the open review's dictionary; null follows the default in the settings. */
  setReviewLang(lang: string | null): void {
    const review = this.review;
    if (!review || review.lang === lang) return;
    review.lang = lang;
    this.changed();
  }

  async loadDictionary(): Promise<void> {
    try {
      this.dictionary = await backend.dictionaryWords();
    } catch (error) {
      this.notice = `Couldn't read the personal dictionary: ${errorMessage(error)}`;
    }
  }

  /** Adds a word to the personal dictionary and checks again. */
  async addWord(word: string): Promise<void> {
    try {
      this.dictionary = await backend.addToDictionary(word);
    } catch (error) {
      this.notice = `Couldn't add “${word}” to the dictionary: ${errorMessage(error)}`;
    }
    await this.checks.run();
  }

  async removeWord(word: string): Promise<void> {
    try {
      this.dictionary = await backend.removeFromDictionary(word);
    } catch (error) {
      this.notice = `Couldn't remove “${word}” from the dictionary: ${errorMessage(error)}`;
      return;
    }
    if (this.review) await this.checks.run();
  }

  /** Puts the caret on the next finding after it, across sections (F8). */
  nextFinding(): boolean {
    const item = this.checks.next(this.checkItems);
    return item ? this.checks.reveal(item) : false;
  }

  // Settings and UI state --------------------------------------------------------------------

  async saveSettings(settings: Settings): Promise<void> {
    const previous = this.settings;
    this.settings = settings;
    try {
      await backend.saveSettings(settings);
    } catch (error) {
      this.settings = previous;
      this.notice = `Couldn't save the settings: ${errorMessage(error)}`;
    }
    if (previous.spelling_lang !== this.settings.spelling_lang && this.review && !this.review.lang) this.checks.schedule();
  }

  setPanel(tab: PanelTab | null): void {
    this.panel = tab;
    this.scheduleUiState();
  }

  private scheduleUiState(): void {
    if (this.uiStateTimer !== null) clearTimeout(this.uiStateTimer);
    this.uiStateTimer = setTimeout(() => {
      this.uiStateTimer = null;
      void this.saveUiStateNow();
    }, UI_STATE_DELAY_MS);
  }

  /** Stores where the critic is; called on a timer and before the window closes. */
  async saveUiStateNow(): Promise<void> {
    // Before the library is loaded there is nothing to record, and the stored state must survive.
    if (!this.ready) return;
    if (this.uiStateTimer !== null) {
      clearTimeout(this.uiStateTimer);
      this.uiStateTimer = null;
    }
    try {
      await backend.saveUiState({
        open_review_id: this.review?.id ?? null,
        focused_section_id: this.focusedSectionId,
        preview_open: this.panel === 'preview',
      });
    } catch {
      // Losing where the caret was is not worth interrupting the critic for.
    }
  }

  /** Stops timers (tests, and a page unload). */
  dispose(): void {
    this.saver?.dispose();
    this.pauses.cancel();
    this.checks.dispose();
    if (this.uiStateTimer !== null) clearTimeout(this.uiStateTimer);
    if (this.toastTimer !== null) clearTimeout(this.toastTimer);
  }
}

const KEY = Symbol('desk');

export function provideDesk(desk: Desk): Desk {
  setContext(KEY, desk);
  return desk;
}

export function useDesk(): Desk {
  const desk = getContext<Desk | undefined>(KEY);
  if (!desk) throw new Error('no Desk in context');
  return desk;
}
