import { jsPDF } from 'jspdf';
import type { RowInput } from 'jspdf-autotable';
import type { DetailedAnswer, ReportModel } from '../../model';
import type { PaperSize } from '../../paper';
import { addReportFonts, nameBoldFont } from './fonts';
import { blocklistResults } from './blocklist-section';
import { scanEvidenceSection } from './scan-section';
import { comparisonSection } from './comparison-section';
import { chartHeight, scoreChart } from './score-chart';
import { AGREED_ACTION, missingGlyphsText } from '../../wording';
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
  documentControl(w, model);

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

/** Reference, version, issue date, marking and distribution, on the cover. */
function documentControl(w: Writer, model: ReportModel): void {
  const control = model.documentControl;
  w.text('Document control', { size: 11, bold: true, colour: ACCENT, after: 1.5 });
  w.field('Reference', control.reference);
  w.field('Version', control.version);
  w.field('Issued', control.issued);
  w.field('Classification', control.classification || NONE_GIVEN);
  w.field('Distribution', control.distribution.join('\n') || NONE_GIVEN);
  w.gap(4);
}

const NONE_GIVEN = 'None given';

/** The contents, drawn last on the page kept for them, once every section's page is known. */
function contents(w: Writer, page: number): void {
  const doc = w.doc;
  doc.setPage(page);
  w.y = MARGIN.top;
  w.text('Contents', { size: 17, bold: true, colour: ACCENT, after: 4 });
  for (const entry of w.outline) {
    w.setStyle({ size: 11 });
    doc.text(w.printable(entry.title), MARGIN.side, w.y, { baseline: 'top' });
    doc.text(String(entry.page), w.width - MARGIN.side, w.y, { baseline: 'top', align: 'right' });
    w.y += w.lineHeight(11) + 1.5;
  }
}

/** One page a board can read: verdict, evidence basis, the five most important gaps. */
function boardSummary(w: Writer, model: ReportModel): void {
  w.newPage();
  w.heading('Summary for the board', 1);
  w.text(model.verdict.label, {
    size: 13,
    bold: true,
    colour: VERDICT_COLOURS[model.verdict.code],
    after: 2,
  });
  w.text(`${model.scoreLine}.`, { after: 3 });
  for (const block of model.evidenceConflicts) {
    const colour =
      block.kind === 'gaps' ? VERDICT_COLOURS.incomplete : VERDICT_COLOURS['does-not-meet'];
    w.text(block.heading, { size: 11, bold: true, colour, after: 1 });
    for (const line of block.lines) w.text(`• ${line}`, { indent: 3, after: 0.8 });
    w.gap(2);
  }
  w.heading('What the assessment rests on', 3);
  w.text(model.scopeAndCriteria.evidenceBasis, { after: 3 });
  w.heading('Trend', 3);
  w.text(model.trend, { after: 3 });
  w.heading('The most important gaps', 3);
  const top = model.writtenFindings.slice(0, 5);
  if (top.length === 0) w.text(model.sentences.noFindings);
  for (const f of top) {
    w.text(`${f.number}. ${f.severity} · ${f.level}: ${f.title}`, { bold: true, after: 0.5 });
    w.text(`Owner: ${f.owner} · Target date: ${f.targetDate}`, {
      size: 9,
      colour: MUTED,
      indent: 5,
      after: 2,
    });
  }
}

function scopeSection(w: Writer, model: ReportModel): void {
  const s = model.scopeAndCriteria;
  w.startSection();
  w.heading('Objective, scope, criteria and limitations', 1);
  w.heading('Objective', 2);
  w.text(s.objective, { after: 3 });
  w.heading('Scope', 2);
  w.field('Organisation', model.organisation);
  w.field('Mail service', model.serviceModel);
  w.field('Mail domains', model.scope.mailDomains);
  w.field('Mail servers', model.scope.mailServers);
  w.field('Network ranges', model.scope.networkRanges);
  w.gap(2);
  w.heading('Criteria', 2);
  w.text(s.criteria, { after: 3 });
  w.heading('What the answers rest on', 2);
  w.text(s.evidenceBasis, { after: 2 });
  if (s.tested.length > 0) {
    w.table({
      head: [['Control', 'Tested evidence']],
      body: s.tested.map((t) => [t.control, t.evidence]),
    });
  }
  w.heading('Limitations', 2);
  for (const line of s.limitations) w.text(`• ${line}`, { indent: 3, after: 1 });
}

