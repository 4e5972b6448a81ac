import { describe, expect, test } from 'vitest';
import {
  emptyProfile,
  BlocklistSettingsSchema,
  TEXT_LIMITS,
  type BlocklistSettings,
} from '../../src/lib/model/assessment';
import { planRun, readTargets } from '../../src/lib/blocklists/domain/request';
import { refusalsInBrief, REFUSALS_TOLD } from '../../src/lib/blocklists/domain/wording';
import { MAX_NOT_CHECKED } from '../../src/lib/model/blocklist-run';

/** `count` distinct public ranges of 2^(32 - prefix) addresses in 11.0.0.0/8. */
function ranges(count: number, prefix = 22): string {
  const step = 2 ** (32 - prefix);
  return Array.from({ length: count }, (_, i) => {
    const value = 11 * 2 ** 24 + i * step;
    return `${[24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.')}/${prefix}`;
  }).join('\n');
}

const settings = (targets: string): BlocklistSettings => ({
  ...BlocklistSettingsSchema.parse({
    resolver: 'custom',
    customResolverUrl: 'http://127.0.0.1:8053/dns-query',
  }),
  targets,
});

describe('thousands of lines of addresses', () => {
  test('the same text is read once, however often the step shows it or a run is planned from it', () => {
    const text = ranges(3000);
    const first = readTargets(text);
    expect(readTargets(text)).toBe(first);
    expect(readTargets(`${text}\n`)).not.toBe(first);
  });

  test('the screen tells the first lines over the limit in full and counts the rest, naming the last', () => {
    const { expanded } = readTargets(ranges(3000));
    const told = refusalsInBrief(expanded.refused);
    expect(told).toHaveLength(REFUSALS_TOLD + 1);
    expect(told[0]).toMatch(/^Line 2: 11\.0\.4\.0\/22 was left out: it adds 1,024 addresses/);
    expect(told.at(-1)).toBe(
      '…and 2,989 more lines over the limit, the last on line 3,000: they will not be checked either.',
    );
    expect(refusalsInBrief(expanded.refused.slice(0, REFUSALS_TOLD + 1)).at(-1)).toBe(
      '…and 1 more line over the limit, the last on line 12: it will not be checked either.',
    );
    expect(refusalsInBrief(expanded.refused.slice(0, 3))).toHaveLength(3);
  });

  test('when no range fits, the reasons a run cannot start are told the same way', () => {
    const result = planRun(settings(ranges(3000, 21)), emptyProfile(), {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toHaveLength(REFUSALS_TOLD + 1);
    expect(result.problems[0]).toMatch(/^Line 1: 11\.0\.0\.0\/21 was left out: it holds 2,048/);
    expect(result.problems.at(-1)).toMatch(/^…and 2,990 more lines over the limit/);
  });

  test('a run that would leave out more lines than it can record does not start, and says why', () => {
    const text = ranges(MAX_NOT_CHECKED + 2);
    expect(text.length).toBeLessThanOrEqual(TEXT_LIMITS.targets);
    const result = planRun(settings(text), emptyProfile(), {});
    expect(result).toEqual({
      ok: false,
      problems: [
        `4,097 lines or parts of ranges would be left out of this check, more than a check can record (4,096): remove the lines over the limit and check them in later runs.`,
      ],
    });
    const fits = planRun(settings(ranges(MAX_NOT_CHECKED + 1)), emptyProfile(), {});
    expect(fits.ok && fits.plan.notChecked).toHaveLength(MAX_NOT_CHECKED);
    expect(fits.ok && fits.plan.refused).toHaveLength(REFUSALS_TOLD + 1);
  });
});
