import type { ScanService } from '../../model/scan-evidence';
import type { SupportEntry, SupportTable } from '../../content/software-support';

/** Compares dotted version numbers ("15.1.2507.39" < "15.2"): missing parts count as 0. */
export function compareVersions(a: string, b: string): number {
  const x = a.split('.').map(Number);
  const y = b.split('.').map(Number);
  for (let i = 0; i < Math.max(x.length, y.length); i += 1) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

export type SupportStatus =
  | { status: 'out-of-support'; entry: SupportEntry; asOf: string }
  | { status: 'unknown'; why: 'no-version' | 'not-in-table'; asOf: string };

/**
 * Support status of the software nmap reported, from the dated table. Only an entry that matches
 * both product and version says "out of support"; everything else is "not known", never "supported".
 */
export function supportOf(service: ScanService | undefined, table: SupportTable): SupportStatus {
  const product = service?.product ?? '';
  const version = /^\d+(\.\d+)*/.exec(service?.version ?? '')?.[0] ?? '';
  const candidates = table.entries.filter((e) => product.startsWith(e.product));
  if (candidates.length === 0) return { status: 'unknown', why: 'not-in-table', asOf: table.asOf };
  if (!version) return { status: 'unknown', why: 'no-version', asOf: table.asOf };
  const entry = candidates.find(
    (e) =>
      compareVersions(version, e.versionFrom) >= 0 && compareVersions(version, e.versionBefore) < 0,
  );
  return entry
    ? { status: 'out-of-support', entry, asOf: table.asOf }
    : { status: 'unknown', why: 'not-in-table', asOf: table.asOf };
}
