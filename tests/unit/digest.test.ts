import { createHash } from 'node:crypto';
import { describe, expect, test } from 'vitest';
import { sha256Hex } from '../../src/lib/assessment/io/digest';

describe('sha256Hex', () => {
  test('gives the FIPS 180-2 test vector for "abc"', async () => {
    expect(await sha256Hex('abc')).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  test('hashes the UTF-8 bytes, so Welsh and Greek text hash as any other tool would', async () => {
    const text = 'Prifysgol Bangor – Ysgol Gŵyr & Sŷr Môr · Αθήνα';
    expect(await sha256Hex(text)).toBe(createHash('sha256').update(text, 'utf8').digest('hex'));
  });
});
