// jsdom lacks the layout APIs CodeMirror measures with; zero-sized stand-ins are enough for
// tests that type through the editor's state rather than by pixel.
const emptyRects = () => {
  const list: DOMRect[] = [];
  return Object.assign(list, { item: () => null }) as unknown as DOMRectList;
};
const zeroRect = () => new DOMRect(0, 0, 0, 0);

if (typeof Range !== 'undefined') {
  Range.prototype.getClientRects = emptyRects;
  Range.prototype.getBoundingClientRect = zeroRect;
}
if (typeof Element !== 'undefined' && !Element.prototype.scrollIntoView) {
  Element.prototype.scrollIntoView = () => {};
}
// Charts measure their width with bind:clientWidth (a ResizeObserver); jsdom has no layout, so
// nothing is ever observed and the charts draw at their default width.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}
