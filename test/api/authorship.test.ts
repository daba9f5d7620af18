/**
 * Every change names who made it, through HTTP, on SQLite and PostgreSQL: a person by their display
 * name, not the login they sign in with; what the program did itself (stored as `system`) as
 * «Albero (procedura automatica)»; what a person did at the command line (stored as `cli:` and the
 * operating system's account, as `albero admin` and `albero reminders` record it) as «riga di
 * comando (utente mario)» — in the reader's language, wherever the API says who: the audit trail, a
 * variance's and a forecast's author, an evidence file's, the closing, and the Relazione's reopening
 * after its validation.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM, type Actor } from '../../src/store/index.js';
import { tinyPdf, upload } from '../support/files.js';
import { enc, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const MID_YEAR = '2024-06-30';
/** As `albero …` run by the operating system's account `mario` records it (cli/actor.ts). */
const MARIO: Actor = { id: null, username: 'cli:mario' };

describe.each<Backend>(['sqlite', 'postgres'])('who made a change, named on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let referente: Client;
  let oiv: Client;

  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
    [referente, oiv] = await Promise.all([t.as('referente'), t.as('oiv')]);
    const admin = await t.as('admin');
    const users = (await admin.get('/api/users')).body as { id: string; username: string }[];
    for (const [username, displayName] of [
      ['referente', 'Giulia Bianchi'],
      ['oiv', 'Luca Marino'],
    ]) {
      expect((await admin.request('PATCH', `/api/users/${users.find((u) => u.username === username)!.id}`, { displayName })).status).toBe(200);
    }
  });
  afterAll(async () => t?.close());

  const variances = async (period: string, lang: 'it' | 'en') => (await controller.get(`/api/plans/${planId}/periods/${period}/variances?lang=${lang}`)).body;

  it('names the author of a forecast and of a variance: the person, the command line, the program', async () => {
    const forecast = await referente.request('PUT', `/api/plans/${planId}/indicators/${enc('B.1.1:1')}/forecasts/${MID_YEAR}`, { reachable: 'at_risk', note: 'Bando rinviato.', version: 0 });
    expect(forecast.status, forecast.text).toBe(200);
    expect(forecast.body).toMatchObject({ updatedBy: 'referente', updatedByName: 'Giulia Bianchi' });
    const variance = await referente.request('PUT', `/api/plans/${planId}/nodes/B.1.1/variances/${YEAR_END}`, { cause: 'internal', explanation: 'Personale ridotto.', version: 0 });
    expect(variance.status, variance.text).toBe(200);
    expect(variance.body).toMatchObject({ updatedBy: 'referente', updatedByName: 'Giulia Bianchi' });
    expect((await variances(YEAR_END, 'it')).objectives.find((o: { code: string }) => o.code === 'B.1.1').variance.updatedByName).toBe('Giulia Bianchi');

    // Written again by the command line (the forecast) and by the program (the variance).
    expect((await t.server.store.variances.putForecast(planId, 'B.1.1:1', MID_YEAR, { reachable: 'no', note: 'Bando annullato.' }, 1, MARIO)).ok).toBe(true);
    expect((await t.server.store.variances.putVariance(planId, 'B.1.1', YEAR_END, { cause: 'external', explanation: 'Norma cambiata.', correctiveAction: '' }, 1, SYSTEM)).ok).toBe(true);
    for (const [lang, mario, program] of [
      ['it', 'riga di comando (utente mario)', 'Albero (procedura automatica)'],
      ['en', 'command line (user mario)', 'Albero (automatic procedure)'],
    ] as const) {
      expect((await variances(MID_YEAR, lang)).forecasts).toEqual([expect.objectContaining({ indicatorId: 'B.1.1:1', updatedBy: 'cli:mario', updatedByName: mario })]);
      expect((await variances(YEAR_END, lang)).objectives.find((o: { code: string }) => o.code === 'B.1.1').variance).toMatchObject({ updatedBy: 'system', updatedByName: program });
    }
  });

  it('names who uploaded an evidence file', async () => {
    const files = `/api/plans/${planId}/indicators/${enc('B.1.1:1')}/measurements/${YEAR_END}/attachments`;
    const stored = await referente.request('POST', files, upload(tinyPdf('Verbale'), 'verbale.pdf'));
    expect(stored.status, stored.text).toBe(201);
    expect(stored.body).toMatchObject({ uploadedBy: 'referente', uploadedByName: 'Giulia Bianchi' });
    expect((await controller.get(files)).body).toEqual([expect.objectContaining({ uploadedBy: 'referente', uploadedByName: 'Giulia Bianchi' })]);
  });

  it('says on the audit trail who made each change, in the reader’s language', async () => {
    const trail = async (lang: 'it' | 'en') => (await controller.get(`/api/audit?planId=${planId}&node=B.1.1&lang=${lang}`)).body as { user: string; userName: string; entity: string }[];
    expect((await trail('it')).filter((e) => e.entity === 'variance').map((e) => [e.entity, e.user, e.userName])).toEqual([
      ['variance', 'system', 'Albero (procedura automatica)'],
      ['variance', 'referente', 'Giulia Bianchi'],
    ]);
    const forecasts = async (lang: 'it' | 'en') =>
      ((await controller.get(`/api/audit?planId=${planId}&indicator=${enc('B.1.1:1')}&lang=${lang}`)).body as { user: string; userName: string; entity: string }[])
        .filter((e) => e.entity === 'forecast')
        .map((e) => e.userName);
    expect(await forecasts('it')).toEqual(['riga di comando (utente mario)', 'Giulia Bianchi']);
    expect(await forecasts('en')).toEqual(['command line (user mario)', 'Giulia Bianchi']);
  });

  it('names who entered a value: in the tree, and in the refusal of a save made on an older version', async () => {
    const value = `/api/plans/${planId}/indicators/${enc('B.1.1:1')}/measurements/${YEAR_END}`;
    const shown = async (lang: 'it' | 'en' = 'it') =>
      ((await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}&lang=${lang}`)).body.objectives as { code: string; indicators: { id: string; version: number }[] }[])
        .find((o) => o.code === 'B.1.1')!
        .indicators.find((i) => i.id === 'B.1.1:1')!;
    const read = await shown();
    const saved = await referente.request('PUT', value, { state: 'measured', actual: 3, version: read.version });
    expect(saved.status, saved.text).toBe(200);
    expect(saved.body.indicator).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia Bianchi' });
    expect(await shown()).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia Bianchi' });
    // Another desk's save on the version read before: refused, naming who saved by name.
    const stale = await controller.request('PUT', value, { state: 'measured', actual: 4, version: read.version });
    expect(stale.status, stale.text).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia Bianchi' });
    // And when, as every stale save says who and when (`updatedBy`, `updatedByName`, `updatedAt`): the entry form names them.
    expect(stale.body.error.details.current).toMatchObject({
      updatedBy: 'referente',
      updatedByName: 'Giulia Bianchi',
      updatedAt: saved.body.measurement.enteredAt,
      version: saved.body.measurement.version,
    });
    // A write the tree's cache did not see (another value, by the program): the plan is read again from the store.
    const other = await shown();
    expect((await t.server.store.putMeasurement(planId, 'A.3:1', YEAR_END, { state: 'not_achieved', actual: null, inputs: null, reason: null }, 1, SYSTEM)).ok).toBe(true);
    expect(await shown()).toMatchObject({ enteredBy: 'referente', enteredByName: 'Giulia Bianchi', version: other.version });
    expect((await t.server.store.putMeasurement(planId, 'B.1.1:1', YEAR_END, { state: 'not_achieved', actual: null, inputs: null, reason: null }, other.version, SYSTEM)).ok).toBe(true);
    expect(await shown('it')).toMatchObject({ enteredBy: 'system', enteredByName: 'Albero (procedura automatica)' });
    expect(await shown('en')).toMatchObject({ enteredBy: 'system', enteredByName: 'Albero (automatic procedure)' });
  });

  it('names who closed a period and who reopened it after the OIV’s validation', async () => {
    // Closed from the command line: the tree's notice and the comparison with the closing say so.
    for (const to of ['collecting', 'closed'] as const) expect((await t.server.store.transitionPeriod(planId, YEAR_END, to, null, MARIO, { acknowledgeUnreviewed: true })).ok).toBe(true);
    const tree = async (lang: 'it' | 'en') => (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}&lang=${lang}`)).body.closing;
    expect(await tree('it')).toMatchObject({ closedBy: 'cli:mario', closedByName: 'riga di comando (utente mario)' });
    expect(await tree('en')).toMatchObject({ closedBy: 'cli:mario', closedByName: 'command line (user mario)' });
    const changes = await controller.get(`/api/plans/${planId}/changes?period=${YEAR_END}&againstClosing=true&lang=en`);
    expect(changes.status, changes.text).toBe(200);
    expect(changes.body.before.closing).toMatchObject({ closedBy: 'cli:mario', closedByName: 'command line (user mario)' });

    expect((await controller.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const current = (await oiv.get(`/api/plans/${planId}/relazione`)).body;
    const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
    expect((await oiv.request('PUT', `/api/plans/${planId}/relazione/review`, { note: 'Verificato.', reservations: '', checklist, values: [], version: current.version })).status).toBe(200);
    const decided = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' });
    expect(decided.status, decided.text).toBe(200);
    expect(decided.body).toMatchObject({ decidedBy: 'oiv', decidedByName: 'Luca Marino' });
    // Reopened from the command line after the validation: the Relazione says by whom, in the reader's language.
    expect((await t.server.store.transitionPeriod(planId, YEAR_END, 'collecting', 'errore di caricamento', MARIO)).ok).toBe(true);
    const after = async (lang: 'it' | 'en') => (await controller.get(`/api/plans/${planId}/relazione?lang=${lang}`)).body;
    expect((await after('it')).reopenedAfterDecision).toMatchObject({ by: 'riga di comando (utente mario)', reason: 'errore di caricamento' });
    expect((await after('en')).reopenedAfterDecision).toMatchObject({ by: 'command line (user mario)', reason: 'errore di caricamento' });
  });
});
