import { describe, test, expect } from 'vitest';
import { z } from '../../src/lib/shared/zod';
import {
  CatalogueSchema,
  allControls,
  isStatement,
  notApplicableReason,
  parseGuidance,
  plainParagraphs,
  plainText,
  type Catalogue,
  type Control,
  type ControlGuidance,
  type GuidanceInput,
  type InlineRun,
} from '../../src/lib/model/catalogue';
import checklist from '../../src/lib/content/checklist.json';
import { shippedGuidance } from '../../src/lib/content/guidance';

const SECTION_IDS = [
  'relays-proxies',
  'mail-services',
  'network-filtering',
  'patching',
  'incoming-bulk-mail',
  'malware',
  'monitoring',
];

function parsed(): Catalogue {
  const result = CatalogueSchema.safeParse(checklist);
  if (!result.success) throw new Error(z.prettifyError(result.error));
  return result.data;
}

/** Each control with its guidance, as the app shows them together. */
type FullControl = Control & ControlGuidance;

let shipped: FullControl[] | undefined;

/** Parsing the 36 Markdown files takes a moment: once for all the tests (none changes them). */
const controls = (): FullControl[] => {
  if (shipped) return shipped;
  const catalogue = parsed();
  const guidance = shippedGuidance(catalogue);
  shipped = allControls(catalogue).map(({ control }) => ({ ...control, ...guidance[control.id]! }));
  return shipped;
};

/** A deep copy of the shipped checklist for corrupting in a test. */
function copy(): typeof checklist {
  return structuredClone(checklist);
}

/** A deep copy of the shipped guidance, as input for corrupting in a test. */
function guidanceCopy(): GuidanceInput {
  return structuredClone(
    Object.fromEntries(
      controls().map(({ id, why, howToCheck, howToFix, source }) => [
        id,
        { why, howToCheck, howToFix, source },
      ]),
    ),
  );
}

function rejection(input: unknown): string {
  const result = CatalogueSchema.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? '' : z.prettifyError(result.error);
}

/** The checklist's texts shown to people as prose: plain strings. */
function proseOf(control: FullControl): string[] {
  return [
    control.title,
    control.statement,
    ...control.notApplicableWhen.map((rule) => rule.reason),
  ];
}

/** The guidance's paragraphs (why, steps, source): text trees from the Markdown files. */
function paragraphsOf(control: FullControl): InlineRun[][] {
  return [
    ...control.why,
    ...control.source,
    ...control.howToCheck.flatMap((check) => check.steps.map((step) => step.text)),
    ...control.howToFix.flatMap((fix) => fix.steps.map((step) => step.text)),
  ];
}

/** Every run of a paragraph, nested ones included. */
function runsOf(runs: readonly InlineRun[]): InlineRun[] {
  return runs.flatMap((run) =>
    run.type === 'text' || run.type === 'code' ? [run] : [run, ...runsOf(run.children)],
  );
}

