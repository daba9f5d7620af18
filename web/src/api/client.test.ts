import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, onSessionExpired, request, setCsrfToken } from './client.js';

/** The page's language as i18n.ts sets it (`<html lang>`), which the client reads. */
function screenIn(lang: 'it' | 'en'): void {
  vi.stubGlobal('document', { documentElement: { lang } });
}

/** A fetch that answers once with `body` and `status` (and the statusText a browser would give). */
function answer(status: number, body: string, statusText: string) {
  const fetch = vi.fn(async () => new Response(body, { status, statusText, headers: { 'Content-Type': body.startsWith('{') ? 'application/json' : 'text/html' } }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

afterEach(() => {
  vi.unstubAllGlobals();
  onSessionExpired(null);
  setCsrfToken(null);
});

describe("the API client's words when the server's own answer is missing (issue 14)", () => {
  it("says a reply that is not JSON in the screen's language, with the status, never the browser's statusText", async () => {
    screenIn('it');
    answer(502, '<html><body><h1>502 Bad Gateway</h1></body></html>', 'Bad Gateway');
    const it502 = await refusal(request('GET', '/api/plans'));
    expect(it502.message).toBe('Il server non ha risposto (502): riprovare tra poco.');
    expect(it502).toMatchObject({ status: 502, code: 'http-502', body: null });

    screenIn('en');
    const fetch = answer(503, '', 'Service Unavailable');
    const en503 = await refusal(request('PUT', '/api/plans/1', { title: 'x' }));
    expect(en503.message).toBe('The server did not answer (503): try again shortly.');
    expect(en503).toMatchObject({ status: 503, code: 'http-503' });
    // The language it says the words in is the one it asked the server for.
    expect(fetch.mock.calls[0]).toMatchObject([expect.anything(), { headers: { 'Accept-Language': 'en' } }]);
  });

  it("keeps the server's own refusal (its code and message) when the reply is ours", async () => {
    screenIn('en');
    answer(409, JSON.stringify({ error: { code: 'conflict', message: 'Someone else saved first.' } }), 'Conflict');
    const conflict = await refusal(request('PUT', '/api/x', {}));
    expect(conflict).toMatchObject({ status: 409, code: 'conflict', message: 'Someone else saved first.' });
    expect(conflict.body).toEqual({ error: { code: 'conflict', message: 'Someone else saved first.' } });
  });

  it("keeps the server's words for its database trouble (a 503 with Retry-After), not the words for a reply that is not ours", async () => {
    screenIn('it');
    const said = "il database è occupato da un'altra operazione: nulla è stato salvato; riprovare tra 5 secondi";
    const body = { error: { code: 'database-unavailable', message: said, params: { reason: 'busy', retryAfter: 5 } } };
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(JSON.stringify(body), { status: 503, statusText: 'Service Unavailable', headers: { 'Content-Type': 'application/json', 'Retry-After': '5' } })),
    );
    const busy = await refusal(request('PUT', '/api/plans/1/indicators/A/measurements/2024-06-30', {}));
    expect(busy).toMatchObject({ status: 503, code: 'database-unavailable', message: said });
  });

  it('says an unreachable server in the screen\'s language, not the browser\'s "Failed to fetch"', async () => {
    for (const [lang, words] of [
      ['it', 'Il server non è raggiungibile: controllare la connessione e riprovare.'],
      ['en', 'The server cannot be reached: check the connection and try again.'],
    ] as const) {
      screenIn(lang);
      vi.stubGlobal(
        'fetch',
        vi.fn(async () => {
          throw new TypeError('Failed to fetch');
        }),
      );
      expect(await refusal(request('GET', '/api/session'))).toMatchObject({ status: 0, code: 'network', message: words });
    }
  });

  it('gives up a call the server never answers, aborting it, and says how long it waited: a write, that it may be made all the same', async () => {
    vi.useFakeTimers();
    try {
      // A server that takes the request and never answers: only the abort ends the fetch.
      const fetch = vi.fn(
        (_path: string, init: RequestInit) => new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')))),
      );
      vi.stubGlobal('fetch', fetch);
      screenIn('it');
      const read = refusal(request('GET', '/api/plans'));
      await vi.advanceTimersByTimeAsync(29_999);
      expect(fetch.mock.calls[0]![1].signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(1);
      expect(await read).toMatchObject({ status: 0, code: 'timeout', message: 'Il server non ha risposto entro 30 secondi: riprovare.', noAnswer: { key: 'timeout', seconds: 30 } });
      expect(fetch.mock.calls[0]![1].signal?.aborted).toBe(true);

      screenIn('en');
      const save = refusal(request('PUT', '/api/plans/1', { title: 'x' }));
      await vi.advanceTimersByTimeAsync(30_000);
      expect((await save).message).toMatch(/^The server did not answer within 30 seconds: the change may have been recorded all the same\./);

      // An upload is given longer; a page may set its own limit (the browser tests do).
      const form = new FormData();
      const upload = refusal(request('POST', '/api/plans/import', form));
      await vi.advanceTimersByTimeAsync(30_000);
      expect(fetch.mock.calls[2]![1].signal?.aborted).toBe(false);
      await vi.advanceTimersByTimeAsync(270_000);
      expect((await upload).noAnswer).toEqual({ key: 'timeoutWrite', status: 0, seconds: 300 });
      vi.stubGlobal('alberoRequestTimeoutSeconds', 2);
      const quick = refusal(request('GET', '/api/plans'));
      await vi.advanceTimersByTimeAsync(2_000);
      expect((await quick).message).toBe('The server did not answer within 2 seconds: try again.');
    } finally {
      vi.useRealTimers();
    }
  });

  it('returns the JSON of a reply that went well', async () => {
    screenIn('it');
    answer(200, '{"id":1}', 'OK');
    expect(await request('GET', '/api/plans/1')).toEqual({ id: 1 });
  });

  it("refuses a success whose body is not JSON, in the screen's language, instead of answering null", async () => {
    screenIn('it');
    answer(200, '<!doctype html><html><body>Albero</body></html>', 'OK');
    const html = await refusal(request('GET', '/api/plans'));
    expect(html).toMatchObject({ status: 200, code: 'unreadable-reply', message: 'La risposta del server non è leggibile (200): riprovare tra poco.', body: null });

    screenIn('en');
    answer(201, 'created', 'Created');
    const text = await refusal(request('POST', '/api/plans', { title: 'x', year: 2024 }));
    expect(text).toMatchObject({ status: 201, code: 'unreadable-reply', message: "The server's answer cannot be read (201): try again shortly." });
  });

  it('answers null for a success without a body (204)', async () => {
    screenIn('en');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response(null, { status: 204, statusText: 'No Content' })),
    );
    expect(await request<null>('DELETE', '/api/plans/1')).toBeNull();
  });
});

