import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { quoteConfig, quoteFor, quotePowerShell, quoteSh } from '../../src/lib/checklist/quote';
import { emptyProfile } from '../../src/lib/model/assessment';
import { scanCommands } from '../../src/lib/scans/domain/commands';

/** What people type into profile fields by mistake or on purpose, and must never run. */
const HOSTILE = [
  '; rm -rf ~',
  '$(reboot)',
  '`reboot`',
  "it's",
  '"quoted"',
  'a b',
  '$HOME',
  '*',
  '~',
  '|| curl https://example.org/x | sh',
  '& calc.exe',
  '@(1,2)',
  '$env:USERPROFILE',
  'x\u2019; Remove-Item -Recurse ~; \u2018',
];

/**
 * What a shell makes of each word: the argument it hands the program. Asked of dash (Debian's
 * /bin/sh, a strict POSIX shell) and bash, each once for all the words (one process per word is
 * too slow on a busy machine); both must agree. Each word's argument ends with \001, a control
 * character no quoted value holds, so a word the shell split in two shows as two arguments.
 */
function shellArguments(words: readonly string[]): string[] {
  const script = words.map((word) => `printf '%s\\001' ${word}`).join('\n');
  const [dash, bash] = ['/bin/sh', 'bash'].map((shell) =>
    execFileSync(shell, ['-c', script], { encoding: 'utf8' }),
  );
  if (dash !== bash) return [`dash and bash disagree: ${dash} / ${bash}`];
  return dash!.split('\u0001').slice(0, -1);
}

describe('quoting for a POSIX shell', () => {
  test('domains, addresses and ranges stand bare, as an administrator would write them', () => {
    for (const value of ['college.ac.uk', '192.0.2.25', '2001:db8::25', '192.0.2.0/24']) {
      expect(quoteSh(value)).toBe(value);
    }
  });

  test("anything else is single-quoted, and a single quote inside is written as '\\''", () => {
    expect(quoteSh('; rm -rf ~')).toBe("'; rm -rf ~'");
    expect(quoteSh('$(reboot)')).toBe("'$(reboot)'");
    expect(quoteSh('`reboot`')).toBe("'`reboot`'");
    expect(quoteSh("it's")).toBe("'it'\\''s'");
    expect(quoteSh('"quoted"')).toBe('\'"quoted"\'');
    expect(quoteSh('prifysgol-gŵyr.ac.uk')).toBe("'prifysgol-gŵyr.ac.uk'");
  });

  test('the shell hands the program exactly the value, for every hostile value', () => {
    const quoted = HOSTILE.map((value) => quoteSh(value));
    expect(quoted.every((q) => q !== undefined)).toBe(true);
    expect(shellArguments(quoted as string[])).toEqual(HOSTILE);
  });

  test('any printable value comes through the shell as itself (property)', () => {
    const values = fc
      .sample(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), 300)
      .filter((value) => quoteSh(value) !== undefined);
    expect(values.length).toBeGreaterThan(100);
    expect(shellArguments(values.map((value) => quoteSh(value)!))).toEqual(values);
  });
});

describe('quoting for PowerShell', () => {
  test('a domain stands bare; addresses, ranges and anything else are single-quoted', () => {
    expect(quotePowerShell('college.ac.uk')).toBe('college.ac.uk');
    expect(quotePowerShell('192.0.2.25')).toBe("'192.0.2.25'");
    expect(quotePowerShell('2001:db8::/48')).toBe("'2001:db8::/48'");
    expect(quotePowerShell('$(Restart-Computer)')).toBe("'$(Restart-Computer)'");
    expect(quotePowerShell('`whoami`')).toBe("'`whoami`'");
    expect(quotePowerShell('"quoted"')).toBe('\'"quoted"\'');
  });

  test('a name that PowerShell would read as a number is quoted (10kb is 10240 there)', () => {
    expect(quotePowerShell('10kb')).toBe("'10kb'");
    expect(quotePowerShell('0x1f')).toBe("'0x1f'");
  });

  test('every one of the five characters PowerShell ends a single-quoted string at is doubled', () => {
    expect(quotePowerShell("it's")).toBe("'it''s'");
    for (const quote of ['\u2018', '\u2019', '\u201a', '\u201b']) {
      expect(quotePowerShell(`a${quote}b`)).toBe(`'a${quote}${quote}b'`);
    }
    // The typographic quotes cannot end the string early and let the rest run.
    expect(quotePowerShell('x\u2019; Remove-Item -Recurse ~; \u2018')).toBe(
      "'x\u2019\u2019; Remove-Item -Recurse ~; \u2018\u2018'",
    );
  });

  test('in the quoted form no single-quote character stands alone (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }), (value) => {
        const quoted = quotePowerShell(value);
        if (quoted === undefined || !quoted.startsWith("'")) return true;
        const inner = quoted.slice(1, -1);
        // Read the inside as PowerShell does: a quote character must be followed by another.
        for (let i = 0; i < inner.length; i += 1) {
          if (/['\u2018\u2019\u201a\u201b]/.test(inner[i]!)) {
            if (!/['\u2018\u2019\u201a\u201b]/.test(inner[i + 1] ?? '')) return false;
            i += 1;
          }
        }
        return true;
      }),
      { numRuns: 300 },
    );
  });
});

describe('values that cannot be written safely are refused, in every language', () => {
  const LANGUAGES = ['sh', 'powershell', 'text'] as const;

  test('a value starting with "-" would be read as an option, quoted or not', () => {
    for (const language of LANGUAGES) {
      expect(quoteFor(language, '-oProxyCommand=reboot'), language).toBeUndefined();
    }
  });

  test('control characters and invisible reordering marks are refused', () => {
    for (const value of ['a\nb', 'a\rb', 'a\u001b[2Jb', 'a\u0000b', 'a\u202eb', 'a\u2066b', '']) {
      for (const language of LANGUAGES) {
        expect(quoteFor(language, value), `${language} ${JSON.stringify(value)}`).toBeUndefined();
      }
    }
  });

  test('a configuration file takes only values that need no quoting at all', () => {
    expect(quoteConfig('192.0.2.0/24')).toBe('192.0.2.0/24');
    expect(quoteConfig('2001:db8::25')).toBe('2001:db8::25');
    expect(quoteConfig('college.ac.uk')).toBe('college.ac.uk');
    for (const value of HOSTILE) expect(quoteConfig(value), value).toBeUndefined();
  });
});

describe('one quoting module', () => {
  test('no source file but checklist/quote.ts writes its own shell quoting', () => {
    const src = fileURLToPath(new URL('../../src', import.meta.url));
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
        entry.isDirectory()
          ? files(join(dir, entry.name))
          : /\.(ts|svelte)$/.test(entry.name)
            ? [join(dir, entry.name)]
            : [],
      );
    // The POSIX idiom for a quote inside single quotes ('\'') is what a second quoter writes.
    const offenders = files(src)
      .filter((path) => !path.endsWith(join('checklist', 'quote.ts')))
      .filter((path) => readFileSync(path, 'utf8').includes(`'\\\\''`))
      .map((path) => relative(src, path));
    expect(offenders).toEqual([]);
  });

  test('the scan commands quote the domain with it', () => {
    const profile = {
      ...emptyProfile(),
      mailServers: '192.0.2.25',
      mailDomains: 'example.ac.uk',
    };
    const [outside] = scanCommands(profile).commands;
    expect(outside?.command).toContain(
      `--script-args smtp-open-relay.domain=${quoteSh('example.ac.uk')}`,
    );
  });
});
