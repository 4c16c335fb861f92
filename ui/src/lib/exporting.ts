// What the Export dialogs need besides the backend: labels, file names and paths, which findings
// stand in the way of publishing, and what to tell the critic when an export fails.

import { BackendError } from './backend';
import type { ExportFormat, Finding, Preset, Review } from './bindings';

export const FORMATS: { value: ExportFormat; label: string; hint: string; extension: string }[] = [
  { value: 'html', label: 'HTML page', hint: 'A standalone page, ready to upload or print.', extension: 'html' },
  { value: 'html_fragment', label: 'HTML fragment', hint: 'The article alone, to paste into a CMS.', extension: 'html' },
  { value: 'markdown', label: 'Markdown', hint: 'For a static site generator.', extension: 'md' },
  { value: 'json', label: 'JSON', hint: "Filmdesk's own form, to back up or move a review.", extension: 'json' },
];

export const PRESETS: { value: Preset; label: string; layout: string }[] = [
  { value: 'hugo', label: 'Hugo', layout: 'content/reviews/<slug>.md' },
  { value: 'jekyll', label: 'Jekyll', layout: '_posts/YYYY-MM-DD-<slug>.md' },
  { value: 'astro', label: 'Astro', layout: 'src/content/reviews/<slug>.md' },
  { value: 'none', label: 'None (plain Markdown)', layout: '<slug>.md' },
];

export function formatInfo(format: ExportFormat) {
  return FORMATS.find((f) => f.value === format) ?? FORMATS[0]!;
}

/** The last part of a relative path the exporter proposes (`_posts/2025-…-slug.md` → the name). */
export function baseName(path: string): string {
  const parts = path.split(/[\\/]/);
  return parts[parts.length - 1] ?? path;
}

/** The folder part of a path, or '' when it has none. */
export function dirName(path: string): string {
  const at = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
  return at > 0 ? path.slice(0, at) : at === 0 ? path.slice(0, 1) : '';
}

/** `folder` + `name` with the folder's own separator. */
export function joinPath(folder: string, name: string): string {
  if (!folder) return name;
  const sep = folder.includes('\\') && !folder.includes('/') ? '\\' : '/';
  return folder.endsWith('/') || folder.endsWith('\\') ? folder + name : folder + sep + name;
}

/** A path the Rust side can write without guessing a working folder: `/…`, `~`-free, `C:\…`. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');
}

/**
 * What a typed destination means: a path ending in a separator (or an existing folder the critic
 * typed with one) gets the suggested file name; the extension is left as typed.
 */
export function resolveDestination(typed: string, suggestedName: string): string {
  const path = typed.trim();
  if (path.endsWith('/') || path.endsWith('\\')) return joinPath(path, suggestedName);
  return path;
}

/** The findings that matter before publishing: readiness (rating, byline, headline, empty
 * sections, embargo) and spoilers that are not marked. */
export function publicationFindings(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.kind === 'readiness' || f.kind === 'spoiler');
}

/** Where a finding is, for the readiness list: the section's title, or the review. */
export function findingPlace(finding: Finding, review: Review): string {
  if (finding.section_id === null) return 'Review';
  const section = review.sections.find((s) => s.id === finding.section_id);
  return section ? section.title || 'Untitled section' : 'Review';
}

/** A sentence for a failed export, chosen by the error's code; the message adds the detail. */
export function exportErrorMessage(error: unknown): string {
  if (!(error instanceof BackendError)) {
    return `The export failed: ${error instanceof Error ? error.message : String(error)}`;
  }
  switch (error.code) {
    case 'already_exists':
      return `A file is already there: ${error.message}`;
    case 'io':
      return `Couldn't write the file (check the folder exists and you may write to it): ${error.message}`;
    case 'not_found':
      return `This review is no longer in the library: ${error.message}`;
    case 'invalid_input':
      return `That can't be exported: ${error.message}`;
    case 'busy':
      return `The library is busy in another program; try again in a moment. (${error.message})`;
    default:
      return `The export failed: ${error.message}`;
  }
}