const FINDING_LABEL_WIDTH = 40;

function findingsWrittenOut(w: Writer, model: ReportModel): void {
  w.startSection();
  w.heading('Findings', 1);
  w.text(model.severityRule, { size: 9, colour: MUTED, after: 3 });
  if (model.writtenFindings.length === 0) w.text(model.sentences.noFindings);
  for (const f of model.writtenFindings) {
    w.ensure(40);
    w.heading(`Finding ${f.number}: ${f.title}`, 3);
    w.field('Severity', `${f.severity} (${f.level})`, {
      indent: 3,
      labelWidth: FINDING_LABEL_WIDTH,
    });
    w.field('Condition', f.condition, { indent: 3, labelWidth: FINDING_LABEL_WIDTH });
    w.field('Criterion', f.criterion, { indent: 3, labelWidth: FINDING_LABEL_WIDTH });
    if (f.provenance)
      w.field('Provenance', f.provenance, { indent: 3, labelWidth: FINDING_LABEL_WIDTH });
    if (f.risk) w.field('Risk', f.risk, { indent: 3, labelWidth: FINDING_LABEL_WIDTH });
    w.field('Recommendation', f.recommendation, { indent: 3, labelWidth: FINDING_LABEL_WIDTH });
    w.field('Owner', f.owner, { indent: 3, labelWidth: FINDING_LABEL_WIDTH });
    w.field('Target date', f.targetDate, { indent: 3, labelWidth: FINDING_LABEL_WIDTH });
    w.field(AGREED_ACTION, f.response, { indent: 3, labelWidth: FINDING_LABEL_WIDTH });
    w.gap(3);
  }
}

function evidenceIndexSection(w: Writer, model: ReportModel): void {
  w.startSection();
  w.heading('Evidence index', 1);
  if (model.evidenceIndex.length === 0) {
    w.text('No evidence reference or tested evidence is recorded.');
    return;
  }
  w.table({
    head: [['Kind', 'Item', 'Reference or hash', 'Time']],
    body: model.evidenceIndex.map((e) => [e.kind, e.item, e.reference, e.time]),
    columnStyles: { 0: { cellWidth: 24 }, 1: { cellWidth: 55 }, 3: { cellWidth: 32 } },
  });
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
      block.kind === 'gaps' ? VERDICT_COLOURS.incomplete : VERDICT_COLOURS['does-not-meet'];
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
    [
      f.title,
      ...(f.findOutFirst ? [f.findOutFirst] : []),
      ...f.evidenceLines,
      `${AGREED_ACTION}: ${f.responseText}`,
    ].join('\n'),
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
      // Wide enough for "Guidance" and "SHOULD" whole in bold.
      0: { cellWidth: 19, fontStyle: 'bold' },
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
      // The block moves whole to the next page when it does not fit here but fits a page.
      const height = answerBlockHeight(w, a);
      if (height <= w.bottom - MARGIN.top) w.ensure(height);
      else w.ensure(22);
      w.text(a.title, { bold: true, after: 0.5 });
      w.text(a.statement, { size: 9, colour: MUTED, after: 1 });
      for (const [label, value] of answerFields(a)) {
        w.field(label, value, { indent: 3, labelWidth: ANSWER_LABEL_WIDTH });
      }
      w.gap(2.5);
    }
  }
}

const ANSWER_LABEL_WIDTH = 36;

/** The labelled fields of a control's answer block, in order; empty ones left out. */
function answerFields(a: DetailedAnswer): [string, string][] {
  const fields: [string, string][] = [
    ['Level', a.level],
    ['Basis', a.basis],
    ['Answer', a.answer],
  ];
  if (a.notes.trim()) fields.push(['Evidence notes', a.notes]);
  if (a.evidenceRef.trim()) fields.push(['Reference', a.evidenceRef]);
  if (a.owner.trim()) fields.push(['Owner', a.owner]);
  if (a.targetDate) fields.push(['Target date', a.targetDate]);
  if (a.response) fields.push([AGREED_ACTION, a.response]);
  return fields;
}

function answerBlockHeight(w: Writer, a: DetailedAnswer): number {
  return (
    w.measure(a.title, { bold: true, after: 0.5 }) +
    w.measure(a.statement, { size: 9, after: 1 }) +
    answerFields(a).reduce(
      (h, [, value]) => h + w.fieldHeight(value, { indent: 3, labelWidth: ANSWER_LABEL_WIDTH }),
      0,
    ) +
    2.5
  );
}