describe('a session that ended under a signed-in screen', () => {
  const expired = () => new Response(JSON.stringify({ error: { code: 'unauthenticated', message: 'accesso richiesto' } }), { status: 401, headers: { 'Content-Type': 'application/json' } });

  it('asks the reader to sign in again and sends the same save once more, with the new token', async () => {
    screenIn('it');
    setCsrfToken('old');
    const fetch = vi.fn(async (_path: string, init: RequestInit) => ((init.headers as Record<string, string>)['X-CSRF-Token'] === 'new' ? new Response('{"saved":true}', { status: 200 }) : expired()));
    vi.stubGlobal('fetch', fetch);
    const renew = vi.fn(async () => {
      setCsrfToken('new');
      return true;
    });
    onSessionExpired(renew);
    expect(await request('PUT', '/api/x', { value: 42 })).toEqual({ saved: true });
    expect(renew).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls.map(([path, init]) => [path, init.body])).toEqual([
      ['/api/x', '{"value":42}'],
      ['/api/x', '{"value":42}'],
    ]);
  });

  it("gives the screen the 401 when the reader gives up, and never asks for sign-in's own calls or without a reader", async () => {
    screenIn('it');
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => expired()),
    );
    const renew = vi.fn(async () => false);
    onSessionExpired(renew);
    expect(await refusal(request('PUT', '/api/x', {}))).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(renew).toHaveBeenCalledTimes(1);
    expect(await refusal(request('GET', '/api/session'))).toMatchObject({ status: 401 });
    expect(renew).toHaveBeenCalledTimes(1);
    onSessionExpired(null);
    expect(await refusal(request('GET', '/api/plans'))).toMatchObject({ status: 401 });
  });
});

