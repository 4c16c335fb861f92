// What the first screen needs from the backend, asked for as early as possible: main.ts calls
// loadFirstScreen before the app's own chunk (Svelte, the components, CodeMirror) is fetched
// and compiled, so the Rust side answers while the page is still busy with that. This module
// stays small (it is in the entry chunk): only the backend and types.
import * as backend from './backend';
import type { Review, ReviewSummary, ScaleInfo, Settings, Template, UiState } from './bindings';

/**
 * Summaries loaded before the first frame; the rest of the library follows (Desk.loadRest). Ten
 * thousand of them take over half a second to cross from the backend, and the sidebar draws
 * its first page of rows (100) only.
 */
export const FIRST_PAGE = 100;

export interface FirstScreen {
  summaries: ReviewSummary[];
  templates: Template[];
  scales: ScaleInfo[];
  settings: Settings;
  ui: UiState;
  /** The review open when the app last closed, if it could be read again. */
  review: Review | null;
  /** Why that review could not be read (a review deleted meanwhile reads as not_found). */
  reviewError: unknown;
}

/** The library's first page, the settings and the review to reopen. Rejects as the backend does. */
export async function loadFirstScreen(): Promise<FirstScreen> {
  // The review to reopen is asked for as soon as the UI state names it, beside the rest.
  const reopen = backend.getUiState().then(async (ui) => {
    if (!ui.open_review_id) return { ui, review: null, reviewError: null };
    try {
      return { ui, review: await backend.getReview(ui.open_review_id), reviewError: null };
    } catch (error) {
      return { ui, review: null, reviewError: error as unknown };
    }
  });
  const [summaries, templates, scales, settings, { ui, review, reviewError }] = await Promise.all([
    backend.listReviews(FIRST_PAGE),
    backend.listTemplates(),
    backend.ratingScales(),
    backend.getSettings(),
    reopen,
  ]);
  return { summaries, templates, scales, settings, ui, review, reviewError };
}
