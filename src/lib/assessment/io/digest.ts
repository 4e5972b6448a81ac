import canonicalize from 'canonicalize';
import type { Assessment } from '../../model/assessment';
import type { BlocklistRun } from '../../model/blocklist-run';
import { canonicalJson } from '../canonical';

/** SHA-256 of the text's UTF-8 bytes, as lowercase hex, through the browser's Web Crypto. */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(hash), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * Digests already worked out for an assessment object, by the worker that read it from a file
 * (see document-worker.ts), each kept for one use. Importing a file is followed at once by a check
 * of its digest, made by code that hands over the assessment, not the file: this way that check
 * finds the worker's answer instead of hashing megabytes in the page. Kept by object, which the
 * app never changes in place, and weakly, so nothing stays alive for it.
 */
const digestsWorkedOut = new WeakMap<Assessment, string>();

export function rememberDigest(assessment: Assessment, digest: string): void {
  digestsWorkedOut.set(assessment, digest);
}

/** The integrity digest of an assessment: SHA-256 of its canonical content (see ../canonical.ts). */
export function assessmentDigest(assessment: Assessment): Promise<string> {
  const known = digestsWorkedOut.get(assessment);
  if (known !== undefined) {
    digestsWorkedOut.delete(assessment);
    return Promise.resolve(known);
  }
  return sha256Hex(canonicalJson(assessment));
}

/**
 * The hash the evidence index prints for a block-list run: SHA-256 of the run's canonical JSON
 * (RFC 8785, as the assessment digest), so anyone can recompute it from the exported file with
 * any JCS tool, whatever order or indentation the file was written in.
 */
export function runDigest(run: BlocklistRun): Promise<string> {
  const text = canonicalize(run);
  if (text === undefined) throw new Error('the run has no JSON form');
  return sha256Hex(text);
}
