// An in-memory stand-in for src/lib/backend.ts, for looking at the UI in a plain browser
// (`npm run dev:mock`) while the Rust side is elsewhere. Never part of the app's build.

import type {
  BackupInfo,
  BatchProgress,
  BatchReport,
  DiaryEntry,
  DiffPart,
  ErrorCode,
  ExportOptions,
  FilmFacts,
  FilmMatch,
  FilmPage,
  FilmSummary,
  Finding,
  ImdbMatch,
  ImdbProgress,
  ImdbReport,
  ImportReport,
  LogStats,
  NameCount,
  NewViewing,
  LibraryFacets,
  LibraryFilter,
  RestoreReport,
  RatingScale,
  Review,
  ReviewSummary,
  ScaleInfo,
  SearchHit,
  SearchResults,
  Section,
  Settings,
  Snapshot,
  SnapshotInfo,
  SnapshotReason,
  Template,
  TemplateId,
  TrashedReview,
  UiState,
  Viewing,
  WatchlistEntry,
} from '../src/lib/bindings';
import { countWords } from '../src/lib/words';
import { summaryOf } from '../src/lib/format';
// The Rust exporter's own golden output, to style the preview against (`?golden`).
import golden from '../../src-tauri/core/tests/fixtures/export/review.fragment.html?raw';

export class BackendError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

export function toBackendError(error: unknown): BackendError {
  return error instanceof BackendError ? error : new BackendError('internal', String(error));
}

const LETTERS = ['F', 'D-', 'D', 'D+', 'C-', 'C', 'C+', 'B-', 'B', 'B+', 'A-', 'A', 'A+'];
const LETTER_CANONICAL = [0, 16, 25, 33, 42, 50, 58, 67, 75, 83, 91, 100, 100];

function scale(scale: RatingScale, label: string, max: number): ScaleInfo {
  const steps = Array.from({ length: max + 1 }, (_, step) => {
    const stars = scale === 'five_stars' || scale === 'four_stars';
    const display =
      scale === 'letter' ? (LETTERS[step] ?? '') : stars ? `${Math.floor(step / 2)}${step % 2 ? '½' : ''}` : String(step);
    const accessible =
      scale === 'letter'
        ? `Rating: ${display}`
        : stars
          ? `Rating: ${step / 2} out of ${max / 2} stars`
          : `Rating: ${step} out of ${max}`;
    const canonical = scale === 'letter' ? (LETTER_CANONICAL[step] ?? 0) : (step * 100) / max;
    return { step, display, accessible, canonical };
  });
  return { scale, label, steps };
}

const SCALES: ScaleInfo[] = [
  scale('five_stars', '5 stars', 10),
  scale('four_stars', '4 stars', 8),
  scale('ten_points', '10 points', 10),
  scale('hundred_points', '100 points', 100),
  scale('letter', 'Letter grade', 12),
];

const TEMPLATES: Template[] = [
  {
    id: 'feature',
    name: 'Feature review',
    description: 'The full article: headline, standfirst, synopsis, performances, direction and themes, reservations, verdict.',
    sections: [
      { title: 'Headline', role: 'headline', word_target: 15 },
      { title: 'Standfirst', role: 'standfirst', word_target: 40 },
      { title: 'Synopsis', role: 'body', word_target: 300 },
      { title: 'Performances', role: 'body', word_target: 200 },
      { title: 'Direction and themes', role: 'body', word_target: 300 },
      { title: 'Reservations', role: 'body', word_target: 150 },
      { title: 'Verdict', role: 'body', word_target: 80 },
    ],
  },
  {
    id: 'capsule',
    name: 'Capsule',
    description: 'A short take: a body and a verdict.',
    sections: [
      { title: 'Body', role: 'body', word_target: 150 },
      { title: 'Verdict', role: 'body', word_target: 40 },
    ],
  },
  {
    id: 'festival_dispatch',
    name: 'Festival dispatch',
    description: 'Filed from the festival: headline, standfirst, body, verdict.',
    sections: [
      { title: 'Headline', role: 'headline', word_target: 15 },
      { title: 'Standfirst', role: 'standfirst', word_target: 40 },
      { title: 'Body', role: 'body', word_target: 600 },
      { title: 'Verdict', role: 'body', word_target: 80 },
    ],
  },
  { id: 'blank', name: 'Blank', description: 'One empty section to start from.', sections: [{ title: 'Text', role: 'body', word_target: null }] },
];

const reviews = new Map<string, Review>();
let settings: Settings = { author_name: 'Ana Ruiz', publication: 'The Quiet Screen', default_scale: 'five_stars', default_template: 'feature', theme: 'system', export_format: 'html', export_preset: 'none', spelling_lang: 'en_US' };
let ui: UiState = { open_review_id: null, focused_section_id: null, preview_open: false };
const params = new URLSearchParams(location.search);
const latency = Number(params.get('latency') ?? 150);
const wait = () => new Promise((r) => setTimeout(r, latency));
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;
const now = () => new Date().toISOString().replace('Z', '+00:00');

