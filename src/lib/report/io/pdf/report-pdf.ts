import { jsPDF } from 'jspdf';
import type { RowInput } from 'jspdf-autotable';
import type { ReportModel } from '../../model';
import type { PaperSize } from '../../paper';
import { addReportFonts } from './fonts';
import { blocklistResults } from './blocklist-section';
import { chartHeight, scoreChart } from './score-chart';
import { missingGlyphsText } from '../../wording';
import { ACCENT, INK, MARGIN, MISSING_GLYPH, MUTED, RULE, VERDICT_COLOURS, Writer } from './writer';

/**
 * Lays out the report model (../../model.ts) as a PDF: where things go, in which type and colour.
 * Every sentence comes from the model, worded in ../../wording.ts (or, for a block-list run, in
 * the block-list feature's wording.ts), so the screen, this PDF and the CSV say the same; the
 * only words written here are headings and field labels. Only ever imported dynamically, so
 * jsPDF and the font stay out of the first page load. Text the user typed is drawn with
 * doc.text: it is never interpreted.
 */

function cover(w: Writer, model: ReportModel): void {
  w.gap(8);
  w.text(model.title, { size: 24, bold: true, colour: ACCENT, after: 4 });
  w.text(model.organisation, { size: 16, bold: true, after: 8 });
  w.field('Assessor', model.assessor.name);
  w.field('Role', model.assessor.role);
  w.field('Mail service', model.serviceModel);
  w.field('Mail domains', model.scope.mailDomains);
  w.field('Mail servers', model.scope.mailServers);
  w.field('Network ranges', model.scope.networkRanges);
  w.field('Date of assessment', model.assessmentDate);
  w.field('Date of export', model.exportedAt);
  w.field('Checklist version', model.catalogueVersion);
  w.field('Based on', `${model.guidance.title} (${model.guidance.url})`);
  w.gap(6);

  const colour = VERDICT_COLOURS[model.verdict.code];
  const boxHeight = 20;
  w.ensure(boxHeight + 4);
  w.doc.setDrawColor(...colour);
  w.doc.setLineWidth(0.8);
  w.doc.rect(MARGIN.side, w.y, w.contentWidth, boxHeight);
  const top = w.y;
  w.y += 3.5;
  w.text(`Verdict: ${model.verdict.label}`, { size: 14, bold: true, colour, indent: 4, after: 1 });
  w.text(model.scoreLine, { size: 10, indent: 4 });
  w.y = top + boxHeight + 6;
}

function executiveSummary(w: Writer, model: ReportModel): void {
  w.newPage();
  w.heading('Executive summary', 1);
  w.text(model.verdict.label, {
    size: 12,
    bold: true,
    colour: VERDICT_COLOURS[model.verdict.code],
    after: 1.5,
  });
  for (const driver of model.verdict.drivers) w.text(`• ${driver}`, { indent: 3, after: 0.8 });
  w.text(`${model.scoreLine}.`, { after: 4 });
  // Right under the verdict: it rests on answers the block-list run contradicts or leaves open.
  for (const block of model.evidenceConflicts) {
    const colour =
      block.kind === 'listed' ? VERDICT_COLOURS['does-not-meet'] : VERDICT_COLOURS.incomplete;
    w.ensure(18);
    w.text(block.heading, { size: 11, bold: true, colour, after: 1.5 });
    for (const line of block.lines) w.text(`• ${line}`, { indent: 3, after: 0.8 });
    w.text(block.note, { after: 4 });
  }

  // One heading: the chart for the eye, then the same figures as a table, with the counts.
  w.ensure(w.headingHeight(2) + chartHeight(model));
  w.heading('Scores by section', 2);
  scoreChart(w, model);
  w.gap(2);
  w.ensure(w.smallTableHeight(model.sections.length));
  w.table({
    head: [['Section', 'Score', 'Answered']],
    body: model.sections.map((s) => [s.title, s.scoreText, s.answeredText]),
    columnStyles: { 1: { cellWidth: 28 }, 2: { cellWidth: 28 } },
  });

  w.ensure(w.headingHeight(2) + w.smallTableHeight(model.answerCounts.length));
  w.heading('Answers', 2);
  w.table({
    head: [['Answer', 'Controls']],
    body: model.answerCounts.map((c) => [c.label, String(c.count)]),
    tableWidth: 100,
    columnStyles: { 1: { cellWidth: 22, halign: 'right' } },
  });

  w.heading('Top findings', 2);
  if (model.topFindings.length === 0) w.text(model.sentences.noFindings);
  model.topFindings.forEach((finding, i) => {
    w.ensure(12);
    w.text(`${i + 1}. ${finding.level}: ${finding.title}`, { bold: true, after: 0.5 });
    w.text(`${finding.answerText} · ${finding.section.title}`, {
      size: 9,
      colour: MUTED,
      indent: 5,
      after: 2,
    });
  });
  if (model.sentences.allFindings) w.text(model.sentences.allFindings, { size: 9 });
}

