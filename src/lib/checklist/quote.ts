import type { CodeLanguage } from '../model/catalogue';

/**
 * Values from the profile written into commands that an administrator pastes into a shell, so a
 * value must come out as exactly one word carrying exactly its own text, whatever it holds. Each
 * function returns the value as the language should see it, or undefined when it cannot be written
 * safely: the command then keeps its placeholder, and the person fills the value in.
 *
 * Refused in every language: an empty value; one starting with "-" (a program would take it as
 * an option, quoted or not); control characters (a carriage return or an escape sequence pasted
 * into a terminal acts on its own); and the invisible marks that reorder how text is displayed,
 * which could make a command look other than it is.
 */

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/u;

function refused(value: string): boolean {
  return value === '' || value.startsWith('-') || UNSAFE.test(value);
}

/**
 * POSIX sh (and bash, zsh): letters, digits and . _ : / @ % + = , - stand bare, which covers
 * domains, addresses and ranges; anything else is put in single quotes, inside which nothing is
 * special ($, backticks, ;, spaces, globs), and a single quote itself is written '\''.
 */
export function quoteSh(value: string): string | undefined {
  if (refused(value)) return undefined;
  if (/^[A-Za-z0-9][A-Za-z0-9._:/@%+=,-]*$/.test(value)) return value;
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** The characters PowerShell takes as a single quote: the ASCII one and four typographic ones. */
const POWERSHELL_SINGLE_QUOTES = /['\u2018\u2019\u201a\u201b]/g;

/**
 * PowerShell: a domain name (starting with a letter, so it cannot be read as a number such as
 * 10kb or 0x1f) stands bare; anything else goes in single quotes, inside which $, backticks and
 * double quotes are plain text. PowerShell ends a single-quoted string at any of five quote
 * characters, and each is written twice to stand for itself.
 */
export function quotePowerShell(value: string): string | undefined {
  if (refused(value)) return undefined;
  if (/^[A-Za-z][A-Za-z0-9-]*(?:\.[A-Za-z0-9-]+)+$/.test(value)) return value;
  return `'${value.replace(POWERSHELL_SINGLE_QUOTES, (quote) => quote + quote)}'`;
}

/**
 * A configuration file (main.cf, an nftables rule set, an ACL) has no one quoting rule, so a
 * value is written there only when it needs none: letters, digits and . _ : / -.
 */
export function quoteConfig(value: string): string | undefined {
  if (refused(value)) return undefined;
  return /^[A-Za-z0-9:][A-Za-z0-9._:/-]*$/.test(value) ? value : undefined;
}

/** The value as a command in `language` should carry it, or undefined if it cannot safely. */
export function quoteFor(language: CodeLanguage, value: string): string | undefined {
  switch (language) {
    case 'sh':
      return quoteSh(value);
    case 'powershell':
      return quotePowerShell(value);
    case 'text':
      return quoteConfig(value);
  }
}