function fresh(template: TemplateId): Review {
  const t = TEMPLATES.find((x) => x.id === template) ?? TEMPLATES[0]!;
  const sections: Section[] = t.sections.map((s) => ({ id: crypto.randomUUID(), title: s.title, role: s.role, body: '', word_target: s.word_target, spoiler: false }));
  return {
    id: crypto.randomUUID(),
    film: { title: '', original_title: '', year: null, runtime_minutes: null, directors: [], cast: [], genres: [], countries: [], languages: [], where_to_watch: '', imdb_id: '' },
    sections,
    rating: { scale: settings.default_scale, step: null },
    byline: settings.author_name,
    publication: settings.publication,
    tags: [],
    links: [],
    embargo: null,
    status: 'draft',
    created_at: now(),
    updated_at: now(),
    published_at: null,
    lang: null,
  };
}

const SAMPLE = [
  'The Last Ferry (2025) review: a quiet crossing that carries a whole life',
  'In *The Last Ferry*, a retired ferry captain, Nazım, makes one final night crossing of the Bosphorus with the granddaughter he barely knows. Now in cinemas, and streaming on Meridian from spring.',
  'Nazım has piloted the same ferry between Karaköy and Kadıköy for forty years. On the night the line is retired, his granddaughter Defne turns up at the pier with a rucksack and no explanation, and the two of them share the last crossing.\n\nThe film moves between that single night and the summer of 1983, when a young Nazım first took the wheel.',
  'Haluk Demir plays the older Nazım with a stillness that makes every small gesture count.\n\nAs Defne, Selin Çiçek is a revelation — prickly, funny and guarded, she gives the film its pulse.',
  'Director Leyla Arslan shoots almost everything on the water, and the confinement becomes the film\'s **method**.',
  'The flashbacks are lit in a honeyed amber that starts to feel like a filter rather than a memory.',
  'A small film with a long reach. See it on the biggest screen you can find, and then take the slow way home.',
];

function sample(): Review {
  const r = fresh('feature');
  // `?long`: a review of about 10,000 words, to feel for typing lag.
  const times = params.has('long') ? 60 : 1;
  r.sections.forEach((s, i) => (s.body = Array.from({ length: i < 2 ? 1 : times }, () => SAMPLE[i] ?? '').join('\n\n')));
  r.film = {
    title: 'The Last Ferry', original_title: 'Son Vapur', year: 2025, runtime_minutes: 104, directors: ['Leyla Arslan'],
    cast: [{ actor: 'Haluk Demir', character: 'Nazım' }, { actor: 'Selin Çiçek', character: 'Defne' }, { actor: 'Emre Kaya', character: 'Young Nazım' }],
    genres: ['Drama'], countries: ['Türkiye'], languages: ['Turkish'], where_to_watch: 'In cinemas; streaming on Meridian from spring', imdb_id: '',
  };
  r.rating = { scale: 'five_stars', step: 8 };
  r.status = 'ready';
  r.tags = ['drama', 'Istanbul'];
  return r;
}

if (params.has('seed')) {
  const a = sample();
  a.updated_at = new Date(Date.now() - 4 * 60_000).toISOString();
  reviews.set(a.id, a);
  const b = fresh('capsule');
  b.film.title = 'Nightjar';
  b.film.year = 2024;
  b.rating = { scale: 'letter', step: 9 };
  b.sections[0]!.body = 'A tense, spare chamber piece about two birdwatchers and one secret.';
  b.updated_at = new Date(Date.now() - 26 * 3600_000).toISOString();
  reviews.set(b.id, b);
  const c = fresh('festival_dispatch');
  c.film.title = 'Salt and Iron';
  c.film.year = 2025;
  c.status = 'published';
  c.rating = { scale: 'ten_points', step: 7 };
  c.sections[0]!.body = 'Salt and Iron (2025) review: Venice opens with a storm';
  c.updated_at = new Date(Date.now() - 9 * 86400_000).toISOString();
  reviews.set(c.id, c);
  const pick = [a, b, c][Number(params.get('pick') ?? 0)] ?? a;
  if (params.has('open')) ui = { open_review_id: pick.id, focused_section_id: pick.sections[1]!.id, preview_open: params.get('open') === 'preview' };
}

const failSaves = params.has('fail');
const themeParam = params.get('theme');
if (themeParam === 'dark' || themeParam === 'light') settings.theme = themeParam;

