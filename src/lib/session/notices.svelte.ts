/**
 * Messages for the whole app (an import, an upgrade, a failure to load), shown in a live region
 * until dismissed.
 */

export interface Notice {
  id: number;
  tone: 'info' | 'error';
  text: string;
}

export class Notices {
  list: Notice[] = $state.raw([]);
  #lastId = 0;

  notify(tone: Notice['tone'], text: string): void {
    this.#lastId += 1;
    this.list = [...this.list, { id: this.#lastId, tone, text }];
  }

  dismiss(id: number): void {
    this.list = this.list.filter((n) => n.id !== id);
  }
}
