import { render, screen, within } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import QuestionCard from '../../src/lib/checklist/ui/QuestionCard.svelte';
import { defaultCatalogue } from '../../src/lib/content/checklist';
import {
  guidanceFileName,
  guidanceFromMarkdown,
  shippedGuidanceFiles,
} from '../../src/lib/content/guidance';
import { emptyProfile, type Profile } from '../../src/lib/model/assessment';
import { allControls } from '../../src/lib/model/catalogue';
import { countWords, visibleCommandLines, visibleText } from '../fixtures/visible-words';

const relay = allControls(defaultCatalogue).find(
  ({ control }) => control.id === 'no-open-relay',
)!.control;
const relayGuidance = guidanceFromMarkdown(
  guidanceFileName(relay.id),
  shippedGuidanceFiles[guidanceFileName(relay.id)]!,
);

const profile = (patch: Partial<Profile>): Profile => ({ ...emptyProfile(), ...patch });

/** The IT manager of a small FE college: Microsoft 365, Windows desktops. */
const COLLEGE = profile({
  organisation: 'Example FE College',
  serviceModel: 'hosted',
  mailSoftware: ['microsoft-365'],
  desktopPlatforms: ['windows'],
  mailDomains: 'college.example.ac.uk',
  networkRanges: '198.51.100.0/24',
});

/** The postmaster of a university running Postfix on two Linux servers. */
const UNIVERSITY = profile({
  organisation: 'Example University',
  serviceModel: 'own',
  mailSoftware: ['postfix'],
  desktopPlatforms: ['linux'],
  mailDomains: 'uni.example.ac.uk',
  mailServers: '192.0.2.25\n192.0.2.26',
  networkRanges: '192.0.2.0/24\n2001:db8::/48',
});

async function renderRelayCard(p: Profile) {
  const view = render(QuestionCard, {
    control: relay,
    guidance: relayGuidance,
    state: { kind: 'unanswered' },
    profile: p,
    onchange: vi.fn(),
    onclear: vi.fn(),
  });
  await screen.findByText('Why it matters', {}, { timeout: 10_000 });
  return view;
}

/** Opens the four parts of the guidance, as a reader expanding the card does. */
async function expand(user = userEvent.setup()) {
  for (const name of ['Why it matters', 'How to check', 'How to fix', 'Source in the guidance']) {
    await user.click(screen.getByText(name, { selector: 'summary' }));
  }
}

function part(name: string): HTMLElement {
  return screen.getByText(name, { selector: 'summary' }).closest('details')!;
}

describe('the card shows the platforms the organisation runs first', () => {
  test('with no platform in the profile, every platform shows as before and nothing is folded', async () => {
    await renderRelayCard(emptyProfile());
    await expand();
    expect(screen.queryByText(/^Other platforms/)).toBeNull();
    expect(screen.getByText(/Steps for every platform are shown/)).toBeInTheDocument();
    const check = part('How to check');
    for (const name of ['Postfix', 'Exim', 'Sendmail', 'Microsoft Exchange', 'Microsoft 365']) {
      expect(within(check).getByRole('heading', { name })).toBeVisible();
    }
  });

  test('the Microsoft 365 college sees Microsoft 365 and Windows first, the rest folded', async () => {
    await renderRelayCard(COLLEGE);
    await expand();
    const check = part('How to check');
    const headings = within(check)
      .getAllByRole('heading')
      .filter((h) => !h.closest('details.other-platforms'))
      .map((h) => h.textContent);
    expect(headings).toEqual(['Any platform', 'Windows hosts', 'Microsoft 365']);
    const folded = within(check)
      .getByText(/^Other platforms/)
      .closest('details')!;
    expect(folded).not.toHaveAttribute('open');
    expect(folded.querySelector('summary')).toHaveTextContent(
      'Other platforms: Postfix, Exim, Sendmail, Microsoft Exchange',
    );
    // The folded steps are still there, one action away.
    expect(
      within(folded).getByRole('heading', { name: 'Postfix', hidden: true }),
    ).not.toBeVisible();
    const fix = part('How to fix');
    expect(within(fix).getByRole('heading', { name: /^Hosted service/ })).toBeVisible();
    expect(within(fix).getByText(/^Other platforms/)).toHaveTextContent(/Postfix, Exim, Sendmail/);
  });

  test("the Postfix university's commands carry its own addresses, quoted for the shell", async () => {
    await renderRelayCard(UNIVERSITY);
    await expand();
    const check = part('How to check');
    expect(
      within(check).getByText(/^nmap -Pn -p 25,465,587/, { selector: 'pre > code' }),
    ).toHaveTextContent('nmap -Pn -p 25,465,587 --open 192.0.2.0/24');
    expect(within(check).getByText(/^for host in/, { selector: 'pre > code' })).toHaveTextContent(
      'for host in 192.0.2.25 192.0.2.26; do swaks --server "$host"',
    );
    // Postfix first, the Microsoft platforms folded.
    expect(within(check).getByRole('heading', { name: 'Postfix' })).toBeVisible();
    expect(within(check).getByText(/^Other platforms/)).toHaveTextContent(/Microsoft 365/);
  });

  test('hostile profile text never reaches a command: the placeholder stays', async () => {
    const hostile = '; rm -rf ~\n$(reboot)\n`reboot`\n\'"x"\'';
    await renderRelayCard(
      profile({ mailServers: hostile, networkRanges: hostile, mailDomains: hostile }),
    );
    await expand();
    const commands = [...document.querySelectorAll('pre')].map((pre) => pre.textContent).join('\n');
    expect(commands).not.toMatch(/rm -rf|reboot/);
    expect(commands).toContain('for host in <mail-servers>; do');
    expect(commands).toContain('--open <ipv4-network-ranges>');
  });
});

