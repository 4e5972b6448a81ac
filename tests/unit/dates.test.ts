import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { assessmentLabel } from '../../src/lib/assessment/label';
import { assessmentWith } from '../fixtures/assessment';
import {
  formatCalendarDate,
  formatDateTime,
  isFutureDate,
  localIsoDate,
} from '../../src/lib/shared/dates';

describe('dates', () => {
  test('a moment is shown with its time zone, so evidence read elsewhere is not ambiguous', () => {
    expect(formatDateTime('2026-11-28T10:00:00.000Z')).toMatch(
      /^\d{1,2} November 2026 at \d{2}:\d{2} [A-Z][A-Za-z0-9+:-]*$/,
    );
  });

  test('a string that is not a moment is shown as it is', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  test('calendar dates are in words; today is the local date', () => {
    expect(formatCalendarDate('2026-11-28')).toBe('28 November 2026');
    expect(formatCalendarDate('28/11/2026')).toBe('28/11/2026');
    expect(localIsoDate(new Date(2026, 0, 5, 23, 59))).toBe('2026-01-05');
  });

  test('a date is in the future only when it is after today where the user is', () => {
    const lateEvening = new Date(2026, 10, 28, 23, 30);
    expect(isFutureDate('2026-11-29', lateEvening)).toBe(true);
    expect(isFutureDate('2026-11-28', lateEvening)).toBe(false);
    expect(isFutureDate('2025-12-31', lateEvening)).toBe(false);
    expect(isFutureDate('', lateEvening)).toBe(false);
  });
});

describe('one date formatter', () => {
  // Every date on the screen, in the PDF, the Word copy and the CSV goes through shared/dates.ts.
  // A second formatter (a toLocaleDateString here, an Intl.DateTimeFormat there) is how "2026-11-30"
  // came to stand beside "31 March 2027".
  const FORMATTERS =
    /Intl\.DateTimeFormat|\.toLocale(?:Date|Time)?String\(|\.toDateString\(|\.toUTCString\(|toISOString\(\)\.slice|\.get(?:UTC)?(?:FullYear|Month|Date)\(/;

  function sourceFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return sourceFiles(path);
      return /\.(ts|svelte)$/.test(entry.name) ? [path] : [];
    });
  }

  test('no source file but shared/dates.ts formats a date', () => {
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    const offenders = sourceFiles(src)
      .filter((path) => !path.endsWith(join('lib', 'shared', 'dates.ts')))
      .filter((path) => FORMATTERS.test(readFileSync(path, 'utf8')))
      .map((path) => relative(src, path));
    expect(offenders).toEqual([]);
  });

  test('the guard bites: each way of formatting a date is caught', () => {
    for (const line of [
      'new Intl.DateTimeFormat("en-US")',
      'date.toLocaleDateString()',
      'date.toLocaleString("en-GB")',
      'now.toISOString().slice(0, 10)',
      'now.getFullYear()',
    ]) {
      expect(FORMATTERS.test(line), line).toBe(true);
    }
    expect(FORMATTERS.test('count.toString()')).toBe(false);
  });

  test('the assessment label gives its date in words', () => {
    const base = assessmentWith();
    const assessment = {
      ...base,
      profile: { ...base.profile, organisation: 'Prifysgol Bangor', assessmentDate: '2026-11-28' },
    };
    expect(assessmentLabel(assessment)).toBe('\u2068Prifysgol Bangor\u2069 (28 November 2026)');
  });
});
