/**
 * zod, configured once before any schema is built. Every file of the app, the tests and the
 * scripts takes `z` from here, never from 'zod' itself (eslint.config.js refuses a value import of
 * 'zod' elsewhere), so the configuration is in force whichever module the bundler or a test
 * evaluates first; the unit and component tests' setup files also import this module first.
 *
 * `jitless`: zod would otherwise probe whether it may compile validators with `new Function`,
 * the first time an object schema is built. The app's Content-Security-Policy (script-src 'self',
 * no 'unsafe-eval') forbids that: the probe fails quietly for zod but the browser still reports a
 * CSP violation (Firefox as a console error on every page load). Jitless, the probe never runs
 * and schemas are interpreted, which is fast enough for the app's documents.
 */
import { z } from 'zod';

z.config({ jitless: true });

export { z };
