import type { ScanFindingKind } from '../../model/scan-evidence';
import type { ScanFinding } from './findings';

/**
 * What the scans found against a control, in the words the conflicts use. Kept apart from
 * finding-wording.ts because the conflicts are worked out with the results on the first page
 * load, and only these few words have to come with them.
 */

const NOUNS: Record<ScanFindingKind, [string, string]> = {
  'open-relay': ['an open relay', 'open relays'],
  'open-proxy': ['an open proxy', 'open proxies'],
  'unnecessary-daemon': [
    'a mail daemon on a host the profile does not list as a mail server',
    'mail daemons on hosts the profile does not list as mail servers',
  ],
  'reachable-port': [
    'a mail port reachable from outside on a host that is not a declared mail server',
    'mail ports reachable from outside on hosts that are not declared mail servers',
  ],
  'out-of-support': [
    'mail software out of support',
    'mail servers running software out of support',
  ],
};

/** "127.0.0.1 port 25/tcp". */
export function where(finding: Pick<ScanFinding, 'host' | 'port' | 'protocol'>): string {
  return `${finding.host} port ${finding.port}/${finding.protocol}`;
}

/** "an open relay on 127.0.0.1 port 38809/tcp" or "2 open relays (127.0.0.1 port 25/tcp, …)". */
function group(kind: ScanFindingKind, findings: readonly ScanFinding[]): string {
  const [one, many] = NOUNS[kind];
  const places = [...new Set(findings.map(where))];
  if (findings.length === 1) return `${one} on ${places[0]}`;
  const shown = places.slice(0, 5).join(', ');
  const more = places.length > 5 ? ` and ${places.length - 5} more` : '';
  return `${findings.length} ${many} (${shown}${more})`;
}

/** What the scans found against a control, as a clause: "the imported network scans found …". */
export function scanFindingsClause(findings: readonly ScanFinding[]): string {
  const kinds = [...new Set(findings.map((f) => f.kind))];
  const parts = kinds.map((kind) =>
    group(
      kind,
      findings.filter((f) => f.kind === kind),
    ),
  );
  const files = [...new Set(findings.map((f) => f.fileName))];
  return `the imported network ${files.length === 1 ? 'scan' : 'scans'} found ${parts.join(', and ')}`;
}
