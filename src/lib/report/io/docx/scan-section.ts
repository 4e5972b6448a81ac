import type { ReportModel } from '../../model';
import { REPORT_WORDS } from '../../../scans/domain/finding-wording';
import { field, heading, para, table, type Block } from './report-docx';

/** The scan-evidence section in the Word copy: the same words and rows as the PDF's. */
export function scanEvidenceDocx(model: ReportModel): Block[] {
  const section = model.scanEvidence;
  if (!section) return [];
  return [
    heading(section.heading, 1),
    ...section.intro.map((line) => para(line)),
    ...section.overall.map((line) => para(line, { bold: true })),
    ...section.scans.flatMap((scan) => [
      heading(scan.fileName, 2),
      ...scan.fields.map((f) => field(f.label, f.value)),
      ...scan.flags.map((flag) => para(flag, { bold: true })),
      ...(scan.rows.length > 0
        ? [
            table(
              [...REPORT_WORDS.tableHead],
              scan.rows.map((r) => [
                r.host,
                r.port,
                r.state,
                r.service,
                [...r.tests, ...(r.support ? [r.support] : [])].join('\n'),
              ]),
            ),
          ]
        : []),
      ...(scan.rowsLeftOut > 0 ? [para(REPORT_WORDS.rowsLeftOut(String(scan.rowsLeftOut)))] : []),
      heading(REPORT_WORDS.notTestedHeading, 3),
      ...scan.notTested.map((line) => para(`• ${line}`)),
    ]),
  ];
}
