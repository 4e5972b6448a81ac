import { tick } from 'svelte';
import { writeClipboard } from './io/clipboard';

/**
 * The copy button of one command: copies the command and says what happened, in words a screen
 * reader announces (the component shows `message` in a live region). A repeated copy is said
 * again: the message is cleared first, so the region changes each time.
 */
export class CommandCopy {
  message = $state('');
  #write: (text: string) => Promise<boolean>;

  constructor(write: (text: string) => Promise<boolean> = writeClipboard) {
    this.#write = write;
  }

  /**
   * Copies `text`; `placeholders` are the values still to fill in, named in the message. When the
   * clipboard cannot be written, `select` selects the command so the person can copy it.
   */
  async copy(text: string, placeholders: readonly string[], select: () => void): Promise<void> {
    // Emptied on screen first, so that a message equal to the last one still changes the region.
    this.message = '';
    await tick();
    const copied = await this.#write(text);
    if (copied) {
      this.message =
        placeholders.length === 0
          ? 'Copied.'
          : `Copied. Replace ${placeholders.join(', ')} before running it.`;
    } else {
      select();
      this.message =
        'Could not copy automatically: the command is selected, press Ctrl+C (or Cmd+C on a Mac) to copy it.';
    }
  }
}
