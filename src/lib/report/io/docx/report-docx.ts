import {
  AlignmentType,
  Document,
  Footer,
  Header,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import { scanEvidenceDocx } from './scan-section';
import type { ReportModel } from '../../model';
import { AGREED_ACTION } from '../../wording';
import { comparisonBlocks } from './comparison-section';

/**
 * The report as a Word document, from the same report model as the PDF: real headings (so a
 * screen reader and Word's navigation pane see the structure), tables with header rows, the same
 * content and digest. jsPDF cannot write a tagged PDF, so this is also the accessible version.
 * Only ever imported dynamically: the docx library stays out of the first page load. Text the
 * user typed goes in as text runs, never interpreted.
 */

export type Block = Paragraph | Table;

export function heading(text: string, level: 1 | 2 | 3): Paragraph {
  const levels = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3] as const;
  return new Paragraph({ text, heading: levels[level - 1] });
}

/** A paragraph; line ends in `text` become line breaks. */
export function para(text: string, options: { bold?: boolean } = {}): Paragraph {
  const lines = text.split('\n');
  return new Paragraph({
    children: lines.map(
      (line, i) => new TextRun({ text: line, bold: options.bold, break: i > 0 ? 1 : 0 }),
    ),
  });
}

export function field(label: string, value: string): Paragraph {
  const lines = value.split('\n');
  return new Paragraph({
    children: [
      new TextRun({ text: `${label}: `, bold: true }),
      ...lines.map((line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 })),
    ],
  });
}

export function table(head: string[], body: string[][]): Table {
  const cell = (text: string, bold = false) =>
    new TableCell({ children: text.split('\n').map((line) => para(line, { bold })) });
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: head.map((h) => cell(h, true)) }),
      ...body.map((row) => new TableRow({ children: row.map((text) => cell(text)) })),
    ],
  });
}

function cover(model: ReportModel): Block[] {
  const control = model.documentControl;
  return [
    new Paragraph({ text: model.title, heading: HeadingLevel.TITLE }),
    para(model.organisation, { bold: true }),
    field('Assessor', model.assessor.name),
    field('Role', model.assessor.role),
    field('Mail service', model.serviceModel),
    field('Date of assessment', model.assessmentDate),
    field('Date of export', model.exportedAt),
    field('Checklist version', model.catalogueVersion),
    field('Based on', `${model.guidance.title} (${model.guidance.url})`),
    heading('Document control', 2),
    field('Reference', control.reference),
    field('Version', control.version),
    field('Issued', control.issued),
    field('Classification', control.classification || 'None given'),
    field('Distribution', control.distribution.join('\n') || 'None given'),
    field('Verdict', model.verdict.label),
    para(model.scoreLine),
  ];
}

function boardSummary(model: ReportModel): Block[] {
  return [
    heading('Summary for the board', 1),
    para(model.verdict.label, { bold: true }),
    para(`${model.scoreLine}.`),
    ...model.evidenceConflicts.flatMap((block) => [
      para(block.heading, { bold: true }),
      ...block.lines.map((line) => para(`• ${line}`)),
    ]),
    heading('What the assessment rests on', 3),
    para(model.scopeAndCriteria.evidenceBasis),
    heading('Trend', 3),
    para(model.trend),
    heading('The most important gaps', 3),
    ...(model.writtenFindings.length === 0 ? [para(model.sentences.noFindings)] : []),
    ...model.writtenFindings
      .slice(0, 5)
      .map((f) =>
        para(
          `${f.number}. ${f.severity} · ${f.level}: ${f.title} (owner: ${f.owner}; target date: ${f.targetDate})`,
        ),
      ),
  ];
}

function executiveSummary(model: ReportModel): Block[] {
  return [
    heading('Executive summary', 1),
    para(model.verdict.label, { bold: true }),
    ...model.verdict.drivers.map((d) => para(`• ${d}`)),
    para(`${model.scoreLine}.`),
    ...model.evidenceConflicts.flatMap((block) => [
      para(block.heading, { bold: true }),
      ...block.lines.map((line) => para(`• ${line}`)),
      para(block.note),
    ]),
    heading('Scores by section', 2),
    table(
      ['Section', 'Score', 'Answered'],
      model.sections.map((s) => [s.title, s.scoreText, s.answeredText]),
    ),
    heading('Answers', 2),
    table(
      ['Answer', 'Controls'],
      model.answerCounts.map((c) => [c.label, String(c.count)]),
    ),
  ];
}

function scope(model: ReportModel): Block[] {
  const s = model.scopeAndCriteria;
  return [
    heading('Objective, scope, criteria and limitations', 1),
    heading('Objective', 2),
    para(s.objective),
    heading('Scope', 2),
    field('Organisation', model.organisation),
    field('Mail service', model.serviceModel),
    field('Mail domains', model.scope.mailDomains),
    field('Mail servers', model.scope.mailServers),
    field('Network ranges', model.scope.networkRanges),
    heading('Criteria', 2),
    para(s.criteria),
    heading('What the answers rest on', 2),
    para(s.evidenceBasis),
    ...(s.tested.length > 0
      ? [
          table(
            ['Control', 'Tested evidence'],
            s.tested.map((t) => [t.control, t.evidence]),
          ),
        ]
      : []),
    heading('Limitations', 2),
    ...s.limitations.map((line) => para(`• ${line}`)),
  ];
}

