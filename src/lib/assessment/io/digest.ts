import type { Assessment } from '../../model/assessment';
import { canonicalJson } from '../canonical';

/** SHA-256 of the text's UTF-8 bytes, as lowercase hex, through the browser's Web Crypto. */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = new TextEncoder().encode(text);
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(hash), (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** The integrity digest of an assessment: SHA-256 of its canonical content (see ../canonical.ts). */
export function assessmentDigest(assessment: Assessment): Promise<string> {
  return sha256Hex(canonicalJson(assessment));
}
