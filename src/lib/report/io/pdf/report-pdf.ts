import { jsPDF } from 'jspdf';
import { autoTable, type RowInput, type UserOptions } from 'jspdf-autotable';
import { formatDateTime } from '../../../shared/dates';
import { formatNumber } from '../../../shared/format';
import type { RunSummary } from '../../../blocklists/domain/summary';
import type { ReportModel } from '../../model';
import type { PaperSize } from '../../paper';
import type { Verdict } from '../../../checklist/results';
import { addReportFonts, REPORT_FONT } from './fonts';

/**
 * Lays out the report model (../../model.ts) as a PDF: where things go, in which type and colour.
 * Every sentence comes from the model, worded in ../../wording.ts (or, for a block-list run, in
 * the block-list feature's wording.ts), so the screen, this PDF and the CSV say the same; the
 * only words written here are headings and field labels. Only ever imported dynamically, so
 * jsPDF and the font stay out of the first page load. Text the user typed is drawn with
 * doc.text: it is never interpreted.
 */

type Rgb = [number, number, number];

const MARGIN = { top: 22, bottom: 20, side: 18 };
const PT_TO_MM = 25.4 / 72;
const LINE_HEIGHT = 1.3;
const INK: Rgb = [25, 25, 25];
const MUTED: Rgb = [95, 95, 95];
const RULE: Rgb = [190, 190, 190];
const ACCENT: Rgb = [22, 72, 138];
const VERDICT_COLOURS: Record<Verdict, Rgb> = {
  meets: [0, 105, 60],
  'does-not-meet': [168, 28, 28],
  incomplete: [140, 84, 0],
};

/**
 * User text as drawn: line ends normalised, tabs as spaces, other control characters (which have
 * no glyph) removed.
 */
function printable(text: string): string {
  return (
    text
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, '    ')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/g, '')
  );
}

interface TextStyle {
  size?: number;
  bold?: boolean;
  colour?: Rgb;
  indent?: number;
  /** Space after the block, in mm. */
  after?: number;
}

const headingSize = (level: 1 | 2 | 3) => (level === 1 ? 17 : level === 2 ? 13 : 11);

/** A cursor over the pages: writes wrapped text and starts a new page when one is full. */
class Writer {
  y = MARGIN.top;
  readonly width: number;
  readonly height: number;

  constructor(readonly doc: jsPDF) {
    this.width = doc.internal.pageSize.getWidth();
    this.height = doc.internal.pageSize.getHeight();
  }

  get contentWidth(): number {
    return this.width - 2 * MARGIN.side;
  }

  get bottom(): number {
    return this.height - MARGIN.bottom;
  }

  newPage(): void {
    this.doc.addPage();
    this.y = MARGIN.top;
  }

  /** Starts a new page unless `height` mm still fit on this one. */
  ensure(height: number): void {
    if (this.y + height > this.bottom) this.newPage();
  }

  /**
   * Where a major section (a level-1 heading) starts. On a new page, as a printed report expects,
   * except in two cases where that page break would leave a page nearly empty: the section before
   * spilled only a few lines onto this page (less than 40% of it is used), or the whole section
   * (`height` mm, for a short one such as the sign-off) fits in what is left.
   */
  startSection(height?: number): void {
    if (this.y <= MARGIN.top) return;
    const gap = 8;
    const used = (this.y - MARGIN.top) / (this.bottom - MARGIN.top);
    const fits = height !== undefined && this.y + gap + height <= this.bottom;
    if (used < 0.4 || fits) this.gap(gap);
    else this.newPage();
  }

  /** The height in mm that text() would take for `text`, without drawing it. */
  measure(text: string, style: TextStyle = {}): number {
    const size = style.size ?? 10;
    this.setStyle(style);
    const lines: string[] = this.doc.splitTextToSize(
      printable(text),
      this.contentWidth - (style.indent ?? 0),
    );
    return lines.length * this.lineHeight(size) + (style.after ?? 1.5);
  }

  gap(mm: number): void {
    this.y += mm;
  }

  lineHeight(size: number): number {
    return size * PT_TO_MM * LINE_HEIGHT;
  }

  setStyle({ size = 10, bold = false, colour = INK }: TextStyle): void {
    this.doc.setFont(REPORT_FONT, bold ? 'bold' : 'normal');
    this.doc.setFontSize(size);
    this.doc.setTextColor(...colour);
  }

  /** Wrapped text; a block that does not fit continues on the next page. */
  text(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 10;
    const indent = style.indent ?? 0;
    this.setStyle(style);
    const lines: string[] = this.doc.splitTextToSize(printable(text), this.contentWidth - indent);
    const step = this.lineHeight(size);
    for (const line of lines) {
      this.ensure(step);
      this.doc.text(line, MARGIN.side + indent, this.y, { baseline: 'top' });
      this.y += step;
    }
    this.y += style.after ?? 1.5;
  }