describe('shipped catalogue', () => {
  test('passes schema validation, with guidance for every control and no other', () => {
    expect(() => parsed()).not.toThrow();
    expect(() => shippedGuidance(parsed())).not.toThrow();
  });

  test('every control is a statement the answers fit, never a question', () => {
    const questions = controls()
      .filter((control) => !isStatement(control.statement))
      .map((control) => `${control.id}: ${control.statement}`);
    expect(questions).toEqual([]);
    expect(controls().find((c) => c.id === 'no-open-relay')?.statement).toBe(
      'Every host on your network refuses to relay mail between outside senders and outside recipients.',
    );
  });

  test('has the seven sections of the guidance, in order', () => {
    expect(parsed().sections.map((section) => section.id)).toEqual(SECTION_IDS);
  });

  test('every section has at least three controls', () => {
    for (const section of parsed().sections) {
      expect(section.controls.length, section.id).toBeGreaterThanOrEqual(3);
    }
  });

  test('every MUST control quotes the MUST wording in its source', () => {
    const must = controls().filter((control) => control.level === 'MUST');
    expect(must.length).toBeGreaterThan(0);
    for (const control of must) {
      expect(plainParagraphs(control.source), control.id).toContain('MUST');
    }
  });

  test('every control has a check step with a command to paste', () => {
    for (const control of controls()) {
      expect(
        control.howToCheck.some((check) => check.steps.some((step) => step.code !== undefined)),
        control.id,
      ).toBe(true);
    }
  });

  test('every control offers at most one fix per platform', () => {
    for (const control of controls()) {
      const platforms = control.howToFix.map((fix) => fix.platform);
      expect(new Set(platforms).size, control.id).toBe(platforms.length);
    }
  });

  test('every server-level control (not applicable to a hosted service) offers Postfix, Exim and Sendmail fixes', () => {
    const serverLevel = controls().filter((control) => notApplicableReason(control, 'hosted'));
    expect(serverLevel.length).toBeGreaterThan(0);
    for (const control of serverLevel) {
      const platforms = control.howToFix.map((fix) => fix.platform);
      expect(platforms, control.id).toEqual(
        expect.arrayContaining(['postfix', 'exim', 'sendmail']),
      );
    }
  });

  test('blocklist-not-listed is the one control that takes evidence from the block-list lookup', () => {
    const withEvidence = controls().filter((control) => control.evidenceFromLookup);
    expect(withEvidence.map((control) => control.id)).toEqual(['blocklist-not-listed']);
  });

  test('for a hosted service some but not all controls are not applicable', () => {
    const notApplicable = controls().filter((control) => notApplicableReason(control, 'hosted'));
    expect(notApplicable.length).toBeGreaterThan(0);
    expect(notApplicable.length).toBeLessThan(controls().length);
  });

  test('a mixed service model never makes a control not applicable', () => {
    for (const control of controls()) {
      expect(notApplicableReason(control, 'mixed'), control.id).toBeUndefined();
    }
  });

  test('a control that does not apply to a hosted service does not apply without a mail service either', () => {
    for (const control of controls()) {
      if (notApplicableReason(control, 'hosted')) {
        expect(notApplicableReason(control, 'none'), control.id).toBeDefined();
      }
    }
  });

  test('MUST controls apply whatever the service model', () => {
    for (const control of controls().filter((c) => c.level === 'MUST')) {
      expect(control.notApplicableWhen, control.id).toEqual([]);
    }
  });

  test('each not-applicable rule names a model once', () => {
    for (const control of controls()) {
      const models = control.notApplicableWhen.map((rule) => rule.model);
      expect(new Set(models).size, control.id).toBe(models.length);
    }
  });

  test('checklist prose is plain text, without HTML tags or markdown', () => {
    for (const control of controls()) {
      for (const text of proseOf(control)) {
        expect(text, control.id).not.toMatch(/<\/?[a-z][^>]*>/i);
        expect(text, control.id).not.toMatch(/\*\*|`|^#+ /m);
      }
    }
  });

  test('guidance text is a tree of runs whose words carry no leftover HTML tags or markdown', () => {
    for (const control of controls()) {
      for (const paragraph of paragraphsOf(control)) {
        expect(plainText(paragraph).trim(), control.id).not.toBe('');
        for (const run of runsOf(paragraph)) {
          expect(['text', 'code', 'strong', 'emphasis', 'link'], control.id).toContain(run.type);
          if (run.type === 'link') expect(run.url, control.id).toMatch(/^https:\/\//);
          if (run.type !== 'text') continue;
          // Markup the parser did not take as marks would show as stray characters.
          expect(run.value, control.id).not.toMatch(/<\/?[a-z][^>]*>/i);
          expect(run.value, control.id).not.toMatch(/\*\*|`|^#+ |\]\(|\n/m);
        }
      }
    }
  });

  test('every code block says what it is written in', () => {
    for (const control of controls()) {
      const steps = [...control.howToCheck, ...control.howToFix].flatMap((group) => group.steps);
      for (const step of steps.filter((s) => s.code !== undefined)) {
        expect(['sh', 'powershell', 'text'], control.id).toContain(step.language);
      }
    }
  });
});

describe('corrupted catalogue', () => {
  test('a duplicate control id is rejected, naming the id', () => {
    const bad = copy();
    const first = bad.sections[0]!.controls[0]!;
    bad.sections[1]!.controls[0]!.id = first.id;
    expect(rejection(bad)).toContain(`duplicate control id ${first.id}`);
  });

  test('an unknown level is rejected, naming the field', () => {
    const bad = copy();
    bad.sections[0]!.controls[0]!.level = 'SHALL';
    expect(rejection(bad)).toMatch(/sections\[0\]\.controls\[0\]\.level/);
  });

  test('a control written as a question is rejected, naming the field', () => {
    for (const question of [
      'Does every host on your network refuse to relay mail?',
      'Is every host on your network closed to relaying.',
      'Every host refuses to relay? Mostly',
      'Every host refuses to relay',
    ]) {
      const input = copy();
      input.sections[0]!.controls[0]!.statement = question;
      const message = rejection(input);
      expect(message, question).toContain('statement');
      expect(message, question).toContain('not a question');
    }
    expect(isStatement('Every host on your network refuses to relay mail.')).toBe(true);
    expect(isStatement('If you use connectors, they are limited to your own addresses.')).toBe(
      true,
    );
  });

  test('an empty title is rejected, naming the field', () => {
    const bad = copy();
    bad.sections[2]!.controls[1]!.title = '   ';
    expect(rejection(bad)).toMatch(/sections\[2\]\.controls\[1\]\.title/);
  });

  test('a control without a fix is rejected, naming the field', () => {
    const bad = guidanceCopy();
    const id = checklist.sections[3]!.controls[0]!.id;
    bad[id]!.howToFix = [];
    expect(() => parseGuidance(parsed(), bad)).toThrow(new RegExp(`${id}.*howToFix|howToFix`));
  });

  test('guidance for a control the catalogue does not have is rejected, naming it', () => {
    const good = guidanceCopy();
    const bad: GuidanceInput = { ...good, 'no-such-control': good['no-open-relay']! };
    expect(() => parseGuidance(parsed(), bad)).toThrow(/unknown no-such-control/);
  });

  test('a control without guidance is rejected, naming it', () => {
    const bad = guidanceCopy();
    delete bad['no-open-relay'];
    expect(() => parseGuidance(parsed(), bad)).toThrow(/missing no-open-relay/);
  });
});
