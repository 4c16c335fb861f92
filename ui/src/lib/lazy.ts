// The screens and dialogs that are not on the first screen: separate chunks, loaded when first
// shown, and fetched in the background once the first screen is drawn (App.svelte), so that the
// page compiles less before that first screen and none of them waits when first opened
// (docs/ARCHITECTURE.md "Start-up").
export const lazy = {
  BatchExportDialog: () => import('../components/BatchExportDialog.svelte'),
  ChecksPanel: () => import('../components/ChecksPanel.svelte'),
  CommandPalette: () => import('../components/CommandPalette.svelte'),
  ExportDialog: () => import('../components/ExportDialog.svelte'),
  HistoryPanel: () => import('../components/HistoryPanel.svelte'),
  LibraryProblem: () => import('../components/LibraryProblem.svelte'),
  LogArea: () => import('../components/log/LogArea.svelte'),
  LogDialog: () => import('../components/log/LogDialog.svelte'),
  PreviewPanel: () => import('../components/PreviewPanel.svelte'),
  SettingsDialog: () => import('../components/SettingsDialog.svelte'),
  ShortcutsHelp: () => import('../components/ShortcutsHelp.svelte'),
  TrashView: () => import('../components/TrashView.svelte'),
};

/** Loads every lazy chunk (a failure shows when the chunk is next asked for). */
export async function prefetchLazy(): Promise<void> {
  await Promise.all(Object.values(lazy).map((load) => load().catch(() => undefined)));
}
