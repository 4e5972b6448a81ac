import { rememberCheckedScan, type ScanEvidence } from '../model/scan-evidence';
import { importScanFile, type VantageChoice } from './io/scan-file';

export interface ImportMessage {
  fileName: string;
  ok: boolean;
  text: string;
  detail?: string;
  notices: string[];
}

/** The scan step's imports: one file after another, each with its own message. */
export class ScanImports {
  messages: ImportMessage[] = $state([]);
  busy = $state(false);

  async run(
    files: readonly File[],
    options: {
      vantage: VantageChoice;
      existing: () => readonly ScanEvidence[];
      add: (scan: ScanEvidence) => void;
      now: () => Date;
    },
  ): Promise<void> {
    this.busy = true;
    this.messages = [];
    try {
      for (const file of files) {
        const result = await importScanFile(file, {
          existing: options.existing(),
          vantage: options.vantage,
          now: options.now(),
        });
        if (result.ok) {
          // Checked against the schema in the reader's worker: saving need not check it again.
          rememberCheckedScan(result.scan);
          options.add(result.scan);
          const up = result.scan.hosts.filter((h) => h.status === 'up').length;
          this.messages.push({
            fileName: file.name,
            ok: true,
            text: `Imported: ${up} ${up === 1 ? 'host' : 'hosts'} up.`,
            notices: result.notices,
          });
        } else {
          this.messages.push({
            fileName: file.name,
            ok: false,
            text: `Not imported: ${result.reason}`,
            ...(result.detail ? { detail: result.detail } : {}),
            notices: [],
          });
        }
      }
    } finally {
      this.busy = false;
    }
  }
}
