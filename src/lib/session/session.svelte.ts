import { createActor, type SnapshotFrom } from 'xstate';
import type { Assessment } from '../model/assessment';
import { newAssessment } from '../model/assessment';
import { plural } from '../shared/plural';
import type { Catalogue, Guidance } from '../model/catalogue';
import { toDocument, type AssessmentDocument } from '../model/document';
import { exportFileName } from '../shared/file-names';
import type { PaperSize } from '../report/paper';
import { computeResults } from '../checklist/results';
import { downloadFile, readAssessmentFile } from '../assessment/io/files';
import type { AssessmentStore, QuarantinedEntry, StorageHealth } from '../assessment/io/storage';
import { currentStep, wizardMachine, type WizardEvent } from '../checklist/wizard.machine';
import type { lookupMachine } from '../blocklists/check.machine';
import type { KeyService } from '../model/blocklist-list';
import type { SecretStore } from '../blocklists/io/keys';
import type { RunGuard } from '../blocklists/io/run-guard';
import { formatDateTime } from '../shared/dates';
import type { LookupController } from '../blocklists/controller.svelte';
import type { ExportFile, VerifyOutcome } from '../report/io/exports';

/** The export code (digest, report model, CSV, and through them jsPDF) loads on first use. */
const loadReports = () => import('../report/io/exports');

/** However fast the typing, a change waits no longer than this to be saved. */
const MAX_SAVE_WAIT_MS = 2000;

/**
 * The bridge between the wizard machine, storage and the components: it mirrors the actor's
 * snapshot into runes and saves the assessment whenever the machine changes it.
 */

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
}

export interface SessionDeps {
  catalogue: Catalogue;
  store: AssessmentStore;
  newId: () => string;
  now?: () => Date;
  /** A lookup machine with stand-in actors, for tests; the app loads the real one lazily. */
  lookupMachine?: typeof lookupMachine;
  secrets: SecretStore;
  /** Pause after the last change before saving (0: save every change at once, as in tests). */
  saveDelayMs?: number;
  /** Loads the guidance texts for the catalogue (a lazily loaded chunk in the app). */
  loadGuidance: () => Promise<Guidance>;
  /** Guards a block-list run against a reload, and tells of one a reload cut short. */
  runGuard?: RunGuard;
}

export class Session {
  readonly catalogue: Catalogue;
  #store: AssessmentStore;
  #newId: () => string;
  #now: () => Date;
  #actor;
  #lastSaved: Assessment | undefined;
  #saveDelayMs: number;
  #pendingSave: Assessment | undefined;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** When the oldest unsaved change was made (for the longest a save may wait). */
  #pendingSince = 0;
  #lookupMachine: typeof lookupMachine | undefined;
  #secrets: SecretStore;
  #noticeId = 0;
  #runGuard: RunGuard | undefined;

  snapshot: SnapshotFrom<typeof wizardMachine> = $state.raw() as SnapshotFrom<typeof wizardMachine>;
  /** Every assessment kept in this browser, the open one included (most recent first). */
  library: Assessment[] = $state.raw([]);
  quarantined: QuarantinedEntry[] = $state.raw([]);
  health: StorageHealth = $state.raw({ state: 'ok' });
  notices: Notice[] = $state.raw([]);
  /** The block-list check for the open assessment, once its step has been opened. */
  lookup: LookupController | undefined = $state.raw();
  /** What each control says to do; loaded on first need (see loadGuidance). */
  guidance: Guidance | undefined = $state.raw();
  #guidanceRequested = false;
  #loadGuidance: () => Promise<Guidance>;
  /** Block-list access keys, one per operator: kept in this browser only, outside every assessment. */
  keys: Partial<Record<KeyService, string>> = $state.raw({});

  assessment = $derived(this.snapshot.context.assessment);
  step = $derived(currentStep(this.snapshot.context, String(this.snapshot.value)));
  results = $derived(
    computeResults(this.snapshot.context.catalogue, this.snapshot.context.assessment),
  );

