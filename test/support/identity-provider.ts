/**
 * The body's identity provider for the tests: a real OpenID provider (oidc-provider, its
 * development login and consent screens, any password accepted) on a free local port, knowing the
 * people of `PEOPLE` by their provider login. Albero is its one client (`CLIENT`).
 *
 * Its address comes first (Albero is configured with it), then Albero's (the client's callback):
 * `startIdentityProvider()`, start Albero with `oidcSettings(idp.issuer)` (or `oidcEnv`), then
 * `idp.trust(alberoUrl)`.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** The people the provider knows, by their provider login. */
export const PEOPLE: Record<string, Record<string, unknown>> = {
  'rita.r': { preferred_username: 'referente', email: 'rita.referente@ente.it', email_verified: true, name: 'Rita Referente' },
  'carla.c': { preferred_username: 'c.controllo', email: 'carla.controllo@ente.it', email_verified: true, name: 'Carla Controllo' },
  mallory: { preferred_username: 'mallory', email: 'carla.controllo@ente.it', email_verified: false },
  ghost: { preferred_username: 'ghost', email: 'ghost@altrove.it', email_verified: true },
  'oscar.o': { preferred_username: 'oiv' },
  'paolo.p': { preferred_username: 'personale', email: 'paolo.personale@ente.it', email_verified: true },
};

export const CLIENT = { id: 'albero', secret: 'un segreto condiviso' } as const;

/** The label the login page's and the session dialog's button shows. */
export const LABEL = 'Accedi con EnteID';

export interface IdentityProvider {
  readonly issuer: string;
  /** Registers Albero at `alberoUrl` as the client (its callback there); before any sign-in. */
  trust(alberoUrl: string): void;
  close(): Promise<void>;
}

export async function startIdentityProvider(): Promise<IdentityProvider> {
  let handler: (req: IncomingMessage, res: ServerResponse) => void = (_, res) => res.end();
  const server: Server = createServer((req, res) => handler(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    trust(alberoUrl) {
      const oidc = new Provider(issuer, {
        clients: [{ client_id: CLIENT.id, client_secret: CLIENT.secret, redirect_uris: [`${alberoUrl}/api/session/oidc/callback`], grant_types: ['authorization_code'], response_types: ['code'] }],
        claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username', 'name'] },
        findAccount: async (_ctx, sub) => (PEOPLE[sub] === undefined ? undefined : { accountId: sub, claims: async () => ({ sub, ...PEOPLE[sub] }) }),
        cookies: { keys: ['chiave di prova dei cookie'] },
        features: { devInteractions: { enabled: true } },
      });
      handler = oidc.callback();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Albero's settings for the provider at `issuer` (over plain HTTP: it is local). */
export function oidcSettings(issuer: string) {
  return { issuer, clientId: CLIENT.id, clientSecret: CLIENT.secret, label: LABEL, allowHttp: true };
}

/** The same as the server's environment (`ALBERO_OIDC_*`). */
export function oidcEnv(issuer: string): Record<string, string> {
  return { ALBERO_OIDC_ISSUER: issuer, ALBERO_OIDC_CLIENT_ID: CLIENT.id, ALBERO_OIDC_CLIENT_SECRET: CLIENT.secret, ALBERO_OIDC_LABEL: LABEL, ALBERO_OIDC_ALLOW_HTTP: '1' };
}
