/**
 * Sign-in through the body's identity provider: a real OpenID provider (oidc-provider, its
 * development login screens) started in the test, Albero configured as its client. The person the
 * provider names is matched to an active account by username, else by verified email; the role is
 * the one the administrator gave the account; someone without an account, or with a deactivated
 * one, is sent back to the login page with the reason and no session.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './harness.js';

/** The people the provider knows, by their provider login. */
const PEOPLE: Record<string, Record<string, unknown>> = {
  'rita.r': { preferred_username: 'referente', email: 'rita.referente@ente.it', email_verified: true, name: 'Rita Referente' },
  'carla.c': { preferred_username: 'c.controllo', email: 'carla.controllo@ente.it', email_verified: true, name: 'Carla Controllo' },
  mallory: { preferred_username: 'mallory', email: 'carla.controllo@ente.it', email_verified: false },
  ghost: { preferred_username: 'ghost', email: 'ghost@altrove.it', email_verified: true },
  'oscar.o': { preferred_username: 'oiv' },
};

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
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

describe('sign-in through an OpenID Connect provider', () => {
  let provider: Server;
  let issuer: string;
  let t: TestServer;

  beforeAll(async () => {
    // The provider's address first (its issuer names it), then Albero (configured with it), then the
    // provider itself (its client names Albero's callback).
    let handler: (req: IncomingMessage, res: ServerResponse) => void = (_, res) => res.end();
    provider = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => provider.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(provider.address() as AddressInfo).port}`;
    t = await startTestServer('sqlite', { oidc: { issuer, clientId: 'albero', clientSecret: 'un segreto condiviso', label: 'Accedi con EnteID', allowHttp: true } });
    const oidc = new Provider(issuer, {
      clients: [{ client_id: 'albero', client_secret: 'un segreto condiviso', redirect_uris: [`${t.url}/api/session/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username', 'name'] },
      findAccount: async (_ctx, sub) => (PEOPLE[sub] === undefined ? undefined : { accountId: sub, claims: async () => ({ sub, ...PEOPLE[sub] }) }),
      cookies: { keys: ['chiave di prova dei cookie'] },
      features: { devInteractions: { enabled: true } },
    });
    handler = oidc.callback();
  });
  afterAll(async () => {
    await t?.close();
    await new Promise<void>((resolve) => (provider ? provider.close(() => resolve()) : resolve()));
  });

  /** A browser going through the whole flow as `login` at the provider: where Albero sends it at the end, and its Albero session cookie. */
  async function signIn(login: string): Promise<{ landing: string; session: string }> {
    const albero = new Jar();
    const idp = new Jar();
    const go = async (url: string, jar: Jar, init: RequestInit = {}): Promise<Response> => {
      const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...(init.headers as Record<string, string>), cookie: jar.header() } });
      jar.take(res);
      return res;
    };
    let res = await go(`${t.url}/api/session/oidc/start`, albero);
    expect(res.status).toBe(302);
    let next = new URL(res.headers.get('location')!);
    expect(next.origin).toBe(issuer);
    expect(next.searchParams.get('code_challenge_method')).toBe('S256');
    // At the provider: the login screen, then the consent screen, then back to Albero.
    for (let hop = 0; hop < 12 && next.origin === issuer; hop++) {
      res = await go(next.toString(), idp);
      if (res.status === 200) {
        const page = await res.text();
        const action = /action="([^"]+)"/.exec(page)![1]!.replace(/&amp;/g, '&');
        const prompt = /name="prompt" value="([^"]+)"/.exec(page)![1]!;
        const form = new URLSearchParams(prompt === 'login' ? { prompt, login, password: 'qualsiasi' } : { prompt });
        res = await go(new URL(action, issuer).toString(), idp, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
      }
      expect([302, 303]).toContain(res.status);
      next = new URL(res.headers.get('location')!, next);
    }
    expect(next.toString()).toContain('/api/session/oidc/callback');
    res = await go(next.toString(), albero);
    expect(res.status).toBe(302);
    const session = /albero_session=([^;]*)/.exec(albero.header())?.[1] ?? '';
    return { landing: res.headers.get('location')!, session };
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

  it('refuses a callback that no sign-in started', async () => {
    const res = await fetch(`${t.url}/api/session/oidc/callback?code=abc&state=xyz`, { redirect: 'manual' });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/?oidc=expired');
  });
});
