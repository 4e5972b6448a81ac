import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import BlocklistConsent from '../../src/lib/blocklists/ui/CheckConsent.svelte';
import CheckSettings from '../../src/lib/blocklists/ui/CheckSettings.svelte';
import NotCheckedAddresses from '../../src/lib/blocklists/ui/NotCheckedAddresses.svelte';
import {
  emptyProfile,
  BlocklistSettingsSchema,
  type BlocklistSettings,
} from '../../src/lib/model/assessment';
import { planRun } from '../../src/lib/blocklists/domain/request';
import type { BlocklistRun } from '../../src/lib/model/blocklist-run';

// Public test addresses (AS112 and AMT blocks): reserved ones are never checked.
const settings = (targets: string): BlocklistSettings => ({
  ...BlocklistSettingsSchema.parse({}),
  targets,
});

function renderForm(targets: string) {
  return render(CheckSettings, {
    settings: settings(targets),
    profile: emptyProfile(),
    keys: {},
    onchange: vi.fn(),
    onkey: vi.fn(),
  });
}

function plan(targets: string) {
  const result = planRun(settings(targets), emptyProfile(), {});
  if (!result.ok) throw new Error(result.problems.join('; '));
  return result.plan;
}

describe('addresses to check', () => {
  test('a /22 plus one more address: the refusal names the line, limit and total, and describes the field', () => {
    renderForm('192.31.196.7\n192.52.192.0/22');
    const field = screen.getByLabelText('Addresses and ranges, one per line');
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining(
        'Line 2: 192.52.192.0/22 was left out: it adds 1,024 addresses to the 1 already included, 1,025 in all, over the limit of 1,024 addresses per check. Check this range in a separate run',
      ),
    );
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining('One line is over the limit and will not be checked'),
    );
    expect(screen.getByText('1 address will be checked.')).toBeInTheDocument();
  });

  test('thousands of lines over the limit: the first ten are told in full and the rest counted', () => {
    const lines = Array.from({ length: 3000 }, (_, i) => `11.${i >> 6}.${(i & 63) << 2}.0/22`);
    renderForm(lines.join('\n'));
    expect(screen.getByText('1,024 addresses will be checked.')).toBeInTheDocument();
    expect(
      screen.getByText('2,999 lines are over the limit and will not be checked:'),
    ).toBeInTheDocument();
    const told = screen.getAllByText(/^Line \d+: .* was left out/);
    expect(told).toHaveLength(10);
    expect(
      screen.getByText(
        '…and 2,989 more lines over the limit, the last on line 3,000: they will not be checked either.',
      ),
    ).toBeInTheDocument();
  });

  test('private and reserved addresses are named as not checked, with their kind', () => {
    renderForm('192.31.196.7\n10.0.0.0/8\n2001:db8::1');
    const field = screen.getByLabelText('Addresses and ranges, one per line');
    expect(field).toHaveAttribute('aria-invalid', 'false');
    expect(field).toHaveAccessibleDescription(
      expect.stringContaining('Not checked: private or reserved addresses.'),
    );
    expect(
      screen.getByText('10.0.0.0/8 (16,777,216 addresses): private network (RFC 1918)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('2001:db8::1: documentation example range (RFC 3849)'),
    ).toBeInTheDocument();
    expect(screen.getByText('1 address will be checked.')).toBeInTheDocument();
  });
});

describe('adding your own list', () => {
  test('a zone with a character that is not allowed names it, and the message describes the field', async () => {
    renderForm('192.31.196.7');
    const zone = screen.getByLabelText('Zone');
    await userEvent.type(zone, 'dnsbl_example.ac.uk');
    await userEvent.click(screen.getByRole('button', { name: 'Add this list' }));
    expect(zone).toHaveAttribute('aria-invalid', 'true');
    expect(zone).toHaveAccessibleDescription(
      expect.stringContaining(
        "Not a valid zone name: '_' is not allowed: a zone may contain only letters a–z, digits, hyphens and dots, for example dnsbl.example.ac.uk",
      ),
    );
  });
});

describe('consent', () => {
  const consent = (targets: string) =>
    render(BlocklistConsent, { plan: plan(targets), onagree: vi.fn(), ondecline: vi.fn() });

  test('one address is "the 1 address", never "1 addresses"', () => {
    consent('192.31.196.7');
    const region = screen.getByRole('region', { name: 'Before anything is sent' });
    expect(region).toHaveTextContent('it learns the 1 address (1 IPv4, 0 IPv6)');
    expect(region).toHaveTextContent('The 1 address to be checked');
    expect(region).not.toHaveTextContent(/\b1 addresses/);
  });

  test('many addresses are plural, and IPv6 test points are named when IPv6 is checked', () => {
    consent('192.31.196.0/30\n2001:4:112::1');
    const region = screen.getByRole('region', { name: 'Before anything is sent' });
    expect(region).toHaveTextContent('it learns all 5 addresses (4 IPv4, 1 IPv6)');
    expect(region).toHaveTextContent('::ffff:7f00:2');
  });

  test('what is left out, and why, is stated before anything is sent', () => {
    consent('192.31.196.7\n192.52.192.0/22\n10.1.2.3\nnot-an-address');
    const leftOut = within(
      screen.getByRole('heading', { name: 'Left out: these will not be sent or checked' })
        .parentElement!,
    );
    expect(
      leftOut.getByText(/^Line 2: 192\.52\.192\.0\/22 was left out: .*1,025 in all/),
    ).toBeInTheDocument();
    expect(
      leftOut.getByText(
        '10.1.2.3: not checked, private or reserved address: private network (RFC 1918). Public block lists never list these.',
      ),
    ).toBeInTheDocument();
    expect(leftOut.getByText(/^1 line is not an address or range \(line 4\)/)).toBeInTheDocument();
  });
});

