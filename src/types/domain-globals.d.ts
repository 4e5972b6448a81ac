/**
 * The one global that pure code may use beyond ECMAScript itself: the WHATWG URL parser, the same
 * in browsers and in Node, reading text without any I/O. Declared here only for the DOM-free type
 * check of pure code (tsconfig.domain.json); everywhere else the DOM library declares it.
 */
declare class URL {
  constructor(url: string, base?: string);
  readonly href: string;
  readonly protocol: string;
  readonly username: string;
  readonly password: string;
  readonly host: string;
  readonly hostname: string;
  readonly pathname: string;
  readonly search: string;
  readonly hash: string;
}
