/**
 * "Accedi con …": sign-in through the body's identity provider, shown only when the server has one
 * configured (GET /api/session/oidc); a sign-in the server refused comes back as `?oidc=<problem>`.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OidcOffer } from '../../../src/contract/index.js';
import { request } from '../api/client.js';

const PROBLEMS = ['unknown-user', 'failed', 'expired', 'provider-unreachable'] as const;

export function ProviderSignIn() {
  const { t } = useTranslation();
  const [provider, setProvider] = useState<OidcOffer | null>(null);
  const problem = new URLSearchParams(window.location.search).get('oidc');
  useEffect(() => {
    request<OidcOffer>('GET', '/api/session/oidc')
      .then(setProvider)
      .catch(() => setProvider(null));
  }, []);
  return (
    <>
      {problem !== null && (
        <p className="text-danger" role="alert" data-testid="oidc-problem">
          {t(`campaign.oidc.problems.${(PROBLEMS as readonly string[]).includes(problem) ? problem : 'failed'}`)}
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
