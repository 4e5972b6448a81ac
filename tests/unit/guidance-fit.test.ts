import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  commandPieces,
  commandText,
  NO_VALUES,
  placeholdersLeft,
  slotValues,
} from '../../src/lib/checklist/commands';
import { fitSteps, platformsInUse } from '../../src/lib/checklist/platforms';
import { guidanceFromMarkdown, shippedGuidanceFiles } from '../../src/lib/content/guidance';
import { ContentError } from '../../src/lib/content/parse';
import { emptyProfile, type Profile } from '../../src/lib/model/assessment';
import {
  PlatformSchema,
  slotPlaceholder,
  type Fix,
  type Step,
} from '../../src/lib/model/catalogue';

const FILE = 'guidance/test.md';

/** A guidance file whose one check step carries `code` in `language`. */
function withCode(code: string, language = 'sh'): string {
  return `## Why it matters

Because.

## How to check

1. Run this.

   \`\`\`${language}
${code
  .split('\n')
  .map((line) => `   ${line}`)
  .join('\n')}
   \`\`\`

## How to fix

### Any platform

1. Fix it.

## Source in the guidance

> A passage.
`;
}

function checkStep(markdown: string): Step {
  return guidanceFromMarkdown(FILE, markdown).howToCheck[0]!.steps[0]!;
}

function refusal(markdown: string): ContentError {
  try {
    guidanceFromMarkdown(FILE, markdown);
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return error as ContentError;
  }
  throw new Error('the file was accepted');
}

const profile = (patch: Partial<Profile>): Profile => ({ ...emptyProfile(), ...patch });

/** The Postfix university of the issue: two mail servers, a campus range over IPv4 and IPv6. */
const UNIVERSITY = profile({
  serviceModel: 'own',
  mailSoftware: ['postfix'],
  desktopPlatforms: ['windows', 'macos'],
  mailDomains: 'uni.example.ac.uk\n',
  mailServers: '192.0.2.25\n192.0.2.26 # mx2\n2001:db8::25',
  networkRanges: '192.0.2.0/24\n2001:db8::/48',
});

/** The hosted FE college of the issue: Microsoft 365, Windows desktops. */
const COLLEGE = profile({
  serviceModel: 'hosted',
  mailSoftware: ['microsoft-365'],
  desktopPlatforms: ['windows'],
  mailDomains: 'college.example.ac.uk',
  networkRanges: '198.51.100.0/24',
});

describe("profile values in a guidance file's commands", () => {
  test('{{slot}} becomes a placeholder in the code, and the template says where the value goes', () => {
    const step = checkStep(withCode('swaks --server {{server}} --to postmaster@{{domain}}'));
    expect(step.code).toBe('swaks --server <mail-server> --to postmaster@<mail-domain>');
    expect(step.template).toEqual([
      'swaks --server ',
      { slot: 'server', separator: ' ' },
      ' --to postmaster@',
      { slot: 'domain', separator: ' ' },
    ]);
  });

  test("a list takes its separator from the token, or the language's own", () => {
    expect(checkStep(withCode('nmap {{ranges4}}')).template).toContainEqual({
      slot: 'ranges4',
      separator: ' ',
    });
    expect(checkStep(withCode('X -R {{servers}}', 'powershell')).template).toContainEqual({
      slot: 'servers',
      separator: ',',
    });
    expect(checkStep(withCode('ip daddr { {{servers4|, }} }', 'text')).template).toContainEqual({
      slot: 'servers4',
      separator: ', ',
    });
  });

  test('a command without tokens has no template', () => {
    expect(checkStep(withCode('postconf mynetworks')).template).toBeUndefined();
  });

  test('an unknown value name is refused, naming the ones there are', () => {
    const error = refusal(withCode('swaks --server {{mx}}'));
    expect(error).toMatchObject({ file: FILE, field: 'How to check › step 1 (line 9)' });
    expect(error.problem).toMatch(/unknown profile value \{\{mx\}\} .*\{\{domain\}\}/);
  });

  test('a value inside quotes in a shell command is refused: the app quotes values itself', () => {
    expect(refusal(withCode("postconf -e 'mynetworks = {{ranges}}'")).problem).toMatch(
      /\{\{ranges\}\} is inside quotes/,
    );
    expect(refusal(withCode('Write-Host "{{domain}}"', 'powershell')).problem).toMatch(
      /inside quotes/,
    );
    // After a closed quote, or a quote in a comment, the value stands outside.
    expect(() => guidanceFromMarkdown(FILE, withCode("echo 'x' {{domain}}"))).not.toThrow();
    expect(() =>
      guidanceFromMarkdown(FILE, withCode("# don't worry\nswaks --server {{server}}")),
    ).not.toThrow();
    // In a configuration file nothing is quoted, so the rule does not apply.
    expect(() => guidanceFromMarkdown(FILE, withCode("x = '{{domain}}'", 'text'))).not.toThrow();
  });

  test('Exim expansions such as ${if or{{eq{…}}}} are not taken for tokens', () => {
    const step = checkStep(
      withCode('condition = ${if or{{eq{$received_port}{587}}{eq{$received_port}{465}}}}', 'text'),
    );
    expect(step.template).toBeUndefined();
  });

  test('placeholders name what to fill in', () => {
    expect(slotPlaceholder('domain')).toBe('<mail-domain>');
    expect(slotPlaceholder('servers')).toBe('<mail-servers>');
    expect(slotPlaceholder('server6')).toBe('<ipv6-mail-server>');
    expect(slotPlaceholder('ranges4')).toBe('<ipv4-network-ranges>');
  });
});

