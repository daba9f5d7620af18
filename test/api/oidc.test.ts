/**
 * Sign-in through the body's identity provider: a real OpenID provider (oidc-provider, its
 * development login screens) started in the test, Albero configured as its client. The person the
 * provider names is matched to an active account by username, else by verified email; the role is
 * the one the administrator gave the account; someone without an account, or with a deactivated
 * one, is sent back to the login page with the reason and no session.
 */
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { oidcSettings, startIdentityProvider, type IdentityProvider } from '../support/identity-provider.js';
import { Client, PASSWORD, startTestServer, type Backend, type TestServer } from './harness.js';

/** A browser's cookies for one site, good enough for these redirects. */
class Jar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const at = pair.indexOf('=');
      const name = pair.slice(0, at).trim();
      const value = pair.slice(at + 1).trim();
      if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  /** The cookie gone, as the browser drops one whose max-age passed. */
  drop(name: string): void {
    this.cookies.delete(name);
  }
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe.each<Backend>(['sqlite', 'postgres'])('sign-in through an OpenID Connect provider, on %s', (backend) => {
  let idp: IdentityProvider;
  let issuer: string;
  let t: TestServer;

  beforeAll(async () => {
    idp = await startIdentityProvider();
    issuer = idp.issuer;
    t = await startTestServer(backend, { oidc: oidcSettings(issuer) });
    idp.trust(t.url);
    // The people who sign in at the provider have accounts the administrator switched to it; the
    // others (oiv, personale) keep their passwords.
    const admin = await t.as('admin');
    for (const u of (await admin.get('/api/users')).body as any[]) {
      if (u.username !== 'referente' && u.username !== 'controller') continue;
      const moved = await admin.request('PATCH', `/api/users/${u.id}`, { signIn: 'provider' });
      if (moved.status !== 200) throw new Error(moved.text);
    }
  });
  afterAll(async () => {
    await t?.close();
    await idp?.close();
  });

  /**
   * A browser going through the whole flow from `start` as `login` at the provider (or pressing its
   * "Cancel" with `cancel`): Albero's last answer, and the browser's Albero session cookie. With
   * `expire`, the flow cookie's ten minutes pass while the person is at the provider.
   */
  async function walk(login: string, start = '/api/session/oidc/start', cancel = false, expire = false): Promise<{ res: Response; session: string; device: string }> {
    const albero = new Jar();
    const idp = new Jar();
    const go = async (url: string, jar: Jar, init: RequestInit = {}): Promise<Response> => {
      const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
      jar.take(res);
      return res;
    };
    let res = await go(`${t.url}${start}`, albero);
    expect(res.status).toBe(302);
    let next = new URL(res.headers.get('location')!);
    expect(next.origin).toBe(issuer);
    expect(next.searchParams.get('code_challenge_method')).toBe('S256');
    // At the provider: the login screen, then the consent screen, then back to Albero.
    for (let hop = 0; hop < 12 && next.origin === issuer; hop++) {
      res = await go(next.toString(), idp);
      if (res.status === 200) {
        const page = await res.text();
        if (cancel) res = await go(new URL(/href="([^"]+\/abort)"/.exec(page)![1]!, issuer).toString(), idp);
        else {
          const action = /action="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
          const prompt = /name="prompt" value="([^"]+)"/.exec(page)![1]!;
          const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'qualsiasi' } : { prompt });
          res = await go(new URL(action, issuer).toString(), idp, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
        }
      }
      expect([302, 303]).toContain(res.status);
      next = new URL(res.headers.get('location')!, next);
    }
    expect(next.toString()).toContain('/api/session/oidc/callback');
    if (expire) albero.drop('albero_oidc');
    res = await go(next.toString(), albero);
    return { res, session: /albero_session=([^;]*)/.exec(albero.header())?.[1] ?? '', device: /albero_device=([^;]*)/.exec(albero.header())?.[1] ?? '' };
  }

  /** The sign-in of the login page: where Albero sends the browser at the end, and its session cookie. */
  async function signIn(login: string, cancel = false): Promise<{ landing: string; session: string }> {
    const { res, session } = await walk(login, undefined, cancel);
    expect(res.status).toBe(302);
    return { landing: res.headers.get('location')!, session };
  }

  /** The password form as a browser sends it, with its device cookie when it has one. */
  function passwordSignIn(username: string, password: string, device: string, language = 'en') {
    return new Client(t.url).request('POST', '/api/session', { username, password }, { 'accept-language': language, ...(device === '' ? {} : { cookie: `albero_device=${device}` }) });
  }

  /**
   * The renewal of `account`'s expired session in a popup window, signed in at the provider as
   * `login`: what the window's page tells the app (its body's data), its words, its policy, and the session cookie.
   */
  async function renew(login: string, account: string, cancel = false, expire = false) {
    const { res, session } = await walk(login, `/api/session/oidc/start?renew=${account}&renewal=pagina-42&lang=en`, cancel, expire);
    expect(res.status).toBe(200);
    const page = await res.text();
    return {
      told: { renewal: /data-renewal="([^"]*)"/.exec(page)?.[1], outcome: /data-outcome="([^"]*)"/.exec(page)?.[1] },
      words: /<p>([^<]*)<\/p>/.exec(page)?.[1],
      script: /<script>([^<]*)<\/script>/.exec(page)?.[1] ?? '',
      policy: res.headers.get('content-security-policy') ?? '',
      session,
    };
  }

  async function whoAmI(session: string): Promise<{ status: number; body: any }> {
    const res = await fetch(`${t.url}/api/session`, { headers: { cookie: `albero_session=${session}` } });
    return { status: res.status, body: await res.json() };
  }

  it('tells the login page the button to show', async () => {
    expect((await (await t.as('public')).get('/api/session/oidc')).body).toEqual({ enabled: true, label: 'Accedi con EnteID' });
  });

  it('signs in the person whose provider username is an account, with the role the administrator gave', async () => {
    const { landing, session } = await signIn('rita.r');
    expect(landing).toBe('/');
    const me = await whoAmI(session);
    expect(me.status).toBe(200);
    expect(me.body.user).toMatchObject({ username: 'referente', role: 'referente' });
    expect(me.body.csrfToken).toEqual(expect.any(String));
  });

  it('matches by verified email when the username differs, never by an unverified one', async () => {
    const admin = await t.as('admin');
    const controller = (await admin.get('/api/users')).body.find((u: any) => u.username === 'controller');
    const set = await admin.request('PATCH', `/api/users/${controller.id}`, { email: 'Carla.Controllo@ente.it' });
    expect(set.status, set.text).toBe(200);
    expect(set.body.email).toBe('carla.controllo@ente.it');
    const carla = await signIn('carla.c');
    expect((await whoAmI(carla.session)).body.user).toMatchObject({ username: 'controller', role: 'controller' });
    const mallory = await signIn('mallory');
    expect(mallory).toEqual({ landing: '/?oidc=unknown-user', session: '' });
  });

  it('sends back someone without an account, or with a deactivated one, with no session', async () => {
    expect(await signIn('ghost')).toEqual({ landing: '/?oidc=unknown-user', session: '' });
    const admin = await t.as('admin');
    const oiv = (await admin.get('/api/users')).body.find((u: any) => u.username === 'oiv');
    await admin.request('PATCH', `/api/users/${oiv.id}`, { active: false });
    expect(await signIn('oscar.o')).toEqual({ landing: '/?oidc=unknown-user', session: '' });
  });

  it('refuses an account that signs in with its password, saying so by its code, and keeps the refusal in the trail', async () => {
    // Paolo is known to the provider as `personale`: an active account, with a password in Albero.
    expect(await signIn('paolo.p')).toEqual({ landing: '/?oidc=password-account', session: '' });
    const admin = await t.as('admin');
    const personale = ((await admin.get('/api/users')).body as any[]).find((u) => u.username === 'personale');
    const trail = async (lang: 'it' | 'en') => ((await admin.get(`/api/audit?lang=${lang}`)).body as any[]).filter((e) => e.entityId === personale.id && e.action === 'sign-in-refused');
    const [entry] = await trail('it');
    expect(entry).toMatchObject({ user: 'personale', entity: 'user', before: { signIn: 'password' }, after: { signIn: 'password' } });
    expect(entry.message).toBe(`Utente ${personale.id} (accesso con il fornitore di identità rifiutato: l'account accede con la password)`);
    expect((await trail('en'))[0].message).toBe(`User ${personale.id} (sign-in through the identity provider refused: the account signs in with its password)`);
    // A renewal in a popup window is refused the same, for the same account.
    const renewal = await renew('paolo.p', 'personale');
    expect(renewal.told).toEqual({ renewal: 'pagina-42', outcome: 'password-account' });
    expect(renewal.session).toBe('');
    expect(await trail('en')).toHaveLength(2);
    // Her password still opens her session: nothing of the account changed.
    expect((await new Client(t.url).login('personale')).status).toBe(200);
    // Switched by the administrator, the same person is let in through the provider.
    expect((await admin.request('PATCH', `/api/users/${personale.id}`, { signIn: 'provider' })).status).toBe(200);
    const moved = await signIn('paolo.p');
    expect(moved.landing).toBe('/');
    expect((await whoAmI(moved.session)).body.user).toMatchObject({ username: 'personale', signIn: 'provider' });
  });

  it('tells a browser that signed in at the provider that its account has no password, and a guesser nothing', async () => {
    const { res, device } = await walk('rita.r');
    expect(res.headers.get('location')).toBe('/');
    expect(device).not.toBe('');
    // Rita, on her own browser, typing a password out of habit: told where to go, in her language.
    const own = await passwordSignIn('referente', 'la vecchia password', device, 'it');
    expect(own.status).toBe(409);
    expect(own.body.error).toMatchObject({
      code: 'sign-in-with-provider',
      message: "questo account accede con il fornitore di identità dell'ente, non con una password: usare il pulsante di accesso del fornitore",
    });
    // Another browser, or this one for another account, learns no more than of a name that is not there.
    const refusals = [await passwordSignIn('referente', PASSWORD, ''), await passwordSignIn('controller', PASSWORD, device), await passwordSignIn('nessuno.qui', PASSWORD, '')].map((r) => ({
      status: r.status,
      body: r.body,
      retryAfter: r.headers.get('retry-after'),
    }));
    expect(refusals[0]).toEqual({ status: 401, body: { error: expect.objectContaining({ code: 'invalid-credentials' }) }, retryAfter: null });
    expect(refusals[1]).toEqual(refusals[0]);
    expect(refusals[2]).toEqual(refusals[0]);
  });

  it('refuses a callback that no sign-in started', async () => {
    const res = await fetch(`${t.url}/api/session/oidc/callback?code=abc&state=xyz`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/?oidc=expired');
    // Nor one whose flow cookie's renewal is not as /start wrote it.
    const changed = { verifier: 'v', state: 'xyz', nonce: 'n', renewal: { id: 'pagina-42', account: 'referente', lang: '<b>' } };
    const tampered = await fetch(`${t.url}/api/session/oidc/callback?code=abc&state=xyz`, { redirect: 'manual', headers: { cookie: `albero_oidc=${encodeURIComponent(JSON.stringify(changed))}` } });
    expect(tampered.status).toBe(302);
    expect(tampered.headers.get('location')).toBe('/?oidc=expired');
  });

  it('renews an expired session in a popup window for the same account only, and tells the page on its own origin', async () => {
    const renewed = await renew('rita.r', 'referente');
    expect(renewed.told).toEqual({ renewal: 'pagina-42', outcome: 'signed-in' });
    expect(renewed.words).toMatch(/^Signed in\. This window closes by itself/);
    // Its one script is allowed by its hash alone, and says nothing to another origin.
    expect(renewed.policy).toContain(`script-src 'sha256-${createHash('sha256').update(renewed.script).digest('base64')}'`);
    expect(renewed.policy).toContain("default-src 'none'");
    expect(renewed.script).toMatch(/new BroadcastChannel\(["']albero-oidc-renewal["']\)/);
    expect(renewed.script).not.toMatch(/opener|postMessage\([^)]*['"]\*['"]/);
    // A new session, with its own CSRF token, for the account that expired.
    const me = await whoAmI(renewed.session);
    expect(me.body.user).toMatchObject({ username: 'referente' });
    const signOut = (token: string) => fetch(`${t.url}/api/session`, { method: 'DELETE', headers: { cookie: `albero_session=${renewed.session}`, 'x-csrf-token': token } });
    expect((await signOut('not-this-session-s-token')).status).toBe(403);
    expect((await signOut(me.body.csrfToken)).status).toBe(200);
  });

  it('opens no session when a renewal signs in as someone else, or is cancelled at the provider', async () => {
    const other = await renew('carla.c', 'referente');
    expect(other.told).toEqual({ renewal: 'pagina-42', outcome: 'other-account' });
    expect(other.words).toBe('Not signed in. Close this window and go back to Albero, which says why.');
    expect(other.session).toBe('');
    const cancelled = await renew('rita.r', 'referente', true);
    expect(cancelled.told).toEqual({ renewal: 'pagina-42', outcome: 'cancelled' });
    expect(cancelled.session).toBe('');
    // The login page's sign-in says a cancellation as such too.
    expect(await signIn('rita.r', true)).toEqual({ landing: '/?oidc=cancelled', session: '' });
  });

  it('tells a renewal whose sign-in expired at the provider that it expired, not leaving its window on the app', async () => {
    const expired = await renew('rita.r', 'referente', false, true);
    expect(expired.told).toEqual({ renewal: 'pagina-42', outcome: 'expired' });
    expect(expired.words).toBe('Not signed in. Close this window and go back to Albero, which says why.');
    expect(expired.session).toBe('');
    // Cancelled after the expiry: the same.
    expect((await renew('rita.r', 'referente', true, true)).told).toEqual({ renewal: 'pagina-42', outcome: 'expired' });
    // The login page's sign-in, expired, is sent back to the login page saying so, as before.
    const { res, session } = await walk('rita.r', undefined, false, true);
    expect(res.headers.get('location')).toBe('/?oidc=expired');
    expect(session).toBe('');
  });

  it('refuses a renewal asked by halves or with a malformed id, saying which parameter', async () => {
    for (const [query, field] of [
      ['renew=referente', 'renewal'],
      ['renewal=pagina-42', 'renew'],
      ['renew=referente&renewal=x', 'renewal'],
      ['renew=referente&renewal=%3Cscript%3E12345', 'renewal'],
    ] as const) {
      const res = await fetch(`${t.url}/api/session/oidc/start?${query}`, { redirect: 'manual', headers: { 'accept-language': 'it' } });
      expect(res.status, query).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('invalid-query');
      expect(body.error.message.startsWith(`${field}:`), body.error.message).toBe(true);
    }
  });
});