function plan(model: ReportModel): Block[] {
  return [
    heading('Remediation plan', 1),
    para(model.sentences.planIntro),
    model.findings.length === 0
      ? para(model.sentences.nothingToRemediate)
      : table(
          [
            'Level',
            'Control or finding',
            'Section',
            'Answer',
            'Owner',
            'Target date',
            AGREED_ACTION,
          ],
          model.findings.map((f) => [
            [f.level, f.basisTag].filter(Boolean).join('\n'),
            [f.title, ...f.evidenceLines].join('\n'),
            f.section.title,
            f.answerText,
            f.ownerText,
            [f.targetDateText, f.overdueText].filter(Boolean).join('\n'),
            f.responseText,
          ]),
        ),
  ];
}

function findings(model: ReportModel): Block[] {
  return [
    heading('Findings', 1),
    para(model.severityRule),
    ...(model.writtenFindings.length === 0 ? [para(model.sentences.noFindings)] : []),
    ...model.writtenFindings.flatMap((f) => [
      heading(`Finding ${f.number}: ${f.title}`, 3),
      field('Severity', `${f.severity} (${f.level})`),
      field('Condition', f.condition),
      field('Criterion', f.criterion),
      ...(f.provenance ? [field('Provenance', f.provenance)] : []),
      ...(f.risk ? [field('Risk', f.risk)] : []),
      field('Recommendation', f.recommendation),
      field('Owner', f.owner),
      field('Target date', f.targetDate),
      field(AGREED_ACTION, f.response),
    ]),
  ];
}

function details(model: ReportModel): Block[] {
  return [
    heading('Detailed answers', 1),
    ...model.details.flatMap((section) => [
      heading(section.title, 2),
      ...section.answers.flatMap((a) => [
        heading(a.title, 3),
        para(a.statement),
        field('Level', a.level),
        field('Basis', a.basis),
        field('Answer', a.answer),
        ...(a.notes.trim() ? [field('Evidence notes', a.notes)] : []),
        ...(a.evidenceRef.trim() ? [field('Reference', a.evidenceRef)] : []),
        ...(a.owner.trim() ? [field('Owner', a.owner)] : []),
        ...(a.targetDate ? [field('Target date', a.targetDate)] : []),
        ...(a.response ? [field(AGREED_ACTION, a.response)] : []),
      ]),
    ]),
  ];
}

function blocklists(model: ReportModel): Block[] {
  const run = model.blocklists;
  if (!run) return [];
  return [
    heading('Block-list results', 1),
    para(run.outcome),
    para(run.statement),
    ...(run.notAskedText ? [para(run.notAskedText)] : []),
    ...(run.listed.length === 0
      ? [para(run.noListingsText)]
      : [
          table(
            ['Address', 'List', 'Answer', 'Meaning'],
            run.listed.map((row) => [
              row.address,
              row.list.name,
              row.outcomeText,
              [...row.meanings, row.txt ?? ''].filter(Boolean).join('\n'),
            ]),
          ),
        ]),
  ];
}

function evidenceIndex(model: ReportModel): Block[] {
  return [
    heading('Evidence index', 1),
    model.evidenceIndex.length === 0
      ? para('No evidence reference or tested evidence is recorded.')
      : table(
          ['Kind', 'Item', 'Reference or hash', 'Time'],
          model.evidenceIndex.map((e) => [e.kind, e.item, e.reference, e.time]),
        ),
  ];
}

function signature(title: string, statement: string, block: ReportModel['signOff']): Block[] {
  return [
    heading(title, 2),
    para(statement),
    ...(block.warning ? [para(block.warning, { bold: true })] : []),
    field('Name', block.name),
    field('Role', block.role),
    field('Date', block.date),
    field('Signature', ''),
  ];
}

/** Two signatures, as in the PDF: the assessor's, then the approver's. */
function signOff(model: ReportModel): Block[] {
  return [
    heading('Sign-off', 1),
    ...signature('Assessor', model.sentences.signOffStatement, model.signOff),
    ...signature('Approver', model.sentences.approvalStatement, model.approval),
  ];
}

function appendix(model: ReportModel): Block[] {
  return [
    heading('Appendix', 1),
    heading('Method', 2),
    ...model.method.map((text) => para(text)),
    heading('The guidance this is based on', 2),
    para(`${model.guidance.title}: ${model.guidance.url}`),
    para(`Checklist version ${model.catalogueVersion}.`),
    heading('How to verify this report', 2),
    ...model.verification.map((text) => para(text)),
  ];
}

/** The same sections, in the same order, as the PDF. */
const SECTIONS: ((model: ReportModel) => Block[])[] = [
  boardSummary,
  executiveSummary,
  (model) => (model.comparison ? comparisonBlocks(model.comparison) : []),
  scope,
  plan,
  findings,
  details,
  blocklists,
  scanEvidenceDocx,
  evidenceIndex,
  signOff,
  appendix,
];

export async function buildReportDocx(model: ReportModel): Promise<Blob> {
  const marking = model.documentControl.classification;
  const document = new Document({
    creator: model.documentProperties.creator,
    title: model.documentProperties.title,
    subject: model.documentProperties.subject,
    keywords: model.documentProperties.keywords,
    description: `SHA-256 ${model.digest}`,
    sections: [
      {
        headers: {
          default: new Header({
            children: [
              ...(marking
                ? [
                    new Paragraph({
                      alignment: AlignmentType.CENTER,
                      children: [new TextRun({ text: marking, bold: true })],
                    }),
                  ]
                : []),
              para(`${model.organisation} · ${model.title}`),
            ],
          }),
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                children: [
                  new TextRun(`SHA-256 ${model.digest} · Page `),
                  new TextRun({ children: [PageNumber.CURRENT] }),
                  new TextRun(' of '),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES] }),
                ],
              }),
            ],
          }),
        },
        children: [...cover(model), ...SECTIONS.flatMap((section) => section(model))],
      },
    ],
  });
  return Packer.toBlob(document);
}