describe('commands filled in from the profile', () => {
  const step = (code: string, language = 'sh') => checkStep(withCode(code, language));

  test("the Postfix university's commands carry its own addresses and domain", () => {
    const values = slotValues(UNIVERSITY);
    const pieces = commandPieces(
      step('for s in {{servers4}}; do swaks --server "$s" --to postmaster@{{domain}}; done'),
      values,
    );
    expect(commandText(pieces)).toBe(
      'for s in 192.0.2.25 192.0.2.26; do swaks --server "$s" --to postmaster@uni.example.ac.uk; done',
    );
    expect(placeholdersLeft(pieces)).toEqual([]);
    expect(commandText(commandPieces(step('nmap -6 {{servers6}}'), values))).toBe(
      'nmap -6 2001:db8::25',
    );
    expect(commandText(commandPieces(step('nmap {{ranges4}}'), values))).toBe('nmap 192.0.2.0/24');
  });

  test('in PowerShell, addresses are quoted and a list is an array', () => {
    const pieces = commandPieces(
      step('Set-ReceiveConnector X -RemoteIPRanges {{servers4}}', 'powershell'),
      slotValues(UNIVERSITY),
    );
    expect(commandText(pieces)).toBe(
      "Set-ReceiveConnector X -RemoteIPRanges '192.0.2.25','192.0.2.26'",
    );
  });

  test('with nothing in the profile, the placeholders stay and are listed', () => {
    const pieces = commandPieces(step('swaks --server {{server}} --to a@{{domain}}'), NO_VALUES);
    expect(commandText(pieces)).toBe('swaks --server <mail-server> --to a@<mail-domain>');
    expect(placeholdersLeft(pieces)).toEqual(['<mail-server>', '<mail-domain>']);
    expect(pieces.filter((p) => p.kind === 'placeholder')).toHaveLength(2);
  });

  test('hostile profile text never reaches a command: the line is invalid, the placeholder stays', () => {
    for (const hostile of [
      '; rm -rf ~',
      '$(reboot)',
      '`reboot`',
      "x'; reboot; '",
      '"; reboot; "',
    ]) {
      const values = slotValues(
        profile({ mailDomains: hostile, mailServers: hostile, networkRanges: hostile }),
      );
      for (const [code, language] of [
        ['swaks --server {{server}} --to a@{{domain}} {{ranges}}', 'sh'],
        ['Test-NetConnection {{server}} {{domains}}', 'powershell'],
        ['mynetworks = {{ranges}}', 'text'],
      ] as const) {
        const text = commandText(commandPieces(step(code, language), values));
        expect(text, hostile).not.toContain(hostile.trim());
        expect(text, hostile).not.toMatch(/reboot|rm -rf/);
        expect(text, hostile).toMatch(/<mail-server>|<mail-domains?>|<network-ranges>/);
      }
    }
  });

  test('a valid value that needs quoting is quoted for the shell, and left out of a config file', () => {
    // A Welsh domain name is valid in the profile; a shell needs it quoted.
    const values = slotValues(profile({ mailDomains: 'prifysgol-gŵyr.ac.uk' }));
    expect(commandText(commandPieces(step('dig MX {{domain}}'), values))).toBe(
      "dig MX 'prifysgol-gŵyr.ac.uk'",
    );
    expect(commandText(commandPieces(step('mydomain = {{domain}}', 'text'), values))).toBe(
      'mydomain = <mail-domain>',
    );
  });

  test('a value the shell cannot carry safely leaves the whole slot as a placeholder', () => {
    const values = { ...NO_VALUES, servers: ['192.0.2.25', '-oProxyCommand=x'] };
    const pieces = commandPieces(step('nmap {{servers}}'), values);
    expect(commandText(pieces)).toBe('nmap <mail-servers>');
  });

  test('values are taken once each, comments and invalid lines left out', () => {
    const values = slotValues(
      profile({ mailServers: '192.0.2.25\n192.0.2.25/32\n192.0.2.300\n# none\n2001:DB8::25' }),
    );
    expect(values.servers).toEqual(['192.0.2.25', '2001:db8::25']);
    expect(values.server4).toEqual(['192.0.2.25']);
    expect(values.servers6).toEqual(['2001:db8::25']);
  });
});