function remediationPlan(w: Writer, model: ReportModel): void {
  w.startSection();
  w.heading('Remediation plan', 1);
  w.text(model.sentences.planIntro, { size: 9, colour: MUTED, after: 3 });
  if (model.findings.length === 0) {
    w.text(model.sentences.nothingToRemediate);
    return;
  }
  const body: RowInput[] = model.findings.map((f) => [
    [f.level, f.basisTag].filter(Boolean).join('\n'),
    [f.title, ...(f.findOutFirst ? [f.findOutFirst] : []), ...f.evidenceLines].join('\n'),
    f.section.title,
    f.answerText,
    f.ownerText,
    [f.targetDateText, f.overdueText].filter(Boolean).join('\n'),
  ]);
  w.table({
    head: [['Level', 'Control or finding', 'Section', 'Answer', 'Owner', 'Target date']],
    body,
    // Owner and target date fit "Not assigned", "No target date" and "31 March 2027" on a line.
    columnStyles: {
      0: { cellWidth: 17, fontStyle: 'bold' },
      2: { cellWidth: 29 },
      3: { cellWidth: 24 },
      4: { cellWidth: 25 },
      5: { cellWidth: 26 },
    },
  });
}

function detailedAnswers(w: Writer, model: ReportModel): void {
  w.startSection();
  w.heading('Detailed answers', 1);
  for (const section of model.details) {
    w.heading(section.title, 2);
    for (const a of section.answers) {
      w.ensure(22);
      w.text(a.title, { bold: true, after: 0.5 });
      w.text(a.question, { size: 9, colour: MUTED, after: 1 });
      w.field('Level', a.level, { indent: 3, labelWidth: 36 });
      w.field('Basis', a.basis, { indent: 3, labelWidth: 36 });
      w.field('Answer', a.answer, { indent: 3, labelWidth: 36 });
      if (a.notes.trim()) w.field('Evidence notes', a.notes, { indent: 3, labelWidth: 36 });
      if (a.evidenceRef.trim()) w.field('Reference', a.evidenceRef, { indent: 3, labelWidth: 36 });
      if (a.owner.trim()) w.field('Owner', a.owner, { indent: 3, labelWidth: 36 });
      if (a.targetDate) w.field('Target date', a.targetDate, { indent: 3, labelWidth: 36 });
      w.gap(2.5);
    }
  }
}

const SIGN_OFF_LINE = 14;

function signOff(w: Writer, model: ReportModel): void {
  // Short enough to follow the block-list results when it fits whole below them.
  const warningStyle = { bold: true, after: 8 };
  w.startSection(
    w.headingHeight(1) +
      w.measure(model.sentences.signOffStatement, { after: 8 }) +
      (model.signOff.warning ? w.measure(model.signOff.warning, warningStyle) : 0) +
      4 * SIGN_OFF_LINE,
  );
  w.heading('Sign-off', 1);
  w.text(model.sentences.signOffStatement, { after: 8 });
  // Before the lines, so no one signs or reads the sign-off without seeing it.
  if (model.signOff.warning) {
    w.text(model.signOff.warning, { ...warningStyle, colour: VERDICT_COLOURS['does-not-meet'] });
  }
  const line = (label: string, value: string) => {
    w.ensure(SIGN_OFF_LINE);
    w.setStyle({ size: 10, bold: true, colour: MUTED });
    w.doc.text(label, MARGIN.side, w.y, { baseline: 'top' });
    w.setStyle({ size: 11 });
    if (value) w.doc.text(w.printable(value), MARGIN.side + 30, w.y, { baseline: 'top' });
    w.doc.setDrawColor(...INK);
    w.doc.setLineWidth(0.3);
    w.doc.line(MARGIN.side + 30, w.y + 6, MARGIN.side + 130, w.y + 6);
    w.y += SIGN_OFF_LINE;
  };
  line('Name', model.signOff.name);
  line('Role', model.signOff.role);
  line('Date', model.signOff.date);
  line('Signature', '');
}

