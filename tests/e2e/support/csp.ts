/**
 * Content-Security-Policy violations as test failures, in every browser.
 */

/**
 * Runs in the page before any of its scripts: reports every Content-Security-Policy violation as
 * a console error, so the same check that fails a test on a console error fails it on a
 * violation too, in every browser (Chromium otherwise shows some only in its DevTools issues).
 */
export function reportCspViolations(): void {
  addEventListener('securitypolicyviolation', (event) => {
    const where = event.sourceFile ? ` at ${event.sourceFile}:${event.lineNumber}` : '';
    console.error(
      `CSP violation: ${event.effectiveDirective} blocked ${event.blockedURI || 'a resource'}${where}`,
    );
  });
}
