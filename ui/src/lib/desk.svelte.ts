// The state of the writing desk: the library, the open review, and the autosave that keeps
// every word on disk. Components read and change it through the Desk they get from context.

import { getContext, setContext } from 'svelte';
import { Autosaver, type SaveStatus } from './autosave';
import * as backend from './backend';
import { BackendError } from './backend';
import type {
  RatingScale,
  Review,
  ReviewSummary,
  ScaleInfo,
  Section,
  Settings,
  Template,
  TemplateId,
} from './bindings';
import { convertStep, summaryOf } from './format';

export type PanelTab = 'facts' | 'preview';

/** Where the caret should go once an editor for that section is on screen. */
export interface FocusRequest {
  sectionId: string;
  target: 'body' | 'title';
}

const UI_STATE_DELAY_MS = 400;
const STAYS_OPEN =
  'This review could not be saved, so it stays open: your text is still here. Retry the save first.';

export const DEFAULT_SETTINGS: Settings = {
  author_name: '',
  publication: '',
  default_scale: 'five_stars',
  default_template: 'feature',
  theme: 'system',
};

function errorMessage(error: unknown): string {
  if (error instanceof BackendError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export class Desk {
  summaries = $state<ReviewSummary[]>([]);
  templates = $state<Template[]>([]);
  scales = $state<ScaleInfo[]>([]);
  settings = $state<Settings>({ ...DEFAULT_SETTINGS });
  review = $state<Review | null>(null);
  saveStatus = $state<SaveStatus>({ kind: 'saved' });
  ready = $state(false);
  /** A failure the critic should know about that is not a save (opening, creating…). */
  notice = $state<string | null>(null);
  panel = $state<PanelTab | null>('facts');
  focusedSectionId = $state<string | null>(null);
  /** Bumped on every edit; the preview follows it. */
  revision = $state(0);
  focusRequest = $state<FocusRequest | null>(null);

  private saver: Autosaver<Review, Review> | null = null;
  private uiStateTimer: ReturnType<typeof setTimeout> | null = null;

  /** Loads the library and reopens where the critic was. */
  async init(): Promise<void> {
    try {
      const [summaries, templates, scales, settings, ui] = await Promise.all([
        backend.listReviews(),
        backend.listTemplates(),
        backend.ratingScales(),
        backend.getSettings(),
        backend.getUiState(),
      ]);
      this.summaries = summaries;
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
      this.notice = `Couldn't open the library: ${errorMessage(error)}`;
    } finally {
      this.ready = true;
    }
  }

  /** Records an edit of the open review: it is saved after a quiet second. */
  changed(): void {
    if (!this.review) return;
    this.revision += 1;
    this.saver?.change();
  }

  /** Changes the open review and records the edit. */
  edit(change: (review: Review) => void): void {
    if (!this.review) return;
    change(this.review);
    this.changed();
  }

  /** Changes one section of the open review and records the edit. */
  editSection(id: string, change: (section: Section) => void): void {
    const section = this.review?.sections.find((s) => s.id === id);
    if (!section) return;
    change(section);
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
    if (this.review?.id === id) return;
    // Never leave unsaved words behind: stay on this review if its save fails.
    if (!(await this.flushBeforeLeaving())) return;
    try {
      const review = await backend.getReview(id);
      this.attach(review);
      this.focusRequest = review.sections[0] ? { sectionId: review.sections[0].id, target: 'body' } : null;
    } catch (error) {
      this.notice = `Couldn't open the review: ${errorMessage(error)}`;
    }
  }

  async create(template: TemplateId): Promise<void> {
    await this.startWith(() => backend.createReview(template));
  }

  async createSample(): Promise<void> {
    await this.startWith(() => backend.createSampleReview());
  }

  async deleteOpenReview(): Promise<void> {
    const review = this.review;
    if (!review) return;
    try {
      await backend.deleteReview(review.id);
    } catch (error) {
      this.notice = `Couldn't delete the review: ${errorMessage(error)}`;
      return;
    }
    this.saver?.dispose();
    this.saver = null;
    this.review = null;
    this.saveStatus = { kind: 'saved' };
    this.summaries = this.summaries.filter((s) => s.id !== review.id);
    this.focusedSectionId = null;
    this.scheduleUiState();
  }

  private async startWith(make: () => Promise<Review>): Promise<void> {
    if (!(await this.flushBeforeLeaving())) return;
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
    this.review = review;
    // The proxy of this review: a later switch must not make this saver save another one.
    const current = this.review;
    this.saveStatus = { kind: 'saved' };
    this.focusedSectionId = null;
    this.saver = new Autosaver<Review, Review>({
      snapshot: () => $state.snapshot(current) as Review,
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
    const summary = summaryOf({ ...sent, updated_at: stored.updated_at });
    this.summaries = this.summaries.some((s) => s.id === summary.id)
      ? this.summaries.map((s) => (s.id === summary.id ? summary : s))
      : [summary, ...this.summaries];
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
    if (this.uiStateTimer !== null) clearTimeout(this.uiStateTimer);
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
