import type { z } from '../shared/zod';

/**
 * Content files (the checklist, the guidance, the block-list catalogue) are edited by people who
 * maintain the checklist, not the code: a mistake must say which file and which field, in words,
 * and stop the build and the tests rather than reach a user.
 */
export class ContentError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    readonly problem: string,
  ) {
    super(`${file}: ${field}: ${problem}`);
    this.name = 'ContentError';
  }
}

/** A path as a field name: "sections[0].controls[2].title" ("(the file)" for the top level). */
export function fieldName(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(the file)';
  return path
    .map((part, i) =>
      typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`,
    )
    .join('');
}

/** Validates one content file against its schema; the first problem is thrown as a ContentError. */
export function parseContent<S extends z.ZodMiniType>(
  file: string,
  schema: S,
  data: unknown,
): z.output<S> {
  const parsed = schema.safeParse(data);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const more = parsed.error.issues.length - 1;
  throw new ContentError(
    file,
    fieldName(issue?.path ?? []),
    `${issue?.message ?? 'invalid'}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'})` : ''}`,
  );
}
