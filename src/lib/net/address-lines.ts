import ipaddr from 'ipaddr.js';

/**
 * Addresses, ranges and mail domains as an administrator types them into the profile: one per
 * line, with comments. Parsing never throws and never drops a line silently: every line is either
 * an entry or a problem that names its line number, because a typo in a range is exactly what an
 * admin wants to hear about before a block-list run quietly checks the wrong addresses.
 *
 * All address syntax is left to ipaddr.js; this module only splits lines, comments and the
 * "/prefix" suffix.
 */

export type AddressKind = 'ipv4' | 'ipv6';

export interface AddressEntry {
  /** 1-based line number in the text as typed. */
  line: number;
  /** The line as typed, trimmed and without its comment. */
  text: string;
  kind: AddressKind;
  /** 32 or 128 for a single address. */
  prefixLength: number;
  /**
   * Canonical form: dotted decimal for IPv4, RFC 5952 (lowercase, longest zero run compressed)
   * for IPv6; a range as `network/prefix`, a single address without a prefix (so `192.0.2.1/32`
   * and `192.0.2.1` are the same entry).
   */
  normalised: string;
}

export interface LineProblem {
  line: number;
  text: string;
  /** Ready to show: starts with "Line N: ". */
  message: string;
}

export interface DomainEntry {
  line: number;
  text: string;
  /** Lowercase, Unicode NFC, without a trailing dot. Not converted to punycode (see below). */
  normalised: string;
}

export interface ParsedLines<E> {
  entries: E[];
  problems: LineProblem[];
}

export const BITS: Record<AddressKind, number> = { ipv4: 32, ipv6: 128 };

/** Long junk (a pasted log line) is cut in messages so they stay readable. */
function quote(text: string): string {
  const max = 60;
  return `'${text.length > max ? `${text.slice(0, max - 1)}…` : text}'`;
}

/**
 * Splits text into numbered, trimmed lines without comments, skipping blank and comment-only
 * lines. A '#' anywhere starts a comment: neither addresses nor domain names can contain one.
 */
function contentLines(text: string): { line: number; text: string }[] {
  const result: { line: number; text: string }[] = [];
  text.split(/\r\n|\r|\n/).forEach((raw, index) => {
    const hash = raw.indexOf('#');
    const content = (hash === -1 ? raw : raw.slice(0, hash)).trim();
    if (content !== '') result.push({ line: index + 1, text: content });
  });
  return result;
}

export function formatAddress(address: ipaddr.IPv4 | ipaddr.IPv6): string {
  // IPv4-mapped IPv6 addresses stay IPv6 (::ffff:7f00:2): that is how they are written in DNS
  // block-list test points and how they are queried (as ip6.arpa-style nibbles).
  return address.kind() === 'ipv4'
    ? address.toString()
    : (address as ipaddr.IPv6).toRFC5952String();
}

/** Explains why ipaddr.js refused (or why we refuse) the address part of a line. */
function addressProblem(address: string, original: string): string | undefined {
  if (address.includes('%')) {
    return `${quote(original)} has a zone id (${address.slice(address.indexOf('%'))}): zone ids only mean something on one machine; list the address without it`;
  }
  if (address.startsWith('[') && address.endsWith(']')) {
    return `${quote(original)} is in brackets: write the address without them, e.g. ${address.slice(1, -1)}`;
  }
  if (!ipaddr.isValid(address)) {
    if (/\s/.test(address)) {
      return `${quote(original)} contains spaces: put one address per line`;
    }
    return `${quote(original)} is not a valid IPv4 or IPv6 address`;
  }
  const parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(address)) {
    // ipaddr.js accepts the historic inet_aton forms ('127.1', '0x7f.1', octal '010.1.1.1');
    // nobody typing a mail server's address means them, and tools disagree on what they are.
    return `${quote(original)} is not written as four decimal numbers (some software reads it as ${parsed.toString()}): write all four parts in decimal, without leading zeros`;
  }
  return undefined;
}

type LineResult = { entry: Omit<AddressEntry, 'line' | 'text'> } | { problem: string };

