// Runs the editorial checks on the open review while the critic writes, and keeps the list the
// checks panel shows. A check is sent once typing has paused (CHECK_DELAY_MS), never per
// keystroke; its answer is placed in each section editor through the edits made meanwhile
// (findings.ts), and an answer older than one already shown is dropped.

import type { EditorView } from '@codemirror/view';
import type { Finding, FindingKind, Review } from './bindings';
import { applyCheckResult, placedFindings, revealFinding, textVersion } from './findings';

export const CHECK_DELAY_MS = 400;

/** One line of the checks panel. */
export interface CheckItem {
  key: string;
  finding: Finding;
  /** The section it is in; null for the review as a whole. */
  sectionId: string | null;
  /** The placed finding in that section's editor, when it points at text. */
  placedId: string | null;
}

export interface CheckGroup {
  kind: FindingKind;
  label: string;
  items: CheckItem[];
}

export const KIND_ORDER: { kind: FindingKind; label: string }[] = [
  { kind: 'name', label: 'Names' },
  { kind: 'spelling', label: 'Spelling' },
  { kind: 'repetition', label: 'Repetition' },
  { kind: 'spoiler', label: 'Spoilers' },
  { kind: 'readiness', label: 'Readiness' },
  { kind: 'length', label: 'Length' },
];

/** The panel's groups, in a fixed order of kinds; kinds with nothing to say are left out. */
export function groupByKind(items: readonly CheckItem[]): CheckGroup[] {
  return KIND_ORDER.map(({ kind, label }) => ({ kind, label, items: items.filter((i) => i.finding.kind === kind) })).filter(
    (g) => g.items.length > 0,
  );
}

export interface CheckRunnerDeps {
  /** Runs the checks (the backend's check_review). */
  check: (review: Review, lang: string) => Promise<Finding[]>;
  /** A snapshot of the open review, or null. */
  snapshot: () => Review | null;
  /** The id of the review open now. */
  openId: () => string | null;
  /** The dictionary language for the open review. */
  lang: () => string;
  /** The panel's list changed. */
  onUpdate: (items: CheckItem[]) => void;
  delayMs?: number;
}

export class CheckRunner {
  private readonly editors = new Map<string, EditorView>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** Sequence numbers of the last check sent and of the last one shown. */
  private issued = 0;
  private shown = 0;
  /** Section order and the findings no editor holds (whole sections, the review). */
  private order: string[] = [];
  private unplaced: Finding[] = [];
  private published: CheckItem[] = [];

  constructor(private readonly deps: CheckRunnerDeps) {}

  /** A section editor is on screen; returns the function that takes it off. */
  register(sectionId: string, view: EditorView): () => void {
    this.editors.set(sectionId, view);
    this.schedule();
    return () => {
      if (this.editors.get(sectionId) === view) this.editors.delete(sectionId);
    };
  }

  /** Checks again once the critic pauses. */
  schedule(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.deps.delayMs ?? CHECK_DELAY_MS);
  }

  /** Checks now. Resolves once the answer is shown or dropped. */
  async run(): Promise<void> {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const review = this.deps.snapshot();
    if (!review) return;
    const seq = ++this.issued;
    // What each editor held when the check was sent, to place the answer in today's text.
    const sent = new Map<string, { text: string; version: number }>();
    for (const section of review.sections) {
      const view = this.editors.get(section.id);
      if (view) sent.set(section.id, { text: section.body, version: textVersion(view.state) });
    }
    let findings: Finding[];
    try {
      findings = await this.deps.check(review, this.deps.lang());
    } catch {
      // The underlines stay as they were; the next pause tries again.
      return;
    }
    // An answer older than one already shown, or for a review no longer open, is stale.
    if (seq <= this.shown || this.deps.openId() !== review.id) return;
    this.shown = seq;
    this.order = review.sections.map((s) => s.id);
    const bySection = new Map<string, Finding[]>();
    const unplaced: Finding[] = [];
    for (const finding of findings) {
      const id = finding.section_id;
      if (id !== null && finding.end > finding.start && sent.has(id)) {
        const list = bySection.get(id);
        if (list) list.push(finding);
        else bySection.set(id, [finding]);
      } else if (finding.end <= finding.start) {
        unplaced.push(finding);
      }
    }
    let lost = false;
    for (const [id, { text, version }] of sent) {
      const view = this.editors.get(id);
      if (!view) continue;
      if (applyCheckResult(view, bySection.get(id) ?? [], text, version, `${seq}.`) === null) lost = true;
    }
    this.unplaced = unplaced;
    this.publish();
    // An editor typed past its change log: its part of the answer could not be placed.
    if (lost) this.schedule();
  }

  private publishQueued = false;

  /** An editor's underlines changed (an edit, a fix): the panel follows, once per task. */
  editorChanged(): void {
    if (this.publishQueued) return;
    this.publishQueued = true;
    queueMicrotask(() => {
      this.publishQueued = false;
      this.publish();
    });
  }

  /** Sends the panel the findings as the editors hold them now (after fixes and edits). */
  publish(): void {
    const items: CheckItem[] = [];
    for (const sectionId of this.order) {
      for (const [i, finding] of this.unplaced.entries()) {
        if (finding.section_id === sectionId) items.push({ key: `u${i}`, finding, sectionId, placedId: null });
      }
      const view = this.editors.get(sectionId);
      if (!view) continue;
      for (const placed of placedFindings(view.state)) {
        items.push({ key: `${sectionId}/${placed.id}`, finding: placed.finding, sectionId, placedId: placed.id });
      }
    }
    for (const [i, finding] of this.unplaced.entries()) {
      if (finding.section_id === null || !this.order.includes(finding.section_id)) {
        items.push({ key: `u${i}`, finding, sectionId: null, placedId: null });
      }
    }
    // Typing moves findings without changing the list: the panel is not redrawn for that.
    const same =
      items.length === this.published.length &&
      items.every((item, i) => item.key === this.published[i]!.key && item.finding === this.published[i]!.finding);
    if (same) return;
    this.published = items;
    this.deps.onUpdate(items);
  }

  /** Puts the caret on a finding: selects its words, or goes to its section. */
  reveal(item: CheckItem): boolean {
    const view = item.sectionId ? this.editors.get(item.sectionId) : undefined;
    if (!view) return false;
    if (item.placedId && revealFinding(view, item.placedId)) return true;
    view.focus();
    return true;
  }

  /** The next finding with words after the caret, across sections, wrapping at the end. */
  next(items: readonly CheckItem[]): CheckItem | undefined {
    const placed = items.filter((i) => i.placedId !== null && i.sectionId !== null);
    if (placed.length === 0) return undefined;
    const active = [...this.editors.entries()].find(([, view]) => view.hasFocus);
    if (!active) return placed[0];
    const [sectionId, view] = active;
    const caret = view.state.selection.main.from;
    const at = this.order.indexOf(sectionId);
    const after = placed.find((i) => {
      const index = this.order.indexOf(i.sectionId!);
      if (index !== at) return index > at;
      const p = placedFindings(view.state).find((x) => x.id === i.placedId);
      return p !== undefined && p.from > caret;
    });
    return after ?? placed[0];
  }

  /** Another review: forget everything, and drop answers still on their way. */
  reset(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.shown = this.issued;
    this.order = [];
    this.unplaced = [];
    this.published = [];
    this.deps.onUpdate([]);
  }

  dispose(): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }
}
