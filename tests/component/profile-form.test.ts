import { render, screen } from '@testing-library/svelte';
import { expectRefusesOverLimit } from '../fixtures/limits';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import ProfileForm from '../../src/lib/checklist/ui/ProfileForm.svelte';
import { emptyProfile, type Profile } from '../../src/lib/model/assessment';

function renderForm(profile: Partial<Profile> = {}) {
  const onchange = vi.fn<(patch: Partial<Profile>) => void>();
  const onnext = vi.fn();
  const view = render(ProfileForm, {
    profile: { ...emptyProfile(), ...profile },
    onchange,
    onnext,
  });
  return { ...view, onchange, onnext };
}

describe('ProfileForm', () => {
  test('every field has a label', () => {
    renderForm();
    for (const label of [
      'Organisation name',
      'Assessor name',
      'Assessor role',
      'Date of assessment',
      'Mail domains',
      'Mail server addresses',
      'Network ranges',
    ]) {
      expect(screen.getByLabelText(label)).toBeInTheDocument();
    }
    expect(screen.getByRole('group', { name: 'Mail service model' })).toBeInTheDocument();
  });

  test('no field takes more text than the saved assessment can hold, and none is cut silently', async () => {
    const { onchange } = renderForm();
    for (const label of ['Organisation name', 'Assessor name', 'Assessor role']) {
      await expectRefusesOverLimit(label, 200, onchange);
    }
    for (const label of ['Mail domains', 'Mail server addresses', 'Network ranges']) {
      await expectRefusesOverLimit(label, 20_000, onchange);
    }
  });

  test('typing sends each change as a patch', async () => {
    const { onchange } = renderForm();
    await userEvent.type(screen.getByLabelText('Organisation name'), 'Ab');
    expect(onchange).toHaveBeenLastCalledWith({ organisation: 'Ab' });
    await userEvent.click(screen.getByRole('radio', { name: /Hosted mail service/ }));
    expect(onchange).toHaveBeenLastCalledWith({ serviceModel: 'hosted' });
  });

  test('each bad address line gets its own message and the field is marked invalid', () => {
    renderForm({ mailServers: '192.0.2.25\n192.0.2.300\n\n2001:db8::25\nmail.example.ac.uk' });
    const field = screen.getByLabelText('Mail server addresses');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveValue('192.0.2.25\n192.0.2.300\n\n2001:db8::25\nmail.example.ac.uk');
    const messages = screen.getAllByText(/^Line \d+:/).map((el) => el.textContent);
    expect(messages).toHaveLength(2);
    expect(messages[0]).toMatch(/^Line 2: .*192\.0\.2\.300/);
    expect(messages[1]).toMatch(/^Line 5: .*mail\.example\.ac\.uk/);
  });

  test('a range with host bits set is flagged; a good range is accepted', () => {
    renderForm({ networkRanges: '192.0.2.0/24\n198.51.100.7/24' });
    expect(screen.getByLabelText('Network ranges')).toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByText(/^Line 2:/)).toHaveTextContent('198.51.100.0/24');
  });

  test('valid input shows no messages', () => {
    renderForm({
      mailDomains: 'example.ac.uk',
      mailServers: '192.0.2.25',
      networkRanges: '192.0.2.0/24\n2001:db8::/48',
    });
    expect(screen.queryAllByText(/^Line \d+:/)).toHaveLength(0);
    expect(screen.getByLabelText('Network ranges')).toHaveAttribute('aria-invalid', 'false');
  });

  test('mail software and desktop platforms are groups of checkboxes, several allowed', async () => {
    const { onchange } = renderForm({ mailSoftware: ['microsoft-365'] });
    const software = screen.getByRole('group', { name: 'Mail software' });
    expect(software).toHaveAccessibleDescription(/Tick all you run or use/);
    for (const name of [
      'Postfix',
      'Exim',
      'Sendmail',
      'Exchange Server',
      'Microsoft 365',
      'Google Workspace',
      'Other',
    ]) {
      expect(screen.getByRole('checkbox', { name })).toBeInTheDocument();
    }
    expect(screen.getByRole('checkbox', { name: 'Microsoft 365' })).toBeChecked();
    // Ticking another keeps the first, in the order the choices are listed.
    await userEvent.click(screen.getByRole('checkbox', { name: 'Postfix' }));
    expect(onchange).toHaveBeenLastCalledWith({ mailSoftware: ['postfix', 'microsoft-365'] });
    await userEvent.click(screen.getByRole('checkbox', { name: 'Microsoft 365' }));
    expect(onchange).toHaveBeenLastCalledWith({ mailSoftware: [] });

    expect(
      screen.getByRole('group', { name: 'Desktop and server platforms' }),
    ).toHaveAccessibleDescription(/every control shows the steps for every platform/);
    await userEvent.click(screen.getByRole('checkbox', { name: 'Windows' }));
    expect(onchange).toHaveBeenLastCalledWith({ desktopPlatforms: ['windows'] });
  });

  test('an older profile without these answers shows every box unticked', () => {
    renderForm();
    expect(
      screen.getAllByRole('checkbox').filter((box) => (box as HTMLInputElement).checked),
    ).toEqual([]);
  });

  test('submitting the form moves on', async () => {
    const { onnext } = renderForm();
    await userEvent.click(screen.getByRole('button', { name: 'Save and continue' }));
    expect(onnext).toHaveBeenCalledOnce();
  });
});
