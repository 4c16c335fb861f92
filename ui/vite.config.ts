import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { svelteTesting } from '@testing-library/svelte/vite';

// The app is loaded by Tauri from ui/dist over its own protocol, so every asset path is
// relative and nothing is fetched from the network (fonts are bundled from @fontsource).
export default defineConfig({
  base: './',
  plugins: [svelte(), svelteTesting()],
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Font files are small; keep them as files rather than data: URLs so that the CSP
    // needs no `font-src data:`.
    assetsInlineLimit: 0,
    // A desktop app loads its one bundle from disk; splitting it would gain nothing.
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    setupFiles: ['src/test-setup.ts'],
    restoreMocks: true,
  },
});
