import type { Guidance } from '../model/catalogue';

/**
 * What each control says to do, loaded on first need (the texts are a chunk of their own, kept
 * out of the first page). Components show a placeholder until `guidance` arrives.
 */
export class GuidanceLoader {
  guidance: Guidance | undefined = $state.raw();
  #requested = false;
  #load: () => Promise<Guidance>;
  #onerror: (error: unknown) => void;

  constructor(load: () => Promise<Guidance>, onerror: (error: unknown) => void) {
    this.#load = load;
    this.#onerror = onerror;
  }

  /** Starts loading once; a failed load may be asked for again. */
  request(): void {
    if (this.#requested) return;
    this.#requested = true;
    this.#load().then(
      (guidance) => (this.guidance = guidance),
      (error: unknown) => {
        this.#requested = false;
        this.#onerror(error);
      },
    );
  }

  /** The guidance, loading it first if need be (the CSV export needs every fix). */
  async get(): Promise<Guidance> {
    return this.guidance ?? (this.guidance = await this.#load());
  }
}
