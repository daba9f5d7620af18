/**
 * The web app's reader (`GET /api/plans/:id/tree`) states the OIV's validation of the Relazione as
 * the public plan page does: the public once the Relazione is published, signed-in readers once the
 * OIV decided; the validated figure of each objective it changed (B.1 validated at 50%, with its
 * note) and of those that follow (B at 78,75%), the body's figure, and the decision the period's
 * word follows (with reservations). Publishing the Relazione moves no data version: the tree's ETag
 * follows it, so a 304 is never served across it (fast path and app alike).
 * The fixture: B.1 = 70%·80 + 30%·0 = 56% (red); B = 80,25% (green).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { flat } from '../support/page-words.js';
import { startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const NOTE = 'Il trend dei partecipanti al PID non è documentato.';

describe.each<Backend>(['sqlite', 'postgres'])('the tree after the OIV validated B.1 at 50%, with reservations, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let citizen: Client;
  let oiv: Client;

  /** A plain query takes the fast path (server/fast-reads.ts); another key (`x=1`) the app. */
  const tree = (who: Client, headers: Record<string, string> = {}, query = `period=${YEAR_END}`) => who.request('GET', `/api/plans/${planId}/tree?${query}`, undefined, headers);

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    oiv = await t.as('oiv');
    citizen = await t.as('public');
    for (const to of ['collecting', 'closed']) expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
  });
  afterAll(async () => t?.close());

  it('says nothing before the decision, then the figures to the office, and to the public only once published', async () => {
    const before = await tree(citizen);
    expect(before.status).toBe(200);
    expect(before.body.validation).toBeNull();
    expect((await tree(controller)).body.validation).toBeNull();
    const publicEtag = before.headers.get('etag')!;
    const officeEtag = (await tree(controller)).headers.get('etag')!;

    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const saved = await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, {
      note: 'Esito della verifica.',
      reservations: 'Dati del PID da documentare.',
      checklist: current.checklist.map((p: any) => ({ ...p, outcome: 'yes' })),
      values: [{ code: 'B.1', validated: 50, note: NOTE }],
      version: current.version,
    });
    expect(saved.status, saved.text).toBe(200);
    const decided = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated_with_reservations' });
    expect(decided.status, decided.text).toBe(200);

    // The office reads the OIV's figures at once, clearly as the OIV's, not yet published.
    const office = await tree(controller, { 'if-none-match': officeEtag });
    expect(office.status).toBe(200);
    const v = office.body.validation;
    expect(v).toMatchObject({ reservations: true, published: false, periodId: YEAR_END });
    expect(v.objectives).toEqual([
      { code: 'B', title: 'Transizione digitale e green, semplificazione, innovazione e comunicazione', reported: 80.25, validated: 78.75, band: 'yellow', direct: false, note: null },
      { code: 'B.1', title: 'Transizione digitale e innovazione', reported: 56, validated: 50, band: 'red', direct: true, note: NOTE },
    ]);
    // The counts by band following the validated bands: B.1 red either way, B (made from its objectives) not counted.
    expect(v.summary).toEqual(office.body.summary);
    // A branch elsewhere (`?under=A`) names them by title and reported figure all the same.
    const branch = (await tree(controller, {}, `period=${YEAR_END}&under=A`)).body;
    expect(branch.objectives.some((o: any) => o.code === 'B.1')).toBe(false);
    expect(branch.validation.objectives).toEqual(v.objectives);
    expect(branch.validation.summary).toEqual(v.summary);
    expect(v.body.validated).toBeLessThan(v.body.reported);
    // The reported figures stay the tree's own.
    expect(office.body.objectives.find((o: any) => o.code === 'B.1').performance).toBe(56);
    // Another period: the decision (for the year end's word), no figures.
    const other = (await tree(controller, {}, 'period=2024-09-30')).body.validation;
    expect(other).toMatchObject({ reservations: true, periodId: YEAR_END, objectives: [], summary: null, body: null });

    // The public: nothing until the Relazione is published.
    const unpublished = await tree(citizen);
    expect(unpublished.body.validation).toBeNull();
    const etag = unpublished.headers.get('etag')!;
    expect((await tree(citizen, { 'if-none-match': etag })).status).toBe(304);

    const published = await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true });
    expect(published.status, published.text).toBe(200);
    // The data version did not move; the ETag did: no 304 across the publication, on either path.
    for (const query of [`period=${YEAR_END}`, `period=${YEAR_END}&lang=it&x=1`]) {
      for (const old of [etag, publicEtag]) {
        const after = await tree(citizen, { 'if-none-match': old }, query);
        expect(after.status, query).toBe(200);
        expect(after.body.dataVersion).toBe(unpublished.body.dataVersion);
        expect(after.body.validation).toMatchObject({ reservations: true, published: true, periodId: YEAR_END });
        expect(after.body.validation.objectives.map((o: any) => [o.code, o.validated, o.band, o.note])).toEqual([
          ['B', 78.75, 'yellow', null],
          ['B.1', 50, 'red', NOTE],
        ]);
      }
    }
    const now = (await tree(citizen)).headers.get('etag')!;
    expect(now).not.toBe(etag);
    expect((await tree(citizen, { 'if-none-match': now })).status).toBe(304);

    // Withdrawn: the public reads nothing of it again, with a new ETag.
    expect((await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: false })).status).toBe(200);
    const withdrawn = await tree(citizen, { 'if-none-match': now });
    expect(withdrawn.status).toBe(200);
    expect(withdrawn.body.validation).toBeNull();
  }, 120_000);

  it("says the year end «validato dall'OIV con riserve» where the documents print the period's state, to the public once published", async () => {
    const text = async (who: Client, path: string): Promise<string> => {
      const res = await who.get(path);
      expect(res.status, path).toBe(200);
      return res.text;
    };
    /** The title block's value of `key` (the report's «Stato del periodo»). */
    const state = (html: string, key: string): string => [...html.matchAll(/<dt>([^<]*)<\/dt><dd>([^<]*)<\/dd>/g)].find((m) => m[1] === key)?.[2] ?? '';
    const office = (lang: string) => text(controller, `/api/plans/${planId}/export?format=html&lang=${lang}`);
    const publicPage = (lang: string) => text(citizen, `/api/plans/${planId}/export?format=html&lang=${lang}`);
    // The Relazione withdrawn (the test above): the office reads the decision, the public the period's state alone.
    expect(flat(state(await office('it'), 'Stato del periodo'))).toBe("validato dall'OIV con riserve");
    expect(flat(state(await office('en'), 'Period state'))).toBe('validated by the OIV with reservations');
    expect(flat(state(await publicPage('it'), 'Stato del periodo'))).toBe("validato dall'OIV");
    expect(JSON.parse(await text(citizen, `/trasparenza/${planId}/dati.json`)).metadata.periodState).toBe("validato dall'OIV");

    expect((await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true })).status).toBe(200);
    expect(flat(state(await publicPage('it'), 'Stato del periodo'))).toBe("validato dall'OIV con riserve");
    expect(flat(state(await publicPage('en'), 'Period state'))).toBe('validated by the OIV with reservations');
    expect(flat(await text(citizen, `/trasparenza/${planId}/piano.html`))).toContain("validato dall'OIV con riserve");
    expect(JSON.parse(await text(citizen, `/trasparenza/${planId}/dati.json`)).metadata.periodState).toBe("validato dall'OIV con riserve");
    // Another period keeps its own word.
    expect(flat(state(await text(controller, `/api/plans/${planId}/export?format=html&lang=it&period=2024-09-30`), 'Stato del periodo'))).toBe('aperto: valori provvisori');
  }, 120_000);
});
