import { answer } from '../fixtures/assessment';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { newAssessment, type Assessment } from '../../src/lib/model/assessment';
import { PLATFORM_LABELS, plainText, type Fix } from '../../src/lib/model/catalogue';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import {
  actionPlanCsv,
  csvField,
  fixText,
  neutraliseFormula,
  toCsv,
  type FixesByControl,
} from '../../src/lib/report/csv';
import { reportFindings } from '../../src/lib/report/findings';
import { computeResults } from '../../src/lib/checklist/results';
import { words } from '../fixtures/catalogue';
import { commandPieces, commandText, slotValues } from '../../src/lib/checklist/commands';
import { listedResult, blocklistRun, runList } from '../fixtures/blocklist-run';

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

const fixes = (text: string): { howToCheck: Fix[]; howToFix: Fix[] } => ({
  howToCheck: [
    {
      platform: 'general',
      steps: [
        { text: words(`Check: ${text}`), code: 'swaks --quit-after RCPT', language: 'sh' },
        { text: words('Then look again') },
      ],
    },
  ],
  howToFix: [
    {
      platform: 'postfix',
      steps: [
        {
          // Marked up as the Markdown files may: the CSV keeps the words and drops the marks.
          text: [
            { type: 'text', value: `${text} on Postfix with a ` },
            { type: 'strong', children: [{ type: 'text', value: 'line' }] },
            { type: 'text', value: ' like ' },
            { type: 'code', value: 'this' },
            { type: 'text', value: ':' },
          ],
          code: 'smtpd_relay_restrictions =\n  reject',
          language: 'text',
        },
        { text: words('then more') },
      ],
    },
    { platform: 'exim', steps: [{ text: words(`${text} on Exim`) }] },
  ],
});
const guidance: FixesByControl = {
  'no-open-relay': fixes('Close the relay'),
  'blocklist-not-listed': fixes('Find the cause'),
  'no-open-proxies': fixes('Close the proxy'),
};

