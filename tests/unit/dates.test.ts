import { describe, expect, test } from 'vitest';
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