const SIGN_OFF_LINE = 14;

type Signature = ReportModel['signOff'];
const WARNING_STYLE = { bold: true, after: 6 };

/** The height of one signature block: its heading, statement, any warning and four lines. */
function signatureHeight(w: Writer, statement: string, block: Signature): number {
  return (
    w.headingHeight(2) +
    w.measure(statement, { after: 6 }) +
    (block.warning ? w.measure(block.warning, WARNING_STYLE) : 0) +
    4 * SIGN_OFF_LINE
  );
}

/** One signature block, kept whole on a page: who, what they confirm, any flag, four lines. */
function signature(w: Writer, title: string, statement: string, block: Signature): void {
  w.ensure(signatureHeight(w, statement, block));
  w.heading(title, 2);
  w.text(statement, { after: 6 });
  // Before the lines, so no one signs or reads the sign-off without seeing it.
  if (block.warning) {
    w.text(block.warning, { ...WARNING_STYLE, colour: VERDICT_COLOURS['does-not-meet'] });
  }
  const line = (label: string, value: string) => {
    w.setStyle({ size: 10, bold: true, colour: MUTED });
    w.doc.text(label, MARGIN.side, w.y, { baseline: 'top' });
    w.setStyle({ size: 11 });
    if (value) w.doc.text(w.printable(value), MARGIN.side + 30, w.y, { baseline: 'top' });
    w.doc.setDrawColor(...INK);
    w.doc.setLineWidth(0.3);
    w.doc.line(MARGIN.side + 30, w.y + 6, MARGIN.side + 130, w.y + 6);
    w.y += SIGN_OFF_LINE;
  };
  line('Name', block.name);
  line('Role', block.role);
  line('Date', block.date);
  line('Signature', '');
  w.gap(4);
}

/** Two signatures: the assessor's, then the approver's. */
function signOff(w: Writer, model: ReportModel): void {
  // Short enough to follow the block-list results when it fits whole below them.
  w.startSection(
    w.headingHeight(1) +
      signatureHeight(w, model.sentences.signOffStatement, model.signOff) +
      signatureHeight(w, model.sentences.approvalStatement, model.approval) +
      8,
  );
  w.heading('Sign-off', 1);
  signature(w, 'Assessor', model.sentences.signOffStatement, model.signOff);
  signature(w, 'Approver', model.sentences.approvalStatement, model.approval);
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

/**
 * The report's sections after the cover and the contents, in order. Each starts itself (a new
 * page or a gap) with a level-1 heading, which the contents list with its page. A new section
 * (scan evidence, say) is one more function here.
 */
export type ReportSection = (w: Writer, model: ReportModel) => void;

export const REPORT_SECTIONS: ReportSection[] = [
  boardSummary,
  executiveSummary,
  (w, model) => {
    if (model.comparison) comparisonSection(w, model.comparison);
  },
  scopeSection,
  remediationPlan,
  findingsWrittenOut,
  detailedAnswers,
  (w, model) => {
    if (model.blocklists) blocklistResults(w, model.blocklists);
  },
  (w, model) => model.scanEvidence && scanEvidenceSection(w, model.scanEvidence),
  evidenceIndexSection,
  signOff,
  appendix,
];

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
    const marking = model.documentControl.classification;
    if (marking) {
      w.setStyle({ size: 9, bold: true, colour: INK });
      doc.text(w.printable(marking), w.width / 2, 5, { baseline: 'top', align: 'center' });
      w.setStyle({ size: 8, colour: MUTED });
    }
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
  // Only the fonts drawn with go into the file: jsPDF registers its 14 standard fonts with every
  // document, and unused they would be listed as fonts not embedded.
  const doc = new jsPDF({
    unit: 'mm',
    format: options.paper,
    compress: true,
    putOnlyUsedFonts: true,
  });
  await addReportFonts(doc);
  // jsPDF cannot write a tagged PDF (no structure tree), so the document properties are what
  // a screen reader, a document store or a search has to go on: keep them complete.
  doc.setDocumentProperties(model.documentProperties);
  doc.setLanguage('en-GB');
  const w = new Writer(doc);
  cover(w, model);
  // A page kept for the contents, filled in once every section's page is known.
  w.newPage();
  const contentsPage = doc.getCurrentPageInfo().pageNumber;
  for (const section of REPORT_SECTIONS) section(w, model);
  contents(w, contentsPage);
  decoratePages(w, model);
  nameBoldFont(doc);
  return doc.output('blob');
}
