import { describe, expect, test } from 'vitest';
import {
  describeCheck,
  parseDigestInput,
  verificationFailed,
  verificationHeadline,
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

  test('changed content is a mismatch: with its own digest, and with the printed one', () => {
    const result = verifyDigests({ computed: other, embedded: digest, printed: digest });
    expect(result.embedded).toMatchObject({ kind: 'mismatch', expected: digest, actual: other });
    expect(result.embedded.kind === 'mismatch' && result.embedded.meaning).toMatch(
      /does not agree with the digest written into it/,
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
    // A digest inside the file proves only that the file agrees with itself.
    expect(describeCheck(v.embedded, 'embedded')).toMatch(/not damaged/);
    expect(describeCheck(v.embedded, 'embedded')).toMatch(/does not prove it is unchanged/);
    expect(describeCheck(v.embedded, 'embedded')).not.toMatch(/has not changed/);
    expect(verificationHeadline('a.json', v)).toBe(
      'a.json matches the report: it holds the content the report was printed from.',
    );
    const alone = verifyDigests({ computed: digest, embedded: digest, printed: undefined });
    expect(verificationHeadline('a.json', alone)).toMatch(
      /^a\.json agrees with its own digest\. Enter the digest printed on the report/,
    );
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