describe('guidance that fits the reader', () => {
  const groups = (...platforms: Fix['platform'][]): Fix[] =>
    platforms.map((platform) => ({ platform, steps: [{ text: [{ type: 'text', value: 'x' }] }] }));
  // Every platform the catalogue knows, in its own order.
  const ALL = groups(...PlatformSchema.options);
  const names = (list: Fix[]) => list.map((g) => g.platform);

  test('a profile that names no platform folds nothing', () => {
    expect(platformsInUse(emptyProfile())).toBeUndefined();
    expect(platformsInUse(profile({ mailSoftware: [], desktopPlatforms: [] }))).toBeUndefined();
    const fitted = fitSteps(ALL, undefined);
    expect(fitted.yours).toEqual(ALL);
    expect(fitted.others).toEqual([]);
  });

  test('the Microsoft 365 college sees Microsoft 365, both-provider, Windows and general steps first', () => {
    const fitted = fitSteps(ALL, platformsInUse(COLLEGE));
    expect(names(fitted.yours)).toEqual([
      'general',
      'microsoft365',
      'hosted',
      'firewall',
      'windows',
    ]);
    expect(names(fitted.others)).toEqual([
      'postfix',
      'exim',
      'sendmail',
      'exchange',
      'googleworkspace',
      'linux',
      'macos',
    ]);
  });

  test('the Postfix university sees Postfix and the hosts it runs on first', () => {
    const fitted = fitSteps(ALL, platformsInUse(UNIVERSITY));
    expect(names(fitted.yours)).toEqual([
      'general',
      'postfix',
      'firewall',
      'linux',
      'windows',
      'macos',
    ]);
    expect(names(fitted.others)).toEqual([
      'exim',
      'sendmail',
      'exchange',
      'microsoft365',
      'googleworkspace',
      'hosted',
    ]);
  });

  test('nothing is ever dropped: every group is either first or folded', () => {
    for (const p of [COLLEGE, UNIVERSITY, profile({ mailSoftware: ['other'] })]) {
      const fitted = fitSteps(ALL, platformsInUse(p));
      expect([...fitted.yours, ...fitted.others]).toHaveLength(ALL.length);
    }
  });

  test('Exchange Server brings Windows hosts forward; Exim and Sendmail bring Linux', () => {
    expect(platformsInUse(profile({ mailSoftware: ['exchange'] }))).toContain('windows');
    expect(platformsInUse(profile({ mailSoftware: ['exim'] }))).toContain('linux');
    expect(platformsInUse(profile({ mailSoftware: ['sendmail'] }))).toContain('linux');
  });
});

describe('"How to check" by platform', () => {
  const FILE_WITH_PLATFORMS = `## Why it matters

Because.

## How to check

1. For everyone.

### Postfix

1. Postfix only.

### Microsoft 365

1. Microsoft 365 only.

## How to fix

### Any platform

1. Fix it.

## Source in the guidance

> A passage.
`;

  test('steps before the first platform heading are for any platform', () => {
    const guidance = guidanceFromMarkdown(FILE, FILE_WITH_PLATFORMS);
    expect(guidance.howToCheck.map((group) => group.platform)).toEqual([
      'general',
      'postfix',
      'microsoft365',
    ]);
  });

  test('an "Any platform" heading besides steps before the first heading is refused', () => {
    const error = refusal(
      FILE_WITH_PLATFORMS.replace('### Postfix', '### Any platform\n\n1. Again.\n\n### Postfix'),
    );
    expect(error.problem).toMatch(/already for "Any platform"/);
  });

  test('a platform given twice under "How to check" is refused', () => {
    const error = refusal(FILE_WITH_PLATFORMS.replace('### Microsoft 365', '### Postfix'));
    expect(error.problem).toMatch(/a second "Postfix" heading/);
  });
});

