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
  // Workers are started as modules (`{ type: 'module' }`): built as ES modules to match.
  worker: { format: 'es' },
  build: {
    outDir: here('./dist'),
    emptyOutDir: true,
    target: 'es2022',
    // Source maps (megabytes, with every dependency's source) are not shipped: build with
    // `npm run build -- --sourcemap` to have them for debugging; `npm run size` refuses a dist/
    // that holds any, so they never reach a server by accident.
    sourcemap: false,
    // The modules every page needs (the document model, shared helpers, zod, ipaddr.js) go into
    // one chunk: left to itself the bundler cuts them into a dozen small shared chunks, and each
    // costs its own request and compresses worse, which alone took the first load over budget.
    // The block-list catalogue's schema stays out, and so does the expanding of ranges into the
    // addresses a check asks about: only the lazily loaded check needs them.
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            {
              name: 'core',
              test: (id: string) =>
                /src\/lib\/(model|shared|net)\/|node_modules\/(zod|ipaddr\.js|canonicalize)\//.test(
                  id,
                ) &&
                !id.includes('blocklist-catalogue') &&
                !/src\/lib\/net\/(expand|special-ranges|spans)\.ts$/.test(id),
            },
          ],
        },
      },
    },
  },
});
