import { z } from '../shared/zod';

/**
 * The checklist is data: a catalogue of sections and controls, validated by this schema when the
 * app loads it and in a unit test, so a typo in the content fails CI rather than a user's session.
 */

/** Requirement level, taken from the guidance's own wording ("MUST NOT", "ensure", "consider"). */
export const LevelSchema = z.enum(['MUST', 'SHOULD', 'MAY']);
export type Level = z.infer<typeof LevelSchema>;

/** How the organisation provides mail: it decides which server-level controls apply. */
export const ServiceModelSchema = z.enum(['own', 'hosted', 'mixed', 'none']);
export type ServiceModel = z.infer<typeof ServiceModelSchema>;

export const SERVICE_MODEL_LABELS: Record<ServiceModel, string> = {
  own: 'Own mail servers',
  hosted: 'Hosted mail service (for example Microsoft 365 or Google Workspace)',
  mixed: 'Mixed: own mail servers and a hosted service',
  none: 'No mail service',
};

const nonEmpty = z.string().check(z.trim(), z.minLength(1));
const nonEmptyUpTo = (max: number) => z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const someText = z.string().check(z.minLength(1));

/** Words a yes-or-no question opens with; a control's statement never starts with one. */
const QUESTION_OPENINGS =
  /^(?:Does|Do|Did|Is|Are|Was|Were|Has|Have|Had|Can|Could|Will|Would|Should|Shall|Must|May|Might)\b/;

/**
 * A control's text is a statement the answers (Implemented, Partially implemented, Not
 * implemented, Don't know) fit: it ends with a full stop, asks nothing and opens with no question
 * word. "Does every host refuse…?" answered "Implemented" reads wrongly in the report.
 */
export function isStatement(text: string): boolean {
  const trimmed = text.trim();
  return trimmed.endsWith('.') && !trimmed.includes('?') && !QUESTION_OPENINGS.test(trimmed);
}

/**
 * Guidance text is a small tree, not a string: runs of plain text, code (an option name, a
 * command), bold, emphasis and links, which is all the guidance Markdown files may say. The screen
 * renders the tree as elements (never as HTML); the CSV and the PDF write it out with plainText.
 */
export type InlineRun =
  | { type: 'text'; value: string }
  | { type: 'code'; value: string }
  | { type: 'strong'; children: InlineRun[] }
  | { type: 'emphasis'; children: InlineRun[] }
  | { type: 'link'; url: string; children: InlineRun[] };

/** Links leave the app, so they must at least not downgrade to plain HTTP or run script. */
const httpsUrl = z.url({ protocol: /^https$/, error: 'links must start with https://' });

// Recursive through getters and a plain union: z.union and z.literal already ship with the first
// page for other schemas, where z.lazy and z.discriminatedUnion would add to its size.
export const InlineRunSchema: z.ZodMiniType<InlineRun, InlineRun> = z.union([
  z.object({ type: z.literal('text'), value: someText }),
  z.object({ type: z.literal('code'), value: someText }),
  z.object({
    type: z.literal('strong'),
    get children() {
      return z.array(InlineRunSchema).check(z.minLength(1));
    },
  }),
  z.object({
    type: z.literal('emphasis'),
    get children() {
      return z.array(InlineRunSchema).check(z.minLength(1));
    },
  }),
  z.object({
    type: z.literal('link'),
    url: httpsUrl,
    get children() {
      return z.array(InlineRunSchema).check(z.minLength(1));
    },
  }),
]);

/** One paragraph: the runs of text that make it up. */
export const ParagraphSchema = z.array(InlineRunSchema).check(z.minLength(1));
export type Paragraph = z.infer<typeof ParagraphSchema>;

/** The words of some runs without their marks, as the CSV and the PDF write them. */
export function plainText(runs: readonly InlineRun[]): string {
  return runs
    .map((run) =>
      run.type === 'text' || run.type === 'code' ? run.value : plainText(run.children),
    )
    .join('');
}

/** Paragraphs as plain text, separated by a blank line. */
export function plainParagraphs(paragraphs: readonly Paragraph[]): string {
  return paragraphs.map(plainText).join('\n\n');
}

/** What a command or snippet is written in: a shell, PowerShell, or a configuration file. */
export const CodeLanguageSchema = z.enum(['sh', 'powershell', 'text']);
export type CodeLanguage = z.infer<typeof CodeLanguageSchema>;

/**
 * A value of the organisation's profile that a command can take, where the guidance file writes
 * {{domain}}, {{servers}} and so on: the first entry, or all of them; mail servers and ranges
 * also by address family (4 or 6).
 */
export const CodeSlotSchema = z.enum([
  'domain',
  'domains',
  'server',
  'servers',
  'server4',
  'servers4',
  'server6',
  'servers6',
  'range',
  'ranges',
  'ranges4',
  'ranges6',
]);
export type CodeSlot = z.infer<typeof CodeSlotSchema>;

