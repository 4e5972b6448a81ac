import type { TabCoordination } from './io/tabs';

/**
 * Whether this tab may change the open assessment, or only show it because another tab of this
 * browser edits it (see io/tabs.ts). A tab that opens an assessment tries to become its editor;
 * the user may take editing over from the other tab, which is then told and turns read-only.
 */
export class EditAccess {
  state: 'edit' | 'read-only' = $state('edit');
  #tabs: TabCoordination;
  #openId: string | undefined;

  constructor(
    tabs: TabCoordination,
    handlers: {
      /** Another tab took editing of this assessment over (this tab is read-only now). */
      onlost: (id: string) => void;
      /** Another tab saved this assessment. */
      onsaved: (id: string) => void;
      /** Another tab deleted this assessment. */
      ondeleted: (id: string) => void;
    },
  ) {
    this.#tabs = tabs;
    tabs.listen({
      onlost: (id) => {
        if (id !== this.#openId) return;
        this.state = 'read-only';
        handlers.onlost(id);
      },
      onmessage: (message) => {
        if (message.type === 'saved') handlers.onsaved(message.id);
        else handlers.ondeleted(message.id);
      },
    });
  }

  /**
   * The assessment shown now. This tab edits it unless another tab already does: until the answer
   * comes (a moment), it counts as editing, and saves wait for nothing.
   */
  open(id: string): void {
    if (this.#openId !== undefined && this.#openId !== id) this.#tabs.release(this.#openId);
    this.#openId = id;
    this.state = 'edit';
    void this.#tabs.claim(id).then((mine) => {
      if (this.#openId !== id) {
        if (mine) this.#tabs.release(id);
        return;
      }
      if (!mine) this.state = 'read-only';
    });
  }

  /** Takes editing of the open assessment over from the tab that has it. */
  async takeOver(): Promise<void> {
    const id = this.#openId;
    if (id === undefined) return;
    await this.#tabs.takeOver(id);
    if (this.#openId === id) this.state = 'edit';
  }

  saved(id: string): void {
    this.#tabs.announce({ type: 'saved', id });
  }

  deleted(id: string): void {
    this.#tabs.announce({ type: 'deleted', id });
  }
}
