import { describe, expect, test } from 'vitest';
import {
  describeCheck,
  parseDigestInput,
  verificationFailed,
  verifyDigests,
} from '../../src/lib/report/verify';

const digest = 'ab'.repeat(32);
const other = 'cd'.repeat(32);

describe('digest verification', () => {
  test('a digest pasted with spaces, line breaks or capitals is read as the same digest', () => {
    const pasted = `${digest.slice(0, 30).toUpperCase()}\n ${digest.slice(30)}`;
    expect(parseDigestInput(pasted)).toEqual({ ok: true, digest });
  });

  test('a digest of the wrong length or with other characters is refused with the reason', () => {
    const short = parseDigestInput('abc');
    expect(short.ok).toBe(false);
    if (!short.ok) expect(short.reason).toMatch(/64 characters.*has 3 characters/);
    const wrong = parseDigestInput('z'.repeat(64));
    if (!wrong.ok) expect(wrong.reason).toMatch(/not 0–9 or a–f/);
  });

  test('content matching the embedded and the printed digest is reported as a match on both', () => {
    expect(verifyDigests({ computed: digest, embedded: digest, printed: digest })).toEqual({
      computed: digest,
      embedded: { kind: 'match', digest },
      printed: { kind: 'match', digest },
    });
  });

  test('changed content is a mismatch that says the file differs from what was exported or printed', () => {
    const result = verifyDigests({ computed: other, embedded: digest, printed: digest });
    expect(result.embedded).toMatchObject({ kind: 'mismatch', expected: digest, actual: other });
    expect(result.embedded.kind === 'mismatch' && result.embedded.meaning).toMatch(
      /differs from what was exported/,
    );
    expect(result.printed?.kind === 'mismatch' && result.printed.meaning).toMatch(
      /differs from the assessment the report was printed from/,
    );
  });

  test('a file without a digest says so, and no printed digest means no printed check', () => {
    const result = verifyDigests({ computed: digest, embedded: undefined, printed: undefined });
    expect(result.embedded.kind).toBe('absent');
    expect(result.printed).toBeUndefined();
  });
});

describe('verification in words', () => {
  test('a match on the printed digest says the file is what the report was printed from', () => {
    const v = verifyDigests({ computed: digest, embedded: digest, printed: digest });
    expect(verificationFailed(v)).toBe(false);
    expect(describeCheck(v.printed!, 'printed')).toMatch(
      /exactly the content the report was printed from/,
    );
    expect(describeCheck(v.embedded, 'embedded')).toMatch(/has not changed since it was exported/);
  });

  test('one mismatch fails the whole verification; a missing embedded digest alone does not', () => {
    expect(
      verificationFailed(verifyDigests({ computed: digest, embedded: other, printed: undefined })),
    ).toBe(true);
    expect(
      verificationFailed(verifyDigests({ computed: digest, embedded: undefined, printed: digest })),
    ).toBe(false);
  });
});
