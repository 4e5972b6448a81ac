import { describe, expect, test } from 'vitest';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { shippedGuidance } from '../../src/lib/content/guidance';
import {
  allControls,
  notApplicableReason,
  plainText,
  type ControlGuidance,
  type InlineRun,
  type Paragraph,
} from '../../src/lib/model/catalogue';

/** The controls for hosted mail (Microsoft 365, Google Workspace), beyond the guidance. */
const HOSTED = [
  'hosted-smtp-auth-basic-retired',
  'hosted-mailbox-mfa',
  'hosted-external-forwarding-blocked',
  'hosted-outbound-spam-limits',
  'hosted-compromised-account-alerts',
];

const controls = allControls(defaultCatalogue).map(({ control }) => control);
const byId = (id: string) => {
  const control = controls.find((c) => c.id === id);
  if (!control) throw new Error(`no control ${id}`);
  return control;
};

let loaded: Record<string, ControlGuidance> | undefined;
const guidance = () => (loaded ??= shippedGuidance(defaultCatalogue));

/** Every paragraph of a control's guidance, and every code block, as text. */
function textsOf(id: string): { prose: string[]; code: string[]; paragraphs: Paragraph[] } {
  const g = guidance()[id]!;
  const steps = [...g.howToCheck, ...g.howToFix].flatMap((group) => group.steps);
  const paragraphs = [...g.why, ...g.source, ...steps.map((step) => step.text)];
  return {
    prose: paragraphs.map(plainText),
    code: steps.flatMap((step) => (step.code === undefined ? [] : [step.code])),
    paragraphs,
  };
}

const runsOf = (runs: readonly InlineRun[]): InlineRun[] =>
  runs.flatMap((run) =>
    run.type === 'text' || run.type === 'code' ? [run] : [run, ...runsOf(run.children)],
  );

