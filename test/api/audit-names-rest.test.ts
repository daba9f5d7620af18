/**
 * The audit trail's every entry about an indicator says it by the name it had at the entry, as the
 * published table names it («Nome» (A.2.1)), not by its id (A.2.1:2): its edits, its addition and
 * deletion, its forecasts, evidence files and comments; an objective's entries and its variances
 * say it by its code and its title at the entry. On SQLite and PostgreSQL, in Italian and English.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AuditEntrySchema } from '../../src/contract/index.js';
import { tinyPdf, upload } from '../support/files.js';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const PERCENT = 'A.2.1:2';
const JUNE = '2024-06-30';
const YEAR_END = '2024-12-31';
const NAME = 'Capacità di risposta dello sportello internazionalizzazione';
const RENAMED = 'Tempo di risposta dello sportello estero';
const TITLE = "Progetto Sostegno all'export delle PMI";
const RETITLED = "Sostegno all'export";

describe.each<Backend>(['sqlite', 'postgres'])('the audit trail names indicators and objectives on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;

  const ok = (r: { status: number; text: string }, status = 200): void => expect(r.status, r.text).toBe(status);
  const plan = (): string => `/api/plans/${planId}`;
  const tree = async (): Promise<any> => (await controller.get(`${plan()}/tree?period=${JUNE}`)).body;
  const objective = async (code: string): Promise<any> => (await tree()).objectives.find((o: any) => o.code === code);
  const patch = async (body: Record<string, unknown>): Promise<void> =>
    ok(await controller.request('PATCH', `${plan()}/indicators/${enc(PERCENT)}`, { ...body, version: indicatorOf(await tree(), PERCENT).definitionVersion }));
  /** The trail of `query`, oldest first, each entry checked against the contract. */
  const trail = async (query: string, lang: 'it' | 'en'): Promise<any[]> => {
    const reply = await controller.get(`/api/audit?planId=${planId}&${query}&lang=${lang}`);
    ok(reply);
    for (const entry of reply.body) expect(AuditEntrySchema.safeParse(entry).success, JSON.stringify(entry)).toBe(true);
    return [...reply.body].reverse();
  };

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    const value = `${plan()}/indicators/${enc(PERCENT)}/measurements/${JUNE}`;
    await patch({ target: 55 });
    ok(await controller.request('PUT', `${plan()}/indicators/${enc(PERCENT)}/forecasts/${JUNE}`, { reachable: 'yes', version: 0 }));
    ok(await controller.request('PUT', value, { state: 'measured', actual: 40, version: indicatorOf(await tree(), PERCENT).version }));
    ok(await controller.request('POST', `${value}/comments`, { body: 'Dato dal registro dello sportello' }), 201);
    ok(await controller.request('POST', `${value}/attachments`, upload(tinyPdf('Registro'), 'registro.pdf')), 201);
    // Renamed after all of them: they keep the name they were made under.
    await patch({ name: RENAMED });
    await patch({ target: 50 });
    ok(await controller.request('PATCH', `${plan()}/nodes/A.2.1`, { owner: 'Ufficio estero', version: (await objective('A.2.1')).version }));
    ok(await controller.request('PATCH', `${plan()}/nodes/A.2.1`, { title: RETITLED, version: (await objective('A.2.1')).version }));
    const added = await controller.request('POST', `${plan()}/nodes/A.2.1/indicators`, { name: 'Imprese assistite', weight: 0, comparator: '>=', target: 5, unit: 'number' });
    ok(added, 201);
    ok(await controller.request('DELETE', `${plan()}/indicators/${enc(added.body.id)}`));
    ok(await controller.request('PUT', `${plan()}/nodes/B.1.1/variances/${YEAR_END}`, { cause: 'internal', explanation: 'Personale ridotto.', version: 0 }));
  }, 120_000);
  afterAll(async () => t?.close());

  it('says every entry about an indicator by the name it had at the entry, in Italian and English', async () => {
    const it = (await trail(`indicator=${enc(PERCENT)}`, 'it')).map((e) => e.message);
    expect(it).toEqual([
      `Indicatore «${NAME}» (A.2.1): target 60,00% → 55,00%`,
      expect.stringMatching(new RegExp(`^Previsione di «${NAME}» \\(A\\.2\\.1\\) al 30/06/2024: `)),
      expect.stringMatching(new RegExp(`^Valore di «${NAME}» \\(A\\.2\\.1\\) al 30/06/2024 \\(inserimento\\): `)),
      `Commento su «${NAME}» (A.2.1) (commento): periodo — → 30/06/2024; testo — → Dato dal registro dello sportello`,
      expect.stringMatching(new RegExp(`^Documento di evidenza di «${NAME}» \\(A\\.2\\.1\\) \\(allegato aggiunto\\): `)),
      `Indicatore «${RENAMED}» (A.2.1): nome ${NAME} → ${RENAMED}`,
      `Indicatore «${RENAMED}» (A.2.1): target 55,00% → 50,00%`,
    ]);
    const en = (await trail(`indicator=${enc(PERCENT)}`, 'en')).map((e) => e.message);
    expect(en[0]).toBe(`Indicator «${NAME}» (A.2.1): target 60.00% → 55.00%`);
    expect(en[1]).toBe(`Forecast of «${NAME}» (A.2.1) at 30/06/2024: period — → 30/06/2024; target reachable by year end — → yes`);
    expect(en[3]).toBe(`Comment on «${NAME}» (A.2.1) (comment): period — → 30/06/2024; text — → Dato dal registro dello sportello`);
    expect(en[4]).toMatch(new RegExp(`^Evidence file of «${NAME}» \\(A\\.2\\.1\\) \\(file attached\\): `));
    expect(en[6]).toBe(`Indicator «${RENAMED}» (A.2.1): target 55.00% → 50.00%`);
    // No id a reader does not know, in either language.
    for (const message of [...it, ...en]) expect(message).not.toContain(PERCENT);
  });

  it('says an added and a deleted indicator by its name, an objective and its variance by code and title', async () => {
    const it = (await trail('node=A.2.1', 'it')).map((e) => e.message);
    expect(it).toContain(`Obiettivo A.2.1 «${TITLE}»: responsabile — → Ufficio estero`);
    expect(it).toContain(`Obiettivo A.2.1 «${RETITLED}»: titolo ${TITLE} → ${RETITLED}`);
    expect(it).toContain('Indicatore «Imprese assistite» (A.2.1) aggiunto');
    expect(it.filter((m) => m.startsWith('Indicatore «Imprese assistite» (A.2.1) eliminato'))).toHaveLength(1);
    const en = (await trail('node=A.2.1', 'en')).map((e) => e.message);
    expect(en).toContain(`Objective A.2.1 «${RETITLED}»: title ${TITLE} → ${RETITLED}`);
    expect(en).toContain('Indicator «Imprese assistite» (A.2.1) added');
    const variance = async (lang: 'it' | 'en'): Promise<string> => (await trail('node=B.1.1', lang)).find((e) => e.entity === 'variance').message;
    expect(await variance('it')).toBe(
      'Scostamento di B.1.1 «Favorire la transizione digitale» al 31/12/2024: periodo — → 31/12/2024; causa — → interna; descrizione dello scostamento — → Personale ridotto.',
    );
    expect(await variance('en')).toMatch(/^Variance of B\.1\.1 «Favorire la transizione digitale» at 31\/12\/2024: /);
    // What was recorded stays as it was: the names are the reading's, not the stored entries'.
    expect((await t.server.store.listAudit({ planId })).every((e) => !('name' in e) && !('node' in e))).toBe(true);
  });
});
