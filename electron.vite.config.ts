import { resolve } from 'node:path';
import { defineConfig, externalizeDepsPlugin } from 'electron-vite';
import react from '@vitejs/plugin-react';
import { CONTENT_SECURITY_POLICY_META, CSP_PLACEHOLDER } from './src/main/csp';

/** Writes the one CSP (src/main/csp.ts) into index.html's <meta>; fails the build if the placeholder is gone. */
const cspMeta = () => ({
  name: 'conn-csp-meta',
  transformIndexHtml(html: string): string {
    if (!html.includes(CSP_PLACEHOLDER)) throw new Error(`index.html must carry ${CSP_PLACEHOLDER} where the CSP goes`);
    return html.replace(CSP_PLACEHOLDER, CONTENT_SECURITY_POLICY_META);
  },
});

export default defineConfig({
  main: {
    plugins: [externalizeDepsPlugin()],
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/main/index.ts') } },
    },
  },
  preload: {
    // Sandboxed preloads cannot require packages at run time: bundle everything, emit CommonJS.
    build: {
      rollupOptions: {
        input: { index: resolve(__dirname, 'src/preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: resolve(__dirname, 'src/renderer'),
    plugins: [react(), cspMeta()],
    resolve: {
      // Trusted Types: the browser build of this micromark helper decodes `&amp;`-style references by assigning to
      // innerHTML, which our CSP (trusted-types 'none') blocks, crashing every note with an entity. Its plain build
      // looks them up in a table instead: no DOM sink, so no Trusted Types policy is needed.
      alias: [
        {
          find: /^decode-named-character-reference$/,
          replacement: resolve(__dirname, 'node_modules/decode-named-character-reference/index.js'),
        },
      ],
    },
    build: {
      rollupOptions: { input: { index: resolve(__dirname, 'src/renderer/index.html') } },
    },
  },
});
