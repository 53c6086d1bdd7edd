/** The error a build failed with, from inside Eleventy's wrappers (originalError, cause). */
export function rootCause(error: unknown): Error {
  let e = error as Error & { originalError?: Error; cause?: unknown };
  while (e.originalError ?? e.cause) e = (e.originalError ?? e.cause) as typeof e;
  return e;
}