export async function listReviews(limit?: number): Promise<ReviewSummary[]> {
  await wait();
  const all = [...reviews.values()].map((r) => summaryOf(r)).sort((a, b) => b.updated_at.localeCompare(a.updated_at));
  return limit === undefined ? all : all.slice(0, limit);
}
export async function createReview(template: TemplateId): Promise<Review> {
  await wait();
  const r = fresh(template);
  reviews.set(r.id, r);
  return clone(r);
}
export async function createSampleReview(): Promise<Review> {
  await wait();
  const r = sample();
  reviews.set(r.id, r);
  return clone(r);
}
export async function getReview(id: string): Promise<Review> {
  await wait();
  const r = reviews.get(id);
  if (!r) throw new BackendError('not_found', `review ${id} not found`);
  return clone(r);
}
export async function saveReview(review: Review): Promise<Review> {
  await wait();
  if (failSaves) throw new BackendError('busy', 'the library is busy in another process; try again in a moment');
  const stored = { ...clone(review), updated_at: now() };
  reviews.set(review.id, stored);
  return clone(stored);
}
export async function deleteReview(id: string): Promise<void> {
  await wait();
  reviews.delete(id);
}

// History, trash and backups: the domain's rules in miniature (no blank or repeated snapshot).
const snapshots: Snapshot[] = [];
const trashed = new Map<string, { review: Review; deleted_at: string }>();

function sectionOf(sectionId: string): { review: Review; section: Section } {
  for (const review of reviews.values()) {
    const section = review.sections.find((s) => s.id === sectionId);
    if (section) return { review, section };
  }
  throw new BackendError('not_found', `section ${sectionId} not found`);
}

function take(review: Review, section: Section, reason: SnapshotReason, name: string | null): Snapshot | null {
  if (!section.body.trim()) return null;
  const latest = snapshots.filter((s) => s.info.section_id === section.id).at(-1);
  if (latest && latest.body === section.body) {
    if (name && latest.info.name === null) latest.info.name = name;
    return null;
  }
  const snap: Snapshot = {
    info: { id: crypto.randomUUID(), section_id: section.id, review_id: review.id, taken_at: now(), word_count: countWords(section.body), name, reason },
    body: section.body,
  };
  snapshots.push(snap);
  return clone(snap);
}

function diffWords(old: string, next: string): DiffPart[] {
  // A plain LCS over words and spaces: enough to look at the panel.
  const a = old.split(/(\s+)/).filter(Boolean);
  const b = next.split(/(\s+)/).filter(Boolean);
  const lcs = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = a.length - 1; i >= 0; i--)
    for (let j = b.length - 1; j >= 0; j--) lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  const parts: DiffPart[] = [];
  const push = (kind: DiffPart['kind'], text: string) => {
    const last = parts.at(-1);
    if (last && last.kind === kind) last.text += text;
    else parts.push({ kind, text });
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      push('same', a[i]!);
      i++;
      j++;
    }
    else if (j < b.length && (i === a.length || lcs[i]![j + 1]! >= lcs[i + 1]![j]!)) push('added', b[j++]!);
    else push('removed', a[i++]!);
  }
  return parts;
}

