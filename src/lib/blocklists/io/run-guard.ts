/**
 * A block-list run ends with the page: a reload or a closed tab cuts it short (its answers so far
 * are kept as it goes, see the controller, so it can be resumed). While one is running, leaving
 * the page asks first (the browser's own "Leave site?" prompt), and a marker in this tab's session
 * storage records it, so the page that loads next can say the check was interrupted.
 */

const MARKER = 'mssa:lookup-running';

export interface InterruptedRun {
  /** The assessment the run was for. */
  assessmentId: string;
  /** When the run started (ISO date-time). */
  startedAt: string;
}

export interface RunGuard {
  /** A run started (with what it is for) or ended (undefined). */
  running(run: InterruptedRun | undefined): void;
  /** The run a previous page in this tab left unfinished, once; the marker is then removed. */
  takeInterrupted(): InterruptedRun | undefined;
}

export function createRunGuard(
  win: Pick<Window, 'addEventListener' | 'removeEventListener'> & {
    sessionStorage: Storage;
  },
): RunGuard {
  const ask = (event: BeforeUnloadEvent) => {
    // Both, for browsers that still look for returnValue; the text itself is never shown.
    event.preventDefault();
    event.returnValue = '';
  };
  // Session storage may be blocked (privacy settings): then only the prompt protects the run.
  const storage = (action: (store: Storage) => void) => {
    try {
      action(win.sessionStorage);
    } catch {
      // Nothing to record: no message after a reload, but the run itself is unaffected.
    }
  };
  return {
    running(run) {
      if (run) {
        win.addEventListener('beforeunload', ask);
        storage((s) => s.setItem(MARKER, JSON.stringify(run)));
      } else {
        win.removeEventListener('beforeunload', ask);
        storage((s) => s.removeItem(MARKER));
      }
    },
    takeInterrupted() {
      let text: string | null = null;
      storage((s) => {
        text = s.getItem(MARKER);
        s.removeItem(MARKER);
      });
      if (text === null) return undefined;
      try {
        const value: unknown = JSON.parse(text);
        if (
          typeof value === 'object' &&
          value !== null &&
          typeof (value as InterruptedRun).assessmentId === 'string' &&
          typeof (value as InterruptedRun).startedAt === 'string'
        ) {
          return value as InterruptedRun;
        }
      } catch {
        // A marker this version cannot read still means a run was cut short.
      }
      return { assessmentId: '', startedAt: '' };
    },
  };
}