describe('the Idempotency-Key of a write sent again after its answer was lost', () => {
  const keyOf = (init: RequestInit): string | undefined => (init.headers as Record<string, string>)['Idempotency-Key'];

  it('is one per write, the same on the retry of a write whose outcome is not known, a new one once the server answered', async () => {
    screenIn('it');
    // First a network failure, then a proxy's 502 page, then the server's answers.
    const replies: Array<() => Promise<Response>> = [
      async () => {
        throw new TypeError('Failed to fetch');
      },
      async () => new Response('<html>502</html>', { status: 502 }),
      async () => new Response('{"id":"c1"}', { status: 201 }),
      async () => new Response('{"id":"c2"}', { status: 201 }),
      async () => new Response('{"id":"n1"}', { status: 201 }),
      async () => new Response('{"plans":[]}', { status: 200 }),
      async () => new Response('{"csrfToken":"t"}', { status: 200 }),
      async () => new Response('{"ok":true}', { status: 200 }),
    ];
    const fetch = vi.fn(async (_path: string, _init: RequestInit) => replies.shift()!());
    vi.stubGlobal('fetch', fetch);
    const comments = '/api/plans/1/indicators/A.1.1%3A1/measurements/2024-12-31/comments';
    await refusal(request('POST', comments, { body: 'Fonte da verificare.' }));
    await refusal(request('POST', comments, { body: 'Fonte da verificare.' }));
    expect(await request('POST', comments, { body: 'Fonte da verificare.' })).toEqual({ id: 'c1' });
    // The next comment is another action; so is a write to another address.
    await request('POST', comments, { body: 'Un altro.' });
    await request('POST', '/api/plans/1/nodes', { code: 'Z', title: 'Nuova area', parent: null });
    await request('GET', '/api/plans');
    await request('POST', '/api/session', { username: 'u', password: 'p' });
    await request('POST', '/api/users/me/password', { current: 'p', password: 'q' });
    const keys = fetch.mock.calls.map(([, init]) => keyOf(init));
    expect(keys[0]).toMatch(/^[0-9a-f]{32}$/);
    expect(keys.slice(0, 3)).toEqual([keys[0], keys[0], keys[0]]);
    expect(new Set([keys[0], keys[3], keys[4]]).size).toBe(3);
    // No key on a read, nor on signing in (whose cookies the server does not keep to answer again), nor on an account's password.
    expect(keys.slice(5)).toEqual([undefined, undefined, undefined]);
  });

  it('is kept by a write given up after its time, and forgotten once the server refused it (a 4xx of its own)', async () => {
    vi.useFakeTimers();
    try {
      screenIn('en');
      vi.stubGlobal('alberoRequestTimeoutSeconds', 2);
      let calls = 0;
      const fetch = vi.fn(async (_path: string, init: RequestInit) => {
        calls += 1;
        if (calls === 1) return new Promise<Response>((_, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
        return new Response(JSON.stringify({ error: { code: 'idempotency-key-reused', message: 'an earlier request…' } }), { status: 422 });
      });
      vi.stubGlobal('fetch', fetch);
      const given = refusal(request('POST', '/api/plans/1/nodes/A/indicators', { name: 'x' }));
      await vi.advanceTimersByTimeAsync(2_000);
      expect((await given).noAnswer?.key).toBe('timeoutWrite');
      expect(await refusal(request('POST', '/api/plans/1/nodes/A/indicators', { name: 'y' }))).toMatchObject({ status: 422, code: 'idempotency-key-reused' });
      await refusal(request('POST', '/api/plans/1/nodes/A/indicators', { name: 'y' }));
      const keys = fetch.mock.calls.map(([, init]) => keyOf(init));
      expect(keys[1]).toBe(keys[0]);
      expect(keys[2]).not.toBe(keys[0]);
    } finally {
      vi.useRealTimers();
    }
  });
});