export async function snapshotSection(sectionId: string, reason: SnapshotReason, name: string | null): Promise<Snapshot | null> {
  await wait();
  const { review, section } = sectionOf(sectionId);
  return take(review, section, reason, name?.trim() || null);
}
export async function snapshotReview(reviewId: string, reason: SnapshotReason): Promise<SnapshotInfo[]> {
  const review = reviews.get(reviewId);
  if (!review) throw new BackendError('not_found', `review ${reviewId} not found`);
  return review.sections.map((s) => take(review, s, reason, null)?.info).filter((s): s is SnapshotInfo => !!s);
}
export async function listSnapshots(sectionId: string): Promise<SnapshotInfo[]> {
  await wait();
  return clone(snapshots.filter((s) => s.info.section_id === sectionId).map((s) => s.info).reverse());
}
export async function getSnapshot(id: string): Promise<Snapshot> {
  const snap = snapshots.find((s) => s.info.id === id);
  if (!snap) throw new BackendError('not_found', `snapshot ${id} not found`);
  return clone(snap);
}
export async function diffSnapshot(snapshotId: string, otherId: string | null): Promise<DiffPart[]> {
  await wait();
  const old = await getSnapshot(snapshotId);
  const next = otherId ? (await getSnapshot(otherId)).body : sectionOf(old.info.section_id).section.body;
  return diffWords(old.body, next);
}
export async function restoreSnapshot(snapshotId: string): Promise<Review> {
  await wait();
  const snap = await getSnapshot(snapshotId);
  const { review, section } = sectionOf(snap.info.section_id);
  take(review, section, 'restore', null);
  section.body = snap.body;
  review.updated_at = now();
  return clone(review);
}
export async function trashReview(id: string): Promise<void> {
  await wait();
  const review = reviews.get(id);
  if (!review) throw new BackendError('not_found', `review ${id} not found`);
  reviews.delete(id);
  trashed.set(id, { review, deleted_at: now() });
}
export async function listTrash(): Promise<TrashedReview[]> {
  await wait();
  return [...trashed.values()].map(({ review, deleted_at }) => ({
    review: summaryOf(review),
    deleted_at,
    purge_after: new Date(Date.parse(deleted_at) + 30 * 86400_000).toISOString(),
  }));
}
export async function restoreFromTrash(id: string): Promise<Review> {
  await wait();
  const item = trashed.get(id);
  if (!item) throw new BackendError('not_found', `review ${id} in the trash not found`);
  trashed.delete(id);
  reviews.set(id, item.review);
  return clone(item.review);
}
const backups: BackupInfo[] = [];
export async function backUpNow(): Promise<BackupInfo> {
  await wait();
  const stamp = now();
  const info: BackupInfo = { path: `/home/ana/.local/share/filmdesk/backups/library-${stamp}.sqlite`, file_name: `library-${stamp}.sqlite`, taken_at: stamp, kind: 'regular', review_count: reviews.size, size: 180_224 };
  backups.unshift(info);
  return clone(info);
}
export async function listBackups(): Promise<BackupInfo[]> {
  await wait();
  return clone(backups);
}
export async function backupsFolder(): Promise<string> {
  return '/home/ana/.local/share/filmdesk/backups';
}
export async function restoreBackup(path: string): Promise<RestoreReport> {
  await wait();
  return { restored_from: path, set_aside: '/home/ana/.local/share/filmdesk/library.sqlite.before-restore-20261127-140200', replaced_was_damaged: false };
}
// A plain substring search, enough to look at the palette: no folding, no ranking.
export async function search(query: string): Promise<SearchResults> {
  await wait();
  const needle = query.trim().toLowerCase();
  const results: SearchResults = { reviews: [], films: [], viewings: [] };
  if (!needle) return results;
  for (const r of reviews.values()) {
    const section = r.sections.find((s) => s.body.toLowerCase().includes(needle));
    const inFilm = r.film.title.toLowerCase().includes(needle);
    if (!section && !inFilm) continue;
    const text = section ? section.body : r.film.title;
    const at = text.toLowerCase().indexOf(needle);
    const hit: SearchHit = {
      kind: 'review',
      id: r.id,
      review_id: r.id,
      film_id: r.id,
      film_title: r.film.title,
      film_year: r.film.year,
      headline: r.sections.find((s) => s.role === 'headline')?.body ?? '',
      watched_on: null,
      field: section ? (section.role === 'headline' ? 'Headline' : section.title) : 'Film',
      snippet: [
        { text: text.slice(Math.max(0, at - 40), at), hit: false },
        { text: text.slice(at, at + needle.length), hit: true },
        { text: text.slice(at + needle.length, at + needle.length + 60), hit: false },
      ],
    };
    results.reviews.push(hit);
  }
  // The film log's films (none of them has a review here) by title.
  for (const f of films.values()) {
    const at = f.facts.title.toLowerCase().indexOf(needle);
    if (at < 0) continue;
    const title = f.facts.title;
    results.films.push({
      kind: 'film',
      id: f.id,
      review_id: null,
      film_id: f.id,
      film_title: title,
      film_year: f.facts.year,
      headline: '',
      watched_on: null,
      field: 'Film',
      snippet: [
        { text: title.slice(0, at), hit: false },
        { text: title.slice(at, at + needle.length), hit: true },
        { text: title.slice(at + needle.length), hit: false },
      ],
    });
  }
  return results;
}
// Enough of the filters to look at the sidebar: status, year, director, tag, publication, sort.
export async function filterReviews(filter: LibraryFilter): Promise<ReviewSummary[]> {
  await wait();
  const list = [...reviews.values()].filter(
    (r) =>
      (!filter.status || r.status === filter.status) &&
      (filter.year === null || r.film.year === filter.year) &&
      (!filter.director || r.film.directors.includes(filter.director)) &&
      (!filter.tag || r.tags.includes(filter.tag)) &&
      (!filter.publication || r.publication === filter.publication) &&
      (filter.spoilers === null || r.sections.some((s) => s.spoiler) === filter.spoilers),
  );
  const key = (r: Review) =>
    filter.sort === 'created' ? r.created_at : filter.sort === 'film_year' ? String(r.film.year ?? 0) : r.updated_at;
  return list.sort((a, b) => key(b).localeCompare(key(a))).map((r) => summaryOf(r));
}
export async function libraryFacets(): Promise<LibraryFacets> {
  await wait();
  const all = [...reviews.values()];
  const uniq = <T>(xs: T[]) => [...new Set(xs)];
  return {
    years: uniq(all.flatMap((r) => (r.film.year === null ? [] : [r.film.year]))).sort((a, b) => b - a),
    directors: uniq(all.flatMap((r) => r.film.directors)).sort(),
    tags: uniq(all.flatMap((r) => r.tags)).sort(),
    publications: uniq(all.map((r) => r.publication).filter(Boolean)).sort(),
  };
}
export async function listTemplates(): Promise<Template[]> {
  return clone(TEMPLATES);
}
export async function ratingScales(): Promise<ScaleInfo[]> {
  return clone(SCALES);
}
export async function getSettings(): Promise<Settings> {
  return clone(settings);
}
export async function saveSettings(next: Settings): Promise<void> {
  settings = clone(next);
}
export async function getUiState(): Promise<UiState> {
  return clone(ui);
}
export async function saveUiState(state: UiState): Promise<void> {
  ui = clone(state);
}
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
export async function renderPreview(review: Review): Promise<string> {
  await wait();
  if (params.has('golden')) return golden;
  const head = review.sections.find((s) => s.role === 'headline')?.body ?? review.film.title;
  const dek = review.sections.find((s) => s.role === 'standfirst')?.body ?? '';
  const body = review.sections
    .filter((s) => s.role === 'body')
    .map((s) => `<h2>${esc(s.title)}</h2>` + s.body.split(/\n\n+/).map((p) => `<p>${esc(p)}</p>`).join(''))
    .join('');
  return `<header><h1>${esc(head)}</h1><p><em>${esc(dek)}</em></p><p class="byline">By ${esc(review.byline)} · ${esc(review.publication)}</p></header>${body}<dl><dt>Title</dt><dd>${esc(review.film.title)}</dd><dt>Year</dt><dd>${review.film.year ?? ''}</dd></dl><p><a href="https://example.com">Also read</a></p>`;
}