describe('CSV fields', () => {
  test('a cell starting with = cannot execute in a spreadsheet', () => {
    expect(csvField('=HYPERLINK("https://evil.example","x")')).toBe(
      `"'=HYPERLINK(""https://evil.example"",""x"")"`,
    );
  });

  test('cells starting with +, -, @, tab, carriage return or line feed are neutralised too', () => {
    for (const start of ['+', '-', '@', '\t', '\r', '\n']) {
      expect(neutraliseFormula(`${start}1+1`)).toBe(`'${start}1+1`);
    }
  });

  test('a formula after leading spaces, or in full-width characters, is neutralised', () => {
    for (const value of [
      '  =1+1',
      ' \u3000+SUM(A1)',
      '＝1+1',
      '＋1',
      '－1',
      '＠SUM(A1)',
      '  ＝1',
    ]) {
      expect(neutraliseFormula(value)).toBe(`'${value}`);
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
        notes: '-tested from outside on 20 Nov, relay accepted',
        evidenceRef: '@TICKET-1042',
        response: '+Close the relay by 1 March; Tîm Rhwydweithiau to confirm',
      }),
      'no-open-proxies': answer('unknown'),
      'os-updates-prompt': answer('implemented'),
    },
    lookup: {
      ...base.lookup,
      lastRun: blocklistRun({
        // SpamCop's own lookup page, as the catalogue gives it.
        lists: [
          runList('spamcop', {
            name: 'Example Block List',
            zone: 'a.bl.example.org',
            lookupUrl: 'https://www.spamcop.net/bl.shtml?{ip}',
          }),
        ],
        results: [listedResult('192.0.2.10', 'spamcop', 'Seen sending spam')],
      }),
    },
  };
  const findings = reportFindings(
    defaultCatalogue,
    assessment,
    computeResults(defaultCatalogue, assessment),
  );
  // The control row's target date (2027-03-01) is past on this day: it is overdue.
  const rows = readCsv(actionPlanCsv(findings, guidance, '2027-03-02'));

  test('has the columns the people fixing things need, in order', () => {
    expect(rows[0]).toEqual([
      'Control',
      'Level',
      'Basis',
      'Section',
      'Answer',
      'Owner',
      'Target date',
      'Overdue',
      'Agreed action',
      'Evidence notes',
      'Evidence reference',
      'What to do',
    ]);
  });

  test('a control row gives the owner, target date, evidence and every fix step in full', () => {
    expect(rows[1]).toEqual([
      'No host relays mail for arbitrary senders and recipients',
      'MUST',
      'From the guidance',
      'Open relays and open proxies',
      'Not implemented',
      `'=cmd|"/c calc"!A1`,
      // In words, as on the screen and in the PDF: one date format everywhere.
      '1 March 2027',
      'Overdue',
      // The management response as typed, neutralised like every cell.
      `'+Close the relay by 1 March; Tîm Rhwydweithiau to confirm`,
      // Evidence cells are neutralised like every other cell.
      `'-tested from outside on 20 Nov, relay accepted`,
      `'@TICKET-1042`,
      [
        'Postfix:',
        '1. Close the relay on Postfix with a line like this:',
        '    smtpd_relay_restrictions =',
        '      reject',
        '2. then more',
        '',
        'Exim:',
        'Close the relay on Exim',
      ].join('\n'),
    ]);
  });

  test('a finding is overdue only once its target date has passed', () => {
    const onTheDay = readCsv(actionPlanCsv(findings, guidance, '2027-03-01'));
    expect(onTheDay[1]?.[6]).toBe('1 March 2027');
    expect(onTheDay[1]?.[7]).toBe('');
    expect(rows[1]?.[7]).toBe('Overdue');
  });

  test('a finding nobody owns and with no date says so, as the plan on screen does', () => {
    expect(rows[2]?.slice(0, 11)).toEqual([
      'No open HTTP or SOCKS proxies',
      'MUST',
      'From the guidance',
      'Open relays and open proxies',
      "Don't know",
      'Not assigned',
      'No target date',
      '',
      '',
      '',
      '',
    ]);
  });

  test("a finding answered Don't know starts with how to find out, then the checks, then the fixes", () => {
    expect(rows[2]?.[11]).toBe(
      [
        'Find out first: Check: Close the proxy',
        '',
        'How to check:',
        `${PLATFORM_LABELS.general}:`,
        '1. Check: Close the proxy',
        '    swaks --quit-after RCPT',
        '2. Then look again',
        '',
        'If it is not in place:',
        'Postfix:',
        '1. Close the proxy on Postfix with a line like this:',
        '    smtpd_relay_restrictions =',
        '      reject',
        '2. then more',
        '',
        'Exim:',
        'Close the proxy on Exim',
      ].join('\n'),
    );
  });

  test('a block-list listing is a row with what the list says and where to ask for removal', () => {
    expect(rows[3]?.slice(0, 11)).toEqual([
      '192.0.2.10 is listed on Example Block List',
      'SHOULD',
      'Beyond the guidance (RFC 5782, DNS Blacklists and Whitelists)',
      'Open relays and open proxies',
      'Listed',
      'Not assigned',
      'No target date',
      '',
      '',
      'The list says: Spam source\nReason given: Seen sending spam',
      'Block-list check: a.bl.example.org',
    ]);
    expect(rows[3]?.[11]).toBe(
      [
        'Look up the listing and request removal: https://www.spamcop.net/bl.shtml?192.0.2.10',
        'Then stop the cause, so the address is not listed again.',
        'Postfix:',
        '1. Find the cause on Postfix with a line like this:',
        '    smtpd_relay_restrictions =',
        '      reject',
        '2. then more',
        '',
        'Exim:',
        'Find the cause on Exim',
      ].join('\n'),
    );
    expect(rows).toHaveLength(4);
  });

  test('"What to do" never points at a command it does not contain, for the whole checklist', async () => {
    const { shippedGuidance } = await import('../../src/lib/content/guidance');
    for (const [id, entry] of Object.entries(shippedGuidance(defaultCatalogue))) {
      const text = fixText(entry.howToFix);
      for (const fix of entry.howToFix) {
        for (const step of fix.steps) {
          expect(text, id).toContain(plainText(step.text));
          for (const line of step.code?.split('\n') ?? []) expect(text, id).toContain(line);
        }
      }
    }
  });
});