const SLOT_NOUNS: Record<string, string> = {
  domain: 'mail-domain',
  server: 'mail-server',
  range: 'network-range',
};

/**
 * What a command shows where a profile value goes and none is known (or none can be written
 * safely): <mail-domain>, <ipv4-mail-servers>… Angle brackets are redirections in a POSIX shell and
 * reserved in PowerShell, so a command pasted with a placeholder left in fails rather than runs.
 */
export function slotPlaceholder(slot: CodeSlot): string {
  const [, base = '', plural = '', family = ''] =
    /^(domain|server|range)(s?)([46]?)$/.exec(slot) ?? [];
  return `<${family ? `ipv${family}-` : ''}${SLOT_NOUNS[base] ?? base}${plural}>`;
}

/** A command as written: its text, and the places where a profile value goes (with the separator). */
export const CodePartSchema = z.union([
  z.string().check(z.minLength(1)),
  z.object({ slot: CodeSlotSchema, separator: z.string() }),
]);
export type CodePart = z.infer<typeof CodePartSchema>;

/**
 * One step an administrator can act on: an explanation, optionally a command or snippet to paste.
 * The code is kept exactly as written (its indentation is part of it), so it is not trimmed. Where
 * it takes profile values, `code` shows placeholders such as <mail-domain> (as the CSV and the PDF
 * print it) and `template` says where each value goes, so the screen can fill in the
 * organisation's own.
 */
export const StepSchema = z.object({
  text: ParagraphSchema,
  code: z.optional(z.string().check(z.regex(/\S/, 'a code block must not be empty'))),
  language: z.optional(CodeLanguageSchema),
  template: z.optional(z.array(CodePartSchema)),
});
export type Step = z.infer<typeof StepSchema>;

export const PlatformSchema = z.enum([
  'general',
  'postfix',
  'exim',
  'sendmail',
  'exchange',
  'microsoft365',
  'googleworkspace',
  'hosted',
  'firewall',
  'linux',
  'windows',
  'macos',
]);
export type Platform = z.infer<typeof PlatformSchema>;

export const PLATFORM_LABELS: Record<Platform, string> = {
  general: 'Any platform',
  postfix: 'Postfix',
  exim: 'Exim',
  sendmail: 'Sendmail',
  exchange: 'Microsoft Exchange',
  microsoft365: 'Microsoft 365',
  googleworkspace: 'Google Workspace',
  hosted: 'Hosted service (Microsoft 365, Google Workspace)',
  firewall: 'Firewall or router',
  linux: 'Linux / UNIX hosts',
  windows: 'Windows hosts',
  macos: 'macOS hosts',
};

/** The steps for one platform (how to check, or how to fix, on Postfix, say). */
export const FixSchema = z.object({
  platform: PlatformSchema,
  steps: z.array(StepSchema).check(z.minLength(1)),
});
export type Fix = z.infer<typeof FixSchema>;

const perPlatform = z.array(FixSchema).check(
  z.minLength(1),
  z.refine(
    (fixes) => new Set(fixes.map((f) => f.platform)).size === fixes.length,
    'one group of steps per platform',
  ),
);

export const ControlIdSchema = z
  .string()
  .check(
    z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'control ids are lowercase words joined by hyphens'),
  );

/**
 * Where a control comes from. From the guidance: the control's guidance quotes the passage, and
 * its level is what the passage's words support; where the control asks for more than those words,
 * `interpretation` says what and why. Beyond the guidance: good practice the guidance does not ask
 * for, with the source it comes from. The verdict is against the guidance's requirements alone.
 */
