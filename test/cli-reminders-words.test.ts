/**
 * `albero reminders`' summary in Italian agrees with its counts: one message is «1 messo in coda»,
 * one to an account without an email «non inviato» (before: «1 messi in coda … non inviati»).
 */
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adopt, startTestServer, type Client, type TestServer } from './api/harness.js';
import { ROOT } from './helpers.js';
import { assertBuilt } from './support/build.js';

describe('albero reminders says one message in the singular', { timeout: 120_000 }, () => {
  let t: TestServer;
  let controller: Client;
  beforeAll(async () => {
    t = await startTestServer('sqlite');
    controller = await t.as('controller');
  });
  afterAll(async () => t?.close());

  it('one reminder, to a referente with no email: «1 messo in coda (1 … non inviato)»', async () => {
    const plan = await t.importFixture();
    // In force: a draft plan's deadlines remind nobody.
    await adopt(plan, controller);
    expect((await controller.request('PUT', `/api/plans/${plan}/periods/2024-09-30/deadline`, { deadline: '2024-10-15' })).status).toBe(200);
    assertBuilt(ROOT, 'program');
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('ALBERO_SMTP_') && !k.startsWith('LC_') && k !== 'LANG'));
    const run = spawnSync(process.execPath, [`${ROOT}bin/albero.js`, 'reminders', '--database', t.location], { encoding: 'utf8', env: { ...env, NO_COLOR: '1', LANG: 'it_IT.UTF-8' } });
    expect(run.stderr).toBe('');
    expect(run.stdout.trim().split('\n').at(-1)).toBe(
      'promemoria: 1 messo in coda (1 ad account senza email, non inviato), 0 inviati (nel log: nessun server SMTP configurato), 0 da ritentare, 0 rifiutati dal server di posta',
    );
  });
});