describe("commands in the CSV carry the organisation's own values, quoted as on the screen", () => {
  const relayCheck = async () => {
    const { shippedGuidance } = await import('../../src/lib/content/guidance');
    return shippedGuidance(defaultCatalogue)['no-open-relay']!;
  };
  const profileWith = (fields: Partial<Assessment['profile']>) => ({
    ...newAssessment({ id: 'p', now: new Date('2026-11-28T09:00:00Z'), catalogueVersion: '2026.3' })
      .profile,
    ...fields,
  });

  test("the profile's servers and ranges replace the placeholders, exactly as the screen writes them", async () => {
    const entry = await relayCheck();
    const values = slotValues(
      profileWith({ mailServers: '192.0.2.25\n2001:db8::25', networkRanges: '192.0.2.0/24' }),
    );
    const text = fixText(entry.howToCheck, values);
    expect(text).toContain('nmap -Pn -p 25,465,587 --open 192.0.2.0/24');
    expect(text).toContain('for host in 192.0.2.25 2001:db8::25; do swaks');
    expect(text).not.toContain('<mail-servers>');
    expect(text).not.toContain('<ipv4-network-ranges>');
    // Each command line is what the screen shows for the same step.
    for (const fix of entry.howToCheck) {
      for (const step of fix.steps) {
        if (!step.code) continue;
        for (const line of commandText(commandPieces(step, values)).split('\n')) {
          expect(text).toContain(line);
        }
      }
    }
  });

  test('without values, or with values that cannot be quoted safely, the placeholder stays', async () => {
    const entry = await relayCheck();
    expect(fixText(entry.howToCheck)).toContain('<mail-servers>');
    for (const hostile of ['; rm -rf ~', '$(reboot)', '`reboot`', "x' ; reboot '"]) {
      const values = slotValues(profileWith({ mailServers: hostile, mailDomains: hostile }));
      const text = fixText(entry.howToCheck, values);
      expect(text, hostile).toContain('<mail-servers>');
      expect(text, hostile).not.toContain(hostile);
    }
  });

  test('the action plan file takes the values through to "What to do"', () => {
    const catalogue = defaultCatalogue;
    const assessment = newAssessment({
      id: 'v',
      now: new Date('2026-11-28T09:00:00Z'),
      catalogueVersion: catalogue.version,
    });
    assessment.answers = { 'no-open-relay': answer('unknown') };
    const found = reportFindings(catalogue, assessment, computeResults(catalogue, assessment));
    const step = (code: string) => ({
      text: words('Run'),
      code,
      language: 'sh' as const,
      template: ['scan ', { slot: 'servers' as const, separator: ' ' }],
    });
    const g: FixesByControl = {
      'no-open-relay': {
        howToCheck: [{ platform: 'general', steps: [step('scan <mail-servers>')] }],
        howToFix: [],
      },
    };
    const values = slotValues(profileWith({ mailServers: '192.0.2.25' }));
    const rows = readCsv(actionPlanCsv(found, g, '2026-11-28', values));
    const whatToDo = rows[0]!.indexOf('What to do');
    const relay = rows.find(
      (row) => row[0] === 'No host relays mail for arbitrary senders and recipients',
    );
    expect(relay?.[whatToDo]).toContain('    scan 192.0.2.25');
    expect(relay?.[whatToDo]).not.toContain('<mail-servers>');
  });
});
