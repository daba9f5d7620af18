/**
 * "Accedi con …": sign-in through the body's identity provider, shown only when the server has one
 * configured (GET /api/session/oidc); a sign-in the server refused comes back as `?oidc=<problem>`.
 */
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { OidcOffer } from '../../../src/contract/index.js';
import { OIDC_PROBLEMS } from '../../../src/contract/oidc.js';
import { request } from '../api/client.js';
import { keys } from '../api/queries.js';

export function ProviderSignIn() {
  const { t } = useTranslation();
  // A failed read offers no provider: the form's own sign-in is still there.
  const provider = useQuery({ queryKey: keys.oidc, queryFn: () => request<OidcOffer>('GET', '/api/session/oidc') }).data;
  const problem = new URLSearchParams(window.location.search).get('oidc');
  return (
    <>
      {problem !== null && (
        <p className="text-danger" role="alert" data-testid="oidc-problem">
          {t(`campaign.oidc.problems.${(OIDC_PROBLEMS as readonly string[]).includes(problem) ? problem : 'failed'}`)}
        </p>
      )}
      {provider?.enabled === true && (
        <p className="mt-3">
          <a className="btn btn-outline-primary" href="/api/session/oidc/start" data-testid="oidc-start">
            {provider.label ?? t('campaign.oidc.button')}
          </a>
        </p>
      )}
    </>
  );
}