  heading(text: string, level: 1 | 2 | 3): void {
    const size = headingSize(level);
    // Keep a heading with at least a few lines of what follows it.
    this.ensure(this.lineHeight(size) + 18);
    if (level === 1) this.gap(1);
    this.text(text, { size, bold: true, colour: level === 3 ? INK : ACCENT, after: 2.5 });
  }

  /** The height heading() takes for a one-line heading. */
  headingHeight(level: 1 | 2 | 3): number {
    return this.lineHeight(headingSize(level)) + 2.5 + (level === 1 ? 1 : 0);
  }

  /** "Label: value" with the label in bold; the value wraps under itself. */
  field(label: string, value: string, options: { labelWidth?: number; indent?: number } = {}) {
    const labelWidth = options.labelWidth ?? 42;
    const indent = options.indent ?? 0;
    const size = 10;
    this.setStyle({ size });
    const lines: string[] = this.doc.splitTextToSize(
      printable(value),
      this.contentWidth - indent - labelWidth,
    );
    const step = this.lineHeight(size);
    this.ensure(step);
    this.setStyle({ size, bold: true, colour: MUTED });
    this.doc.text(label, MARGIN.side + indent, this.y, { baseline: 'top' });
    this.setStyle({ size });
    for (const line of lines) {
      this.ensure(step);
      this.doc.text(line, MARGIN.side + indent + labelWidth, this.y, { baseline: 'top' });
      this.y += step;
    }
    this.y += 0.8;
  }

  /**
   * The height of a small table of one-line rows (8.5 pt text, 1.5 mm padding), to keep it whole
   * with its heading instead of leaving a few rows at the foot of a page.
   */
  smallTableHeight(rows: number): number {
    return (rows + 1) * (8.5 * PT_TO_MM * 1.15 + 3) + 5;
  }

  rule(): void {
    this.doc.setDrawColor(...RULE);
    this.doc.setLineWidth(0.2);
    this.doc.line(MARGIN.side, this.y, this.width - MARGIN.side, this.y);
    this.y += 3;
  }

  table(options: Omit<UserOptions, 'startY' | 'margin'>): void {
    autoTable(this.doc, {
      theme: 'grid',
      ...options,
      startY: this.y,
      margin: { top: MARGIN.top, bottom: MARGIN.bottom, left: MARGIN.side, right: MARGIN.side },
      styles: {
        font: REPORT_FONT,
        fontSize: 8.5,
        textColor: INK,
        lineColor: RULE,
        lineWidth: 0.2,
        cellPadding: 1.5,
        overflow: 'linebreak',
        ...options.styles,
      },
      headStyles: { fontStyle: 'bold', fillColor: [232, 237, 245], textColor: INK },
    });
    const last = (this.doc as unknown as { lastAutoTable?: { finalY: number } }).lastAutoTable;
    this.y = (last?.finalY ?? this.y) + 5;
  }
}

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
  w.text(`Overall score ${model.overallScore} · ${model.progress}`, { size: 10, indent: 4 });
  w.y = top + boxHeight + 6;
}

const CHART_ROW = 9;
const chartHeight = (model: ReportModel) => model.sections.length * CHART_ROW + 10;

/** A horizontal bar per section, drawn with jsPDF's own primitives (no screenshot). */
function scoreChart(w: Writer, model: ReportModel): void {
  const labelWidth = 72;
  const barHeight = 5;
  const rowHeight = CHART_ROW;
  const chartLeft = MARGIN.side + labelWidth;
  const chartWidth = w.contentWidth - labelWidth - 18;
  const height = chartHeight(model);
  w.ensure(height);
  const top = w.y;
  const doc = w.doc;

  // Grid lines at 0, 25, 50, 75 and 100%.
  doc.setLineWidth(0.15);
  doc.setDrawColor(...RULE);
  w.setStyle({ size: 7, colour: MUTED });
  for (const tick of [0, 25, 50, 75, 100]) {
    const x = chartLeft + (chartWidth * tick) / 100;
    doc.line(x, top, x, top + model.sections.length * rowHeight);
    doc.text(`${tick}%`, x, top + model.sections.length * rowHeight + 1.5, {
      baseline: 'top',
      align: 'center',
    });
  }

  model.sections.forEach((section, i) => {
    const rowTop = top + i * rowHeight + (rowHeight - barHeight) / 2;
    const middle = rowTop + barHeight / 2;
    w.setStyle({ size: 8 });
    // A long title takes two lines beside its bar; anything longer is cut with an ellipsis.
    const lines: string[] = doc.splitTextToSize(section.title, labelWidth - 4);
    const label = lines.length > 2 ? [lines[0]!, `${lines[1]!.trimEnd()}…`] : lines.slice(0, 2);
    const lineStep = w.lineHeight(8);
    label.forEach((line, n) => {
      const offset = (n - (label.length - 1) / 2) * lineStep;
      doc.text(line, MARGIN.side, middle + offset, { baseline: 'middle' });
    });
    if (section.score === null) {
      w.setStyle({ size: 8, colour: MUTED });
      doc.text(section.scoreText, chartLeft + 1, middle, { baseline: 'middle' });
      return;
    }
    const barWidth = Math.max((chartWidth * section.score) / 100, 0.4);
    doc.setFillColor(...ACCENT);
    doc.rect(chartLeft, rowTop, barWidth, barHeight, 'F');
    w.setStyle({ size: 8.5, bold: true });
    doc.text(section.scoreText, chartLeft + barWidth + 2, middle, {
      baseline: 'middle',
    });
  });
  w.y = top + height;
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
  w.text(`Overall score ${model.overallScore}; ${model.progress}.`, { after: 4 });
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
    f.level,
    [f.title, ...f.evidenceLines].join('\n'),
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
      w.field('Answer', a.answer, { indent: 3, labelWidth: 36 });
      if (a.notes.trim()) w.field('Evidence notes', a.notes, { indent: 3, labelWidth: 36 });
      if (a.evidenceRef.trim()) w.field('Reference', a.evidenceRef, { indent: 3, labelWidth: 36 });
      if (a.owner.trim()) w.field('Owner', a.owner, { indent: 3, labelWidth: 36 });
      if (a.targetDate) w.field('Target date', a.targetDate, { indent: 3, labelWidth: 36 });
      w.gap(2.5);
    }
  }
}

