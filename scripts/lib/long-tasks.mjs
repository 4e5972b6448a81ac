// Long tasks (over 50 ms, Chromium's 'longtask' entries) are what makes a page feel frozen: the
// benchmarks that drive the built app record every one while the app handles an input.

/** Records every long task of the page from its first script on (an init script). */
export function watchLongTasks() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
}

/**
 * Runs `action` (which waits for the UI's answer) and returns the longest task from its start
 * until the page has been quiet a moment after it (long tasks are reported when they end), and
 * how long the UI took to answer.
 */
export async function measure(page, action) {
  await page.evaluate(() => (window.__longTasks = []));
  const started = performance.now();
  await action();
  const answeredMs = performance.now() - started;
  // Two frames and a pause, so a task still running after the answer is counted too.
  await page.evaluate(
    () =>
      new Promise((done) =>
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 300))),
      ),
  );
  const tasks = await page.evaluate(() => window.__longTasks);
  return { longest: Math.max(0, ...tasks), count: tasks.length, answeredMs };
}
