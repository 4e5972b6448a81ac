import { storedAssessments, testSession } from '../fixtures/session';
import { beforeEach, describe, expect, test } from 'vitest';
import { Session } from '../../src/lib/session/session.svelte';
import { jsonExport } from '../../src/lib/report/io/exports';
import { MemoryStorage } from '../fixtures/memory-storage';

let storage: MemoryStorage;
const session = () => testSession({ storage });

async function exported(s: Session): Promise<string> {
  const file = await jsonExport(s.wizard.assessment, new Date('2026-11-28T12:00:00Z'));
  return String(file.content);
}

beforeEach(() => {
  storage = new MemoryStorage();
});

describe('importing an export', () => {
  test('re-importing into the same browser keeps a separate copy and says so', async () => {
    const s = await session();
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'Prifysgol Bangor' } });
    const original = s.wizard.assessment.id;
    const result = await s.importFile(new File([await exported(s)], 'bangor.json'));
    expect(result.ok && result.assessment.id).not.toBe(original);
    expect(s.library.items.map((a) => a.id)).toContain(original);
    expect(s.notices.list.map((n) => n.text).join(' ')).toMatch(/kept as a separate copy/);
    expect(s.notices.list.some((n) => n.tone === 'error')).toBe(false);
  });

  test('a file whose content no longer matches its digest is imported with a warning', async () => {
    const s = await session();
    s.wizard.send({ type: 'profile.change', patch: { organisation: 'Prifysgol Bangor' } });
    const edited = (await exported(s)).replace('Prifysgol Bangor', 'Someone Else');
    const result = await s.importFile(new File([edited], 'edited.json'));
    expect(result.ok).toBe(true);
    const errors = s.notices.list.filter((n) => n.tone === 'error').map((n) => n.text);
    expect(errors).toEqual([expect.stringMatching(/does not match the integrity digest/)]);
  });

  test('a consent recorded in the file is not imported: consent is given in this browser', async () => {
    const s = await session();
    const consent = {
      givenAt: '2026-11-28T12:00:00.000Z',
      resolverUrl: 'https://dns.example.net/dns-query',
      zones: ['{key}.zen.dq.spamhaus.net'],
      addresses: ['192.31.196.10'],
    };
    const withConsent = JSON.parse(await exported(s));
    withConsent.assessment.lookup.consent = consent;
    const result = await s.importFile(new File([JSON.stringify(withConsent)], 'crafted.json'));
    if (!result.ok) throw new Error(result.reason);
    expect(result.assessment.lookup.consent).toBeUndefined();
    expect(s.wizard.assessment.lookup.consent).toBeUndefined();
    expect(s.consents.get(result.assessment.id)).toBeUndefined();
    expect(s.notices.list.map((n) => n.text).join(' ')).toMatch(
      /consent is yours to give in this browser/,
    );
    // Nor is it written back to storage with the assessment.
    s.flush();
    await s.settled();
    const stored = (await storedAssessments(storage)).find((a) => a.id === result.assessment.id);
    expect(stored?.profile).toEqual(result.assessment.profile);
    expect(stored?.lookup.consent).toBeUndefined();
  });
});