function parseAddress(text: string, allowRanges: boolean): LineResult {
  const slash = text.lastIndexOf('/');
  const addressPart = slash === -1 ? text : text.slice(0, slash);
  const problem = addressProblem(addressPart, text);
  if (problem) return { problem };
  const address = ipaddr.parse(addressPart);
  const kind = address.kind();
  const bits = BITS[kind];

  if (slash === -1) {
    return { entry: { kind, prefixLength: bits, normalised: formatAddress(address) } };
  }

  const prefixPart = text.slice(slash + 1);
  const prefixLength = /^\d{1,3}$/.test(prefixPart) ? Number(prefixPart) : Number.NaN;
  if (!(prefixLength >= 0 && prefixLength <= bits)) {
    return {
      problem: `${quote(text)} has a prefix length outside 0–${bits}`,
    };
  }
  if (prefixLength === bits) {
    // A /32 or /128 is one address whatever the setting.
    return { entry: { kind, prefixLength, normalised: formatAddress(address) } };
  }
  if (!allowRanges) {
    return { problem: `${quote(text)} is a range: a single address is expected here, not a range` };
  }
  const network =
    kind === 'ipv4'
      ? ipaddr.IPv4.networkAddressFromCIDR(`${addressPart}/${prefixLength}`)
      : ipaddr.IPv6.networkAddressFromCIDR(`${addressPart}/${prefixLength}`);
  const normalised = `${formatAddress(network)}/${prefixLength}`;
  if (formatAddress(network) !== formatAddress(address)) {
    // Reported rather than silently fixed: '192.0.2.1/24' is as likely a typo for '/32' as a
    // lazy way of writing the /24, and only the admin knows which.
    return { problem: `${quote(text)} has host bits set: did you mean ${normalised}?` };
  }
  return { entry: { kind, prefixLength, normalised } };
}

/**
 * One entry per non-empty line. Ranges (CIDR) are accepted only with `allowRanges`; a /32 or
 * /128 always counts as a single address.
 */
export function parseAddressLines(
  text: string,
  options: { allowRanges?: boolean } = {},
): ParsedLines<AddressEntry> {
  const allowRanges = options.allowRanges ?? false;
  const entries: AddressEntry[] = [];
  const problems: LineProblem[] = [];
  for (const { line, text: content } of contentLines(text)) {
    const result = parseAddress(content, allowRanges);
    if ('problem' in result) {
      problems.push({ line, text: content, message: `Line ${line}: ${result.problem}` });
    } else {
      entries.push({ line, text: content, ...result.entry });
    }
  }
  return { entries, problems };
}

/**
 * Letters (any script, so internationalised names can be typed as people write them), marks
 * (combining accents in decomposed input), digits and hyphens.
 */
const LABEL = /^[\p{L}\p{M}\p{N}](?:[\p{L}\p{M}\p{N}-]*[\p{L}\p{M}\p{N}])?$/u;

function domainProblem(text: string, normalised: string): string | undefined {
  const q = quote(text);
  if (/\s/.test(text)) return `${q} contains spaces: put one domain per line`;
  if (text.includes('@')) {
    return `${q} looks like an email address: enter only the part after the @`;
  }
  if (text.includes('://') || text.includes('/')) {
    return `${q} looks like a web address: enter only the domain name, e.g. example.ac.uk`;
  }
  if (ipaddr.isValid(text)) return `${q} is an IP address, not a mail domain`;
  if (normalised.length > 253) return `${q} is longer than 253 characters`;
  const labels = normalised.split('.');
  if (labels.length < 2)
    return `${q} is not a full domain name (expected at least two parts, e.g. example.ac.uk)`;
  for (const label of labels) {
    if (label === '') return `${q} has an empty part (two dots together, or a leading dot)`;
    if (label.length > 63) return `${q} has a part longer than 63 characters`;
    if (!LABEL.test(label)) {
      return `${q} is not a valid domain name: each part may contain only letters, digits and hyphens, and may not start or end with a hyphen`;
    }
  }
  if (/^\d+$/.test(labels[labels.length - 1] ?? '')) {
    return `${q} ends in a number: top-level domains are never numeric`;
  }
  return undefined;
}

/**
 * Mail domains, one per line. Internationalised names are accepted in Unicode and kept that way:
 * converting to punycode needs `URL` or a punycode table, and this layer has neither; the I/O
 * layer converts a name to its A-label form (in the browser `new URL('http://' + name).hostname`)
 * before querying DNS. Length limits are checked on the Unicode form, so a long IDN that only
 * exceeds 63/253 octets once encoded is not caught here.
 */
export function parseDomainLines(text: string): ParsedLines<DomainEntry> {
  const entries: DomainEntry[] = [];
  const problems: LineProblem[] = [];
  for (const { line, text: content } of contentLines(text)) {
    // One trailing dot is the fully-qualified form, which people paste from zone files.
    const normalised = content.normalize('NFC').toLowerCase().replace(/\.$/, '');
    const problem = domainProblem(content, normalised);
    if (problem) problems.push({ line, text: content, message: `Line ${line}: ${problem}` });
    else entries.push({ line, text: content, normalised });
  }
  return { entries, problems };
}
