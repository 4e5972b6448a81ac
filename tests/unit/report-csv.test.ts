import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  AnswerSchema,
  newAssessment,
  type Answer,
  type AnswerStatus,
  type Assessment,
} from '../../src/lib/domain/assessment';
import type { Fix } from '../../src/lib/domain/catalogue';
import { defaultCatalogue } from '../../src/lib/domain/default-catalogue';
import {
  actionPlanCsv,
  csvField,
  neutraliseFormula,
  toCsv,
  type FixesByControl,
} from '../../src/lib/domain/report/csv';
import { reportFindings } from '../../src/lib/domain/report/findings';
import { computeResults } from '../../src/lib/domain/results';
import { listedResult, lookupRun, runList } from '../fixtures/lookup-run';

/** A strict RFC 4180 reader: every field quoted, "" for a quote, CRLF after every record. */
function readCsv(text: string): string[][] {
  expect(text.startsWith('\uFEFF')).toBe(true);
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 1;
  while (i < text.length) {
    expect(text[i]).toBe('"');
    let field = '';
    i += 1;
    for (;;) {
      const quote = text.indexOf('"', i);
      if (quote < 0) throw new Error('unterminated field');
      field += text.slice(i, quote);
      if (text[quote + 1] === '"') {
        field += '"';
        i = quote + 2;
      } else {
        i = quote + 1;
        break;
      }
    }
    row.push(field);
    if (text[i] === ',') i += 1;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} after a field`);
  }
  expect(row).toEqual([]);
  return rows;
}

function answer(status: AnswerStatus, extra: Partial<Answer> = {}): Answer {
  return { ...AnswerSchema.parse({ status }), ...extra };
}

const fixes = (text: string): { howToFix: Fix[] } => ({
  howToFix: [
    { platform: 'postfix', steps: [{ text: `${text} on Postfix` }, { text: 'then more' }] },
    { platform: 'exim', steps: [{ text: `${text} on Exim` }] },
  ],
});
const guidance: FixesByControl = {
  'no-open-relay': fixes('Close the relay'),
  'blocklist-not-listed': fixes('Find the cause'),
};

describe('CSV fields', () => {
  test('a cell starting with = cannot execute in a spreadsheet', () => {
    expect(csvField('=HYPERLINK("https://evil.example","x")')).toBe(
      `"'=HYPERLINK(""https://evil.example"",""x"")"`,
    );
  });

  test('cells starting with +, -, @, tab or carriage return are neutralised too', () => {
    for (const start of ['+', '-', '@', '\t', '\r']) {
      expect(neutraliseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    }
  });

  test('ordinary text, dates and an = later in the cell are left as they are', () => {
    for (const value of ['Ops team', '2027-03-01', 'a=b', '', 'Ysgol Gŵyr & Sŷr Môr']) {
      expect(neutraliseFormula(value)).toBe(value);
    }
  });

  test('any table survives a round trip through quoting, neutralised where it has to be', () => {
    const cell = fc.string({ unit: 'grapheme', maxLength: 20 });
    const cells = fc.oneof(cell, fc.constantFrom('=1+1', '"', '""', ',', '\r\n', '\n', '@x'));
    fc.assert(
      fc.property(
        fc.array(fc.array(cells, { minLength: 1, maxLength: 6 }), { maxLength: 6 }),
        (rows) => {
          expect(readCsv(toCsv(rows))).toEqual(rows.map((row) => row.map(neutraliseFormula)));
        },
      ),
    );
  });

  test('every line ends in CRLF and the file starts with a byte-order mark', () => {
    const text = toCsv([
      ['a', 'b'],
      ['c', 'd'],
    ]);
    expect(text).toBe('\uFEFF"a","b"\r\n"c","d"\r\n');
  });
});

describe('action plan CSV', () => {
  const base = newAssessment({
    id: 'x',
    now: new Date('2026-11-28T00:00:00Z'),
    catalogueVersion: defaultCatalogue.version,
  });
  const assessment: Assessment = {
    ...base,
    profile: { ...base.profile, serviceModel: 'own' },
    answers: {
      'no-open-relay': answer('not-implemented', {
        owner: '=cmd|"/c calc"!A1',
        targetDate: '2027-03-01',
      }),
      'os-updates-prompt': answer('implemented'),
    },
    lookup: {
      ...base.lookup,
      lastRun: lookupRun({
        lists: [runList('a', { name: 'Example Block List' })],
        results: [listedResult('192.0.2.10', 'a', 'Seen sending spam')],
      }),
    },
  };
  const findings = reportFindings(
    defaultCatalogue,
    assessment,
    computeResults(defaultCatalogue, assessment),
  );
  const rows = readCsv(actionPlanCsv(findings, guidance));

  test('has the columns the people fixing things need, in order', () => {
    expect(rows[0]).toEqual([
      'Control',
      'Level',
      'Section',
      'Answer',
      'Owner',
      'Target date',
      'What to do',
    ]);
  });

  test('a control row gives the owner, target date and the first fix step for each platform', () => {
    expect(rows[1]).toEqual([
      'No host relays mail for arbitrary senders and recipients',
      'MUST',
      'Open relays and open proxies',
      'Not implemented',
      `'=cmd|"/c calc"!A1`,
      '2027-03-01',
      'Postfix: Close the relay on Postfix\nExim: Close the relay on Exim',
    ]);
  });

  test('a block-list listing is a row with what the list says and where to ask for removal', () => {
    expect(rows[2]?.slice(0, 4)).toEqual([
      '192.0.2.10 is listed on Example Block List',
      'SHOULD',
      'Open relays and open proxies',
      'Listed',
    ]);
    expect(rows[2]?.[6]).toBe(
      [
        'The list says: Spam source',
        'Reason given: Seen sending spam',
        'Look up and request removal: https://a.example.org/lookup?ip=192.0.2.10',
        'Postfix: Find the cause on Postfix',
        'Exim: Find the cause on Exim',
      ].join('\n'),
    );
    expect(rows).toHaveLength(3);
  });
});
