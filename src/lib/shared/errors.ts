/** JavaScript's own error types, whose names add nothing to their message. */
const PLAIN_NAMES = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError']);

/**
 * An error in words for a message or a stored detail, one way everywhere: the message, after the
 * name when the name says something of its own (the browser's "QuotaExceededError" or
 * "SecurityError" is the most telling part of a storage failure; "TypeError" before "Failed to
 * fetch" is not); the name alone when there is no message; anything else as text.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  if (!error.message) return error.name;
  return PLAIN_NAMES.has(error.name) ? error.message : `${error.name}: ${error.message}`;
}
