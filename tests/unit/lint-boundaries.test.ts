import { ESLint } from 'eslint';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';

/**
 * The layout's boundaries are kept by lint rules (eslint.config.js). Each test lints a small
 * fixture as if it stood at a path in src/ and checks that a file crossing a boundary is refused
 * for that reason, and that the same file on the right side of it passes: a rule that never
 * fires, or fires on everything, fails here.
 */

// The first lint loads ESLint's whole configuration (typescript-eslint, svelte): seconds on a
// busy 2-core machine, past the default limit, though the rules themselves are quick.
vi.setConfig({ testTimeout: 30_000 });

const root = fileURLToPath(new URL('../../', import.meta.url));
const eslint = new ESLint({
  cwd: root,
  // Type information is not needed for these rules, and the fixtures exist only as text.
  overrideConfig: {
    files: ['**/*.svelte'],
    languageOptions: { parserOptions: { projectService: false } },
  },
});

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const importing = (specifier: string) =>
  `import { thing } from '${specifier}';\nexport const used = thing;\n`;

const component = (imports: string) =>
  `<script lang="ts">\n  ${imports}\n  console.log(thing);\n</script>\n`;

describe('pure domain code', () => {
  test('may not import I/O, machines, rune bridges or components', async () => {
    for (const specifier of [
      '../io/doh',
      '../check.machine',
      '../controller.svelte',
      '../ui/X.svelte',
    ]) {
      expect(await problems('src/lib/blocklists/domain/fixture.ts', importing(specifier))).toEqual([
        expect.stringMatching(/no-restricted-imports: .*domain code is pure/),
      ]);
    }
    expect(await problems('src/lib/blocklists/domain/fixture.ts', importing('./coverage'))).toEqual(
      [],
    );
  });

  test('may not depend on Svelte or XState', async () => {
    expect(await problems('src/lib/report/fixture.ts', importing('svelte'))).toEqual([
      expect.stringMatching(/must not depend on Svelte/),
    ]);
    expect(await problems('src/lib/checklist/fixture.ts', importing('xstate'))).toEqual([
      expect.stringMatching(/must not depend on machines/),
    ]);
  });

  test('may not touch the browser (fetch, storage, the DOM)', async () => {
    for (const global of ['fetch', 'localStorage', 'document', 'window']) {
      expect(
        await problems('src/lib/checklist/fixture.ts', `export const x = ${global};\n`),
      ).toEqual([`no-restricted-globals: Unexpected use of '${global}'.`]);
    }
  });

  test('the same code is allowed in io/, where I/O belongs', async () => {
    expect(
      await problems(
        'src/lib/blocklists/io/fixture.ts',
        `export const x = fetch;\n${importing('../domain/coverage')}`,
      ),
    ).toEqual([]);
  });
});

describe('the foundations', () => {
  test('model/ imports no feature and no content', async () => {
    expect(await problems('src/lib/model/fixture.ts', importing('../checklist/results'))).toEqual([
      expect.stringMatching(/model\/ is a foundation/),
    ]);
    expect(await problems('src/lib/model/fixture.ts', importing('../content/checklist'))).toEqual([
      expect.stringMatching(/model\/ is a foundation/),
    ]);
    expect(await problems('src/lib/model/fixture.ts', importing('../net/address-lines'))).toEqual(
      [],
    );
  });

  test('shared/ and net/ import nothing but each other', async () => {
    expect(await problems('src/lib/net/fixture.ts', importing('../model/assessment'))).toEqual([
      expect.stringMatching(/shared\/ and net\/ are the foundations/),
    ]);
    expect(await problems('src/lib/shared/fixture.ts', importing('../report/wording'))).toEqual([
      expect.stringMatching(/shared\/ and net\/ are the foundations/),
    ]);
    expect(await problems('src/lib/net/fixture.ts', importing('../shared/format'))).toEqual([]);
  });
});

describe('content', () => {
  test('may import the model, and no feature', async () => {
    expect(await problems('src/lib/content/fixture.ts', importing('../checklist/results'))).toEqual(
      [expect.stringMatching(/content\/ may import only model\//)],
    );
    expect(await problems('src/lib/content/fixture.ts', importing('../model/catalogue'))).toEqual(
      [],
    );
  });

  test('is pure like any domain code', async () => {
    expect(await problems('src/lib/content/fixture.ts', `export const x = fetch;\n`)).toEqual([
      "no-restricted-globals: Unexpected use of 'fetch'.",
    ]);
  });
});

describe('components', () => {
  test('never import a machine: they use the feature controller', async () => {
    expect(
      await problems(
        'src/lib/blocklists/ui/Fixture.svelte',
        component("import { checkMachine as thing } from '../check.machine';"),
      ),
    ).toEqual([expect.stringMatching(/ui\/ never imports a machine/)]);
    expect(
      await problems(
        'src/lib/blocklists/ui/Fixture.svelte',
        component("import { CheckController as thing } from '../controller.svelte';"),
      ),
    ).toEqual([]);
  });

  test('do no I/O themselves, though they may use the types io/ describes', async () => {
    expect(
      await problems(
        'src/lib/blocklists/ui/Fixture.svelte',
        component("import { createDohClient as thing } from '../io/doh';"),
      ),
    ).toEqual([expect.stringMatching(/ui\/ does no I\/O/)]);
    expect(
      await problems(
        'src/lib/blocklists/ui/Fixture.svelte',
        component(
          "import type { DohClient } from '../io/doh';\n  const thing: DohClient | undefined = undefined;",
        ),
      ),
    ).toEqual([]);
  });

  test('never render markup from text with {@html}', async () => {
    expect(
      await problems(
        'src/lib/checklist/ui/Fixture.svelte',
        '<script lang="ts">\n  let { text }: { text: string } = $props();\n</script>\n\n{@html text}\n',
      ),
    ).toEqual([expect.stringMatching(/svelte\/no-at-html-tags/)]);
  });
});

describe('zod', () => {
  test('is taken from shared/zod.ts, where it is configured jitless, never from the package', async () => {
    const schema = (from: string) =>
      `import { z } from '${from}';\nexport const thing = z.object({ a: z.string() });\n`;
    for (const [path, specifier] of [
      ['src/lib/model/fixture.ts', 'zod'],
      ['src/lib/blocklists/domain/fixture.ts', 'zod/v4'],
      ['tests/unit/fixture.test.ts', 'zod'],
    ] as const) {
      expect(await problems(path, schema(specifier))).toEqual([
        expect.stringMatching(/no-restricted-syntax: .*shared\/zod\.ts/),
      ]);
    }
    expect(await problems('src/lib/model/fixture.ts', schema('../shared/zod'))).toEqual([]);
    // A type import runs nothing, so it may name the package.
    expect(
      await problems(
        'src/lib/shared/fixture.ts',
        "import type { z } from 'zod';\nexport type Thing = z.ZodError;\n",
      ),
    ).toEqual([]);
  });
});
