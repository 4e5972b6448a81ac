import { describe, expect, test } from 'vitest';

/**
 * zod, left to itself, calls `new Function` the first time an object schema is built (to see
 * whether it may compile validators) and again to compile each object parser. Under the app's
 * Content-Security-Policy the first call is refused and reported as a violation (Firefox logs it
 * as a console error on every page load). Configured jitless in src/lib/shared/zod.ts, it never
 * calls it: this test watches the Function constructor while the app's schemas are built and used.
 * Everything is imported inside the test, after the watch starts, so no schema exists before.
 */
describe('zod configuration', () => {
  test('building and using the app’s schemas never calls new Function, which a strict CSP reports', async () => {
    const calls: string[] = [];
    const RealFunction = globalThis.Function;
    const record = (args: readonly unknown[]) => calls.push(String(args.at(-1)).slice(0, 80));
    globalThis.Function = new Proxy(RealFunction, {
      construct(target, args, newTarget) {
        record(args);
        return Reflect.construct(target, args, newTarget) as object;
      },
      apply(target, self, args) {
        record(args);
        return Reflect.apply(target, self, args) as unknown;
      },
    });
    let read: { ok: boolean } | undefined;
    try {
      const { readDocument } = await import('../../src/lib/model/document');
      const { defaultCatalogue } = await import('../../src/lib/content/checklist');
      const { DNSBL_LISTS } = await import('../../src/lib/content/blocklists');
      const { blocklistRun, reportAssessment } = await import('../fixtures/report-assessment');
      const { toDocument } = await import('../../src/lib/model/document');
      expect(defaultCatalogue.sections.length).toBeGreaterThan(0);
      expect(DNSBL_LISTS.length).toBeGreaterThan(0);
      const assessment = reportAssessment({ run: blocklistRun(4, 2) });
      // Through JSON, as a file is read: parsing runs every object schema of a document.
      read = readDocument(JSON.parse(JSON.stringify(toDocument(assessment, new Date()))));
    } finally {
      globalThis.Function = RealFunction;
    }
    expect(read?.ok).toBe(true);
    expect(calls).toEqual([]);
    const { z } = await import('../../src/lib/shared/zod');
    expect(z.config().jitless).toBe(true);
  });
});
