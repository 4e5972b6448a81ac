import type { z } from './zod';

/** Zod issues as short sentences naming where the problem is, at most `limit` of them. */
export function describeIssues(error: z.core.$ZodError, limit = 3): string {
  const lines = error.issues.slice(0, limit).map((issue) => {
    const where = issue.path.length ? issue.path.map(String).join('.') : 'the top level';
    return `${where}: ${issue.message}`;
  });
  const more = error.issues.length - limit;
  return lines.join('; ') + (more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : '');
}
