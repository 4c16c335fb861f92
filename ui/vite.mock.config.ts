// `npm run dev:mock` / `build:mock`: the UI over dev/mock-backend.ts, for a plain browser.
// The page gets the app's CSP and a frozen Object.prototype, as Tauri gives it, so that a
// plain-browser check also catches code that would break inside the app.
import { readFileSync } from 'node:fs';
import { defineConfig, mergeConfig, type Plugin } from 'vite';
import base from './vite.config';

const path = (relative: string) => decodeURIComponent(new URL(relative, import.meta.url).pathname);
const real = path('./src/lib/backend.ts');
const mock = path('./dev/mock-backend.ts');

function mockBackend(): Plugin {
  return {
    name: 'filmdesk-mock-backend',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (!/(^|\/)backend$/.test(source) || !importer) return null;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      return resolved?.id === real ? mock : null;
    },
  };
}

function likeTauri(): Plugin {
  const conf = JSON.parse(readFileSync(path('../tauri.conf.json'), 'utf8')) as {
    app?: { security?: { csp?: Record<string, string> } };
  };
  const csp = Object.entries(conf.app?.security?.csp ?? {})
    .map(([k, v]) => `${k} ${v}`)
    .join('; ');
  return {
    name: 'filmdesk-like-tauri',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: 'freeze.js', source: 'Object.freeze(Object.prototype);\n' });
    },
    transformIndexHtml: {
      order: 'pre',
      handler: () => [
        { tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: csp }, injectTo: 'head-prepend' },
        { tag: 'script', attrs: { src: './freeze.js' }, injectTo: 'head-prepend' },
      ],
    },
  };
}

export default mergeConfig(
  base,
  defineConfig({ plugins: [mockBackend(), likeTauri()], build: { outDir: 'dist-mock' } }),
);