// Export: files are "written" into a map, so the dialogs' questions and errors can be tried.
const files = new Map<string, string>();
let cancelled = false;
const slugOf = (r: Review) =>
  (r.film.title || 'untitled').normalize('NFKD').replace(/[^\w\s-]/g, '').trim().toLowerCase().replace(/[\s_]+/g, '-') || 'review';
function relativePath(r: Review, o: ExportOptions): string {
  const ext = o.format === 'markdown' ? 'md' : o.format === 'json' ? 'json' : 'html';
  const slug = slugOf(r);
  if (o.format !== 'markdown') return `${slug}.${ext}`;
  if (o.preset === 'hugo') return `content/reviews/${slug}.md`;
  if (o.preset === 'jekyll') return `_posts/${r.created_at.slice(0, 10)}-${slug}.md`;
  if (o.preset === 'astro') return `src/content/reviews/${slug}.md`;
  return `${slug}.md`;
}
function renderMock(r: Review, o: ExportOptions): string {
  const body = r.sections.map((s) => (o.format === 'markdown' ? `## ${s.title}\n\n${s.body}` : `<h2>${esc(s.title)}</h2><p>${esc(s.body)}</p>`)).join('\n\n');
  if (o.format === 'json') return JSON.stringify(r, null, 2);
  if (o.format === 'markdown') return o.preset === 'none' ? `# ${r.film.title}\n\n${body}\n` : `---\ntitle: "${r.film.title}"\n---\n\n${body}\n`;
  return o.format === 'html' ? `<!DOCTYPE html><html lang="${o.lang}"><body><article>${body}</article></body></html>` : `<article>${body}</article>`;
}
export async function renderExport(review: Review, options: ExportOptions): Promise<string> {
  await wait();
  return renderMock(review, options);
}
export async function exportFileName(review: Review, options: ExportOptions): Promise<string> {
  return relativePath(review, options);
}
export async function exportReview(id: string, options: ExportOptions, path: string, force: boolean): Promise<string> {
  await wait();
  const r = reviews.get(id);
  if (!r) throw new BackendError('not_found', `review ${id} not found`);
  if (path.startsWith('/readonly')) throw new BackendError('io', `writing ${path}: permission denied`);
  if (files.has(path) && !force) throw new BackendError('already_exists', path);
  files.set(path, renderMock(r, options));
  return path;
}
export async function exportBatch(
  ids: string[] | null,
  options: ExportOptions,
  outDir: string,
  force: boolean,
  onProgress: (progress: BatchProgress) => void,
): Promise<BatchReport> {
  cancelled = false;
  const list = (ids ?? [...reviews.keys()]).map((id) => reviews.get(id)).filter((r): r is Review => r !== undefined);
  let written = 0;
  for (const r of list) {
    if (cancelled) return { written, total: list.length, cancelled: true };
    // Slow enough to watch the progress bar and press Cancel.
    await new Promise((res) => setTimeout(res, latency * 4));
    const path = `${outDir}/${relativePath(r, options)}`;
    if (files.has(path) && !force) throw new BackendError('already_exists', path);
    files.set(path, renderMock(r, options));
    written += 1;
    onProgress({ done: written, total: list.length, current: relativePath(r, options) });
  }
  return { written, total: list.length, cancelled: false };
}
export async function cancelExport(): Promise<void> {
  cancelled = true;
}
function readinessFindings(review: Review): Finding[] {
  const out: Finding[] = [];
  const finding = (code: string, message: string, section_id: string | null = null): Finding => ({
    kind: 'readiness', severity: 'warning', code, section_id, start: 0, end: 0, byte_start: 0, byte_end: 0, text: '', message, suggestions: [],
  });
  if (review.rating.step === null) out.push(finding('readiness.no_rating', 'The review has no rating.'));
  if (!review.byline.trim()) out.push(finding('readiness.no_byline', 'The review has no byline.'));
  for (const s of review.sections) if (!s.body.trim()) out.push(finding('readiness.empty_section', `"${s.title}" is empty.`, s.id));
  return out;
}
export async function chooseSavePath(defaultPath: string): Promise<string | null> {
  // No native dialog in a browser: a prompt stands in for it.
  const answer = window.prompt('Save to', defaultPath.startsWith('/') ? defaultPath : `/home/you/${defaultPath}`);
  return answer || null;
}
export async function chooseFolder(): Promise<string | null> {
  return window.prompt('Export into folder', '/home/you/site') || null;
}
export async function chooseFile(title: string): Promise<string | null> {
  return window.prompt(title, '/home/you/Downloads/letterboxd-export.zip') || null;
}
export async function copyText(text: string): Promise<void> {
  await navigator.clipboard?.writeText(text).catch(() => undefined);
}
// Checks: a small stand-in for the Rust checker — near-miss names (one letter off a name in the
// cast or crew) and a word said twice in a row — enough to see the underlines and the panel.
let dictionary: string[] = [];
function oneOff(a: string, b: string): boolean {
  if (a === b || Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i += 1;
  const rest = (x: string, skip: number) => x.slice(i + skip);
  return rest(a, 1) === rest(b, 1) || rest(a, 1) === rest(b, 0) || rest(a, 0) === rest(b, 1);
}
export async function checkReview(review: Review, forPublication: boolean, _lang?: string): Promise<Finding[]> {
  await wait();
  const names = [...review.film.cast.flatMap((c) => [c.actor, c.character]), ...review.film.directors]
    .flatMap((n) => n.split(/\s+/))
    .filter((n) => n.length >= 4);
  const out: Finding[] = [];
  const base = { byte_start: 0, byte_end: 0 };
  for (const section of review.sections) {
    let previous = '';
    for (const m of section.body.matchAll(/\p{L}+/gu)) {
      const word = m[0];
      const start = m.index;
      const near = names.find((n) => !names.includes(word) && oneOff(word.toLowerCase(), n.toLowerCase()));
      if (near && !dictionary.includes(word)) {
        out.push({ ...base, kind: 'name', severity: 'error', code: 'name.near_miss', section_id: section.id, start, end: start + word.length, text: word, message: `“${word}” looks like a misspelling of the name “${near}”`, suggestions: [near] });
      }
      if (word.toLowerCase() === previous.toLowerCase() && word.length > 1) {
        out.push({ ...base, kind: 'repetition', severity: 'warning', code: 'repetition.doubled', section_id: section.id, start, end: start + word.length, text: word, message: `“${word}” twice in a row`, suggestions: [] });
      }
      previous = word;
    }
  }
  const words = review.sections.reduce((n, s) => n + (s.body.match(/\S+/g)?.length ?? 0), 0);
  out.push({ ...base, kind: 'length', severity: 'info', code: 'length.summary', section_id: null, start: 0, end: 0, text: '', message: `${words} words, about ${Math.max(1, Math.round(words / 230))} minutes to read`, suggestions: [] });
  return forPublication ? [...out, ...readinessFindings(review)] : out;
}
export async function addToDictionary(word: string): Promise<string[]> {
  dictionary = [...new Set([...dictionary, word])].sort();
  return [...dictionary];
}
export async function removeFromDictionary(word: string): Promise<string[]> {
  dictionary = dictionary.filter((w) => w !== word);
  return [...dictionary];
}
export async function dictionaryWords(): Promise<string[]> {
  return [...dictionary];
}
export async function uiReady(): Promise<void> {}
export async function onCloseRequested(_handler: () => Promise<boolean>): Promise<() => void> {
  return () => {};
}

// The film log ----------------------------------------------------------------------------------
// `?log` seeds a year of viewings, so the diary and the charts have something to show.

interface MockFilm {
  id: string;
  facts: FilmFacts;
}
const films = new Map<string, MockFilm>();
const viewings = new Map<string, Viewing>();

function mockFilm(title: string, year: number, directors: string[], countries: string[], genres: string[], runtime: number): MockFilm {
  const f: MockFilm = {
    id: crypto.randomUUID(),
    facts: { title, original_title: '', year, runtime_minutes: runtime, directors, cast: [], genres, countries, languages: [], where_to_watch: '', imdb_id: '' },
  };
  films.set(f.id, f);
  return f;
}

function filmFor(choice: NewViewing['film']): MockFilm {
  if (choice.kind === 'existing') {
    const f = films.get(choice.id);
    if (!f) throw new BackendError('not_found', `film ${choice.id}`);
    return f;
  }
  const key = `${choice.facts.title.toLowerCase()}|${choice.facts.year ?? ''}`;
  for (const f of films.values()) if (`${f.facts.title.toLowerCase()}|${f.facts.year ?? ''}` === key) return f;
  const f: MockFilm = { id: crypto.randomUUID(), facts: clone(choice.facts) };
  films.set(f.id, f);
  return f;
}

if (params.has('log')) {
  const seed: [string, number, string, string, string, number][] = [
    ['Heat', 1995, 'Michael Mann', 'United States', 'Crime', 170],
    ['Close-Up', 1990, 'Abbas Kiarostami', 'Iran', 'Drama', 98],
    ['Aftersun', 2022, 'Charlotte Wells', 'United Kingdom', 'Drama', 102],
    ['Past Lives', 2023, 'Celine Song', 'United States', 'Romance', 105],
    ['The Zone of Interest', 2023, 'Jonathan Glazer', 'United Kingdom', 'Drama', 105],
    ['Anatomy of a Fall', 2023, 'Justine Triet', 'France', 'Thriller', 151],
    ['Perfect Days', 2023, 'Wim Wenders', 'Japan', 'Drama', 124],
    ['Fallen Leaves', 2023, 'Aki Kaurismäki', 'Finland', 'Comedy', 81],
    ['Collateral', 2004, 'Michael Mann', 'United States', 'Crime', 120],
  ];
  const made = seed.map(([t, y, d, c, g, r]) => mockFilm(t, y, [d], [c], [g], r));
  const year = new Date().getFullYear();
  made.forEach((f, i) => {
    for (let k = 0; k <= i % 3; k++) {
      const month = ((i * 5 + k * 3) % 11) + 1;
      const v: Viewing = {
        id: crypto.randomUUID(), film_id: f.id, watched_on: `${year}-${String(month).padStart(2, '0')}-${String(((i * 7 + k) % 27) + 1).padStart(2, '0')}`,
        rating: { scale: 'five_stars', step: 5 + ((i + k) % 6) }, rewatch: k > 0, liked: i % 2 === 0, place_kind: k === 0 ? 'cinema' : 'home',
        place: k === 0 ? 'Curzon Soho' : '', with_whom: '', notes: '', tags: [], review_id: null, created_at: now(),
      };
      viewings.set(v.id, v);
    }
  });
}

function summaryFilm(f: MockFilm): FilmSummary {
  return { id: f.id, title: f.facts.title, year: f.facts.year, directors: f.facts.directors };
}

export async function logViewing(v: NewViewing): Promise<Viewing> {
  await wait();
  if (v.film.kind === 'new' && v.film.facts.title.trim() === '') throw new BackendError('invalid_input', 'a film needs a title');
  const f = filmFor(v.film);
  const stored: Viewing = { ...clone(v), id: crypto.randomUUID(), film_id: f.id, created_at: now() } as Viewing & { film?: unknown };
  delete (stored as { film?: unknown }).film;
  viewings.set(stored.id, stored);
  return clone(stored);
}
export async function updateViewing(v: Viewing): Promise<Viewing> {
  await wait();
  if (!viewings.has(v.id)) throw new BackendError('not_found', `viewing ${v.id}`);
  viewings.set(v.id, clone(v));
  return clone(v);
}
export async function deleteViewing(id: string): Promise<void> {
  await wait();
  viewings.delete(id);
}
function sortedViewings(): Viewing[] {
  return [...viewings.values()].sort((a, b) => b.watched_on.localeCompare(a.watched_on) || b.created_at.localeCompare(a.created_at));
}
export async function listDiary(limit: number, offset: number): Promise<DiaryEntry[]> {
  await wait();
  return sortedViewings()
    .slice(offset, offset + limit)
    .map((v) => ({ viewing: clone(v), film: summaryFilm(films.get(v.film_id)!) }));
}
export async function filmPage(filmId: string): Promise<FilmPage> {
  await wait();
  const f = films.get(filmId);
  if (!f) throw new BackendError('not_found', `film ${filmId}`);
  return {
    film: { id: f.id, facts: clone(f.facts), letterboxd_uri: '', liked: false, watched: false, rating: null, on_watchlist: false },
    viewings: sortedViewings().filter((v) => v.film_id === filmId),
    reviews: [...reviews.values()].filter((r) => r.film.title === f.facts.title).map((r) => summaryOf(r)),
  };
}
function top(counts: Map<string, number>): NameCount[] {
  return [...counts].map(([name, n]) => ({ name, viewings: n })).sort((a, b) => b.viewings - a.viewings || a.name.localeCompare(b.name)).slice(0, 10);
}
export async function logStats(year: number | null): Promise<LogStats> {
  await wait();
  const all = [...viewings.values()];
  const years = [...new Set(all.map((v) => Number(v.watched_on.slice(0, 4))))].sort((a, b) => b - a);
  const these = all.filter((v) => year === null || v.watched_on.startsWith(`${year}-`));
  const perMonth = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, viewings: 0 }));
  const bins = Array.from({ length: 11 }, (_, step) => ({ step, label: `${Math.floor(step / 2) || (step % 2 ? '' : '0')}${step % 2 ? '½' : ''}`, viewings: 0 }));
  const dirs = new Map<string, number>();
  const countries = new Map<string, number>();
  const genres = new Map<string, number>();
  let minutes = 0;
  for (const v of these) {
    if (year !== null) perMonth[Number(v.watched_on.slice(5, 7)) - 1]!.viewings++;
    if (v.rating.step !== null) bins[Math.round((v.rating.step * 10) / (v.rating.scale === 'five_stars' ? 10 : 10))]!.viewings++;
    const f = films.get(v.film_id)!.facts;
    f.directors.forEach((d) => dirs.set(d, (dirs.get(d) ?? 0) + 1));
    f.countries.forEach((d) => countries.set(d, (countries.get(d) ?? 0) + 1));
    f.genres.forEach((d) => genres.set(d, (genres.get(d) ?? 0) + 1));
    minutes += f.runtime_minutes ?? 0;
  }
  const rewatches = these.filter((v) => v.rewatch).length;
  return {
    year, years, per_month: perMonth, ratings: bins, top_directors: top(dirs), top_countries: top(countries), top_genres: top(genres),
    first_watches: these.length - rewatches, rewatches,
    totals: { viewings: these.length, films: new Set(these.map((v) => v.film_id)).size, minutes, rated: these.filter((v) => v.rating.step !== null).length, reviews: reviews.size },
  };
}
export async function listWatchlist(): Promise<WatchlistEntry[]> {
  return [];
}
export async function searchFilms(query: string, limit: number): Promise<FilmMatch[]> {
  const q = query.trim().toLowerCase();
  if (!q) return [];
  return [...films.values()]
    .filter((f) => f.facts.title.toLowerCase().includes(q))
    .slice(0, limit)
    .map((f) => ({ id: f.id, title: f.facts.title, year: f.facts.year, directors: f.facts.directors, viewings: [...viewings.values()].filter((v) => v.film_id === f.id).length }));
}
const IMDB: ImdbMatch[] = [
  { tconst: 'tt0113277', title: 'Heat', original_title: '', year: 1995, runtime_minutes: 170, kind: 'movie' },
  { tconst: 'tt0090927', title: 'Heat', original_title: '', year: 1986, runtime_minutes: 101, kind: 'movie' },
  { tconst: 'tt0078748', title: 'Alien', original_title: '', year: 1979, runtime_minutes: 117, kind: 'movie' },
];
export async function imdbSearch(query: string, limit: number): Promise<ImdbMatch[]> {
  const q = query.trim().toLowerCase();
  return params.has('imdb') && q ? IMDB.filter((m) => m.title.toLowerCase().startsWith(q)).slice(0, limit) : [];
}
export async function imdbFilm(tconst: string): Promise<FilmFacts> {
  const m = IMDB.find((x) => x.tconst === tconst);
  if (!m) throw new BackendError('not_found', tconst);
  return { title: m.title, original_title: '', year: m.year, runtime_minutes: m.runtime_minutes, directors: ['Michael Mann'], cast: [{ actor: 'Al Pacino', character: 'Vincent Hanna' }], genres: ['Crime', 'Drama'], countries: ['United States'], languages: ['English'], where_to_watch: '', imdb_id: m.tconst };
}
export async function importLetterboxd(path: string): Promise<ImportReport> {
  await wait();
  if (!path.endsWith('.zip')) throw new BackendError('invalid_input', `${path}: not a zip archive`);
  const zero = { films: 0, viewings: 0, reviews: 0, ratings: 0, likes: 0, watched: 0, watchlist: 0 };
  return { added: { ...zero, films: 12, viewings: 30, reviews: 2 }, matched: { ...zero, films: 3 }, skipped: [{ file: 'diary.csv', line: 14, reason: 'no film name' }] };
}
export async function exportLetterboxd(_path: string): Promise<number> {
  await wait();
  return viewings.size;
}
export async function importImdb(_folder: string, onProgress: (p: ImdbProgress) => void): Promise<ImdbReport> {
  for (let i = 0; i <= 10; i++) {
    await new Promise((r) => setTimeout(r, 300));
    onProgress({ file: 'title.basics.tsv.gz', file_index: 0, file_count: 4, bytes_read: i * 100, bytes_total: 1000, rows: i * 1000 });
  }
  return { films: 3, people: 2, cast: 4, rows_read: 11000, missing: [], cancelled: false, seconds: 3.2 };
}
export async function cancelImdbImport(): Promise<void> {}
export async function libraryPath(): Promise<string> {
  return '/home/critic/.local/share/org.filmdesk.desk/library.sqlite';
}
export async function openExternal(url: string): Promise<void> {
  window.open(url, '_blank', 'noopener');
}
