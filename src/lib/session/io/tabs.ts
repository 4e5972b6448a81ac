/**
 * Several tabs of this browser may have the app open, all on the same stored assessments. So that
 * none overwrites another's work, one tab at a time edits an assessment: it holds a Web Lock named
 * after it, and every other tab shows that assessment read-only until the user takes editing over
 * (the lock is then stolen, and the tab that had it is told). A BroadcastChannel tells every tab
 * when an assessment was saved or deleted, so read-only tabs show the latest copy and a deletion
 * reaches every tab. Where the browser has neither (an old browser, or jsdom), each tab edits as
 * if alone, as before.
 */

export type TabMessage =
  /** An assessment was written to storage by another tab. */
  | { type: 'saved'; id: string }
  /** An assessment was deleted in another tab. */
  | { type: 'deleted'; id: string };

export interface TabCoordination {
  /** Tries to become the tab that edits this assessment; false when another tab does. */
  claim(id: string): Promise<boolean>;
  /** Takes editing of this assessment over from the tab that has it. */
  takeOver(id: string): Promise<void>;
  /** Stops editing this assessment here (another assessment is opened). */
  release(id: string): void;
  /** Tells every other tab. */
  announce(message: TabMessage): void;
  /**
   * `onlost(id)`: another tab took editing of `id` over. `onmessage`: another tab announced
   * something.
   */
  listen(handlers: {
    onlost: (id: string) => void;
    onmessage: (message: TabMessage) => void;
  }): void;
}

const CHANNEL = 'mssa:tabs';
const lockName = (id: string) => `mssa:edit:${id}`;

function isMessage(value: unknown): value is TabMessage {
  if (typeof value !== 'object' || value === null) return false;
  const { type, id } = value as { type?: unknown; id?: unknown };
  return (type === 'saved' || type === 'deleted') && typeof id === 'string';
}

/** Every tab edits as if it were alone: for browsers without Web Locks, and for tests. */
export const aloneInTheBrowser: TabCoordination = {
  claim: async () => true,
  takeOver: async () => undefined,
  release: () => undefined,
  announce: () => undefined,
  listen: () => undefined,
};

export function createTabCoordination(
  scope: Pick<typeof globalThis, 'navigator'> & { BroadcastChannel?: typeof BroadcastChannel },
): TabCoordination {
  const found = scope.navigator?.locks;
  const Channel = scope.BroadcastChannel;
  if (!found || !Channel) return aloneInTheBrowser;
  const locks: LockManager = found;

  const channel = new Channel(CHANNEL);
  /** The locks this tab holds, each with what lets it go. */
  const held = new Map<string, () => void>();
  let onlost: (id: string) => void = () => undefined;

  /** Holds the lock until released here; a steal by another tab ends it with `onlost`. */
  function hold(id: string, options: LockOptions): Promise<boolean> {
    return new Promise((granted) => {
      let release: () => void = () => undefined;
      const until = new Promise<void>((resolve) => (release = resolve));
      locks
        .request(lockName(id), options, async (lock) => {
          if (!lock) {
            granted(false);
            return;
          }
          held.set(id, release);
          granted(true);
          await until;
        })
        .then(
          () => {
            if (held.get(id) === release) held.delete(id);
          },
          (error: unknown) => {
            // Stolen by another tab (AbortError): this tab no longer edits the assessment.
            if (held.get(id) !== release) return;
            held.delete(id);
            if (error instanceof DOMException && error.name === 'AbortError') onlost(id);
          },
        );
    });
  }

  return {
    claim: (id) => (held.has(id) ? Promise.resolve(true) : hold(id, { ifAvailable: true })),
    takeOver: async (id) => {
      if (held.has(id)) return;
      await hold(id, { steal: true });
    },
    release: (id) => {
      const release = held.get(id);
      held.delete(id);
      release?.();
    },
    announce: (message) => channel.postMessage(message),
    listen: (handlers) => {
      onlost = handlers.onlost;
      channel.onmessage = (event: MessageEvent) => {
        if (isMessage(event.data)) handlers.onmessage(event.data);
      };
    },
  };
}