describe('the shipped commands, filled from a profile', () => {
  const shipped = Object.entries(shippedGuidanceFiles).flatMap(([file, markdown]) => {
    const guidance = guidanceFromMarkdown(file, markdown);
    return [...guidance.howToCheck, ...guidance.howToFix]
      .flatMap((group) => group.steps)
      .filter((step) => step.template)
      .map((step) => ({ file, step }));
  });

  test('the guidance marks where the profile values go in the commands that take them', () => {
    expect(shipped.length).toBeGreaterThanOrEqual(10);
    expect(new Set(shipped.map(({ file }) => file))).toContain('guidance/no-open-relay.md');
  });

  test("the university's profile fills every value of every shipped command", () => {
    const values = slotValues(UNIVERSITY);
    for (const { file, step } of shipped) {
      expect(placeholdersLeft(commandPieces(step, values)), `${file}: ${step.code}`).toEqual([]);
    }
  });

  /** One word of a shell: bare safe characters, or single-quoted with quotes written as the shell needs. */
  const SH_WORD = /^(?:[A-Za-z0-9][A-Za-z0-9._:/@%+=,-]*|'(?:[^']|'\\'')*')$/;
  const PS_WORD =
    /^(?:[A-Za-z][A-Za-z0-9.-]*|'(?:[^'\u2018\u2019\u201a\u201b]|''|\u2018\u2018|\u2019\u2019|\u201a\u201a|\u201b\u201b)*')$/;
  const CONFIG_WORD = /^[A-Za-z0-9:][A-Za-z0-9._:/-]*$/;
  const line = fc.oneof(
    fc.constantFrom(
      '; rm -rf ~',
      '$(reboot)',
      '`reboot`',
      "x'; reboot; '",
      '"; reboot; "',
      '-oX',
      '',
    ),
    fc.ipV4(),
    fc.ipV6(),
    fc.domain(),
    fc.string({ maxLength: 20 }),
    fc.tuple(fc.ipV4(), fc.integer({ min: 8, max: 32 })).map(([ip, bits]) => `${ip}/${bits}`),
  );
  const field = fc.array(line, { maxLength: 4 }).map((lines) => lines.join('\n'));

  test('whatever is typed in the profile, each value in a command is one safely quoted word (property)', () => {
    fc.assert(
      fc.property(field, field, field, (mailDomains, mailServers, networkRanges) => {
        const values = slotValues(profile({ mailDomains, mailServers, networkRanges }));
        for (const { step } of shipped) {
          const word = { sh: SH_WORD, powershell: PS_WORD, text: CONFIG_WORD }[step.language!];
          const separators = step.template!.flatMap((part) =>
            typeof part === 'string' ? [] : [part.separator],
          );
          for (const piece of commandPieces(step, values)) {
            if (piece.kind !== 'value') continue;
            expect(piece.text).not.toMatch(/[\n\r]/);
            const words = separators.reduce<string[]>(
              (parts, separator) => parts.flatMap((p) => p.split(separator)),
              [piece.text],
            );
            for (const w of words) expect(w, piece.text).toMatch(word);
          }
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('the Windows way, wherever a check needs a tool Windows lacks', () => {
  test('every card whose check uses swaks or nmap gives Windows steps: Test-NetConnection, or where to get the tool', async () => {
    const { shippedGuidance } = await import('../../src/lib/content/guidance');
    const { defaultCatalogue } = await import('../../src/lib/content/checklist');
    const { plainText } = await import('../../src/lib/model/catalogue');
    const missing: string[] = [];
    let cards = 0;
    for (const [id, entry] of Object.entries(shippedGuidance(defaultCatalogue))) {
      const needsTool = entry.howToCheck
        .filter((group) => group.platform !== 'windows')
        .some((group) => group.steps.some((step) => /\b(?:swaks|nmap)\b/.test(step.code ?? '')));
      if (!needsTool) continue;
      cards += 1;
      const windows = entry.howToCheck.filter((group) => group.platform === 'windows');
      const text = windows
        .flatMap((group) => group.steps)
        .map((step) => `${plainText(step.text)}\n${step.code ?? ''}`)
        .join('\n');
      const windowsWay =
        /Test-NetConnection|Send-MailMessage|Resolve-DnsName/.test(text) ||
        /nmap\.org\/download/.test(text);
      const whereToGet = /nmap\.org\/download|Windows Subsystem for Linux/.test(text);
      if (!windowsWay || !whereToGet) missing.push(id);
    }
    expect(cards).toBeGreaterThanOrEqual(15);
    expect(missing).toEqual([]);
  });
});