describe('controls for hosted mail', () => {
  test('the catalogue is version 2026.3', () => {
    expect(defaultCatalogue.version).toBe('2026.3');
  });

  test.each(HOSTED)(
    '%s applies to a hosted or mixed service and not, by profile, otherwise',
    (id) => {
      const control = byId(id);
      expect(notApplicableReason(control, 'hosted')).toBeUndefined();
      expect(notApplicableReason(control, 'mixed')).toBeUndefined();
      expect(notApplicableReason(control, 'own')).toMatch(/hosted mail service/);
      expect(notApplicableReason(control, 'none')).toMatch(/no mail service/);
    },
  );

  test.each(HOSTED)('%s is good practice beyond the guidance, with an https source', (id) => {
    const { provenance, level } = byId(id);
    expect(level).toBe('SHOULD');
    expect(provenance.basis).toBe('beyond');
    if (provenance.basis !== 'beyond') return;
    expect(provenance.source.url).toMatch(
      /^https:\/\/(learn\.microsoft\.com|support\.google\.com|www\.ncsc\.gov\.uk)\//,
    );
  });

  test.each(HOSTED)(
    '%s gives Microsoft 365 steps in PowerShell starting with Connect-ExchangeOnline, and Google Workspace steps',
    (id) => {
      const g = guidance()[id]!;
      const hosted = g.howToFix.find((fix) => fix.platform === 'hosted');
      expect(hosted).toBeDefined();
      const all = [...g.howToCheck.flatMap((group) => group.steps), ...hosted!.steps];
      const exchange = all.filter((s) => s.code?.includes('ExchangeOnline'));
      expect(exchange.length).toBeGreaterThan(0);
      for (const step of exchange) {
        expect(step.language).toBe('powershell');
        expect(step.code!.split('\n')[0]).toBe('Connect-ExchangeOnline');
      }
      expect(all.map((s) => plainText(s.text)).join(' ')).toMatch(
        /Google Workspace: .*Admin console|Google Workspace: /,
      );
    },
  );

  test('every control beyond the guidance names an https source', () => {
    const beyond = controls.filter((c) => c.provenance.basis === 'beyond');
    expect(beyond.length).toBeGreaterThanOrEqual(HOSTED.length);
    for (const control of beyond) {
      if (control.provenance.basis !== 'beyond') continue;
      expect(control.provenance.source.url, control.id).toMatch(/^https:\/\//);
    }
  });

  test('SMTP AUTH: Microsoft dates are given "as of" a day, with the alternatives for devices', () => {
    const { prose } = textsOf('hosted-smtp-auth-basic-retired');
    const text = prose.join('\n');
    expect(text).toMatch(/As of \d{1,2} [A-Z][a-z]+ 20\d\d, Microsoft's published timeline/);
    expect(text).toContain('end of December 2026');
    for (const option of [
      'OAuth',
      'connector',
      'certificate',
      'High Volume Email',
      'Azure Communication Services',
    ]) {
      expect(text).toContain(option);
    }
  });
});

describe('corrections to the guidance', () => {
  test('Spamhaus DQS on Postfix: the rbl_reply_maps key is the reject_rbl_client argument exactly', () => {
    const { code } = textsOf('dnsbl-permitted-resolver');
    const snippet = code.find((c) => c.includes('rbl_reply_maps'))!;
    const argument = /reject_rbl_client (\S+)/.exec(snippet)![1]!;
    expect(argument).toBe('yourkey.zen.dq.spamhaus.net=127.0.0.[2..11]');
    const mapLine = snippet.split('\n').find((line) => line.startsWith('yourkey.'))!;
    expect(mapLine.split(/\s+/)[0]).toBe(argument);
  });

  test('Exim: the top senders come from the log, not from exiqsumm', () => {
    const { code, prose } = textsOf('open-relay-repaired');
    expect(code.join('\n')).not.toMatch(/exiqsumm/);
    expect(code.join('\n')).toMatch(/grep ' <= ' .*mainlog .*H=/);
    expect(prose.join('\n')).toMatch(/`?exiqsumm`? summarises the queue by destination domain/);
  });

  test('Postfix milters: content filtering and malware scanning give one combined smtpd_milters line', () => {
    const combined =
      'smtpd_milters = inet:127.0.0.1:11332, { inet:127.0.0.1:7357, default_action=tempfail }';
    for (const id of ['content-filtering', 'av-scan-at-mail-server']) {
      const postfix = guidance()[id]!.howToFix.find((fix) => fix.platform === 'postfix')!;
      const codes = postfix.steps.map((s) => s.code ?? '');
      expect(
        codes.some((c) => c.split('\n').includes(combined)),
        id,
      ).toBe(true);
    }
  });

  test('the external relay test says cloud providers block port 25 and gives alternatives', () => {
    const text = textsOf('relay-tested-externally').prose.join('\n');
    expect(text).toMatch(/AWS restricts outbound port 25/);
    expect(text).toMatch(/Google Cloud blocks it/);
    expect(text).toMatch(/Azure blocks it/);
    expect(text).toMatch(/Alternatives:/);
  });

  test('Postfix relay settings are read with postconf without -n, so defaults show', () => {
    const { code } = textsOf('no-open-relay');
    expect(code.join('\n')).not.toMatch(/postconf -n \| grep -E 'smtpd_\(relay/);
    expect(code).toContainEqual(
      expect.stringContaining(
        'postconf smtpd_relay_restrictions smtpd_recipient_restrictions mynetworks mynetworks_style relay_domains',
      ),
    );
  });

  test('Exchange: the dedicated relay connector is created for anonymous users; Default Frontend is not touched', () => {
    const exchange = guidance()['no-open-relay']!.howToFix.find((f) => f.platform === 'exchange')!;
    const code = exchange.steps.map((s) => s.code ?? '').join('\n');
    expect(code).toMatch(/New-ReceiveConnector .*-PermissionGroups AnonymousUsers/);
    expect(code).not.toMatch(/Remove-ADPermission/);
  });

  test('the CSIRT is Jisc CSIRT, named and linked', () => {
    const { paragraphs } = textsOf('csirt-contacts-known');
    const links = paragraphs.flatMap(runsOf).filter((run) => run.type === 'link');
    expect(links).toContainEqual(expect.objectContaining({ url: 'https://www.jisc.ac.uk/csirt' }));
    expect(byId('csirt-contacts-known').title).toMatch(/^Jisc CSIRT/);
    // "Janet CSIRT" stays only in quotations of the guidance and as "formerly".
    for (const control of controls) {
      const g = guidance()[control.id]!;
      const steps = [...g.howToCheck, ...g.howToFix].flatMap((group) => group.steps);
      for (const paragraph of [...g.why, ...steps.map((s) => s.text)]) {
        expect(plainText(paragraph).replace('formerly Janet CSIRT', ''), control.id).not.toContain(
          'Janet CSIRT',
        );
      }
    }
  });

  test('an address in the guidance text is an https link, never bare', () => {
    for (const control of controls) {
      for (const paragraph of textsOf(control.id).paragraphs) {
        // Text outside links (a link's own words may be its address, as in <https://…>).
        const outside = (runs: readonly InlineRun[]): InlineRun[] =>
          runs.flatMap((run) =>
            run.type === 'link'
              ? [run]
              : run.type === 'text' || run.type === 'code'
                ? [run]
                : outside(run.children),
          );
        for (const run of outside(paragraph)) {
          if (run.type === 'link') expect(run.url, control.id).toMatch(/^https:\/\//);
          if (run.type === 'text') expect(run.value, control.id).not.toMatch(/https?:\/\/|www\./);
        }
      }
    }
  });
});