function appendix(w: Writer, model: ReportModel): void {
  const paragraph = { after: 3 };
  const guidance = [
    { text: `${model.guidance.title}: ${model.guidance.url}`, style: { after: 1 } },
    { text: `Checklist version ${model.catalogueVersion}.`, style: paragraph },
  ];
  // Continues below the sign-off when it fits whole there.
  w.startSection(
    w.headingHeight(1) +
      3 * w.headingHeight(2) +
      [...model.method, ...model.verification].reduce((h, p) => h + w.measure(p, paragraph), 0) +
      guidance.reduce((h, g) => h + w.measure(g.text, g.style), 0),
  );
  w.heading('Appendix', 1);
  w.heading('Method', 2);
  for (const text of model.method) w.text(text, paragraph);
  w.heading('The guidance this is based on', 2);
  for (const { text, style } of guidance) w.text(text, style);
  w.heading('How to verify this report', 2);
  for (const text of model.verification) w.text(text, paragraph);
  // Said once everything typed has been drawn: how many characters the font could not show.
  if (w.missingGlyphs > 0) w.text(missingGlyphsText(w.missingGlyphs, MISSING_GLYPH), paragraph);
}

/** Header and footer on every page, once the page count is known. */
function decoratePages(w: Writer, model: ReportModel): void {
  const doc = w.doc;
  const pages = doc.getNumberOfPages();
  for (let page = 1; page <= pages; page += 1) {
    doc.setPage(page);
    w.setStyle({ size: 8, colour: MUTED });
    const organisation: string[] = doc.splitTextToSize(
      w.printable(model.organisation),
      w.contentWidth - 60,
    );
    const header =
      organisation.length > 1 ? `${organisation[0]!.trimEnd()}…` : (organisation[0] ?? '');
    doc.text(header, MARGIN.side, 11, { baseline: 'top' });
    doc.text('Mail security self-assessment', w.width - MARGIN.side, 11, {
      baseline: 'top',
      align: 'right',
    });
    doc.setDrawColor(...RULE);
    doc.setLineWidth(0.2);
    doc.line(MARGIN.side, 15.5, w.width - MARGIN.side, 15.5);
    doc.line(MARGIN.side, w.height - 14, w.width - MARGIN.side, w.height - 14);
    w.setStyle({ size: 7, colour: MUTED });
    doc.text(`SHA-256 ${model.digest}`, MARGIN.side, w.height - 12, { baseline: 'top' });
    w.setStyle({ size: 8, colour: MUTED });
    doc.text(`Page ${page} of ${pages}`, w.width - MARGIN.side, w.height - 12, {
      baseline: 'top',
      align: 'right',
    });
  }
}

export async function buildReportPdf(
  model: ReportModel,
  options: { paper: PaperSize },
): Promise<Blob> {
  const doc = new jsPDF({ unit: 'mm', format: options.paper, compress: true });
  await addReportFonts(doc);
  // jsPDF cannot write a tagged PDF (no structure tree), so the document properties are what
  // a screen reader, a document store or a search has to go on: keep them complete.
  doc.setDocumentProperties(model.documentProperties);
  doc.setLanguage('en-GB');
  const w = new Writer(doc);
  cover(w, model);
  executiveSummary(w, model);
  remediationPlan(w, model);
  detailedAnswers(w, model);
  if (model.blocklists) blocklistResults(w, model.blocklists);
  signOff(w, model);
  appendix(w, model);
  decoratePages(w, model);
  return doc.output('blob');
}
