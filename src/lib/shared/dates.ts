/** Date formatting through Intl, in British English, so every screen and report agrees. */

// With the time zone: evidence is read later and elsewhere, where "10:00" alone is ambiguous.
const dateTime = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  timeZoneName: 'short',
});
const dateTimeSeconds = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZoneName: 'short',
});
const dateOnly = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

export function formatDateTime(iso: string, options: { seconds?: boolean } = {}): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Seconds where two moments close together must be told apart (imports of one file).
  return (options.seconds ? dateTimeSeconds : dateTime).format(date);
}

const timeOnly = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** The time of day of a moment, where the user is: "15:04". */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeOnly.format(date);
}

/** A calendar date (YYYY-MM-DD) in words, for example "28 November 2026". */
export function formatCalendarDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  return dateOnly.format(new Date(`${isoDate}T00:00:00Z`));
}

/** Today's calendar date where the user is (not in UTC), as YYYY-MM-DD. */
export function localIsoDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** True when a calendar date (YYYY-MM-DD) is after today where the user is. */
export function isFutureDate(isoDate: string, now: Date): boolean {
  // ISO calendar dates compare correctly as strings.
  return /^\d{4}-\d{2}-\d{2}$/.test(isoDate) && isoDate > localIsoDate(now);
}
