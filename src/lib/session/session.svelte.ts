import { newAssessment, withoutConsent, type Assessment } from '../model/assessment';
import type { AssessmentDocument } from '../model/document';
import type { Catalogue, Guidance } from '../model/catalogue';
import type {
  AssessmentStore,
  LoadedLibrary,
  QuarantinedEntry,
  StorageHealth,
} from '../assessment/io/storage';
import { downloadFile, readAssessmentFile } from '../assessment/io/files';
import { assessmentLabel } from '../assessment/label';
import { GuidanceLoader } from '../checklist/guidance.svelte';
import { CheckSlot } from '../blocklists/checks.svelte';
import { AccessKeyRing } from '../blocklists/keys.svelte';
import { ConsentRing } from '../blocklists/consents.svelte';
import type { ConsentStore } from '../blocklists/io/consents';
import type { CheckHost } from '../blocklists/controller.svelte';
import type { checkMachine } from '../blocklists/check.machine';
import type { SecretStore } from '../blocklists/io/keys';
import type { InterruptedRun, RunGuard } from '../blocklists/io/run-guard';
import { createReportDownloads, type ReportDownloads } from '../report/io/downloads';
import { formatDateTime } from '../shared/dates';
import { describeError } from '../shared/errors';
import { isolate, plural } from '../shared/format';
import { Autosave } from './autosave';
import { Library } from './library.svelte';
import { Notices } from './notices.svelte';
import { StorageStatus } from './storage-status.svelte';
import { StorageUse } from './storage-use.svelte';
import type { StorageManagerPort } from './io/storage-manager';
import { WizardBridge } from './wizard.svelte';
import { EditAccess } from './edit-access.svelte';
import { aloneInTheBrowser, type TabCoordination } from './io/tabs';
import { stepId } from '../checklist/steps';

/**
 * The app's parts for one page, wired together: the open assessment (the wizard), the library of
 * assessments kept in this browser, autosave and the storage warning, notices, the guidance texts,
 * access keys, the block-list check and the report downloads. Each view is handed only the parts
 * it shows. The session itself only does what crosses parts: opening, creating, importing and
 * deleting assessments.
 */

export interface SessionDeps {
  catalogue: Catalogue;
  store: AssessmentStore;
  /** What the store held when the page opened (read before the session starts). */
  loaded: LoadedLibrary;
  newId: () => string;
  now?: () => Date;
  /** A check machine with stand-in actors, for tests; the app loads the real one lazily. */
  checkMachine?: typeof checkMachine;
  secrets: SecretStore;
  /** Consents to block-list checks given in this browser, by assessment. */
  consents: ConsentStore;
  /** Pause after the last change before saving (0: save every change at once, as in tests). */
  saveDelayMs?: number;
  /** Loads the guidance texts for the catalogue (a lazily loaded chunk in the app). */
  loadGuidance: () => Promise<Guidance>;
  /** Guards a block-list run against a reload, and tells of one a reload cut short. */
  runGuard?: RunGuard;
  /** The other tabs of this browser (one edits an assessment, the rest show it read-only). */
  tabs?: TabCoordination;
  /** The browser's account of this site's storage, where it gives one. */
  storageManager?: StorageManagerPort;
}

export type ImportResult =
  { ok: true; assessment: Assessment } | { ok: false; reason: string; detail?: string };

export class Session {
  readonly catalogue: Catalogue;
  readonly notices = new Notices();
  readonly storage = new StorageStatus();
  /** How much is stored, and whether the browser keeps it (shown in the library). */
  readonly storageUse: StorageUse;
  readonly library: Library;
  readonly wizard: WizardBridge;
  readonly guidance: GuidanceLoader;
  readonly keys: AccessKeyRing;
  readonly consents: ConsentRing;
  readonly checks: CheckSlot;
  readonly downloads: ReportDownloads;
  /** Whether this tab may change the open assessment, or another tab edits it. */
  readonly access: EditAccess;

