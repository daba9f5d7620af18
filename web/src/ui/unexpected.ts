/**
 * A fault of the app said as one: kept apart (it imports nothing) so that the words of a refusal
 * (sentence.ts, refusal.ts) use it without importing one another.
 */

/** The bugs already written to the console: a kept error is said again on each render, logged once. */
const logged = new WeakSet<object>();

/**
 * An error that is no `ApiError` (the server's refusal or the client's own words for a missing
 * answer) is a bug of the app's («Cannot read properties of undefined»): its raw words are for the
 * console, where a developer looks; the reader is told in their language that something went wrong.
 */
export function unexpectedError(error: unknown, t: (key: string) => string): string {
  if (typeof error !== 'object' || error === null || !logged.has(error)) {
    if (typeof error === 'object' && error !== null) logged.add(error);
    console.error(error);
  }
  return t('common.unexpected');
}
