// Where the critic is in the film log (which area, which view, which film) and the "Log a film"
// dialog's target. Views load their own data and reload when `revision` moves, which every
// write through this state bumps.

import { getContext, setContext } from 'svelte';
import type { Viewing } from './bindings';

export type Area = 'reviews' | 'log';
export type LogView = 'diary' | 'stats' | 'film' | 'io';

/** What the dialog is for: a new viewing (maybe of a known film), or changing one. */
export type DialogTarget =
  | { mode: 'new'; film?: { id: string; title: string; year: number | null } }
  | { mode: 'edit'; viewing: Viewing; film: { id: string; title: string; year: number | null } };

export class FilmLog {
  area = $state<Area>('reviews');
  view = $state<LogView>('diary');
  filmId = $state<string | null>(null);
  dialog = $state<DialogTarget | null>(null);
  /** Bumped after every write, so what is on screen is loaded again. */
  revision = $state(0);
  /** A short confirmation after a save ("Logged Heat"), cleared by a timer. */
  toast = $state<{ text: string; filmId: string } | null>(null);

  private toastTimer: ReturnType<typeof setTimeout> | null = null;

  show(view: LogView): void {
    this.area = 'log';
    this.view = view;
  }

  openFilm(id: string): void {
    this.filmId = id;
    this.show('film');
  }

  logFilm(film?: { id: string; title: string; year: number | null }): void {
    this.dialog = film ? { mode: 'new', film } : { mode: 'new' };
  }

  editViewing(viewing: Viewing, film: { id: string; title: string; year: number | null }): void {
    this.dialog = { mode: 'edit', viewing, film };
  }

  closeDialog(): void {
    this.dialog = null;
  }

  changed(): void {
    this.revision += 1;
  }

  /** After a viewing was logged: everything reloads, and the critic is told. */
  logged(viewing: Viewing, title: string): void {
    this.changed();
    this.toast = { text: `Logged “${title}”`, filmId: viewing.film_id };
    if (this.toastTimer !== null) clearTimeout(this.toastTimer);
    this.toastTimer = setTimeout(() => {
      this.toast = null;
      this.toastTimer = null;
    }, 5000);
  }

  dispose(): void {
    if (this.toastTimer !== null) clearTimeout(this.toastTimer);
  }
}

const KEY = Symbol('film-log');

export function provideFilmLog(log: FilmLog): FilmLog {
  setContext(KEY, log);
  return log;
}

export function useFilmLog(): FilmLog {
  const log = getContext<FilmLog | undefined>(KEY);
  if (!log) throw new Error('no FilmLog in context');
  return log;
}