  #store: AssessmentStore;
  /** True while the open assessment is replaced by the copy another tab saved: not a change. */
  #refreshing = false;
  #autosave: Autosave<Promise<StorageHealth>>;
  /** Writes started and not yet finished (see `settled`); bookkeeping, not shown. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #writes = new Set<Promise<unknown>>();
  /** The latest state of each assessment whose save has started and not finished. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  #inFlight = new Map<string, Assessment>();
  #newId: () => string;
  #now: () => Date;

  constructor(deps: SessionDeps) {
    this.catalogue = deps.catalogue;
    this.#store = deps.store;
    this.storageUse = new StorageUse(deps.storageManager);
    this.#newId = deps.newId;
    // A clock, not reactive state: each call reads the time once.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#now = deps.now ?? (() => new Date());
    this.access = new EditAccess(deps.tabs ?? aloneInTheBrowser, {
      onlost: (id) => this.#lost(id),
      onsaved: (id) => this.#savedElsewhere(id),
      ondeleted: (id) => this.#deletedElsewhere(id),
    });
    this.#autosave = new Autosave({
      save: (assessment) => this.#save(assessment),
      report: (written) => void written.then((health) => this.storage.report(health)),
      delayMs: deps.saveDelayMs ?? 0,
      // Read at each call, so tests with fake timers drive the pauses.
      clock: () => Date.now(),
      schedule: (callback, ms) => {
        const timer = setTimeout(callback, ms);
        return () => clearTimeout(timer);
      },
    });

    const loaded = deps.loaded;
    this.storage.report(loaded.health);
    // Consent recorded inside a stored assessment may have come from a file: it is not trusted,
    // and the next save drops it. The user is asked again before the next check.
    const assessments = loaded.assessments.map(withoutConsent);
    const carriedConsent = assessments.filter((a, i) => a !== loaded.assessments[i]);
    this.library = new Library({ ...loaded, assessments });
    for (const assessment of carriedConsent) this.#report(this.#save(assessment));
    const active = this.library.find(loaded.activeId ?? '') ?? assessments[0] ?? this.#fresh();
    this.library.put(active);
    this.#tellAboutLoad(loaded, deps.runGuard);
    if (carriedConsent.length > 0) {
      this.notices.notify(
        'info',
        'Consent to block-list checks is now kept in this browser, not in the assessment (a file could carry one): you will be asked again before the next check.',
      );
    }

    this.wizard = new WizardBridge({
      catalogue: this.catalogue,
      assessment: active,
      now: this.#now,
      onchange: (assessment) => {
        this.library.put(assessment);
        if (!this.#refreshing && this.access.state === 'edit') {
          this.#autosave.changed(assessment);
          this.storage.pending(this.#unsaved());
        }
      },
      readOnly: () => this.access.state === 'read-only',
    });
    // Saved at once when it is not stored as it is: a first visit's new assessment, or the step
    // the wizard resumed at. An assessment stored as it is is not written (another tab may be
    // editing it).
    const stored = loaded.assessments.find((a) => a.id === active.id);
    if (stored === undefined || this.wizard.assessment !== active) {
      this.#autosave.changed(this.wizard.assessment, { now: true });
    }
    this.#report(this.#store.setActive(active.id));
    this.access.open(active.id);

    this.guidance = new GuidanceLoader(deps.loadGuidance, (error) =>
      this.notices.notify(
        'error',
        `The guidance texts could not be loaded: ${describeError(error)}. Reload the page to try again.`,
      ),
    );
    this.keys = new AccessKeyRing(deps.secrets);
    this.consents = new ConsentRing(deps.consents);
    this.checks = new CheckSlot({
      now: this.#now,
      newId: this.#newId,
      guard: deps.runGuard,
      machine: deps.checkMachine,
    });
    this.downloads = createReportDownloads({
      catalogue: this.catalogue,
      assessment: () => this.wizard.assessment,
      results: () => this.wizard.results,
      guidance: () => this.guidance.get(),
      now: this.#now,
      warn: (text) => this.notices.notify('error', text),
    });
  }

  /** The block-list check of the open assessment, loaded on first use. */
  openCheck(): Promise<unknown> {
    const assessmentId = this.wizard.assessment.id;
    const host: CheckHost = {
      assessment: () => this.wizard.assessment,
      keys: () => this.keys.keys,
      consent: () => this.consents.get(assessmentId),
      onConsent: (consent) => this.consents.give(assessmentId, consent),
      onFinished: (run) => {
        // Never into another assessment: switching closes the check, this is a second guard.
        if (this.wizard.assessment.id === assessmentId) {
          this.wizard.send({ type: 'blocklists.run.store', run });
        }
      },
      interrupted: () => this.#store.loadInterruptedCheck(assessmentId),
      onProgress: (check) =>
        this.#report(
          check
            ? this.#store.saveInterruptedCheck(check)
            : this.#store.dropInterruptedCheck(assessmentId),
        ),
    };
    return this.checks.open(host).catch((error: unknown) => {
      this.notices.notify(
        'error',
        `The block-list check could not be loaded: ${describeError(error)}`,
      );
    });
  }

  startNew(): void {
    this.#open(this.#fresh());
  }

  open(id: string): void {
    const target = this.library.find(id);
    if (target) this.#open(target);
  }

  remove(id: string): void {
    this.#autosave.forget(id);
    this.#report(
      this.#store.remove(id).then((health) => {
        if (health.state === 'ok') this.access.deleted(id);
        return health;
      }),
    );
    this.library.drop(id);
    if (this.wizard.assessment.id === id) this.#open(this.library.items[0] ?? this.#fresh());
  }

  /** Imports a file as a new assessment in the library; the open assessment is untouched on failure. */
  async importFile(file: File): Promise<ImportResult> {
    const result = await readAssessmentFile(file);
    if (!result.ok) return result;
    // Consent is given in this browser, never by a file: a record of one in the file is dropped.
    const carriedConsent = result.document.assessment.lookup.consent !== undefined;
    const imported = withoutConsent(result.document.assessment);
    // A re-imported file must not overwrite the copy it came from: give it its own id when taken.
    const duplicate = this.library.has(imported.id);
    // Recorded so the library can tell this copy from another import of the same file.
    const origin = { fileName: file.name.slice(0, 255), at: this.#now().toISOString() };
    const assessment = {
      ...imported,
      ...(duplicate ? { id: this.#newId() } : {}),
      imported: origin,
    };
    const tampered = await digestMismatch(result.document);
    this.#open(assessment);
    // Written now rather than after the autosave's pause, so the notice can say it is stored.
    const opened = this.wizard.assessment;
    this.#autosave.forget(opened.id);
    const stored = await this.#save(opened);
    this.storage.report(stored);
    this.notices.notify(
      stored.state === 'ok' ? 'info' : 'error',
      (stored.state === 'ok'
        ? `Imported ${assessmentLabel(assessment)} from ${isolate(file.name)}.`
        : `${assessmentLabel(assessment)} from ${isolate(file.name)} is open but was NOT stored in this browser: ${storedProblem(stored)} It will be gone when this page is closed or reloaded; export it, or make room and import it again.`) +
        (duplicate
          ? ' This browser already holds that assessment: the file is kept as a separate copy and the existing one is unchanged.'
          : '') +
        (carriedConsent
          ? ' The file records a consent to send block-list queries; consent is yours to give in this browser, so you will be asked before anything is sent.'
          : ''),
    );
    if (result.replacedCharacters) {
      this.notices.notify(
        'error',
        `${isolate(file.name)} is not in the UTF-8 encoding exports use: ${plural(result.replacedCharacters, 'character', 'characters')} could not be read and ${result.replacedCharacters === 1 ? 'shows' : 'show'} as �. It was probably saved in another encoding (Latin-1, for example) by another program: check the names and notes, or import the original export.`,
      );
    }
    if (tampered) {
      this.notices.notify(
        'error',
        `${isolate(file.name)} does not match the integrity digest recorded in it: its content was changed after it was exported (or damaged). It was imported so nothing is lost, but do not treat it as the exported evidence.`,
      );
    }
    return { ok: true, assessment };
  }

  /** Offers an item kept aside exactly as it was stored; returns the file name. */
  downloadQuarantined(entry: QuarantinedEntry): string {
    const fileName = `${entry.key.replaceAll(':', '_')}.json`;
    downloadFile(fileName, entry.raw, 'application/json');
    return fileName;
  }

  discardQuarantined(entry: QuarantinedEntry): void {
    this.#report(this.library.discardQuarantined(this.#store, entry));
  }

  /** Makes this tab the one that edits the open assessment, from the copy last saved. */
  async takeOver(): Promise<void> {
    await this.access.takeOver();
    await this.#refresh(this.wizard.assessment.id);
  }

  /** Writes any change not yet saved, now. */
  flush(): void {
    this.#autosave.flush();
  }

  /**
   * The page is being hidden or left: a save started now may never finish, so each change not
   * yet written (waiting, or on its way) is also kept synchronously, then written as usual.
   */
  leave(): void {
    const pending = this.#autosave.pending();
    const unsaved = [...this.#inFlight.values()].filter((a) => a.id !== pending?.id);
    if (pending) unsaved.push(pending);
    for (const assessment of unsaved) this.storage.report(this.#store.journal(assessment));
    this.#autosave.flush();
  }

  /** Resolves once every write started so far has finished (tests wait on it). */
  async settled(): Promise<void> {
    while (this.#writes.size > 0) await Promise.allSettled([...this.#writes]);
  }

  /** Writes an assessment; on success other tabs are told, and the library learns its size. */
  #save(assessment: Assessment): Promise<StorageHealth> {
    this.#inFlight.set(assessment.id, assessment);
    return this.#track(
      this.#store.save(assessment).then((outcome) => {
        if (this.#inFlight.get(assessment.id) === assessment) this.#inFlight.delete(assessment.id);
        if (outcome.state !== 'ok') {
          this.storage.pending(this.#unsaved());
          return outcome;
        }
        this.access.saved(assessment.id);
        this.storage.pending(this.#unsaved(), this.#now().toISOString());
        if (outcome.bytes !== undefined) this.library.sized(assessment.id, outcome.bytes);
        return { state: 'ok' as const };
      }),
    );
  }

  /** Whether any change is still to be written: waiting for the pause, or being written. */
  #unsaved(): boolean {
    return this.#autosave.pending() !== undefined || this.#inFlight.size > 0;
  }

  #track<T>(write: Promise<T>): Promise<T> {
    this.#writes.add(write);
    void write.finally(() => this.#writes.delete(write));
    return write;
  }

  /** Shows the outcome of a write in the storage warning when it comes. */
  #report(write: Promise<StorageHealth>): void {
    void this.#track(write).then((health) => this.storage.report(health));
  }

  #fresh(): Assessment {
    return newAssessment({
      id: this.#newId(),
      now: this.#now(),
      catalogueVersion: this.catalogue.version,
    });
  }

  #open(assessment: Assessment): void {
    // A run never lands in another assessment: the open one's check stops first.
    this.checks.close();
    this.#autosave.flush();
    this.access.open(assessment.id);
    this.library.put(assessment);
    this.wizard.load(assessment);
    this.#report(this.#store.setActive(assessment.id));
  }

  /** Shows the copy of an assessment last saved (by any tab), staying on the current step. */
  async #refresh(id: string): Promise<void> {
    const fresh = await this.#store.load(id);
    // A change made here while it was being read is not overwritten: it is saved next.
    if (!fresh || this.#autosave.hasPending(id)) return;
    if (this.wizard.assessment.id !== id) {
      this.library.put(fresh);
      return;
    }
    this.#refreshing = true;
    try {
      this.wizard.load({ ...fresh, step: stepId(this.wizard.step) });
    } finally {
      this.#refreshing = false;
    }
  }

  /** Another tab took editing over: what this tab had not saved yet is written first. */
  #lost(id: string): void {
    if (this.#autosave.hasPending(id)) this.#autosave.flush();
    this.notices.notify(
      'info',
      `${assessmentLabel(this.wizard.assessment)} is now being edited in another tab of this browser. This tab shows it read-only, with the other tab's changes as they are saved; choose "Edit here instead" to take editing back.`,
    );
  }

  /** Another tab saved an assessment: show its copy, unless this tab has changes of its own. */
  #savedElsewhere(id: string): void {
    if (this.#autosave.hasPending(id)) return;
    void this.#refresh(id);
  }

  /** Another tab deleted an assessment: it goes here too, and nothing here saves it back. */
  #deletedElsewhere(id: string): void {
    this.#autosave.forget(id);
    const label = this.library.label(id);
    this.library.drop(id);
    if (this.wizard.assessment.id !== id) return;
    this.#open(this.library.items[0] ?? this.#fresh());
    this.notices.notify('info', `${label} was deleted in another tab of this browser.`);
  }

  /** A check the last page left running: resumable when its answers so far were kept. */
  async #tellAboutInterruptedRun(interrupted: InterruptedRun): Promise<void> {
    const started = interrupted.startedAt
      ? ` (started ${formatDateTime(interrupted.startedAt)})`
      : '';
    const kept = interrupted.assessmentId
      ? await this.#store.loadInterruptedCheck(interrupted.assessmentId)
      : undefined;
    const where =
      interrupted.assessmentId && interrupted.assessmentId !== this.wizard.assessment.id
        ? ` of ${this.library.label(interrupted.assessmentId)}`
        : '';
    this.notices.notify(
      kept ? 'info' : 'error',
      kept
        ? `The block-list check${where} that was running when the page was reloaded or closed${started} was interrupted after ${plural(kept.run.results.length, 'answer', 'answers')}. They were kept: resume it from the block-list step, where only the address/list pairs without an answer are asked.`
        : `The block-list check that was running when the page was reloaded or closed${started} was interrupted and not saved. Run it again from the block-list step.`,
    );
  }

  /** What loading found that the user should know: upgrades, newer data, an interrupted run. */
  #tellAboutLoad(loaded: LoadedLibrary, runGuard: RunGuard | undefined): void {
    for (const { id, from } of loaded.migrated) {
      this.notices.notify(
        'info',
        `An assessment saved by an older version (schema ${from}) was upgraded: ${this.library.label(id)}.`,
      );
    }
    const moved = loaded.fromLocalStorage;
    if (moved && moved.moved > 0) {
      this.notices.notify(
        'info',
        `${plural(moved.moved, 'assessment', 'assessments')} kept by an earlier version of this app ${moved.moved === 1 ? 'was' : 'were'} moved to this browser's database storage, which holds far more. Each was read back and checked before its old copy was removed.`,
      );
    }
    if (moved && moved.left > 0) {
      this.notices.notify(
        'error',
        `${plural(moved.left, 'item', 'items')} kept by an earlier version of this app could not be moved to this browser's database storage and ${moved.left === 1 ? 'was' : 'were'} left where ${moved.left === 1 ? 'it was' : 'they were'}, untouched; moving is tried again each time the app opens.`,
      );
    }
    const newer = loaded.newer.length;
    if (newer > 0) {
      this.notices.notify(
        'info',
        `This browser also holds ${plural(newer, 'assessment', 'assessments')} saved by a newer version of this app. ${newer === 1 ? 'It was' : 'They were'} left untouched: open the newer version to use ${newer === 1 ? 'it' : 'them'}.`,
      );
    }
    const interrupted = runGuard?.takeInterrupted();
    if (interrupted) void this.#tellAboutInterruptedRun(interrupted);
    const aside = loaded.quarantined.length;
    if (aside > 0) {
      this.notices.notify(
        'error',
        `${plural(aside, 'stored item', 'stored items')} could not be read and ${aside === 1 ? 'was' : 'were'} kept aside, not deleted. See "Assessments" to download or discard.`,
      );
    }
  }
}

/** Why a write did not happen, in a sentence. */
function storedProblem(health: Exclude<StorageHealth, { state: 'ok' }>): string {
  switch (health.state) {
    case 'full':
      return 'the storage this browser gives the app is full.';
    case 'invalid':
      return `it does not pass the app's own checks (${health.detail}).`;
    default:
      return health.detail.endsWith('.') ? health.detail : `${health.detail}.`;
  }
}

/** True when the file carries a digest and its content no longer matches it. */
async function digestMismatch(document: AssessmentDocument): Promise<boolean> {
  if (!document.integrity) return false;
  try {
    const { assessmentDigest } = await import('../assessment/io/digest');
    return (await assessmentDigest(document.assessment)) !== document.integrity.digest;
  } catch {
    // No Web Crypto (plain HTTP): the file cannot be checked here; Verify says so explicitly.
    return false;
  }
}
