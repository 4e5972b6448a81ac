import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { z } from '../../src/lib/shared/zod';
import { AnswerSchema } from '../../src/lib/model/assessment';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
  });
}

describe('zod, configured in one place', () => {
  test('no file but shared/zod.ts takes zod from the package itself', () => {
    const direct = sourceFiles(SRC)
      .filter((path) => /from ['"]zod(\/[^'"]*)?['"]/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(SRC, path));
    expect(direct).toEqual(['lib/shared/zod.ts']);
  });

  test('never compiles validators (the page forbids eval) and speaks English', () => {
    expect(z.config().jitless).toBe(true);
    const parsed = AnswerSchema.safeParse({ status: 'maybe', notes: 7 });
    expect(parsed.success).toBe(false);
    const messages = parsed.error!.issues.map((issue) => issue.message);
    expect(messages).toContain('Invalid input: expected string, received number');
    expect(messages.some((m) => m.startsWith('Invalid option: expected one of'))).toBe(true);
  });

  test('defaults and limits hold as the documents need them', () => {
    expect(AnswerSchema.parse({ status: 'implemented' })).toEqual({
      status: 'implemented',
      naReason: '',
      notes: '',
      evidenceRef: '',
      owner: '',
      targetDate: '',
    });
    const tooLong = AnswerSchema.safeParse({ status: 'implemented', owner: 'x'.repeat(201) });
    expect(tooLong.error?.issues[0]?.path).toEqual(['owner']);
  });
});
