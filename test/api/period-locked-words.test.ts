/**
 * A value refused in a locked period says who can reopen it, as the rule of the moves has it: a
 * closed period the controllo di gestione; one the OIV validated the administrator alone, since the
 * reopening voids the validation. Before, the validated period's refusal sent the controller to
 * reopen it too, which the same server then refused (403). Italian and English, over HTTP, on
 * SQLite and on PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, objective, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERIOD = '2024-12-31';

describe.each<Backend>(['sqlite', 'postgres'])('the refusal of a value in a locked period, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let oiv: Client;
  const move = (who: Client, to: string, reason?: string) =>
    who.request('POST', `/api/plans/${planId}/periods/${PERIOD}/transition`, reason === undefined ? { to, acknowledgeUnreviewed: true } : { to, reason });
  /** The controller's value for A.2.1's first indicator, refused, in `lang`. */
  const refusal = async (lang: 'it' | 'en') => {
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${PERIOD}`)).body;
    const indicator = objective(tree, 'A.2.1').indicators[0];
    const put = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc(indicator.id)}/measurements/${PERIOD}?lang=${lang}`, {
      state: 'measured',
      actual: 1,
      version: indicator.version,
    });
    expect(put.status, put.text).toBe(423);
    expect(put.body.error.code).toBe('period-locked');
    return put.body.error.message as string;
  };

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    oiv = await t.as('oiv');
  });
  afterAll(async () => t?.close());

  it('sends a closed period to the controller, a validated one to the administrator', async () => {
    for (const to of ['collecting', 'closed']) expect((await move(controller, to)).status).toBe(200);
    expect(await refusal('it')).toBe('il periodo 31/12/2024 è chiuso: i suoi valori non si possono più modificare (il controllo di gestione può riaprirlo, indicando un motivo)');
    expect(await refusal('en')).toBe('the period 31/12/2024 is closed: its values can no longer be changed (a controller can reopen it, giving a reason)');

    expect((await move(oiv, 'validated')).status).toBe(200);
    expect(await refusal('it')).toBe(
      "il periodo 31/12/2024 è validato dall'OIV: i suoi valori non si possono più modificare (solo l'amministratore può riaprirlo, indicando un motivo: la riapertura annulla la validazione dell'OIV)",
    );
    expect(await refusal('en')).toBe(
      "the period 31/12/2024 is validated: its values can no longer be changed (only the administrator can reopen it, giving a reason: reopening voids the OIV's validation)",
    );
    // What it says holds: the controller's reopening is refused, the administrator's is not.
    expect((await move(controller, 'collecting', 'dato corretto')).status).toBe(403);
    expect((await move(await t.as('admin'), 'collecting', 'dato corretto')).status).toBe(200);
  });
});
