import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import ResultsView from '../../src/lib/report/ui/ResultsView.svelte';
import CheckResults from '../../src/lib/blocklists/ui/CheckResults.svelte';
import { defaultCatalogue, loadDefaultGuidance } from '../../src/lib/content/checklist';
import { computeResults } from '../../src/lib/checklist/results';
import { buildReportModel } from '../../src/lib/report/model';
import { reportFindings } from '../../src/lib/report/findings';
import { actionPlanRows } from '../../src/lib/report/csv';
import { NO_AGREED_ACTION } from '../../src/lib/report/wording';
import { plainText } from '../../src/lib/model/catalogue';
import type { Assessment } from '../../src/lib/model/assessment';
import { blocklistRun, reportAssessment } from '../fixtures/report-assessment';

/**
 * The results screen, the PDF report and the CSV action plan word the same facts from one place
 * (report/wording.ts, blocklists/domain/wording.ts). The PDF prints the report model's strings as
 * they are (tests/e2e/report.e2e.test.ts reads them back from a real PDF), so this compares the
 * screen and the CSV with the model, sentence by sentence. It changes nothing: it proves they
 * match.
 */

const TODAY = new Date(2027, 3, 2, 12, 0); // 2 April 2027: the plan's 31 March dates are overdue.

function assessment(): Assessment {
  const a = reportAssessment({ organisation: 'Coleg Cymunedol', run: blocklistRun(40, 3) });
  // A MUST declared not applicable and one left unanswered: both named beside the verdict.
  a.answers['no-open-proxies'] = { ...a.answers['no-open-proxies']!, status: 'not-applicable' };
  a.answers['no-open-proxies'].naReason = 'No web servers at all';
  delete a.answers['no-open-relay'];
  return a;
}

function setUp() {
  const a = assessment();
  const results = computeResults(defaultCatalogue, a);
  const model = buildReportModel({
    catalogue: defaultCatalogue,
    assessment: a,
    results,
    digest: 'f'.repeat(64),
    exportedAt: TODAY,
  });
  render(ResultsView, {
    catalogue: defaultCatalogue,
    assessment: a,
    results,
    downloads: {
      json: vi.fn(),
      pdf: vi.fn(),
      docx: vi.fn(),
      csv: vi.fn(),
      verify: vi.fn(),
      readForComparison: vi.fn(),
    },
    onsignoffchange: vi.fn(),
    onsignoffconfirm: vi.fn(),
    ongoto: vi.fn(),
    now: () => TODAY,
  });
  return { a, results, model };
}

/** What assistive technology reads of an element: hidden labels for the eye alone left out. */
function text(element: Element): string {
  const copy = element.cloneNode(true) as Element;
  for (const hidden of copy.querySelectorAll('[aria-hidden="true"]')) hidden.remove();
  return copy.textContent?.replace(/\s+/g, ' ').trim() ?? '';
}

describe('the screen and the PDF say the same', () => {
  test('the verdict, and every sentence it rests on', () => {
    const { model } = setUp();
    const box = screen.getByRole('region', { name: model.verdict.label });
    expect(model.verdict.drivers.length).toBeGreaterThan(1);
    const lines = within(box)
      .getAllByRole('listitem')
      .map(text)
      .filter((line) => line.startsWith('MUST '));
    expect(lines).toEqual(model.verdict.drivers.filter((d) => d.startsWith('MUST ')));
    expect(lines).toContainEqual(
      'MUST unanswered: No open HTTP or SOCKS proxies (Not applicable cannot be the answer: this covers every computer on the network).',
    );
  });

  test('the overall score and how much is answered', () => {
    const { model } = setUp();
    const box = screen.getByRole('region', { name: model.verdict.label });
    expect(text(box)).toContain(model.scoreLine);
    expect(model.scoreLine).toMatch(
      /^Score against the guidance: \d+% · with good practice beyond it: \d+% · \d+ of \d+ applicable controls answered$/,
    );
  });

  test('each section score, "Not applicable" included, and the answer counts in one order', () => {
    const { model } = setUp();
    const table = screen.getByRole('table', { name: 'Section scores' });
    const rows = within(table)
      .getAllByRole('row')
      .slice(1)
      .map((row) => within(row).getAllByRole('cell').map(text));
    expect(rows).toEqual(model.sections.map((s) => [s.scoreText, s.answeredText]));
    const counts = within(screen.getByRole('region', { name: 'Answers' }))
      .getAllByRole('listitem')
      .map(text);
    expect(counts).toEqual(model.answerCounts.map((c) => `${c.count} ${c.label}`));
  });

  test('the method, paragraph by paragraph', () => {
    const { model } = setUp();
    const method = screen
      .getByText('How the scores and the verdict are worked out')
      .closest('details')!;
    expect(within(method).getAllByRole('paragraph').map(text)).toEqual(model.method);
  });

  test('each finding: its answer (or "Listed"), owner, target date and what the list said', () => {
    const { model } = setUp();
    const plan = screen.getByRole('table', { name: /Remediation plan/ });
    const rows = within(plan).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(model.findings.length);
    rows.forEach((row, i) => {
      const finding = model.findings[i]!;
      const cells = within(row).getAllByRole('cell').map(text);
      expect(text(within(row).getByRole('rowheader'))).toBe(finding.title);
      // Answer (with the list's words for a listing), owner, target date (and "Overdue").
      expect(cells[2]).toContain(finding.answerText);
      for (const line of finding.evidenceLines) {
        // On screen the lookup page is a link named for what it is; the file gives the address.
        expect(cells[2]).toContain(line.replace(/: https:\/\/\S+$/, ':'));
      }
      expect(cells[3]).toBe(finding.ownerText);
      expect(cells[4]).toBe([finding.targetDateText, finding.overdueText].join(' ').trim());
      expect(cells[5]).toBe(finding.responseText);
    });
    expect(
      model.findings.some((f) => f.responseText.startsWith('Agreed at the change board')),
    ).toBe(true);
  });
});

