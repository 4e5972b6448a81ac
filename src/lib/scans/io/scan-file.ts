/**
 * Imports one nmap XML file: size and vantage point here, then the SHA-256, the XML reading and
 * the schema off the page's thread (scan-worker.ts, scan-task.ts). Never throws: every refusal is
 * a plain reason, and nothing is stored unless the whole file reads.
 */
import type { ScanEvidence, Vantage } from '../../model/scan-evidence';
import { checkScanSize } from '../domain/limits';
import { vantageFromFileName } from '../domain/evidence';
import { IMPORT_WORDS } from '../domain/wording';
import { readScanOffThread } from './scan-worker';
import type { ScanImport } from './scan-task';

export type { ScanImport } from './scan-task';

export type VantageChoice = Vantage | 'from-name';

export async function importScanFile(
  file: File,
  options: { existing: readonly ScanEvidence[]; vantage: VantageChoice; now: Date },
): Promise<ScanImport> {
  const sizeProblem = checkScanSize(file.size);
  if (sizeProblem) return { ok: false, reason: sizeProblem };
  const vantage =
    options.vantage === 'from-name' ? vantageFromFileName(file.name) : options.vantage;
  if (!vantage) return { ok: false, reason: IMPORT_WORDS.vantageUnknown };
  return readScanOffThread({
    file,
    fileName: file.name.slice(0, 255),
    existing: options.existing.map((s) => ({ sha256: s.sha256, fileName: s.fileName })),
    id: crypto.randomUUID(),
    importedAt: options.now.toISOString(),
    vantage,
  });
}
