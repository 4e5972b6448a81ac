import type { Assessment } from '../../model/assessment';
import type { Catalogue, Guidance } from '../../model/catalogue';
import { toDocument } from '../../model/document';
import type { AssessmentResults } from '../../checklist/results';
import { downloadFile, readAssessmentFile } from '../../assessment/io/files';
import { exportFileName } from '../../shared/file-names';
import { describeError } from '../../shared/errors';
import type { PaperSize } from '../paper';
import type { ReportChoices } from '../audit';
import type { ExportFile, VerifyOutcome } from './exports';

/** The export code (digest, report model, CSV, and through them jsPDF) loads on first use. */
const loadExports = () => import('./exports');

/** What the exports read: the open assessment as it is at the moment of the click. */
export interface ExportSource {
  catalogue: Catalogue;
  assessment(): Assessment;
  results(): AssessmentResults;
  /** The guidance texts (the CSV's fixes, and how to check a Don't know), loaded if need be. */
  guidance(): Promise<Guidance>;
  now(): Date;
  /** Told when an export had to leave something out (the JSON file without its digest). */
  warn(text: string): void;
}

/**
 * The files a user downloads (PDF report, CSV action plan, JSON with its digest) and the check of
 * a file against a digest. Each export resolves to the file name, for the status line, and
 * rejects with the reason.
 */
export interface ReportDownloads {
  json(): Promise<string>;
  pdf(options: { paper: PaperSize } & Partial<ReportChoices> & CompareWith): Promise<string>;
  docx(options: Partial<ReportChoices> & CompareWith): Promise<string>;
  /** Reads a file to compare with, as an import would, without adding it to the library. */
  readForComparison(
    file: File,
  ): Promise<{ ok: true; assessment: Assessment } | { ok: false; reason: string }>;
  csv(): Promise<string>;
  verify(file: File, printedDigest: string): Promise<VerifyOutcome>;
}

/** A previous assessment to compare with ("Since the last assessment"), when one was chosen. */
export interface CompareWith {
  previous?: Assessment | undefined;
}

function offer(file: ExportFile): string {
  downloadFile(file.fileName, file.content, file.type);
  return file.fileName;
}

export function createReportDownloads(source: ExportSource): ReportDownloads {
  return {
    /**
     * Never fails for want of a digest: this is also the emergency export when storage fails, so
     * if the digest cannot be made (no Web Crypto on a plain-HTTP page, or the export code cannot
     * be fetched) the file is written without one and the user is told.
     */
    async json() {
      const assessment = source.assessment();
      const now = source.now();
      let file: ExportFile;
      try {
        const { jsonExport } = await loadExports();
        file = await jsonExport(assessment, now);
      } catch (error) {
        source.warn(
          `The export has no integrity digest: it could not be computed here (${describeError(error)}).`,
        );
        const { organisation, assessmentDate } = assessment.profile;
        file = {
          fileName: exportFileName(organisation, assessmentDate, 'json'),
          content: JSON.stringify(toDocument(assessment, now), null, 2),
          type: 'application/json',
        };
      }
      return offer(file);
    },
    async pdf({ paper, classification = '', distribution = '', previous }) {
      const [{ pdfExport }, guidance] = await Promise.all([loadExports(), source.guidance()]);
      return offer(
        await pdfExport({
          catalogue: source.catalogue,
          assessment: source.assessment(),
          results: source.results(),
          now: source.now(),
          paper,
          guidance,
          choices: { classification, distribution },
          ...(previous ? { previous } : {}),
        }),
      );
    },
    async docx({ classification = '', distribution = '', previous }) {
      const [{ docxExport }, guidance] = await Promise.all([loadExports(), source.guidance()]);
      return offer(
        await docxExport({
          catalogue: source.catalogue,
          assessment: source.assessment(),
          results: source.results(),
          now: source.now(),
          guidance,
          choices: { classification, distribution },
          ...(previous ? { previous } : {}),
        }),
      );
    },
    async csv() {
      const { csvExport } = await loadExports();
      return offer(
        await csvExport({
          catalogue: source.catalogue,
          assessment: source.assessment(),
          results: source.results(),
          guidance: await source.guidance(),
          now: source.now(),
        }),
      );
    },
    async readForComparison(file) {
      const read = await readAssessmentFile(file);
      return read.ok
        ? { ok: true, assessment: read.document.assessment }
        : { ok: false, reason: read.reason };
    },
    async verify(file, printedDigest) {
      const { verifyExportFile } = await loadExports();
      return verifyExportFile(file, printedDigest);
    },
  };
}