describe('a run with addresses it did not check', () => {
  test('they are listed as not checked, never as "not listed" or an error', () => {
    const run: BlocklistRun = {
      id: 'r1',
      startedAt: '2026-11-28T10:00:00.000Z',
      state: 'complete',
      resolver: { label: 'Cloudflare', url: 'https://cloudflare-dns.com/dns-query' },
      addresses: ['192.31.196.7'],
      notChecked: [
        { addresses: '10.0.0.0/8', why: 'not-public', reason: 'private network (RFC 1918)' },
        {
          addresses: '192.52.192.0/21',
          why: 'over-limit',
          reason: 'over the limit of 1,024 addresses per check',
        },
      ],
      lists: [],
      results: [],
    };
    render(NotCheckedAddresses, { run });
    const section = screen.getByRole('region', { name: 'Not checked (2)' });
    expect(section).toHaveTextContent(
      '10.0.0.0/8 (16,777,216 addresses): not checked, private or reserved address: private network (RFC 1918).',
    );
    expect(section).toHaveTextContent(
      '192.52.192.0/21 (2,048 addresses): not checked, over the limit of 1,024 addresses per check.',
    );
  });
});

describe('the block-list step tells what it will not ask, once', () => {
  test('with a public resolver, the Spamhaus refusal is said once, not once per Spamhaus list', () => {
    const { container } = renderForm('192.31.196.7');
    const text = container.textContent ?? '';
    const note = 'Free use requires your own resolver.';
    expect(text.split(note).length - 1).toBe(1);
    expect(screen.getByRole('note', { name: /^Not with a public resolver/ })).toHaveTextContent(
      'Spamhaus ZEN, Spamhaus SBL, Spamhaus XBL, Spamhaus PBL',
    );
    const zen = screen.getByRole('checkbox', { name: 'Spamhaus ZEN' });
    expect(zen).toBeDisabled();
    expect(zen).toHaveAccessibleDescription(expect.stringContaining('Needs your own resolver'));
  });

  test('widely used lists the selection leaves out are named, with their own lookup pages', () => {
    renderForm('192.31.196.7');
    const note = screen.getByRole('note', { name: /^Widely used block lists this check/ });
    expect(note).toHaveTextContent('Spamhaus ZEN');
    expect(note).toHaveTextContent('Barracuda Reputation Block List');
    expect(note).toHaveTextContent('SpamCop Blocking List');
    expect(
      within(note).getByRole('link', { name: 'https://www.spamcop.net/bl.shtml' }),
    ).toHaveAttribute('href', 'https://www.spamcop.net/bl.shtml');
  });

  test('the Spamhaus DQS key field has a sign-up link beside it', () => {
    render(CheckSettings, {
      settings: {
        ...settings('192.31.196.7'),
        selectedListIds: ['spamhaus-dqs-zen'],
      },
      profile: emptyProfile(),
      keys: {},
      onchange: vi.fn(),
      onkey: vi.fn(),
    });
    expect(screen.getByLabelText('Spamhaus DQS key')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Sign up for a free Spamhaus Data Query Service account' }),
    ).toHaveAttribute(
      'href',
      'https://www.spamhaus.com/free-trial/sign-up-for-a-free-data-query-service-account/',
    );
  });

  test('the own resolver address shows no error before it is left or a start is tried', async () => {
    const props = {
      settings: { ...settings('192.31.196.7'), resolver: 'custom' as const },
      profile: emptyProfile(),
      keys: {},
      onchange: vi.fn(),
      onkey: vi.fn(),
    };
    const view = render(CheckSettings, props);
    const field = screen.getByLabelText('Resolver address (RFC 8484)');
    expect(field).toHaveAttribute('aria-invalid', 'false');
    expect(document.querySelector('#lookup-custom-resolver-error .error-text')).toBeNull();
    await userEvent.click(field);
    await userEvent.tab();
    expect(field).toHaveAttribute('aria-invalid', 'true');
    expect(document.querySelector('#lookup-custom-resolver-error .error-text')).not.toBeNull();
    view.unmount();

    // A start attempted with the field never visited shows the problem too.
    render(CheckSettings, { ...props, attempted: true });
    expect(screen.getByLabelText('Resolver address (RFC 8484)')).toHaveAttribute(
      'aria-invalid',
      'true',
    );
  });
});
