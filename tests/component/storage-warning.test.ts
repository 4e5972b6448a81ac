import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { expect, test, vi } from 'vitest';
import StorageWarning from '../../src/lib/session/ui/StorageWarning.svelte';
import type { StorageHealth } from '../../src/lib/assessment/io/storage';

const cases: [StorageHealth, RegExp][] = [
  [{ state: 'full', detail: 'QuotaExceededError' }, /storage is full/],
  [{ state: 'unavailable', detail: 'SecurityError' }, /storage is unavailable/],
  [{ state: 'invalid', detail: 'Evidence notes: too long' }, /would not read back/],
  [{ state: 'newer', detail: 'schema 3' }, /newer version of this app holds this assessment/],
];

test.each(cases)(
  'each storage problem (%o) is named for what it is, with an export at hand',
  async (health, heading) => {
    const onexport = vi.fn();
    render(StorageWarning, { health, onexport });
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent(heading);
    expect(alert).toHaveTextContent(`Detail: ${health.state === 'ok' ? '' : health.detail}`);
    await userEvent.click(screen.getByRole('button', { name: 'Export assessment (JSON)' }));
    expect(onexport).toHaveBeenCalledOnce();
  },
);

test('nothing is shown while storage works', () => {
  render(StorageWarning, { health: { state: 'ok' }, onexport: vi.fn() });
  expect(screen.queryByRole('alert')).toBeNull();
});
