// The CodeMirror 6 setup for one section: Markdown, soft wrap, its own undo history, no gutter.
// Colours come from CSS variables so that the editor follows the app's theme. CodeMirror mounts
// its theme as a <style> element in the document head, which is why the app's CSP keeps
// style-src 'unsafe-inline' (a nonce in style-src would switch that off and unstyle the editor).

import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { markdownLanguage } from '@codemirror/lang-markdown';
import { HighlightStyle, LanguageSupport, syntaxHighlighting } from '@codemirror/language';
import { type ChangeSet, Compartment, EditorSelection, EditorState, type Extension, type Text } from '@codemirror/state';
import { EditorView, drawSelection, keymap, placeholder as placeholderExt } from '@codemirror/view';
import { tags } from '@lezer/highlight';
import { type FindingsConfig, findingsExtension } from './findings';
import { countWords } from './words';

const highlight = HighlightStyle.define([
  { tag: tags.heading, fontWeight: '600' },
  { tag: tags.heading1, fontWeight: '600', fontSize: '1.15em' },
  { tag: tags.emphasis, fontStyle: 'italic' },
  { tag: tags.strong, fontWeight: '600' },
  { tag: tags.strikethrough, textDecoration: 'line-through' },
  { tag: tags.link, color: 'var(--accent)' },
  { tag: tags.url, color: 'var(--accent)', textDecoration: 'underline' },
  { tag: tags.quote, color: 'var(--text-muted)', fontStyle: 'italic' },
  { tag: tags.monospace, color: 'var(--text-muted)' },
  // The Markdown punctuation itself (#, *, >, [ ]) steps back, as in iA Writer.
  { tag: [tags.processingInstruction, tags.contentSeparator, tags.labelName], color: 'var(--md-mark)' },
  { tag: tags.list, color: 'var(--md-mark)' },
]);

const theme = EditorView.theme({
  '&': {
    color: 'var(--text)',
    backgroundColor: 'transparent',
    fontSize: 'var(--editor-size, 1.02rem)',
  },
  '&.cm-focused': { outline: 'none' },
  '.cm-scroller': {
    fontFamily: 'var(--font-editor)',
    lineHeight: '1.8',
    overflow: 'visible',
  },
  '.cm-content': {
    padding: '0.1rem 0',
    caretColor: 'var(--caret)',
    minHeight: '1.8em',
  },
  '.cm-line': { padding: '0' },
  '.cm-cursor, .cm-dropCursor': { borderLeftColor: 'var(--caret)', borderLeftWidth: '2px' },
  '&.cm-focused > .cm-scroller > .cm-selectionLayer .cm-selectionBackground, .cm-selectionBackground, ::selection':
    { backgroundColor: 'var(--selection)' },
  '.cm-placeholder': { color: 'var(--text-faint)', fontStyle: 'italic' },
});

export interface SectionEditorOptions {
  doc: string;
  label: string;
  placeholder: string;
  /** The words in `doc`, when the caller has counted them already. */
  words?: number;
  /** The text changed; `words` is its word count, kept up to date without a full recount. */
  onChange: (text: string, words: number) => void;
  onFocus: () => void;
  onBlur: () => void;
  /** Underlines and fixes for the editorial checks (see findings.ts). */
  findings?: FindingsConfig;
}

export interface SectionEditorHandle {
  view: EditorView;
  setLabel: (label: string) => void;
  /** Focuses the editor with the caret at the end of the text. */
  focusEnd: () => void;
  destroy: () => void;
}

/**
 * The line separator that keeps a section's text as it was stored. CodeMirror otherwise reads
 * \r\n as a line break and writes it back as \n, silently changing an imported section. Text
 * whose every break is \r\n keeps \r\n (and Enter inserts \r\n); anything else uses CodeMirror's
 * default, which is exact for \n-only text.
 */
export function lineSeparatorFor(text: string): string | undefined {
  return text.includes('\r\n') && !/(^|[^\r])\n/.test(text) && !/\r(?!\n)/.test(text) ? '\r\n' : undefined;
}

/**
 * How many words `changes` added (or, negative, removed), counting only the lines they touched.
 * A line break always separates words (words.ts), so the lines around the changes hold every
 * word an edit can make or unmake: a keystroke in a 20,000-word section recounts one paragraph.
 */
