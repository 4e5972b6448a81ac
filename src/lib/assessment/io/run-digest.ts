import canonicalize from 'canonicalize';
import type { BlocklistRun } from '../../model/blocklist-run';
import { sha256Hex } from './digest';

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
