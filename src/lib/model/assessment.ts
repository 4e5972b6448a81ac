import { z } from '../shared/zod';
import { ServiceModelSchema } from './catalogue';
import { localIsoDate } from '../shared/dates';
import { customListId, CustomListSchema, type CustomList } from './blocklist-list';
import { BlocklistRunSchema } from './blocklist-run';
import { MAX_SCANS, ScanEvidenceSchema } from './scan-evidence';

/**
 * The assessment is the single source of truth: profile, answers and evidence. Scores, findings,
 * progress and reports are derived from it by pure functions and never stored.
 */

export const AnswerStatusSchema = z.enum([
  'implemented',
  'partial',
  'not-implemented',
  'not-applicable',
  'unknown',
]);
export type AnswerStatus = z.infer<typeof AnswerStatusSchema>;

export const ANSWER_LABELS: Record<AnswerStatus, string> = {
  implemented: 'Implemented',
  partial: 'Partially implemented',
  'not-implemented': 'Not implemented',
  'not-applicable': 'Not applicable',
  unknown: "Don't know",
};

/** ISO calendar date (YYYY-MM-DD) or empty when not given. */
export const OptionalDateSchema = z.union([z.literal(''), z.iso.date()]);

const text = (max: number) => z._default(z.string().check(z.maxLength(max)), '');
const bounded = (max: number) => z.string().check(z.maxLength(max));
const id = z.string().check(z.minLength(1), z.maxLength(100));

/**
 * The longest text each field may hold. Inputs carry these as maxlength, so nothing typed or
 * pasted can exceed what the schema accepts and be refused on the next load.
 */
export const TEXT_LIMITS = {
  name: 200,
  reason: 2000,
  notes: 20_000,
  reference: 2000,
  owner: 200,
  /** A management response: the action agreed for a finding. */
  response: 2000,
  lines: 20_000,
  resolverUrl: 500,
  targets: 100_000,
} as const;

export const AnswerSchema = z.object({
  status: AnswerStatusSchema,
  /** Required when status is not-applicable (checked by `answerProblems`, not here, so drafts survive). */
  naReason: text(TEXT_LIMITS.reason),
  notes: text(TEXT_LIMITS.notes),
  evidenceRef: text(TEXT_LIMITS.reference),
  owner: text(TEXT_LIMITS.owner),
  targetDate: z._default(OptionalDateSchema, ''),
  /**
   * The management response: the action agreed for this finding, beside its owner and target
   * date (schema 4). Optional rather than defaulted, and left out when empty: an answer stored
   * before it existed loads unchanged and keeps its digest.
   */
  response: z.optional(bounded(TEXT_LIMITS.response)),
});
export type Answer = z.infer<typeof AnswerSchema>;

/** The mail software an organisation runs or uses: it decides which platforms' steps come first. */
export const MailSoftwareSchema = z.enum([
  'postfix',
  'exim',
  'sendmail',
  'exchange',
  'microsoft-365',
  'google-workspace',
  'other',
]);
export type MailSoftware = z.infer<typeof MailSoftwareSchema>;

export const MAIL_SOFTWARE_LABELS: Record<MailSoftware, string> = {
  postfix: 'Postfix',
  exim: 'Exim',
  sendmail: 'Sendmail',
  exchange: 'Exchange Server',
  'microsoft-365': 'Microsoft 365',
  'google-workspace': 'Google Workspace',
  other: 'Other',
};

/** The operating systems of the organisation's desktops and laptops. */
export const DesktopPlatformSchema = z.enum(['windows', 'macos', 'linux']);
export type DesktopPlatform = z.infer<typeof DesktopPlatformSchema>;

export const DESKTOP_PLATFORM_LABELS: Record<DesktopPlatform, string> = {
  windows: 'Windows',
  macos: 'macOS',
  linux: 'Linux',
};