  constructor(deps: SessionDeps) {
    this.catalogue = deps.catalogue;
    this.#store = deps.store;
    this.#newId = deps.newId;
    this.#lookupMachine = deps.lookupMachine;
    this.#secrets = deps.secrets;
    this.#loadGuidance = deps.loadGuidance;
    this.#runGuard = deps.runGuard;
    this.#saveDelayMs = deps.saveDelayMs ?? 0;
    this.keys = deps.secrets.getKeys();
    // A clock, not reactive state: each call reads the time once.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    this.#now = deps.now ?? (() => new Date());

    const loaded = this.#store.loadAll();
    this.health = loaded.health;
    this.quarantined = loaded.quarantined;
    let library = loaded.assessments;
    let active = library.find((a) => a.id === loaded.activeId) ?? library[0];
    if (!active) {
      active = this.#fresh();
      library = [active];
    }
    this.library = library;
    for (const { id, from } of loaded.migrated) {
      this.notify(
        'info',
        `An assessment saved by an older version (schema ${from}) was upgraded: ${this.#label(library.find((a) => a.id === id))}.`,
      );
    }
    if (loaded.newer.length > 0) {
      this.notify(
        'info',
        `This browser also holds ${plural(loaded.newer.length, 'assessment', 'assessments')} saved by a newer version of this app. ${loaded.newer.length === 1 ? 'It was' : 'They were'} left untouched: open the newer version to use ${loaded.newer.length === 1 ? 'it' : 'them'}.`,
      );
    }
    const interrupted = deps.runGuard?.takeInterrupted();
    if (interrupted) {
      // Only a finished run is stored, so what the interrupted one had found is gone.
      const started = interrupted.startedAt
        ? ` (started ${formatDateTime(interrupted.startedAt)})`
        : '';
      this.notify(
        'error',
        `The block-list check that was running when the page was reloaded or closed${started} was interrupted and not saved. Run it again from the block-list step.`,
      );
    }
    if (loaded.quarantined.length > 0) {
      this.notify(
        'error',
        `${loaded.quarantined.length} stored item${loaded.quarantined.length === 1 ? '' : 's'} could not be read and ${loaded.quarantined.length === 1 ? 'was' : 'were'} kept aside, not deleted. See "Assessments" to download or discard.`,
      );
    }

    this.#lastSaved = active;
    this.#actor = createActor(wizardMachine, {
      input: { catalogue: this.catalogue, assessment: active, now: this.#now },
    });
    this.snapshot = this.#actor.getSnapshot();
    this.#actor.subscribe((snapshot) => {
      this.snapshot = snapshot;
      this.#persist(snapshot.context.assessment);
    });
    this.#actor.start();
    this.#persist(this.#actor.getSnapshot().context.assessment, true);
    this.#setHealth(this.#store.setActive(active.id));
  }

  send(event: WizardEvent): void {
    this.#actor.send(event);
  }

  notify(tone: Notice['tone'], text: string): void {
    this.#noticeId += 1;
    this.notices = [...this.notices, { id: this.#noticeId, tone, text }];
  }

  dismissNotice(id: number): void {
    this.notices = this.notices.filter((n) => n.id !== id);
  }

  startNew(): void {
    this.#open(this.#fresh());
  }

  open(id: string): void {
    const target = this.library.find((a) => a.id === id);
    if (target) this.#open(target);
  }

  remove(id: string): void {
    // A change still waiting to be saved must not bring the deleted assessment back.
    if (this.#pendingSave?.id === id) this.#pendingSave = undefined;
    this.#setHealth(this.#store.remove(id));
    this.library = this.library.filter((a) => a.id !== id);
    if (this.assessment.id === id) {
      const next = this.library[0] ?? this.#fresh();
      this.#open(next);
    }
  }

  /** Imports a file as a new assessment in the library; the open assessment is untouched on failure. */
  async importFile(
    file: File,
  ): Promise<{ ok: true; assessment: Assessment } | { ok: false; reason: string }> {
    const result = await readAssessmentFile(file);
    if (!result.ok) return result;
    const imported = result.document.assessment;
    // A re-imported file must not overwrite the copy it came from: give it its own id when taken.
    const duplicate = this.library.some((a) => a.id === imported.id);
    // Recorded so the library can tell this copy from another import of the same file.
    const origin = { fileName: file.name.slice(0, 255), at: this.#now().toISOString() };
    const assessment = {
      ...imported,
      ...(duplicate ? { id: this.#newId() } : {}),
      imported: origin,
    };
    const tampered = await this.#digestMismatch(result.document);
    this.#open(assessment);
    this.notify(
      'info',
      `Imported ${this.#label(assessment)} from ${file.name}.` +
        (duplicate
          ? ' This browser already holds that assessment: the file is kept as a separate copy and the existing one is unchanged.'
          : ''),
    );
    if (tampered) {
      this.notify(
        'error',
        `${file.name} does not match the integrity digest recorded in it: its content was changed after it was exported (or damaged). It was imported so nothing is lost, but do not treat it as the exported evidence.`,
      );
    }
    return { ok: true, assessment };
  }

  /** True when the file carries a digest and its content no longer matches it. */
  async #digestMismatch(document: AssessmentDocument): Promise<boolean> {
    if (!document.integrity) return false;
    try {
      const { assessmentDigest } = await loadReports();
      return (await assessmentDigest(document.assessment)) !== document.integrity.digest;
    } catch {
      // No Web Crypto (plain HTTP): the file cannot be checked here; Verify says so explicitly.
      return false;
    }
  }

  /**
   * Downloads the assessment as JSON with its integrity digest. Never fails for want of a digest:
   * this is also the emergency export when storage fails, so if the digest cannot be made (no Web
   * Crypto on a plain-HTTP page, or the export code cannot be fetched) the file is written
   * without one and the user is told. Returns the file name, for the status line.
   */
  async exportJson(): Promise<string> {
    const assessment = this.assessment;
    const now = this.#now();
    let file: ExportFile;
    try {
      const { jsonExport } = await loadReports();
      file = await jsonExport(assessment, now);
    } catch (error) {
      file = {
        fileName: exportFileName(
          assessment.profile.organisation,
          assessment.profile.assessmentDate,
          'json',
        ),
        content: JSON.stringify(toDocument(assessment, now), null, 2),
        type: 'application/json',
      };
      this.notify(
        'error',
        `The export has no integrity digest: it could not be computed here (${String(error)}).`,
      );
    }
    downloadFile(file.fileName, file.content, file.type);
    return file.fileName;
  }

  /** Builds and downloads the PDF report; returns the file name. Rejects with the reason. */
  async exportPdf(options: { paper: PaperSize }): Promise<string> {
    const { pdfExport } = await loadReports();
    const file = await pdfExport({
      catalogue: this.catalogue,
      assessment: this.assessment,
      results: this.results,
      now: this.#now(),
      paper: options.paper,
    });
    downloadFile(file.fileName, file.content, file.type);
    return file.fileName;
  }

  /** Downloads the remediation plan as CSV (its fix steps come from the guidance texts). */
  async exportCsv(): Promise<string> {
    const { csvExport } = await loadReports();
    const file = await csvExport({
      catalogue: this.catalogue,
      assessment: this.assessment,
      results: this.results,
      guidance: this.guidance ?? (await this.#loadGuidance()),
    });
    downloadFile(file.fileName, file.content, file.type);
    return file.fileName;
  }

  /** Checks an exported file against its own digest and, if given, one printed on a report. */
  async verifyFile(file: File, printedDigest = ''): Promise<VerifyOutcome> {
    const { verifyExportFile } = await loadReports();
    return verifyExportFile(file, printedDigest);
  }

  downloadQuarantined(entry: QuarantinedEntry): void {
    downloadFile(`${entry.key.replaceAll(':', '_')}.json`, entry.raw, 'application/json');
  }

  discardQuarantined(entry: QuarantinedEntry): void {
    this.#setHealth(this.#store.discardQuarantined(entry.key));
    this.quarantined = this.quarantined.filter((q) => q.key !== entry.key);
  }

  /** Starts loading the guidance texts once; components show a placeholder until they arrive. */
  loadGuidance(): void {
    if (this.#guidanceRequested) return;
    this.#guidanceRequested = true;
    this.#loadGuidance().then(
      (guidance) => (this.guidance = guidance),
      (error: unknown) => {
        this.#guidanceRequested = false;
        this.notify(
          'error',
          `The guidance texts could not be loaded: ${String(error)}. Reload the page to try again.`,
        );
      },
    );
  }

  setKey(service: KeyService, value: string): void {
    this.keys = { ...this.keys, [service]: value };
    this.#secrets.setKey(service, value);
  }

  /**
   * The block-list controller for the open assessment, loaded on first use: the DNS code, the
   * list catalogue and the lookup machine are a separate chunk, not part of the first page.
   */
  async openLookup(): Promise<LookupController> {
    if (this.lookup) return this.lookup;
    const assessmentId = this.assessment.id;
    const { createLookupController } = await import('../blocklists/controller.svelte');
    // The user may have switched assessments while the chunk loaded.
    if (this.lookup || this.assessment.id !== assessmentId) return this.openLookup();
    this.lookup = createLookupController({
      host: this,
      now: this.#now,
      newId: this.#newId,
      guard: this.#runGuard,
      ...(this.#lookupMachine ? { machine: this.#lookupMachine } : {}),
    });
    return this.lookup;
  }

  /** A run never lands in another assessment: switching stops the open one's controller. */
  #closeLookup(): void {
    this.lookup?.stop();
    this.lookup = undefined;
  }

  #fresh(): Assessment {
    return newAssessment({
      id: this.#newId(),
      now: this.#now(),
      catalogueVersion: this.catalogue.version,
    });
  }

  #label(assessment: Assessment | undefined): string {
    if (!assessment) return 'an assessment';
    const name = assessment.profile.organisation.trim() || 'Untitled assessment';
    return assessment.profile.assessmentDate
      ? `${name} (${assessment.profile.assessmentDate})`
      : name;
  }

  #open(assessment: Assessment): void {
    if (!this.library.some((a) => a.id === assessment.id)) {
      this.library = [assessment, ...this.library];
    }
    this.#actor.send({ type: 'assessment.load', assessment });
    this.#setHealth(this.#store.setActive(assessment.id));
    this.#closeLookup();
  }

  /**
   * Saves after a short pause in typing rather than on every keystroke: an assessment with a
   * block-list run is a megabyte or more of JSON. Continuous typing still saves at least every
   * MAX_SAVE_WAIT_MS, and the app flushes on pagehide, so a reload or a closed tab loses nothing.
   */
  #persist(assessment: Assessment, force = false): void {
    if (!force && assessment === this.#lastSaved) return;
    this.#lastSaved = assessment;
    this.library = this.library.map((a) => (a.id === assessment.id ? assessment : a));
    if (this.#pendingSave && this.#pendingSave.id !== assessment.id) this.flush();
    if (!this.#pendingSave) this.#pendingSince = Date.now();
    this.#pendingSave = assessment;
    if (force || this.#saveDelayMs <= 0) {
      this.flush();
      return;
    }
    clearTimeout(this.#saveTimer);
    const waited = Date.now() - this.#pendingSince;
    const delay = Math.max(0, Math.min(this.#saveDelayMs, MAX_SAVE_WAIT_MS - waited));
    this.#saveTimer = setTimeout(() => this.flush(), delay);
  }

  /** Writes any change not yet saved, now. */
  flush(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    const assessment = this.#pendingSave;
    this.#pendingSave = undefined;
    if (assessment) this.#setHealth(this.#store.save(assessment));
  }

  #setHealth(health: StorageHealth): void {
    // Once storage has failed, keep the warning up until a save succeeds again.
    if (health.state !== this.health.state) this.health = health;
  }
}
