// `npm run dev:mock` / `build:mock`: the UI over dev/mock-backend.ts, for a plain browser.
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

export default mergeConfig(base, defineConfig({ plugins: [mockBackend()], build: { outDir: 'dist-mock' } }));