export function wordDelta(before: Text, changes: ChangeSet, after: Text): number {
  let fromA = -1;
  let toA = -1;
  let fromB = -1;
  let toB = -1;
  changes.iterChangedRanges((fa, ta, fb, tb) => {
    if (fromA < 0) {
      fromA = fa;
      fromB = fb;
    }
    toA = ta;
    toB = tb;
  });
  if (fromA < 0) return 0;
  // The text before the first change and after the last is the same in both documents, so the
  // lines from the first change's line to the last change's line correspond.
  const old = before.sliceString(before.lineAt(fromA).from, before.lineAt(toA).to);
  const now = after.sliceString(after.lineAt(fromB).from, after.lineAt(toB).to);
  return countWords(now) - countWords(old);
}

export function createSectionEditor(parent: HTMLElement, options: SectionEditorOptions): SectionEditorHandle {
  const labelSlot = new Compartment();
  const contentLabel = (label: string): Extension => EditorView.contentAttributes.of({ 'aria-label': label });
  let words = options.words ?? countWords(options.doc);
  let currentLabel = options.label;

  const view = new EditorView({
    parent,
    state: EditorState.create({
      doc: options.doc,
      extensions: [
        lineSeparatorFor(options.doc) ? EditorState.lineSeparator.of('\r\n') : [],
        // Each section is its own EditorView, so undo stays within the section.
        history(),
        drawSelection(),
        EditorState.allowMultipleSelections.of(false),
        EditorView.lineWrapping,
        // Markdown (GFM) highlighting only: no list continuation on Enter (prose that starts
        // "1987. It was…" must not grow a "1988."), and no nested HTML/JS/CSS parsers, which
        // would double the bundle the window loads at start-up.
        new LanguageSupport(markdownLanguage),
        syntaxHighlighting(highlight),
        // Tab is left to the browser so keyboard users can move on to the next control.
        keymap.of([...defaultKeymap, ...historyKeymap]),
        placeholderExt(options.placeholder),
        // Filmdesk's own checks know the film's names; the browser's spell checker would
        // underline them a second time, in red.
        EditorView.contentAttributes.of({ spellcheck: 'false', autocorrect: 'on', autocapitalize: 'sentences' }),
        options.findings ? findingsExtension(options.findings) : [],
        labelSlot.of(contentLabel(options.label)),
        theme,
        // Keep the caret clear of the sticky header bar when CodeMirror scrolls to it.
        EditorView.scrollMargins.of(() => ({ top: 72, bottom: 48 })),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            words += wordDelta(update.startState.doc, update.changes, update.state.doc);
            options.onChange(update.state.sliceDoc(), words);
          }
          if (update.focusChanged) {
            if (update.view.hasFocus) options.onFocus();
            else options.onBlur();
          }
        }),
      ],
    }),
  });

  return {
    view,
    setLabel(label) {
      // A reconfiguration rebuilds the state's configuration: skip it when nothing changed (the
      // card's label effect runs once as it mounts, with the label the editor was made with).
      if (label === currentLabel) return;
      currentLabel = label;
      view.dispatch({ effects: labelSlot.reconfigure(contentLabel(label)) });
    },
    focusEnd() {
      view.focus();
      view.dispatch({
        selection: EditorSelection.cursor(view.state.doc.length),
        scrollIntoView: true,
      });
    },
    destroy() {
      view.destroy();
    },
  };
}

/** The queues with editors still to make (for makeDeferredEditorsNow). */
const liveQueues = new Set<EditorQueue>();

/**
 * Editors to make once the review is on screen: one per task, in order, starting in the task
 * after the first frame (a frame callback runs before its frame is painted, its timer after).
 * Keys and frames come between them, so the critic can already type in the first sections.
 */
export class EditorQueue {
  private readonly waiting: (() => void)[] = [];
  private frame: number | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  add(make: () => void): void {
    this.waiting.push(make);
    liveQueues.add(this);
    if (this.frame === null && this.timer === null) {
      this.frame = requestAnimationFrame(() => {
        this.frame = null;
        this.timer = setTimeout(() => this.next(), 0);
      });
    }
  }

  private next(): void {
    this.timer = null;
    this.waiting.shift()?.();
    if (this.waiting.length > 0) this.timer = setTimeout(() => this.next(), 0);
    else liveQueues.delete(this);
  }

  /** Makes what is waiting now. */
  drain(): void {
    const waiting = this.waiting.splice(0);
    this.dispose();
    for (const make of waiting) make();
  }

  dispose(): void {
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    if (this.timer !== null) clearTimeout(this.timer);
    this.frame = null;
    this.timer = null;
    this.waiting.length = 0;
    liveQueues.delete(this);
  }
}

/** Makes every waiting editor at once (tests, which type into any section straight away). */
export function makeDeferredEditorsNow(): void {
  for (const queue of [...liveQueues]) queue.drain();
}