export const ProfileSchema = z.object({
  organisation: text(TEXT_LIMITS.name),
  assessorName: text(TEXT_LIMITS.name),
  assessorRole: text(TEXT_LIMITS.name),
  assessmentDate: z._default(OptionalDateSchema, ''),
  serviceModel: z.optional(ServiceModelSchema),
  /** Raw text exactly as typed (one entry per line): bad lines are reported, never dropped. */
  mailDomains: text(TEXT_LIMITS.lines),
  mailServers: text(TEXT_LIMITS.lines),
  networkRanges: text(TEXT_LIMITS.lines),
  // Optional rather than defaulted: a profile stored before these existed loads unchanged, so its
  // canonical form, and the digest of every file exported from it, stay the same.
  /** Which mail software is in use (several allowed); absent or empty: every platform is shown. */
  mailSoftware: z.optional(
    z.array(MailSoftwareSchema).check(z.maxLength(MailSoftwareSchema.options.length)),
  ),
  /** Which desktop platforms are managed (several allowed). */
  desktopPlatforms: z.optional(
    z.array(DesktopPlatformSchema).check(z.maxLength(DesktopPlatformSchema.options.length)),
  ),
});
export type Profile = z.infer<typeof ProfileSchema>;

/**
 * What a sign-off was given for: when it was entered, and a fingerprint of the content it covered
 * (see src/lib/assessment/sign-off.ts), so a later change to the answers can be pointed out.
 */
export const SignedSchema = z.object({
  at: z.iso.datetime(),
  fingerprint: bounded(64),
});
export type Signed = z.infer<typeof SignedSchema>;

/** The person who signs off the answers, as self-assessment schemes ask of a senior person. */
export const SignOffSchema = z.object({
  name: text(TEXT_LIMITS.name),
  role: text(TEXT_LIMITS.name),
  date: z._default(OptionalDateSchema, ''),
  // Optional rather than defaulted: sign-offs stored before it existed load unchanged and keep
  // their digest; for them, what was signed is simply not known.
  signed: z.optional(SignedSchema),
});
export type SignOff = z.infer<typeof SignOffSchema>;

export const ResolverChoiceSchema = z.enum(['cloudflare', 'google', 'custom']);
export type ResolverChoice = z.infer<typeof ResolverChoiceSchema>;

/**
 * Custom list ids were once the zone with dots as hyphens, which could collide and overflow the
 * id limit; selections saved then are mapped to today's ids so no chosen list drops out.
 */
function withCurrentCustomIds<T extends { selectedListIds?: string[]; customLists: CustomList[] }>(
  settings: T,
): T {
  if (!settings.selectedListIds) return settings;
  const legacy = new Map(
    settings.customLists.map((c) => [`custom-${c.zone.replace(/\./g, '-')}`, customListId(c.zone)]),
  );
  return {
    ...settings,
    selectedListIds: settings.selectedListIds.map((id) => legacy.get(id) ?? id),
  };
}

/** The bounds of the check's speed settings: the schema refuses, and the form offers, no other. */
export const CHECK_LIMITS = {
  concurrency: { min: 1, max: 64 },
  /** Per query, in milliseconds. */
  timeoutMs: { min: 500, max: 30_000 },
} as const;

export const BlocklistSettingsSchema = z.pipe(
  z.object({
    resolver: z._default(ResolverChoiceSchema, 'cloudflare'),
    customResolverUrl: text(TEXT_LIMITS.resolverUrl),
    /** Undefined until the user changes the selection: the catalogue's defaults apply. */
    selectedListIds: z.optional(z.array(bounded(100)).check(z.maxLength(128))),
    /** Zones the user adds with the code meanings they know (for example a Janet mirror). */
    customLists: z._default(z.array(CustomListSchema).check(z.maxLength(32)), []),
    /** Queries in flight at once: modest by default, as public resolvers expect. */
    concurrency: z._default(
      z
        .int()
        .check(z.minimum(CHECK_LIMITS.concurrency.min), z.maximum(CHECK_LIMITS.concurrency.max)),
      8,
    ),
    /** How long one query may take before it is reported as "no answer in time". */
    timeoutMs: z._default(
      z.int().check(z.minimum(CHECK_LIMITS.timeoutMs.min), z.maximum(CHECK_LIMITS.timeoutMs.max)),
      5000,
    ),
    /** The addresses to check, as typed; undefined until edited, so the profile's are used. */
    targets: z.optional(bounded(TEXT_LIMITS.targets)),
  }),
  z.transform(withCurrentCustomIds),
);
export type BlocklistSettings = z.infer<typeof BlocklistSettingsSchema>;

