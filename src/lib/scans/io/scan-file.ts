/**
 * Imports one nmap XML file: size, SHA-256 of its bytes (Web Crypto), the text checks and the
 * XML reading (read-nmap-xml.ts), then the schema (domain/evidence.ts). Never throws: every
 * refusal is a plain reason, and nothing is stored unless the whole file reads.
 */
import type { ScanEvidence, Vantage } from '../../model/scan-evidence';
import { checkScanSize } from '../domain/limits';
import { duplicateOf, toEvidence, vantageFromFileName } from '../domain/evidence';
import { IMPORT_WORDS } from '../domain/wording';
import { readNmapXml } from './read-nmap-xml';

export type VantageChoice = Vantage | 'from-name';

export type ScanImport =
  | { ok: true; scan: ScanEvidence; notices: string[] }
  | { ok: false; reason: string; detail?: string };

/** Lets the page paint and handle input between the heavy stages of an import. */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const hash = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(hash), (b) => b.toString(16).padStart(2, '0')).join('');
}

export async function importScanFile(
  file: File,
  options: { existing: readonly ScanEvidence[]; vantage: VantageChoice; now: Date },
): Promise<ScanImport> {
  const sizeProblem = checkScanSize(file.size);
  if (sizeProblem) return { ok: false, reason: sizeProblem };
  const vantage =
    options.vantage === 'from-name' ? vantageFromFileName(file.name) : options.vantage;
  if (!vantage) return { ok: false, reason: IMPORT_WORDS.vantageUnknown };
  let bytes: ArrayBuffer;
  try {
    bytes = await file.arrayBuffer();
  } catch (error) {
    return { ok: false, reason: 'The file could not be read.', detail: String(error) };
  }
  const sha256 = await sha256Hex(bytes);
  const duplicate = duplicateOf(options.existing, sha256);
  if (duplicate) {
    return { ok: false, reason: IMPORT_WORDS.duplicate(duplicate.fileName) };
  }
  await breathe();
  const text = new TextDecoder('utf-8').decode(bytes);
  const read = readNmapXml(text);
  if (!read.ok) return read;
  await breathe();
  const result = toEvidence(read.scan, {
    id: crypto.randomUUID(),
    fileName: file.name.slice(0, 255),
    sha256,
    bytes: file.size,
    importedAt: options.now.toISOString(),
    vantage,
  });
  return result.ok ? { ok: true, scan: result.evidence, notices: result.notices } : result;
}
