import type { Assessment } from '../../model/assessment';
import { slotValues } from '../../checklist/commands';
import type { Catalogue, Guidance } from '../../model/catalogue';
import type { ReportChoices } from '../audit';
import { checkImportSize, toDocument, type AssessmentDocument } from '../../model/document';
import { exportFileName } from '../../shared/file-names';
import { localIsoDate } from '../../shared/dates';
import { DIGEST_ALGORITHM, DIGEST_COVERS } from '../../assessment/canonical';
import type { FixesByControl } from '../csv';
import type { PaperSize } from '../paper';
import { normalisePrintedDigest, verifyDigests, type Verification } from '../verify';
import type { AssessmentResults } from '../../checklist/results';
import { assessmentDigest } from '../../assessment/io/digest';
import { runDigest as digestOfRun } from '../../assessment/io/run-digest';
import { digestFileOffThread } from '../../assessment/io/document-worker';

/**
 * The exports an auditor receives (PDF report, CSV action plan, JSON with its digest) and the
 * check of a file against a digest, put together from the pure report domain and browser I/O.
 * The session calls these; components never do. What only an export needs (the report model,
 * the CSV writer, jsPDF and its font) is imported on use, keeping the first page load small.
 */

export interface ExportFile {
  fileName: string;
  content: Blob | string;
  type: string;
}

/** The one report model the PDF and the Word copy are both built from, with its digests. */
async function reportModelFor(input: {
  catalogue: Catalogue;
  assessment: Assessment;
  results: AssessmentResults;
  now: Date;
  guidance?: Guidance;
  choices?: ReportChoices;
  previous?: Assessment;
}) {
  const run = input.assessment.lookup.lastRun;
  const [digest, runDigest, { buildReportModel }] = await Promise.all([
    assessmentDigest(input.assessment),
    // The run as exported, in canonical form: anyone can recompute the hash from the file.
    run ? digestOfRun(run) : Promise.resolve(undefined),
    import('../model'),
  ]);
  return buildReportModel({ ...input, digest, runDigest, exportedAt: input.now });
}
/** The JSON export: the document as stored, plus the digest of its canonical content. */
export async function jsonExport(assessment: Assessment, now: Date): Promise<ExportFile> {
  const document: AssessmentDocument = {
    ...toDocument(assessment, now),
    integrity: {
      algorithm: DIGEST_ALGORITHM,
      digest: await assessmentDigest(assessment),
      covers: DIGEST_COVERS,
    },
  };
  return {
    fileName: exportFileName(
      assessment.profile.organisation,
      assessment.profile.assessmentDate,
      'json',
    ),
    content: JSON.stringify(document, null, 2),
    type: 'application/json',
  };
}

export async function pdfExport(input: {
  catalogue: Catalogue;
  assessment: Assessment;
  results: AssessmentResults;
  now: Date;
  paper: PaperSize;
  guidance?: Guidance;
  choices?: ReportChoices;
  /** A previous assessment to compare with, when one was chosen. */
  previous?: Assessment;
}): Promise<ExportFile> {
  performance.mark('report-pdf-start');
  const [model, { buildReportPdf }] = await Promise.all([
    reportModelFor(input),
    import('./pdf/report-pdf'),
  ]);
  const content = await buildReportPdf(model, { paper: input.paper });
  // Read by the benchmark (scripts/bench-report.mjs) for the time spent inside the page.
  performance.measure('report-pdf', 'report-pdf-start');
  return {
    fileName: exportFileName(
      input.assessment.profile.organisation,
      input.assessment.profile.assessmentDate,
      'pdf',
    ),
    content,
    type: 'application/pdf',
  };
}

export async function csvExport(input: {
  catalogue: Catalogue;
  assessment: Assessment;
  results: AssessmentResults;
  guidance: FixesByControl;
  now: Date;
}): Promise<ExportFile> {
  const [{ reportFindings }, { actionPlanCsv }] = await Promise.all([
    import('../findings'),
    import('../csv'),
  ]);
  const findings = reportFindings(input.catalogue, input.assessment, input.results);
  return {
    fileName: exportFileName(
      input.assessment.profile.organisation,
      input.assessment.profile.assessmentDate,
      'action-plan.csv',
    ),
    // Overdue as of the day the file is made, where the user is.
    // Commands with the organisation's own values, quoted as on the screen.
    content: actionPlanCsv(
      findings,
      input.guidance,
      localIsoDate(input.now),
      slotValues(input.assessment.profile),
    ),
    type: 'text/csv;charset=utf-8',
  };
}

export type VerifyOutcome =
  | { ok: false; reason: string; detail?: string }
  | { ok: true; fileName: string; organisation: string; verification: Verification };

/**
 * Re-reads an exported file exactly as an import would (so a damaged file gets the same message),
 * recomputes its digest and compares it with the digest in the file and, when given, the digest
 * printed on a report.
 */
export async function verifyExportFile(file: File, printedDigest: string): Promise<VerifyOutcome> {
  let printed: string | undefined;
  if (printedDigest.trim() !== '') {
    const parsed = normalisePrintedDigest(printedDigest);
    if (!parsed.ok)
      return { ok: false, reason: `The digest entered is not usable. ${parsed.reason}` };
    printed = parsed.digest;
  }
  const sizeProblem = checkImportSize(file.size);
  if (sizeProblem) return { ok: false, reason: `${file.name} could not be read. ${sizeProblem}` };
  // Read and hashed in a worker: a large export held the page still for seconds.
  const read = await digestFileOffThread(file);
  if (!read.ok) {
    return {
      ok: false,
      reason: `${file.name} could not be read. ${read.reason}`,
      detail: read.detail,
    };
  }
  const { computed, embedded, organisation } = read;
  return {
    ok: true,
    fileName: file.name,
    organisation,
    verification: verifyDigests({ computed, embedded, printed }),
  };
}

/**
 * The report as a Word document (DOCX), built from the same report model as the PDF: the
 * editable copy, and the accessible one (real headings, tables with header rows).
 */
export async function docxExport(input: {
  catalogue: Catalogue;
  assessment: Assessment;
  results: AssessmentResults;
  now: Date;
  guidance?: Guidance;
  choices?: ReportChoices;
  previous?: Assessment;
}): Promise<ExportFile> {
  performance.mark('report-docx-start');
  const [model, { buildReportDocx }] = await Promise.all([
    reportModelFor(input),
    import('./docx/report-docx'),
  ]);
  const content = await buildReportDocx(model);
  performance.measure('report-docx', 'report-docx-start');
  return {
    fileName: exportFileName(
      input.assessment.profile.organisation,
      input.assessment.profile.assessmentDate,
      'docx',
    ),
    content,
    type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  };
}
