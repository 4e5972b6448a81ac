import type { Glossary } from '../model/glossary';

/**
 * The glossary, loaded on first use and shared: its entries are content, kept out of the first
 * page load. Until it arrives, terms show as plain text (the words are the same either way).
 */
class GlossaryLoader {
  value: Glossary | undefined = $state.raw();
  #loading: Promise<void> | undefined;

  load(): void {
    if (this.#loading) return;
    this.#loading = import('../content/glossary').then(
      ({ defaultGlossary }) => {
        this.value = defaultGlossary;
      },
      () => {
        // The chunk did not arrive: terms stay plain text; the next card asks again.
        this.#loading = undefined;
      },
    );
  }
}

export const glossary = new GlossaryLoader();
