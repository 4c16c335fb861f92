// Test data in the shapes the Rust side sends (see bindings.ts).
import type { Review, ReviewSummary, ScaleInfo, Settings, Template, UiState } from '../lib/bindings';

export const SCALES: ScaleInfo[] = [
  {
    scale: 'five_stars',
    label: '5 stars',
    steps: Array.from({ length: 11 }, (_, step) => ({
      step,
      display: `${Math.floor(step / 2)}${step % 2 ? '½' : ''}`,
      accessible: `Rating: ${step / 2} out of 5 stars`,
      canonical: step * 10,
    })),
  },
  {
    scale: 'ten_points',
    label: '10 points',
    steps: Array.from({ length: 11 }, (_, step) => ({
      step,
      display: String(step),
      accessible: `Rating: ${step} out of 10`,
      canonical: step * 10,
    })),
  },
  {
    scale: 'letter',
    label: 'Letter grade',
    steps: ['F', 'D-', 'D', 'D+', 'C-', 'C', 'C+', 'B-', 'B', 'B+', 'A-', 'A', 'A+'].map((display, step) => ({
      step,
      display,
      accessible: `Rating: ${display}`,
      canonical: [0, 16, 25, 33, 42, 50, 58, 67, 75, 83, 91, 100, 100][step] ?? 0,
    })),
  },
];

export const TEMPLATES: Template[] = [
  {
    id: 'feature',
    name: 'Feature review',
    description: 'The full article.',
    sections: [
      { title: 'Headline', role: 'headline', word_target: 15 },
      { title: 'Synopsis', role: 'body', word_target: 300 },
      { title: 'Verdict', role: 'body', word_target: 5 },
    ],
  },
  { id: 'capsule', name: 'Capsule', description: 'A short take.', sections: [] },
  { id: 'festival_dispatch', name: 'Festival dispatch', description: 'From the festival.', sections: [] },
  { id: 'blank', name: 'Blank', description: 'One empty section.', sections: [] },
];

export const SETTINGS: Settings = {
  author_name: 'Ana Ruiz',
  publication: 'The Quiet Screen',
  default_scale: 'five_stars',
  default_template: 'feature',
  theme: 'system',
  export_format: 'html',
  export_preset: 'none',
  spelling_lang: 'en_US',
};

export const NO_UI_STATE: UiState = { open_review_id: null, focused_section_id: null, preview_open: false };

export function review(overrides: Partial<Review> = {}): Review {
  return {
    id: 'r1',
    film: {
      title: 'The Last Ferry',
      original_title: 'Son Vapur',
      year: 2025,
      runtime_minutes: 104,
      directors: ['Leyla Arslan'],
      cast: [{ actor: 'Haluk Demir', character: 'Nazım' }],
      genres: ['Drama'],
      countries: ['Türkiye'],
      languages: ['Turkish'],
      where_to_watch: 'In cinemas',
      imdb_id: '',
    },
    sections: [
      { id: 's1', title: 'Headline', role: 'headline', body: 'A quiet crossing', word_target: 15, spoiler: false },
      { id: 's2', title: 'Synopsis', role: 'body', body: 'Nazım has piloted the ferry.', word_target: 300, spoiler: false },
      { id: 's3', title: 'Verdict', role: 'body', body: 'See it on a big screen.', word_target: 5, spoiler: false },
    ],
    rating: { scale: 'five_stars', step: 8 },
    byline: 'Ana Ruiz',
    publication: 'The Quiet Screen',
    tags: ['drama'],
    links: [],
    embargo: null,
    status: 'draft',
    created_at: '2026-11-27T09:00:00+01:00',
    updated_at: '2026-11-27T09:00:00+01:00',
    published_at: null,
    lang: null,
    ...overrides,
  };
}

export const SUMMARIES: ReviewSummary[] = [
  {
    id: 'r1',
    film_title: 'The Last Ferry',
    film_year: 2025,
    headline: 'A quiet crossing',
    status: 'ready',
    rating: { scale: 'five_stars', step: 7 },
    word_count: 420,
    updated_at: '2026-11-27T09:00:00+01:00',
  },
  {
    id: 'r2',
    film_title: 'Nightjar',
    film_year: null,
    headline: '',
    status: 'published',
    rating: { scale: 'letter', step: 9 },
    word_count: 120,
    updated_at: '2026-11-20T09:00:00+01:00',
  },
];
