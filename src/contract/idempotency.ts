/**
 * The `Idempotency-Key` header of a write (server/idempotency.ts), as the server reads it and the web
 * client sends it: which requests take one, and what a key may be.
 */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';

/** The longest key taken: a UUID is 36 characters, the web client's 32. */
export const IDEMPOTENCY_KEY_MAX = 128;

/**
 * Whether a request takes a key: every write but signing in and out, whose answer's cookies are not
 * kept to be sent again, and the accounts', whose bodies carry passwords: a hash of one is not kept
 * (an account is not made twice anyway, its user name is unique; the other writes set what is sent).
 */
export function takesIdempotencyKey(method: string, path: string): boolean {
  const upper = method.toUpperCase();
  return upper !== 'GET' && upper !== 'HEAD' && !/^\/api\/(session|users)(\/|\?|$)/.test(path);
}
