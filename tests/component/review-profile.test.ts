import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { describe, expect, test, vi } from 'vitest';
import ReviewStep from '../../src/lib/checklist/ui/ReviewStep.svelte';
import { emptyProfile, newAssessment } from '../../src/lib/model/assessment';
import { computeResults } from '../../src/lib/checklist/results';
import { testCatalogue } from '../fixtures/catalogue';

const results = computeResults(
  testCatalogue,
  newAssessment({ id: 'a', now: new Date('2026-11-30T12:00:00Z'), catalogueVersion: '1' }),
);

describe('review: the profile', () => {
  test("the profile's invalid lines are listed as something to fix, with a way back to them", async () => {
    const ongoto = vi.fn();
    render(ReviewStep, {
      results,
      profile: {
        ...emptyProfile(),
        mailDomains: 'example.ac.uk\nuser@example.ac.uk',
        mailServers: '192.0.2.25\n192.0.2.300',
      },
      ongoto,
      onfinish: vi.fn(),
      onback: vi.fn(),
    });
    const heading = screen.getByRole('heading', { name: 'Profile lines to fix (2)' });
    const box = heading.parentElement!;
    expect(box).toHaveTextContent(
      "Mail domains: Line 2: 'user@example.ac.uk' looks like an email address",
    );
    expect(box).toHaveTextContent(
      "Mail server addresses: Line 2: '192.0.2.300' is not a valid IPv4 or IPv6 address",
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Fix 2 lines in the organisation profile' }),
    );
    expect(ongoto).toHaveBeenCalledWith('profile');
  });

  test('a valid profile adds nothing to the review', () => {
    render(ReviewStep, {
      results,
      profile: { ...emptyProfile(), mailServers: '192.0.2.25' },
      ongoto: vi.fn(),
      onfinish: vi.fn(),
      onback: vi.fn(),
    });
    expect(screen.queryByRole('heading', { name: /Profile lines to fix/ })).toBeNull();
  });
});