/** What the user agreed to be sent, and to whom: a change of resolver or lists asks again. */
export const BlocklistConsentSchema = z.object({
  givenAt: z.iso.datetime(),
  resolverUrl: bounded(500),
  zones: z.array(bounded(300)).check(z.maxLength(128)),
  /** The addresses the resolver and lists were agreed to learn; absent in consents before it. */
  addresses: z.optional(z.array(bounded(64)).check(z.maxLength(4096))),
});
export type BlocklistConsent = z.infer<typeof BlocklistConsentSchema>;

export const BlocklistStateSchema = z.object({
  settings: z.prefault(BlocklistSettingsSchema, {}),
  /**
   * Read from documents saved before consent was kept in the browser, and never used: consent is
   * the choice of the person at this browser (see blocklists/io/consents.ts), so a file cannot
   * carry one. `withoutConsent` drops it wherever an assessment comes in.
   */
  consent: z.optional(BlocklistConsentSchema),
  lastRun: z.optional(BlocklistRunSchema),
});
export type BlocklistState = z.infer<typeof BlocklistStateSchema>;

export const ImportedSchema = z.object({
  fileName: bounded(255),
  at: z.iso.datetime(),
});
export type Imported = z.infer<typeof ImportedSchema>;

/** Where the user was in the wizard, so a reload resumes there. */
export const StepIdSchema = id;

export const AssessmentSchema = z.object({
  id,
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  catalogueVersion: z.string().check(z.minLength(1), z.maxLength(20)),
  profile: ProfileSchema,
  answers: z.record(z.string(), AnswerSchema),
  step: z._default(StepIdSchema, 'profile'),
  signOff: z.prefault(SignOffSchema, {}),
  /**
   * The approver's sign-off (schema 4): the senior person who approves the report, beside the
   * assessor's. Optional: an assessment without one keeps its digest.
   */
  approval: z.optional(SignOffSchema),
  lookup: z.prefault(BlocklistStateSchema, {}),
  /** Network scans (nmap XML) imported as evidence, in the order imported (schema 3). */
  scans: z._default(z.array(ScanEvidenceSchema).check(z.maxLength(MAX_SCANS)), []),
  /**
   * Where this copy came from, when it was imported: so two imports of the same file can be told
   * apart in the library. Optional (older assessments have none) and not part of the digest.
   */
  imported: z.optional(ImportedSchema),
});
export type Assessment = z.infer<typeof AssessmentSchema>;

export function emptyProfile(): Profile {
  return ProfileSchema.parse({});
}

export function emptyAnswer(status: AnswerStatus): Answer {
  return AnswerSchema.parse({ status });
}

export function newAssessment(options: {
  id: string;
  now: Date;
  catalogueVersion: string;
}): Assessment {
  const stamp = options.now.toISOString();
  return {
    id: options.id,
    createdAt: stamp,
    updatedAt: stamp,
    catalogueVersion: options.catalogueVersion,
    profile: { ...emptyProfile(), assessmentDate: localIsoDate(options.now) },
    answers: {},
    step: 'profile',
    signOff: SignOffSchema.parse({}),
    lookup: BlocklistStateSchema.parse({}),
    scans: [],
  };
}

/** What is wrong with an answer as entered, in words the user can act on. */
export function answerProblems(answer: Answer): string[] {
  const problems: string[] = [];
  if (answer.status === 'not-applicable' && answer.naReason.trim() === '') {
    problems.push('Give the reason this control does not apply.');
  }
  return problems;
}

export function needsRemediationFields(status: AnswerStatus): boolean {
  return status === 'not-implemented' || status === 'partial';
}

/** The assessment without any consent record it carries (see BlocklistStateSchema.consent). */
export function withoutConsent(assessment: Assessment): Assessment {
  if (!assessment.lookup.consent) return assessment;
  const lookup = { ...assessment.lookup };
  delete lookup.consent;
  return { ...assessment, lookup };
}
