// The question card of a control a scan can test, with the real nmap XML captured against the
// loopback harness (an open Postfix relay on 127.0.0.1 port 38809).
import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test, vi } from 'vitest';
import QuestionCard from '../../src/lib/checklist/ui/QuestionCard.svelte';
import { controlState } from '../../src/lib/checklist/results';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import { newAssessment, type Assessment, type AnswerStatus } from '../../src/lib/model/assessment';
import type { ScanEvidence } from '../../src/lib/model/scan-evidence';
import { readNmapXml } from '../../src/lib/scans/io/read-nmap-xml';
import { toEvidence } from '../../src/lib/scans/domain/evidence';
import { answer } from '../fixtures/assessment';

const xml = readFileSync(
  join(import.meta.dirname, '..', 'fixtures', 'scans', 'loopback-sv.xml'),
  'utf8',
);

function scan(): ScanEvidence {
  const read = readNmapXml(xml);
  if (!read.ok) throw new Error(read.reason);
  const result = toEvidence(read.scan, {
    id: 's1',
    fileName: 'loopback-outside-view.xml',
    sha256: 'b'.repeat(64),
    bytes: xml.length,
    importedAt: '2026-11-30T12:00:00.000Z',
    vantage: 'outside',
  });
  if (!result.ok) throw new Error(result.reason);
  return result.evidence;
}

const control = defaultCatalogue.sections
  .flatMap((s) => s.controls)
  .find((c) => c.id === 'no-open-relay')!;
const base = newAssessment({
  id: 'x',
  now: new Date('2026-11-30T00:00:00Z'),
  catalogueVersion: defaultCatalogue.version,
});
const profile = { ...base.profile, serviceModel: 'own' as const, mailServers: '127.0.0.1' };

async function renderCard(status: AnswerStatus | undefined, scans: ScanEvidence[]) {
  const ongotoscans = vi.fn();
  const assessment: Assessment = {
    ...base,
    profile,
    scans,
    answers: status ? { 'no-open-relay': answer(status) } : {},
  };
  const view = render(QuestionCard, {
    control,
    guidance: undefined,
    profile,
    state: controlState(control, assessment),
    scans,
    ongotoscans,
    onchange: vi.fn(),
    onclear: vi.fn(),
  });
  await screen.findByRole('note', { name: 'Evidence from network scans' }, { timeout: 10_000 });
  return { view, ongotoscans };
}

const warningName = 'The answer contradicts the network scans';

describe('the card of a control a scan can test', () => {
  test('with no scan, it says a scan can test it and links to the scan step', async () => {
    const { ongotoscans } = await renderCard(undefined, []);
    expect(screen.getByRole('note', { name: 'Evidence from network scans' })).toHaveTextContent(
      'run it, then import the result',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Go to the network scans' }));
    expect(ongotoscans).toHaveBeenCalledOnce();
  });

  test('"Implemented" with an open relay found: the contradiction, with the host and port; the answer stays', async () => {
    await renderCard('implemented', [scan()]);
    const warning = screen.getByRole('note', { name: warningName });
    expect(warning).toHaveTextContent(
      'You answered Implemented, but the imported network scan found an open relay on 127.0.0.1 port 38809/tcp.',
    );
    expect(warning.closest('[aria-live="polite"]')).not.toBeNull();
    expect(screen.getByRole('radio', { name: 'Implemented' })).toBeChecked();
    expect(screen.getByRole('note', { name: 'Evidence from network scans' })).toHaveTextContent(
      '1 scan imported; 1 finding against this control',
    );
  });

  test('"Not implemented" agrees with the finding: no warning', async () => {
    await renderCard('not-implemented', [scan()]);
    expect(screen.queryByRole('note', { name: warningName })).toBeNull();
  });
});
