import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { svelte } from '@sveltejs/vite-plugin-svelte';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

// `base: './'` makes every asset URL relative, so the same build works at the site root and
// under any sub-path (for example https://example.ac.uk/tools/mail-assessment/).
export default defineConfig({
  root: here('./src'),
  base: './',
  publicDir: here('./public'),
  plugins: [svelte({ configFile: here('./svelte.config.js') })],
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
  },
});