describe('copy buttons', () => {
  test('each command has a copy button named after its place; copying is announced', async () => {
    const user = userEvent.setup();
    await renderRelayCard(UNIVERSITY);
    await expand(user);
    const button = screen.getByRole('button', {
      name: 'Copy the command: How to check, Any platform, step 2',
    });
    await user.click(button);
    expect(await navigator.clipboard.readText()).toBe(
      'for host in 192.0.2.25 192.0.2.26; do swaks --server "$host" --from test@example.com --to someone@example.org --quit-after RCPT; done',
    );
    const status = button.parentElement!.querySelector('[role="status"]')!;
    expect(status).toHaveTextContent('Copied.');
    expect(status).toHaveAttribute('role', 'status');
  });

  test('a command with placeholders left says which to replace', async () => {
    const user = userEvent.setup();
    await renderRelayCard(emptyProfile());
    await expand(user);
    const button = screen.getByRole('button', {
      name: 'Copy the command: How to check, Any platform, step 1',
    });
    await user.click(button);
    expect(await navigator.clipboard.readText()).toBe(
      'nmap -Pn -p 25,465,587 --open <ipv4-network-ranges>',
    );
    expect(button.parentElement!.querySelector('[role="status"]')).toHaveTextContent(
      'Copied. Replace <ipv4-network-ranges> before running it.',
    );
  });

  test('when the clipboard refuses, the command is selected and the person told to copy it', async () => {
    const user = userEvent.setup();
    await renderRelayCard(UNIVERSITY);
    await expand(user);
    vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new Error('denied'));
    const button = screen.getByRole('button', {
      name: 'Copy the command: How to check, Any platform, step 1',
    });
    await user.click(button);
    expect(button.parentElement!.querySelector('[role="status"]')).toHaveTextContent(
      /Could not copy automatically: the command is selected/,
    );
    expect(window.getSelection()?.toString()).toBe('nmap -Pn -p 25,465,587 --open 192.0.2.0/24');
  });
});

describe('words on the expanded relay card', () => {
  test('each of the two readers sees far fewer words than the whole card', async () => {
    const figures: Record<string, { words: number; commandLines: number }> = {};
    for (const [who, p] of [
      ['no platform chosen', emptyProfile()],
      ['FE college (Microsoft 365, Windows)', COLLEGE],
      ['university (Postfix, Linux)', UNIVERSITY],
    ] as const) {
      const { container, unmount } = await renderRelayCard(p);
      await expand();
      const article = container.querySelector('article')!;
      figures[who] = {
        words: countWords(visibleText(article)),
        commandLines: visibleCommandLines(article),
      };
      unmount();
    }
    console.log('Visible words on the expanded no-open-relay card:', JSON.stringify(figures));
    const all = figures['no platform chosen']!.words;
    expect(figures['FE college (Microsoft 365, Windows)']!.words).toBeLessThan(all * 0.75);
    expect(figures['university (Postfix, Linux)']!.words).toBeLessThan(all * 0.75);
  });
});