describe('the CSV says the same as the PDF', () => {
  test('every finding row: answer, owner, what the list said, where to delist', async () => {
    const { a, results, model } = setUp();
    const guidance = await loadDefaultGuidance();
    const [, ...rows] = actionPlanRows(
      reportFindings(defaultCatalogue, a, results),
      guidance,
      '2027-04-02',
    );
    expect(rows).toHaveLength(model.findings.length);
    rows.forEach((row, i) => {
      const finding = model.findings[i]!;
      expect(row.slice(0, 6)).toEqual([
        finding.title,
        finding.level,
        finding.basisText,
        finding.section.title,
        finding.answerText,
        finding.ownerText,
      ]);
      expect(row[7]).toBe(finding.overdueText);
      // The agreed action: as typed, or blank where the report says "None recorded".
      expect(row[8] || NO_AGREED_ACTION).toBe(finding.responseText);
      if (finding.kind === 'listing') {
        const [said, advice] = [finding.evidenceLines.slice(0, -1), finding.evidenceLines.at(-1)];
        expect(row[9]).toBe(said.join('\n'));
        expect(row[11]?.split('\n')[0]).toBe(advice);
      }
    });
    expect(model.findings.some((f) => f.kind === 'listing')).toBe(true);
    expect(model.findings.some((f) => f.overdueText === 'Overdue')).toBe(true);
  });
});

describe('the block-list check and the PDF say the same of a run', () => {
  test('the one sentence about listings, and each problem by its outcome name', async () => {
    const { a, model } = setUp();
    const run = a.lookup.lastRun!;
    render(CheckResults, { run, title: 'Stored results' });
    const section = screen.getByRole('region', { name: 'Stored results' });
    expect(within(section).getByText(model.blocklists!.statement)).toBeInTheDocument();
    await userEvent.click(within(section).getByRole('radio', { name: /^No verdict only/ }));
    // The outcome names the grid shows are the ones the PDF prints beside each problem.
    const shown = new Set(
      [...section.querySelectorAll('summary.outcome')].map((s) =>
        text(s).replace(/ for \S+ on .*$/, ''),
      ),
    );
    for (const problem of model.blocklists!.problems) expect(shown).toContain(problem.outcomeText);
  });
});

describe("a finding answered Don't know starts with how to find out, in the same words everywhere", () => {
  test("the screen, the PDF model and the CSV start it with the control's first check step", async () => {
    const a = assessment();
    const results = computeResults(defaultCatalogue, a);
    const guidance = await loadDefaultGuidance();
    const model = buildReportModel({
      catalogue: defaultCatalogue,
      assessment: a,
      results,
      digest: 'f'.repeat(64),
      exportedAt: TODAY,
      guidance,
    });
    render(ResultsView, {
      catalogue: defaultCatalogue,
      assessment: a,
      results,
      downloads: {
        json: vi.fn(),
        pdf: vi.fn(),
        docx: vi.fn(),
        csv: vi.fn(),
        verify: vi.fn(),
        readForComparison: vi.fn(),
      },
      onsignoffchange: vi.fn(),
      onsignoffconfirm: vi.fn(),
      ongoto: vi.fn(),
      now: () => TODAY,
      guidance,
    });
    const [, ...csvRows] = actionPlanRows(
      reportFindings(defaultCatalogue, a, results),
      guidance,
      '2027-04-02',
    );
    const plan = screen.getByRole('table', { name: /Remediation plan/ });
    const rows = within(plan).getAllByRole('row').slice(1);
    const unknown = model.findings.filter((f) => f.kind === 'control' && f.status === 'unknown');
    expect(unknown.length).toBeGreaterThan(0);
    model.findings.forEach((finding, i) => {
      const answerCell = text(within(rows[i]!).getAllByRole('cell')[2]!);
      if (finding.kind !== 'control' || finding.status !== 'unknown') {
        expect(finding.findOutFirst, finding.title).toBeUndefined();
        expect(answerCell).not.toContain('Find out first');
        return;
      }
      const checks = guidance[finding.control.id]!.howToCheck;
      const group = checks.find((g) => g.platform === 'general') ?? checks[0]!;
      const firstCheck = plainText(group.steps[0]!.text);
      expect(finding.findOutFirst).toBe(`Find out first: ${firstCheck}`);
      // On the screen, under "Don't know"; in the CSV, the first words of "What to do".
      expect(answerCell).toBe(`Don't know ${finding.findOutFirst}`);
      expect(csvRows[i]![11]!.startsWith(`${finding.findOutFirst}\n\nHow to check:\n`)).toBe(true);
    });
  });
});