export const ProvenanceSchema = z.discriminatedUnion('basis', [
  z.object({
    basis: z.literal('guidance'),
    interpretation: z.optional(nonEmptyUpTo(400)),
  }),
  z.object({
    basis: z.literal('beyond'),
    source: z.object({
      title: nonEmptyUpTo(200),
      url: z.url().check(z.regex(/^https:\/\//, 'sources are https links')),
    }),
    /** Why it belongs in an assessment against the guidance, in a sentence. */
    why: nonEmptyUpTo(400),
  }),
]);
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const ControlSchema = z.object({
  id: ControlIdSchema,
  title: nonEmptyUpTo(90),
  /**
   * What is true when the control is in place, as a statement ("Every host on your network refuses
   * to relay…"): the answers (Implemented, Partially implemented, Not implemented…) say how far it is.
   */
  statement: nonEmpty.check(
    z.refine(isStatement, {
      message:
        'a control is a statement the answers fit ("Every host refuses to relay…"), ending with a full stop, not a question',
    }),
  ),
  level: LevelSchema,
  /**
   * Service models for which the control does not apply, with the reason shown to the user.
   * The control stays visible and in the results as "not applicable (by profile)".
   */
  notApplicableWhen: z._default(
    z.array(z.object({ model: ServiceModelSchema, reason: nonEmpty })),
    [],
  ),
  /** Marks the control that a block-list lookup run can provide evidence for. */
  evidenceFromLookup: z._default(z.boolean(), false),
  /**
   * The control covers every computer on the network (printers, appliances, forgotten servers,
   * proxies), whoever provides the mail: it can never be "not applicable", by profile or answer.
   */
  coversEveryComputer: z._default(z.boolean(), false),
  provenance: ProvenanceSchema,
});
export type Control = z.infer<typeof ControlSchema>;

/**
 * What a control says to do. Kept apart from the control itself so that the long texts load
 * when a section is first shown, not with the first page.
 */
export const ControlGuidanceSchema = z.object({
  why: z.array(ParagraphSchema).check(z.minLength(1)),
  /** Steps for every platform ("general") and for particular ones, as under howToFix. */
  howToCheck: perPlatform,
  howToFix: perPlatform,
  /** The passage of the guidance the control comes from, quoted. */
  source: z.array(ParagraphSchema).check(z.minLength(1)),
});
export type ControlGuidance = z.infer<typeof ControlGuidanceSchema>;

export const GuidanceSchema = z.record(ControlIdSchema, ControlGuidanceSchema);
export type Guidance = z.infer<typeof GuidanceSchema>;
export type GuidanceInput = z.input<typeof GuidanceSchema>;

export const SectionIdSchema = ControlIdSchema;

export const SectionSchema = z.object({
  id: SectionIdSchema,
  title: nonEmpty,
  summary: nonEmpty,
  controls: z.array(ControlSchema).check(z.minLength(2)),
});
export type Section = z.infer<typeof SectionSchema>;

export const CatalogueSchema = z
  .object({
    version: z.string().check(z.regex(/^\d{4}\.\d+$/, 'catalogue versions look like 2026.1')),
    title: nonEmpty,
    guidance: z.object({ title: nonEmpty, url: z.url() }),
    sections: z.array(SectionSchema).check(z.minLength(1)),
  })
  .check(
    z.superRefine((catalogue, ctx) => {
      // The path names the second use, so a content error points at the field to change.
      const seen = new Set<string>();
      catalogue.sections.forEach((section, s) => {
        if (seen.has(section.id)) {
          ctx.addIssue({
            code: 'custom',
            message: `duplicate section id ${section.id}`,
            path: ['sections', s, 'id'],
          });
        }
        seen.add(section.id);
        section.controls.forEach((control, c) => {
          if (seen.has(control.id)) {
            ctx.addIssue({
              code: 'custom',
              message: `duplicate control id ${control.id}`,
              path: ['sections', s, 'controls', c, 'id'],
            });
          }
          seen.add(control.id);
          if (control.coversEveryComputer && control.notApplicableWhen.length > 0) {
            ctx.addIssue({
              code: 'custom',
              message: `${control.id} covers every computer, so no service model can make it not applicable`,
              path: ['sections', s, 'controls', c, 'notApplicableWhen'],
            });
          }
          if (control.level === 'MUST' && control.provenance.basis !== 'guidance') {
            ctx.addIssue({
              code: 'custom',
              message: `${control.id} is a MUST: the verdict is against the guidance, so a MUST must come from it`,
              path: ['sections', s, 'controls', c, 'provenance'],
            });
          }
        });
      });
    }),
  );
export type Catalogue = z.infer<typeof CatalogueSchema>;
export type CatalogueInput = z.input<typeof CatalogueSchema>;

/** Every control with its section, in catalogue order. */
export function allControls(catalogue: Catalogue): { section: Section; control: Control }[] {
  return catalogue.sections.flatMap((section) =>
    section.controls.map((control) => ({ section, control })),
  );
}

/** The reason a control does not apply to this service model, or undefined when it applies. */
export function notApplicableReason(
  control: Control,
  model: ServiceModel | undefined,
): string | undefined {
  if (!model) return undefined;
  return control.notApplicableWhen.find((rule) => rule.model === model)?.reason;
}

/** Validates guidance against the catalogue: every control has guidance, and nothing else does. */
export function parseGuidance(catalogue: Catalogue, data: GuidanceInput): Guidance {
  const guidance = GuidanceSchema.parse(data);
  const ids = new Set(allControls(catalogue).map(({ control }) => control.id));
  const missing = [...ids].filter((id) => !(id in guidance));
  const unknown = Object.keys(guidance).filter((id) => !ids.has(id));
  if (missing.length > 0 || unknown.length > 0) {
    throw new Error(
      `Guidance does not match the catalogue: missing ${missing.join(', ') || 'none'}; unknown ${unknown.join(', ') || 'none'}`,
    );
  }
  return guidance;
}
