/**
 * The heavy part of importing one nmap XML file: the SHA-256 of its bytes (Web Crypto), the text
 * checks and the XML reading (read-nmap-xml.ts), then the schema (domain/evidence.ts). Runs in a
 * Web Worker (scan.worker.ts) in the browser, or here on the page where there is none (tests).
 * Never throws: every refusal is a plain reason, and nothing is stored unless the whole file reads.
 */
import type { ScanEvidence, Vantage } from '../../model/scan-evidence';
import { toEvidence } from '../domain/evidence';
import { IMPORT_WORDS } from '../domain/wording';
import { readNmapXml } from './read-nmap-xml';

export interface ScanTask {
  file: Blob;
  fileName: string;
  /** The scans already imported: the same bytes again add nothing. */
  existing: { sha256: string; fileName: string }[];
  id: string;
  importedAt: string;
  vantage: Vantage;
}

export type ScanImport =
  | { ok: true; scan: ScanEvidence; notices: string[] }
  | { ok: false; reason: string; detail?: string };

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function runScanTask(task: ScanTask): Promise<ScanImport> {
  let bytes: ArrayBuffer;
  try {
    bytes = await task.file.arrayBuffer();
  } catch (error) {
    return { ok: false, reason: 'The file could not be read.', detail: String(error) };
  }
  const sha256 = await sha256Hex(bytes);
  const duplicate = task.existing.find((s) => s.sha256 === sha256);
  if (duplicate) return { ok: false, reason: IMPORT_WORDS.duplicate(duplicate.fileName) };
  const text = new TextDecoder('utf-8').decode(bytes);
  const read = readNmapXml(text);
  if (!read.ok) return read;
  const result = toEvidence(read.scan, {
    id: task.id,
    fileName: task.fileName,
    sha256,
    bytes: task.file.size,
    importedAt: task.importedAt,
    vantage: task.vantage,
  });
  return result.ok ? { ok: true, scan: result.evidence, notices: result.notices } : result;
}
