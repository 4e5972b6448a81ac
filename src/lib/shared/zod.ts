/**
 * zod, configured once before any schema is used. Every file of the app, the tests and the
 * scripts takes `z` from here, never from 'zod' itself (eslint.config.js refuses a value import of
 * 'zod' elsewhere), so the configuration is in force whichever module the bundler or a test
 * evaluates first; the unit and component tests' setup files also import this module first.
 *
 * `zod/mini`, the functional build of zod, not the classic one: its schemas carry no methods for
 * what the app never does (JSON Schema output among them), which keeps about a third of the first
 * load away. Checks are composed: `z.string().check(z.trim(), z.maxLength(90))`.
 *
 * English error messages: zod/mini loads no locale by itself, and the messages reach the user
 * (an import that does not fit says where and why).
 *
 * `jitless`: zod would otherwise probe whether it may compile validators with `new Function`.
 * The app's Content-Security-Policy (script-src 'self', no 'unsafe-eval') forbids that: the probe
 * fails quietly for zod but the browser still reports a violation. Jitless, the probe never runs
 * and schemas are interpreted, which is fast enough for the app's documents.
 */
import * as z from 'zod/mini';
import { en } from 'zod/locales';

z.config({ ...en(), jitless: true });

export { z };
