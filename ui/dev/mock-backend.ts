// An in-memory stand-in for src/lib/backend.ts, for looking at the UI in a plain browser
// (`npm run dev:mock`) while the Rust side is elsewhere. Never part of the app's build.

import type {
  BackupInfo,
  DiffPart,
  ErrorCode,
  RestoreReport,
  RatingScale,
  Review,
  ReviewSummary,
  ScaleInfo,
  Section,
  Settings,
  Snapshot,
  SnapshotInfo,
  SnapshotReason,
  Template,
  TemplateId,
  TrashedReview,
  UiState,
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
let settings: Settings = { author_name: 'Ana Ruiz', publication: 'The Quiet Screen', default_scale: 'five_stars', default_template: 'feature', theme: 'system' };
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

export async function listReviews(): Promise<ReviewSummary[]> {
  await wait();
  return [...reviews.values()].map(summaryOf).sort((a, b) => b.updated_at.localeCompare(a.updated_at));
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
export async function uiReady(): Promise<void> {}
export async function onCloseRequested(_handler: () => Promise<boolean>): Promise<() => void> {
  return () => {};
}
