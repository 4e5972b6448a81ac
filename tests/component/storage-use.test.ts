import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import StorageUse from '../../src/lib/session/ui/StorageUse.svelte';
import { StorageUse as StorageUseState } from '../../src/lib/session/storage-use.svelte';
import type { StorageManagerPort } from '../../src/lib/session/io/storage-manager';

function port(grants: boolean, persisted = false): StorageManagerPort {
  return {
    estimate: async () => ({ usage: 3 * 1024 * 1024, quota: 2 * 1024 * 1024 * 1024 }),
    persisted: async () => persisted,
    persist: vi.fn(async () => grants),
  };
}

describe('storage in the library', () => {
  test('says how much the assessments take and what the browser allows', async () => {
    render(StorageUse, {
      storage: new StorageUseState(port(false)),
      sizes: { a: 150 * 1024, b: 50 * 1024 },
    });
    await screen.findByText(/2 assessments stored here, about 200\.0 KB in all\./);
    await screen.findByText(/This site uses 3\.0 MB of the 2\.0 GB this browser allows it\./);
  });

  test('asking the browser to keep the storage reports its answer, declined or granted', async () => {
    const declines = port(false);
    const { unmount } = render(StorageUse, { storage: new StorageUseState(declines), sizes: {} });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Ask the browser to keep this storage' }),
    );
    expect(declines.persist).toHaveBeenCalledOnce();
    await screen.findByText(/The browser declined for now/);
    unmount();

    render(StorageUse, { storage: new StorageUseState(port(true)), sizes: {} });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Ask the browser to keep this storage' }),
    );
    await screen.findByText('The browser has agreed to keep this storage.');
    expect(screen.queryByRole('button', { name: /Ask the browser/ })).toBeNull();
  });

  test('storage the browser already keeps needs no request', async () => {
    render(StorageUse, { storage: new StorageUseState(port(true, true)), sizes: {} });
    await screen.findByText(/The browser has agreed to keep this storage: it will not clear it/);
    expect(screen.queryByRole('button')).toBeNull();
  });

  test('without the Storage API, no figures and no button, and nothing fails', () => {
    render(StorageUse, { storage: new StorageUseState(undefined), sizes: {} });
    expect(screen.getByText(/No assessment is stored in this browser yet\./)).toBeVisible();
    expect(screen.queryByRole('button')).toBeNull();
  });
});
