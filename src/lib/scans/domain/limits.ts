import { MAX_SCAN_HOSTS } from '../../model/scan-evidence';
import { formatBytes, formatNumber } from '../../shared/format';

/**
 * Checks on an nmap XML file's text made BEFORE it is parsed, so nothing dangerous or huge ever
 * reaches the XML parser: each refusal says what is wrong in plain words.
 */

/** The largest scan file read: about 2 KB a host at the host limit. */
export const MAX_SCAN_BYTES = 40 * 1024 * 1024;

export function checkScanSize(bytes: number): string | undefined {
  if (bytes === 0) return 'The file is empty.';
  if (bytes > MAX_SCAN_BYTES) {
    return `The file is ${formatBytes(bytes)}; this app reads scan files of at most ${formatBytes(MAX_SCAN_BYTES)}. Split the scan into smaller ranges and import each file.`;
  }
  return undefined;
}

/** Counts `<host` elements without parsing (a plain scan of the text). */
export function countHostElements(text: string): number {
  let count = 0;
  let at = text.indexOf('<host');
  while (at !== -1) {
    const next = text.charCodeAt(at + 5);
    // "<host " or "<host>" — not "<hostnames>", "<hostname", "<hosthint>", "<hostscript>".
    if (next === 32 || next === 62 || next === 9 || next === 10 || next === 13) count += 1;
    at = text.indexOf('<host', at + 5);
  }
  return count;
}

/**
 * What is wrong with the text before parsing, or undefined. nmap writes `<!DOCTYPE nmaprun>` and
 * nothing more: any internal subset or entity declaration is refused, as entity expansion can make
 * a small file grow to gigabytes in the parser (an "XML bomb").
 */
export function precheckScanText(text: string): string | undefined {
  if (text.trim() === '') return 'The file is empty.';
  const head = text.slice(0, 4096);
  if (/<!ENTITY/i.test(text) || /<!DOCTYPE[^>]*\[/i.test(head)) {
    return 'The file declares XML entities (a DOCTYPE with its own definitions). nmap never writes these, and they can make a small file expand without limit when read (an "XML bomb"), so it was not read.';
  }
  if (!/<nmaprun[\s>]/.test(head) && !/<nmaprun[\s>]/.test(text.slice(0, 65_536))) {
    return looksLikeXml(head)
      ? "This XML file is not nmap output: it has no <nmaprun> element. Save the scan with nmap's -oX option and import that file."
      : 'This is not an nmap XML file. Save the scan with nmap\'s -oX option (not the normal or "grepable" output) and import that file.';
  }
  const hosts = countHostElements(text);
  if (hosts > MAX_SCAN_HOSTS) {
    return `The file lists ${formatNumber(hosts)} hosts; this app reads at most ${formatNumber(MAX_SCAN_HOSTS)} per file, so it was not read. Scan the ranges in parts (or only the hosts that answer) and import each file.`;
  }
  if (!/<\/nmaprun>\s*$/.test(text.slice(-4096))) {
    return "The file is cut short: it ends before nmap's closing </nmaprun>, so the scan was interrupted or the file was not copied whole. Run the scan again, or find the complete file.";
  }
  return undefined;
}

function looksLikeXml(head: string): boolean {
  return /^\s*(<\?xml|<[A-Za-z!])/.test(head);
}
