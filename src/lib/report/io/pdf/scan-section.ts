import type { ScanReportSection } from '../../../scans/domain/report-section';
import { REPORT_WORDS } from '../../../scans/domain/finding-wording';
import { MUTED, type Writer } from './writer';

/**
 * The imported network scans as the report prints them: for each scan its vantage point, time,
 * nmap version and command line, the addresses flagged, the per-host table and what was not
 * tested; then what the scans as a whole leave untested. Words and rows come from the model.
 */
export function scanEvidenceSection(w: Writer, section: ScanReportSection): void {
  w.startSection();
  w.heading(section.heading, 1);
  for (const line of section.intro) w.text(line, { after: 2 });
  for (const line of section.overall) w.text(line, { bold: true, after: 2 });
  for (const scan of section.scans) {
    w.ensure(40);
    w.heading(scan.fileName, 2);
    for (const field of scan.fields) w.field(field.label, field.value);
    w.gap(1.5);
    for (const flag of scan.flags) w.text(flag, { bold: true, after: 1.5 });
    if (scan.rows.length > 0) {
      w.table({
        head: [[...REPORT_WORDS.tableHead]],
        body: scan.rows.map((r) => [
          r.host,
          r.port,
          r.state,
          r.service,
          [...r.tests, ...(r.support ? [r.support] : [])].join('\n'),
        ]),
        columnStyles: {
          0: { cellWidth: 28 },
          1: { cellWidth: 20 },
          2: { cellWidth: 18 },
          3: { cellWidth: 38 },
          4: { cellWidth: 'auto' },
        },
      });
    }
    if (scan.rowsLeftOut > 0) {
      w.text(REPORT_WORDS.rowsLeftOut(String(scan.rowsLeftOut)), {
        size: 9,
        colour: MUTED,
        after: 2,
      });
    }
    w.heading(REPORT_WORDS.notTestedHeading, 3);
    for (const line of scan.notTested) w.text(`• ${line}`, { indent: 3, after: 0.8 });
    w.gap(3);
  }
}
