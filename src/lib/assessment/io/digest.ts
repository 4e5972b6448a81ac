import type { Assessment } from '../../model/assessment';
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
