/**
 * How a driver-neutral journey names what it acts on, and how it is found. The finding runs
 * inside the page (both drivers install `installLocator` as an init script and call `locate`),
 * so Chromium and Firefox resolve a target by exactly the same rules.
 *
 * A target is found as a user would name it: a button, radio, link, heading… by its visible or
 * ARIA name, a form field by its label, or by a CSS selector (with a name, optionally). The name
 * is a simplified accessible name: aria-labelledby, else aria-label, else a field's <label>s,
 * else the element's rendered text; whitespace is collapsed. Only rendered elements count. When
 * several match, `nth` picks one (0 = the first in document order, the default).
 */

export type Role =
  'alert' | 'button' | 'checkbox' | 'heading' | 'link' | 'note' | 'radio' | 'region';

/** A string is an exact name; a RegExp is tested against the name. */
export type Name = string | RegExp;

export type Target =
  | { readonly css: string; readonly name?: Name; readonly nth?: number }
  | { readonly role: Role; readonly name: Name; readonly nth?: number }
  | { readonly label: Name; readonly nth?: number };

/** A Target as plain data, to send into the page. */
export type Query = {
  readonly selector: string;
  readonly name:
    { readonly exact: string } | { readonly source: string; readonly flags: string } | null;
  /** Match the name against the field's label(s) only, as getByLabel does. */
  readonly byLabel: boolean;
  readonly nth: number;
  readonly describe: string;
};

const ROLE_SELECTORS: Record<Role, string> = {
  alert: '[role=alert]',
  button: 'button, [role=button], input[type=button], input[type=submit]',
  checkbox: 'input[type=checkbox], [role=checkbox]',
  heading: 'h1, h2, h3, h4, h5, h6, [role=heading]',
  link: 'a[href], [role=link]',
  note: '[role=note]',
  radio: 'input[type=radio], [role=radio]',
  region:
    'section[aria-label], section[aria-labelledby], [role=region][aria-label], [role=region][aria-labelledby]',
};

const FIELDS = 'input:not([type=radio]):not([type=checkbox]):not([type=button]), textarea, select';

export function toQuery(target: Target): Query {
  const nth = target.nth ?? 0;
  const pattern = (name: Name) =>
    typeof name === 'string' ? { exact: name } : { source: name.source, flags: name.flags };
  if ('css' in target) {
    return {
      selector: target.css,
      name: target.name === undefined ? null : pattern(target.name),
      byLabel: false,
      nth,
      describe:
        target.name === undefined ? target.css : `${target.css} named ${String(target.name)}`,
    };
  }
  if ('label' in target) {
    return {
      selector: FIELDS,
      name: pattern(target.label),
      byLabel: true,
      nth,
      describe: `the field labelled ${String(target.label)}`,
    };
  }
  return {
    selector: ROLE_SELECTORS[target.role],
    name: pattern(target.name),
    byLabel: false,
    nth,
    describe: `the ${target.role} named ${String(target.name)}`,
  };
}

declare global {
  /** The matcher `installLocator` defines in every page a driver opens. */
  var __e2eMatching: ((query: Query) => Element[]) | undefined;
}

/**
 * Runs in every page before its own scripts (an init script of both drivers): defines the one
 * matcher `locate` and `countMatching` use. Self-contained: the drivers send its source text.
 */
export function installLocator(): void {
  const clean = (text: string | null | undefined) => (text ?? '').replace(/\s+/g, ' ').trim();
  const rendered = (el: Element) => clean((el as HTMLElement).innerText ?? el.textContent);
  const labelText = (el: Element) =>
    clean([...((el as HTMLInputElement).labels ?? [])].map((label) => label.innerText).join(' '));
  const nameOf = (el: Element): string => {
    const labelledBy = el.getAttribute('aria-labelledby');
    if (labelledBy) {
      return clean(
        labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' '),
      );
    }
    const ariaLabel = el.getAttribute('aria-label');
    if (ariaLabel) return clean(ariaLabel);
    const labels = labelText(el);
    if (labels || el.matches('input, textarea, select')) return labels;
    return rendered(el);
  };
  globalThis.__e2eMatching = (query) => {
    const wanted = query.name;
    const matches = (el: Element) => {
      if (!wanted) return true;
      const name = query.byLabel ? labelText(el) || nameOf(el) : nameOf(el);
      return 'exact' in wanted
        ? name === wanted.exact
        : new RegExp(wanted.source, wanted.flags).test(name);
    };
    return [...document.querySelectorAll(query.selector)].filter(
      (el) => el.checkVisibility() && matches(el),
    );
  };
}

/** Runs in the page: the element a query names, or null while there is none. */
export function locate(query: Query): Element | null {
  return globalThis.__e2eMatching?.(query)[query.nth] ?? null;
}

/** Runs in the page: how many rendered elements a query matches now. */
export function countMatching(query: Query): number {
  return globalThis.__e2eMatching?.(query).length ?? 0;
}