function blocklistResults(w: Writer, run: RunSummary): void {
  w.startSection();
  w.heading('Block-list results', 1);
  w.field('Started', formatDateTime(run.startedAt));
  w.field('Finished', run.finishedAt ? formatDateTime(run.finishedAt) : 'Did not finish');
  // 'Complete' only when every pair that could be asked has a verdict (worded in the domain).
  w.field('Outcome', run.outcome);
  w.field('Resolver', `${run.resolver.label} (${run.resolver.url})`);
  w.field('Addresses checked', formatNumber(run.addressCount));
  // Addresses left out (private/reserved, over the limit) are named, never silently dropped.
  for (const line of run.notChecked) w.field('Not checked', line);
  w.gap(1);
  // The one sentence about listings: "no address is listed" only when every pair has a verdict.
  w.text(run.statement, { bold: true, after: 3 });

  w.heading('Lists and their health check', 2);
  w.table({
    head: [['List and zone', 'Health check', 'Listed', 'Not listed', 'No verdict', 'Skipped']],
    body: run.lists.map((l) => [
      `${l.name}\n${l.zone}`,
      l.healthText,
      formatNumber(l.coverage.listed),
      formatNumber(l.coverage.notListed),
      formatNumber(l.coverage.noVerdict),
      formatNumber(l.coverage.skipped),
    ]),
    // Fixed widths for the list and the counts (wide enough for their headings' words) leave
    // the health check the rest, about 70 mm on A4 and more on Letter: left to itself, autoTable
    // gave a failure reason a word or two per line.
    columnStyles: {
      0: { cellWidth: 46 },
      1: { cellWidth: 'auto' },
      2: { halign: 'right', cellWidth: 15 },
      3: { halign: 'right', cellWidth: 15 },
      4: { halign: 'right', cellWidth: 17 },
      5: { halign: 'right', cellWidth: 17 },
    },
  });
  w.text(run.countsNote, { size: 9, colour: MUTED, after: 3 });

  w.heading('Listed addresses', 2);
  if (run.listed.length === 0) {
    w.text(run.noListingsText, { after: 3 });
  } else {
    w.table({
      head: [['Address', 'List', 'Answer', 'Meaning', 'Reason given by the list']],
      body: run.listed.map((r) => [
        r.address,
        r.list.name,
        r.codes.join(', '),
        r.meanings.join('; '),
        r.txt ?? '',
      ]),
      columnStyles: { 0: { cellWidth: 34 }, 2: { cellWidth: 22 } },
    });
  }

  w.heading('Answers that gave no verdict', 2);
  if (run.problems.length === 0 && !run.unaskedText) w.text(run.everyPairAskedText, { after: 3 });
  if (run.unaskedText) w.text(run.unaskedText, { after: 3 });
  if (run.problems.length > 0) {
    w.table({
      head: [['Address', 'List', 'Outcome', 'Detail']],
      body: run.problems.map((r) => [
        r.address,
        r.list.name,
        r.outcomeText,
        [r.detail, r.rcode && `DNS ${r.rcode}`, r.codes.join(', ')].filter(Boolean).join(' · '),
      ]),
      columnStyles: { 0: { cellWidth: 34 }, 2: { cellWidth: 26 } },
    });
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
    if (value) w.doc.text(printable(value), MARGIN.side + 30, w.y, { baseline: 'top' });
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
}

/** Header and footer on every page, once the page count is known. */
function decoratePages(w: Writer, model: ReportModel): void {
  const doc = w.doc;
  const pages = doc.getNumberOfPages();
  for (let page = 1; page <= pages; page += 1) {
    doc.setPage(page);
    w.setStyle({ size: 8, colour: MUTED });
    const organisation: string[] = doc.splitTextToSize(
      printable(model.organisation),
      w.contentWidth - 60,
    );
    const header = organisation.length > 1 ? `${organisation[0]!.trimEnd()}…` : model.organisation;
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
