import type { z } from 'zod';

/**
 * The first problem zod found in a value from outside: where (`a.b.0`, or `whole` when it is the
 * value itself) and what. Each protocol words it its own way around these two parts.
 */
export function firstIssue(error: z.ZodError, whole: string): { where: string; message: string } {
  const issue = error.issues[0];
  const where = issue?.path.length ? issue.path.map(String).join('.') : whole;
  return { where, message: issue?.message ?? 'invalid' };
}
