/**
 * Numbers, sizes and durations in one style (British English), so the screen, the PDF and the
 * CSV write the same figure the same way.
 */

const integer = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

/** 1234567 → "1,234,567". Takes a bigint for counts too large for a number (an IPv6 /64). */
export function formatNumber(value: number | bigint): string {
  return integer.format(value);
}

/** "1 address", "1,024 addresses": a count with the right form of the noun. */
export function plural(count: number | bigint, one: string, many: string): string {
  return `${formatNumber(count)} ${BigInt(count) === 1n ? one : many}`;
}

/** "1 has" / "3 have": the verb that agrees with a count. */
export function agrees(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}

/**
 * Text someone typed, or a file named, set inside a sentence of ours: isolated (Unicode FSI … PDI)
 * so that right-to-left text, or a stray direction override in it, cannot reorder the words
 * around it. The markup equivalent is <bdi>.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** A file size: "812 bytes", "4.2 KB", "50.0 MB". */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  if (bytes < 1024 * 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  return `${(bytes / (1024 * 1024 * 1024)).toFixed(1)} GB`;
}

/** "1 min 05 s", "12 s": elapsed time in words short enough for a progress line. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${String(seconds % 60).padStart(2, '0')} s` : `${seconds} s`;
}
