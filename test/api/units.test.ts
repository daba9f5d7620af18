/**
 * The organisation registry through HTTP, on SQLite and PostgreSQL: units as records, users and
 * objectives assigned by unit id (so a name typed with another case or a trailing space finds its
 * unit), a person on an indicator, bulk reassignment, import/export as CSV and XLSX (an unknown
 * parent refused at its row, nothing stored), deleting a unit still in use refused with 409; and
 * the migration of an existing database's unit texts into units.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/core/index.js';
import { settingsToJson } from '../../src/store/codec.js';
import { SYSTEM } from '../../src/store/index.js';
import { migrate } from '../../src/store/migrations.js';
import { SqlStore } from '../../src/store/sql-store.js';
import { oldDatabase } from '../support/old-database.js';
import { Client, enc, indicatorOf, objective, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type TestServer } from './harness.js';

function csvForm(text: string, name = 'strutture.csv'): FormData {
  const form = new FormData();
  form.set('file', new Blob([text], { type: 'text/csv' }), name);
  return form;
}

describe.each<Backend>(['sqlite', 'postgres'])('organisation units on %s', (backend) => {
  let t: TestServer;
  let admin: Client;
  let controller: Client;
  let ids: Record<string, string>;
  beforeAll(async () => {
    t = await startTestServer(backend);
    admin = await t.as('admin');
    controller = await t.as('controller');
    ids = Object.fromEntries((await admin.get('/api/users')).body.map((u: { username: string; id: string }) => [u.username, u.id]));
  });
  afterAll(async () => t?.close());

  it('keeps units as records; a unit that still owns objectives is not deleted (409) until they are reassigned', async () => {
    const listed = await (await t.as('referente')).get('/api/units');
    expect(listed.status).toBe(200);
    const digitale = listed.body.find((u: { name: string }) => u.name === REFERENTE_UNIT);
    expect(digitale).toMatchObject({ kind: 'Ufficio', parentId: null, members: [ids.referente] });

    const area = await admin.request('POST', '/api/units', { code: 'AR1', name: 'Area Servizi', kind: 'Area' });
    expect(area.status, area.text).toBe(201);
    const settore = await admin.request('POST', '/api/units', { code: 'ST1', name: 'Settore Promozione', kind: 'Settore', parentId: area.body.id, headId: ids.controller, members: [ids.oiv] });
    expect(settore.status, settore.text).toBe(201);
    expect(settore.body).toMatchObject({ code: 'ST1', parentId: area.body.id, headId: ids.controller, members: [ids.oiv], version: 1 });
    expect((await admin.request('POST', '/api/units', { code: 'st1', name: 'Altro', kind: 'Ufficio' })).status).toBe(409);
    const sameName = await admin.request('POST', '/api/units', { code: 'X9', name: '  settore   promozione ', kind: 'Ufficio' });
    expect([sameName.status, sameName.body.error.code]).toEqual([409, 'duplicate']);
    const circle = await admin.request('PATCH', `/api/units/${area.body.id}`, { parentId: settore.body.id });
    expect([circle.status, circle.body.error.code]).toEqual([422, 'invalid']);
    const unknownParent = await admin.request('POST', '/api/units', { code: 'X8', name: 'Orfano', kind: 'Ufficio', parentId: 'nope' });
    expect(unknownParent.status).toBe(422);
    const renamed = await admin.request('PATCH', `/api/units/${settore.body.id}`, { name: 'Settore Promozione e Sviluppo', version: 1 });
    expect(renamed.body).toMatchObject({ name: 'Settore Promozione e Sviluppo', version: 2 });
    expect((await admin.request('PATCH', `/api/units/${settore.body.id}`, { name: 'x', version: 1 })).status).toBe(409);

    const planId = await t.importFixture();
    expect((await controller.request('PATCH', `/api/plans/${planId}/nodes/A.1`, { unitId: settore.body.id })).status).toBe(200);
    const tree = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect(objective(tree, 'A.1')).toMatchObject({ unitId: settore.body.id, unit: 'Settore Promozione e Sviluppo' });

    const inUse = await admin.request('DELETE', `/api/units/${settore.body.id}`);
    expect([inUse.status, inUse.body.error.code]).toEqual([409, 'in-use']);
    expect(inUse.body.error.details.objectives).toEqual([expect.objectContaining({ planId, code: 'A.1' })]);
    // Said from the catalogue: English here (the client's Accept-Language), Italian by default.
    expect(inUse.body.error.message).toBe('the unit Settore Promozione e Sviluppo still owns 1 objective (A.1): reassign them first');
    const inUseIt = await admin.request('DELETE', `/api/units/${settore.body.id}`, undefined, { 'accept-language': 'it' });
    expect([inUseIt.status, inUseIt.body.error.message]).toEqual([409, 'la struttura Settore Promozione e Sviluppo è ancora responsabile di 1 obiettivo (A.1): riassegnarli prima di eliminarla']);
    expect(inUseIt.body.error.params).toMatchObject({ unit: 'Settore Promozione e Sviluppo', objectives: 1, codes: ['A.1'] });
    const parentInUse = await admin.request('DELETE', `/api/units/${area.body.id}`);
    expect(parentInUse.body.error.details.children).toEqual(['ST1']);
    const parentInUseIt = await admin.request('DELETE', `/api/units/${area.body.id}`, undefined, { 'accept-language': 'it' });
    expect(parentInUseIt.body.error.message).toBe('la struttura Area Servizi ha sotto di sé la struttura Settore Promozione e Sviluppo: riassegnarli prima di eliminarla');

    const moved = await controller.request('POST', `/api/plans/${planId}/reassign`, { nodes: ['A.1'], unitId: null });
    expect(moved.body).toEqual({ nodes: 1, indicators: 0 });
    const deleted = await admin.request('DELETE', `/api/units/${settore.body.id}`);
    expect(deleted.status, deleted.text).toBe(200);
    expect((await admin.get('/api/units')).body.map((u: { code: string }) => u.code)).not.toContain('ST1');
    const trail = (await admin.get('/api/audit?limit=500')).body.filter((a: { entity: string }) => a.entity === 'unit');
    expect(trail.map((a: { action: string }) => a.action)).toEqual(expect.arrayContaining(['create', 'update', 'delete']));
    expect((await (await t.as('referente')).request('POST', '/api/units', { code: 'R1', name: 'Mio', kind: 'Ufficio' })).status).toBe(403);
  });

  it('assigns by unit id: a name with another case and a trailing space finds its unit; a person and bulk reassignment decide who enters what', async () => {
    const planId = await t.importFixture();
    // "Ufficio digitale " (small d, a trailing space) is the registry's "Ufficio Digitale".
    const created = await admin.request('POST', '/api/users', { username: 'nuova-ref', displayName: 'Nuova referente', role: 'referente', units: ['ufficio digitale '], password: PASSWORD });
    expect(created.status, created.text).toBe(201);
    const digitale = (await admin.get('/api/units')).body.find((u: { name: string }) => u.name === REFERENTE_UNIT);
    expect(created.body).toMatchObject({ units: [REFERENTE_UNIT], unitIds: [digitale.id] });
    const unknown = await admin.request('POST', '/api/users', { username: 'altro', displayName: 'Altro', role: 'referente', units: ['Ufficio inesistente'], password: PASSWORD });
    expect([unknown.status, unknown.body.error.issues?.[0]?.location]).toEqual([400, { field: 'units.0' }]);
    expect(unknown.body.error.issues[0].message).toBe('units.0: there is no unit “Ufficio inesistente” in the registry (add it under Strutture first)');
    const unknownIt = await admin.request(
      'POST',
      '/api/users',
      { username: 'altro', displayName: 'Altro', role: 'referente', unitIds: ['u-nessuna'], password: PASSWORD },
      { 'accept-language': 'it' },
    );
    expect([unknownIt.status, unknownIt.body.error.issues[0].message]).toEqual([400, "unitIds.0: non c'è una struttura «u-nessuna» nel registro (aggiungerla prima in Strutture)"]);

    const ref = new Client(t.url);
    expect((await ref.login('nuova-ref')).status).toBe(200);
    let tree = (await ref.get(`/api/plans/${planId}/tree`)).body;
    expect(indicatorOf(tree, 'B.1.1:5').editable).toBe(true);
    expect(indicatorOf(tree, 'A.2:1').editable).toBe(false);
    expect((await ref.request('PUT', `/api/plans/${planId}/indicators/${enc('B.1.1:5')}/measurements/2024-12-31`, { state: 'measured', actual: 1, version: 1 })).status).toBe(200);
    expect((await ref.request('PUT', `/api/plans/${planId}/indicators/${enc('A.2:1')}/measurements/2024-12-31`, { state: 'measured', actual: 1, version: 1 })).status).toBe(403);

    // A person named on one indicator: that person (and nobody else of another unit) enters it.
    const person = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc('A.2:1')}`, { personId: created.body.id, version: 1 });
    expect(person.status, person.text).toBe(200);
    tree = (await ref.get(`/api/plans/${planId}/tree`)).body;
    expect(indicatorOf(tree, 'A.2:1')).toMatchObject({ editable: true, personId: created.body.id, person: 'Nuova referente' });
    const nobody = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc('A.2:1')}`, { personId: 'nobody', version: 2 });
    expect([nobody.status, nobody.body.error.code, nobody.body.error.message]).toEqual([422, 'invalid', 'there is no user nobody']);
    const nobodyIt = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc('A.2:1')}`, { personId: 'nobody', version: 2 }, { 'accept-language': 'it' });
    expect([nobodyIt.status, nobodyIt.body.error.message]).toEqual([422, "non c'è un utente nobody"]);
    const noUnit = await controller.request('PATCH', `/api/plans/${planId}/indicators/${enc('A.2:1')}`, { unitId: 'u-nessuna', version: 2 }, { 'accept-language': 'it' });
    expect([noUnit.status, noUnit.body.error.message, noUnit.body.error.details]).toEqual([422, "non c'è una struttura u-nessuna", { field: 'unitId' }]);
    expect((await controller.request('PATCH', `/api/plans/${planId}/nodes/A.4`, { unitId: 'u-nessuna' })).body.error.message).toBe('there is no unit u-nessuna');

    // Bulk: A.1 and A.3 to the digital office by id.
    const bulk = await controller.request('POST', `/api/plans/${planId}/reassign`, { nodes: ['A.1', 'A.3'], unitId: digitale.id });
    expect(bulk.body).toEqual({ nodes: 2, indicators: 0 });
    tree = (await ref.get(`/api/plans/${planId}/tree`)).body;
    expect([objective(tree, 'A.1').unit, objective(tree, 'A.3').unitId]).toEqual([REFERENTE_UNIT, digitale.id]);
    // The objective's unit reaches the indicators below it, however deep.
    const underA1 = tree.objectives
      .filter((o: { code: string }) => o.code.startsWith('A.1'))
      .flatMap((o: { indicators: unknown[] }) => o.indicators)
      .filter((i: { derived: boolean }) => !i.derived);
    expect(underA1.length).toBeGreaterThan(0);
    expect(underA1.every((i: { editable: boolean }) => i.editable)).toBe(true);
    expect((await controller.request('POST', `/api/plans/${planId}/reassign`, { nodes: ['Z.9'], unitId: digitale.id })).status).toBe(404);
    expect((await controller.request('POST', `/api/plans/${planId}/reassign`, { nodes: ['A.1'], unitId: 'none' })).status).toBe(422);
    // A node's unit given by name must be in the registry.
    const byName = await controller.request('PATCH', `/api/plans/${planId}/nodes/A.4`, { unit: 'Ufficio mai visto' });
    expect([byName.status, byName.body.error.issues?.[0]?.location]).toEqual([400, { field: 'unit' }]);
    expect(byName.body.error.issues[0].message).toBe('unit: there is no unit “Ufficio mai visto” in the registry (add it under Strutture first)');
    const byNameIt = await controller.request('PATCH', `/api/plans/${planId}/nodes/A.4`, { unit: 'Ufficio mai visto' }, { 'accept-language': 'it' });
    expect(byNameIt.body.error.issues[0].message).toBe("unit: non c'è una struttura «Ufficio mai visto» nel registro (aggiungerla prima in Strutture)");
    // Membership changed in the registry applies at once: out of the unit, no more edits.
    expect((await admin.request('PATCH', `/api/units/${digitale.id}`, { members: [ids.referente] })).status).toBe(200);
    tree = (await ref.get(`/api/plans/${planId}/tree`)).body;
    expect(indicatorOf(tree, 'B.1.1:5').editable).toBe(false);
    expect((await admin.request('PATCH', `/api/units/${digitale.id}`, { members: [ids.referente, created.body.id] })).status).toBe(200);
  });

  it('reassigns an adopted plan only inside a revision (409 revision-required), recording each change in it', async () => {
    const planId = await t.importFixture();
    const digitale = (await admin.get('/api/units')).body.find((u: { name: string }) => u.name === REFERENTE_UNIT);
    const adopted = await controller.request('POST', `/api/plans/${planId}/adopt`, { act: { kind: 'Delibera di Giunta', number: '12', date: '2024-01-30' } });
    expect(adopted.status, adopted.text).toBe(200);
    const before = (await controller.get(`/api/plans/${planId}/tree`)).body;

    const refused = await controller.request('POST', `/api/plans/${planId}/reassign`, { nodes: ['A.1'], indicators: ['A.2:1'], unitId: digitale.id }, { 'accept-language': 'it-IT,it;q=0.9' });
    expect([refused.status, refused.body.error.code]).toEqual([409, 'revision-required']);
    expect(refused.body.error.message).toMatch(/^il piano è adottato/);
    const unchanged = (await controller.get(`/api/plans/${planId}/tree`)).body;
    expect([objective(unchanged, 'A.1').unitId, indicatorOf(unchanged, 'A.2:1').unitId ?? null]).toEqual([objective(before, 'A.1').unitId, indicatorOf(before, 'A.2:1').unitId ?? null]);
    expect((await admin.get(`/api/audit?planId=${planId}`)).body.filter((e: { reason: string | null }) => e.reason?.startsWith('reassignment'))).toEqual([]);

    expect((await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: 'Riorganizzazione degli uffici' })).status).toBe(201);
    const moved = await controller.request('POST', `/api/plans/${planId}/reassign`, { nodes: ['A.1'], indicators: ['A.2:1'], unitId: digitale.id });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body).toEqual({ nodes: 1, indicators: 1 });
    const revision = (await controller.get(`/api/plans/${planId}/revisions/1`)).body;
    expect(revision.changes).toEqual([
      // With the unit's name as it is now, which the register says (store/revisions.ts `withUnitNames`).
      expect.objectContaining({ action: 'update', entity: 'node', entityId: 'A.1', after: { unitId: digitale.id, unitName: digitale.name } }),
      expect.objectContaining({ action: 'update', entity: 'indicator', entityId: 'A.2:1', after: { unitId: digitale.id, unitName: digitale.name } }),
    ]);
    const trail = (await admin.get(`/api/audit?planId=${planId}`)).body.filter((e: { reason: string | null }) => e.reason?.startsWith('reassignment'));
    // The program's words in the reader's language (this client reads in English; it was "reassignment, variazione n. 1" in both), the revision's reason as typed.
    expect(trail.map((e: { reason: string }) => e.reason)).toEqual(['reassignment, revision n. 1: Riorganizzazione degli uffici', 'reassignment, revision n. 1: Riorganizzazione degli uffici']);
    const italian = (await admin.get(`/api/audit?planId=${planId}&lang=it`)).body.filter((e: { reason: string | null }) => e.reason?.startsWith('riassegnazione'));
    expect(italian.map((e: { reason: string }) => e.reason)).toEqual([
      'riassegnazione, variazione n. 1: Riorganizzazione degli uffici',
      'riassegnazione, variazione n. 1: Riorganizzazione degli uffici',
    ]);
  });

  it('imports and exports the registry as CSV and XLSX; an unknown parent is refused at its row and nothing is stored', async () => {
    const before = (await admin.get('/api/units')).body.length;
    const bad = await admin.request(
      'POST',
      '/api/units/import',
      csvForm('codice;nome;tipo;padre;responsabile;membri\nDIR;Direzione generale;Direzione;;;\nSV2;Servizio Bilancio;Servizio;XYZ;;\nSV3;Servizio Tributi;Servizio;DIR;ghost;\n'),
    );
    expect([bad.status, bad.body.error.code]).toEqual([422, 'invalid-registry']);
    expect(bad.body.error.issues.map((i: { location: { row: number; field: string } }) => [i.location.row, i.location.field])).toEqual([
      [3, 'padre'],
      [4, 'responsabile'],
    ]);
    expect(bad.body.error.message).toBe('the registry was not imported: 2 problems (the first at row 3, column padre)');
    expect(bad.body.error.issues.map((i: { code: string; message: string }) => [i.code, i.message])).toEqual([
      ['invalid-row', 'row 3, padre: there is no unit with the code XYZ (neither in the file nor in the registry)'],
      ['invalid-row', 'row 4, responsabile: there is no user ghost'],
    ]);
    // In Italian (the default), the same rows and columns.
    const badIt = await admin.request(
      'POST',
      '/api/units/import',
      csvForm('codice;nome;tipo;padre;responsabile;membri\nDIR;Direzione generale;Direzione;;;\nSV2;Servizio Bilancio;Servizio;XYZ;;\nSV3;Servizio Tributi;;DIR;;ghost, oiv\nSV2;Altro;Ufficio;;;\n'),
      { 'accept-language': 'it' },
    );
    expect([badIt.status, badIt.body.error.message]).toEqual([422, 'il registro delle strutture non è stato importato: 4 problemi (il primo alla riga 3, colonna padre)']);
    expect(badIt.body.error.issues.map((i: { message: string; location: { row: number; field: string } }) => [i.location.row, i.location.field, i.message])).toEqual([
      [3, 'padre', "riga 3, padre: non c'è una struttura con il codice XYZ (né nel file né nel registro)"],
      [4, 'tipo', 'riga 4, tipo: il tipo è vuoto (Area, Settore, Servizio, Ufficio…)'],
      [4, 'membri', "riga 4, membri: non c'è un utente ghost"],
      [5, 'codice', 'riga 5, codice: il codice SV2 è anche alla riga 3'],
    ]);
    const noColumn = await admin.request('POST', '/api/units/import', csvForm('codice;name;tipo\nX;Y;Ufficio\n'), { 'accept-language': 'it' });
    expect([noColumn.status, noColumn.body.error.message, noColumn.body.error.issues[0].message]).toEqual([
      422,
      'il registro delle strutture non si può leggere: 1 problema (il primo alla riga 1, colonna nome)',
      "riga 1, nome: l'intestazione non ha la colonna «nome» (attese: codice, nome, tipo, padre, responsabile, membri)",
    ]);
    expect((await admin.get('/api/units')).body.length).toBe(before);

    // A child before its parent, a quoted name with the separator in it.
    const good = 'codice;nome;tipo;padre;responsabile;membri\nSV2;"Servizio Bilancio; Economato";Servizio;DIR;controller;referente, oiv\nDIR;Direzione generale;Direzione;;admin;\n';
    const dry = await admin.request('POST', '/api/units/import?dryRun=true', csvForm(good));
    expect(dry.body).toEqual({ created: 2, updated: 0, dryRun: true });
    expect((await admin.get('/api/units')).body.length).toBe(before);
    const imported = await admin.request('POST', '/api/units/import', csvForm(good));
    expect(imported.body).toEqual({ created: 2, updated: 0, dryRun: false });
    const units = (await admin.get('/api/units')).body;
    const dir = units.find((u: { code: string }) => u.code === 'DIR');
    expect(units.find((u: { code: string }) => u.code === 'SV2')).toMatchObject({
      name: 'Servizio Bilancio; Economato',
      parentId: dir.id,
      headId: ids.controller,
      members: expect.arrayContaining([ids.referente, ids.oiv]),
    });

    const csv = await controller.get('/api/units/export?format=csv');
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.text).toContain('SV2;"Servizio Bilancio; Economato";Servizio;DIR;controller;');
    // Exported, then imported again: the same registry (every row an update).
    const again = await admin.request('POST', '/api/units/import', csvForm(csv.text));
    expect(again.body).toMatchObject({ created: 0, updated: units.length });

    const xlsx = await fetch(`${t.url}/api/units/export?format=xlsx`, { headers: { cookie: controller.cookie! } });
    expect(xlsx.headers.get('content-type')).toContain('spreadsheetml');
    const bytes = Buffer.from(await xlsx.arrayBuffer());
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(bytes as unknown as ExcelJS.Buffer);
    const sheet = book.getWorksheet('Strutture')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'codice', 'nome', 'tipo', 'padre', 'responsabile', 'membri']);
    // A new row added in the workbook with an unknown parent: refused at that row.
    sheet.addRow(['NEW', 'Nuovo ufficio', 'Ufficio', 'MISSING', '', '']);
    const edited = Buffer.from(await book.xlsx.writeBuffer());
    const form = new FormData();
    form.set('file', new Blob([edited]), 'strutture.xlsx');
    const refused = await admin.request('POST', '/api/units/import', form);
    expect(refused.status).toBe(422);
    expect(refused.body.error.issues[0].location).toMatchObject({ row: units.length + 2, field: 'padre' });
    sheet.getRow(units.length + 2).getCell(4).value = 'DIR';
    const fixed = new FormData();
    fixed.set('file', new Blob([Buffer.from(await book.xlsx.writeBuffer())]), 'strutture.xlsx');
    expect((await admin.request('POST', '/api/units/import', fixed)).body).toMatchObject({ created: 1, updated: units.length });
    expect((await controller.request('POST', '/api/units/import', csvForm(good))).status).toBe(403);
  });

  it("says each refusal of a unit and of the registry's upload in the reader's language (Italian by default), by code and params, storing nothing", async () => {
    const base = await admin.request('POST', '/api/units', { code: 'LG1', name: 'Area Lingue', kind: 'Area' });
    const child = await admin.request('POST', '/api/units', { code: 'LG2', name: 'Ufficio Lingue', kind: 'Ufficio', parentId: base.body.id });
    expect([base.status, child.status]).toEqual([201, 201]);
    const trail = async (planId?: string): Promise<number> => (await admin.get(`/api/audit?limit=1000${planId === undefined ? '' : `&planId=${planId}`}`)).body.length;
    const audit = await trail();
    const units = (await admin.get('/api/units')).body;
    /** The refusal in English (the client's default) and in Italian (no Accept-Language at all). */
    const both = async (method: string, path: string, body?: unknown): Promise<[number, string, unknown, string, string, string | null]> => {
      const en = await admin.request(method, path, body);
      admin.language = null;
      try {
        const it = await admin.request(method, path, body);
        expect([it.status, it.body.error.code]).toEqual([en.status, en.body.error.code]);
        return [en.status, en.body.error.code, en.body.error.params, en.body.error.message, it.body.error.message, it.headers.get('content-language')];
      } finally {
        admin.language = 'en';
      }
    };
    expect(await both('POST', '/api/units', { code: 'lg1', name: 'Altra area', kind: 'Area' })).toEqual([
      409,
      'duplicate',
      { what: 'unit-code', id: 'lg1', label: 'Area Lingue' },
      'the code lg1 is already used by Area Lingue',
      'il codice lg1 è già usato dalla struttura Area Lingue',
      'it',
    ]);
    expect((await both('POST', '/api/units', { code: 'LG9', name: ' area   LINGUE ', kind: 'Area' })).slice(3, 5)).toEqual([
      'a unit named “area LINGUE” already exists (LG1)',
      'esiste già una struttura chiamata «area LINGUE» (LG1)',
    ]);
    expect((await both('POST', '/api/units', { code: 'LG9', name: 'Orfano', kind: 'Ufficio', parentId: 'nope' })).slice(0, 5)).toEqual([
      422,
      'invalid',
      { field: 'parentId', reason: 'unknown-parent', id: 'nope' },
      'there is no parent unit nope',
      "non c'è una struttura padre nope",
    ]);
    expect((await both('POST', '/api/units', { code: 'LG9', name: 'Senza capo', kind: 'Ufficio', headId: 'ghost' })).slice(3, 5)).toEqual([
      'there is no user ghost to be the head',
      "non c'è un utente ghost da nominare responsabile",
    ]);
    expect((await both('POST', '/api/units', { code: 'LG9', name: 'Senza membri', kind: 'Ufficio', members: [ids.oiv, 'ghost'] })).slice(3, 5)).toEqual([
      'there is no user ghost to be a member',
      "non c'è un utente ghost da aggiungere come membro",
    ]);
    expect((await both('PATCH', `/api/units/${base.body.id}`, { parentId: base.body.id })).slice(3, 5)).toEqual(['a unit cannot be its own parent', 'una struttura non può essere padre di sé stessa']);
    expect((await both('PATCH', `/api/units/${base.body.id}`, { parentId: child.body.id })).slice(0, 5)).toEqual([
      422,
      'invalid',
      { field: 'parentId', reason: 'parent-circle', code: 'LG1', parent: 'LG2' },
      'the parent unit LG2 lies under LG1: the registry would go round in a circle',
      'la struttura padre LG2 sta sotto LG1: il registro girerebbe in cerchio',
    ]);
    expect((await both('PATCH', `/api/units/${child.body.id}`, { name: 'Area Lingue' })).slice(3, 5)).toEqual([
      'a unit named “Area Lingue” already exists (LG1)',
      'esiste già una struttura chiamata «Area Lingue» (LG1)',
    ]);
    expect((await both('PATCH', `/api/units/${child.body.id}`, { name: 'Ufficio Lingue Straniere', version: 7 })).slice(0, 5)).toEqual([
      409,
      'conflict',
      // Who saved the unit as it is: the administrator who created it (test/api/stale-definition.test.ts).
      { what: 'unit', id: 'Ufficio Lingue', version: 1, sent: 7, by: 'admin' },
      'the unit Ufficio Lingue was changed by admin (version 1, you sent 7)',
      'la struttura Ufficio Lingue è stata modificata da admin (versione 1, inviata 7)',
    ]);
    expect((await both('DELETE', '/api/units/nope')).slice(0, 5)).toEqual([
      404,
      'not-found',
      { what: 'unit', id: 'nope' },
      'there is no unit with the id nope',
      "non esiste una struttura con l'id nope",
    ]);

    // The registry's upload and export: 415, 400s.
    expect((await both('POST', '/api/units/import', { file: 'strutture.csv' })).slice(0, 5)).toEqual([
      415,
      'unsupported-media-type',
      { expected: 'multipart', what: 'registry' },
      'send the registry as a multipart/form-data upload with a “file” field',
      'inviare il registro delle strutture come caricamento multipart/form-data con un campo «file»',
    ]);
    const noFile = new FormData();
    noFile.set('other', 'x');
    expect((await both('POST', '/api/units/import', noFile)).slice(0, 5)).toEqual([
      400,
      'missing-file',
      { what: 'registry' },
      'attach the registry (.csv or .xlsx) in a field called “file”',
      'allegare il registro delle strutture (.csv o .xlsx) in un campo chiamato «file»',
    ]);
    expect((await both('GET', '/api/units/export?format=pdf')).slice(0, 5)).toEqual([
      400,
      'invalid-query',
      { field: 'format', values: ['csv', 'xlsx'], value: 'pdf' },
      'format must be one of csv, xlsx, not “pdf”',
      'format deve essere uno tra csv, xlsx, non «pdf»',
    ]);
    // Nothing stored by any refusal: the same units, the same trail.
    expect((await admin.get('/api/units')).body).toEqual(units);
    expect(await trail()).toBe(audit);

    // Bulk reassignment's refusals, the same way.
    const planId = await t.importFixture();
    const planTrail = await trail(planId);
    expect((await both('POST', `/api/plans/${planId}/reassign`, { nodes: ['A.1'], unitId: 'nope' })).slice(3, 5)).toEqual(['there is no unit nope', "non c'è una struttura nope"]);
    expect((await both('POST', `/api/plans/${planId}/reassign`, { nodes: ['Z.9'], personId: null })).slice(3, 5)).toEqual([
      'there is no objective Z.9 in this plan',
      "non c'è un obiettivo Z.9 in questo piano",
    ]);
    expect((await both('POST', `/api/plans/${planId}/reassign`, { nodes: ['A.1'] })).slice(3, 5)).toEqual([
      'say the unit or the person to assign to',
      'indicare la struttura o la persona a cui assegnare',
    ]);

    // Nothing stored by the reassignments refused.
    expect(await trail(planId)).toBe(planTrail);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('migration of unit texts on %s', (backend) => {
  const old = oldDatabase(backend);

  it('turns the unit texts of users and objectives into units, matched trimmed and case-insensitively', async () => {
    const open = await old.opener();
    // A database as it was before the registry (schema version 4), with units as free text.
    const db = open();
    await migrate(db, 4);
    const at = '2024-01-01T00:00:00.000Z';
    await db.run(`INSERT INTO organisations (id, name, created_at) VALUES ('o', 'Ente', ?)`, [at]);
    await db.run(`INSERT INTO plans (id, organisation_id, title, year, version, published, settings, data_version, created_at, updated_at) VALUES ('p', 'o', 'Piano', 2024, 'plan', 0, ?, 1, ?, ?)`, [
      JSON.stringify(settingsToJson(DEFAULT_SETTINGS)),
      at,
      at,
    ]);
    await db.run(`INSERT INTO periods (plan_id, id, label, ends_on, state, updated_at) VALUES ('p', '2024-12-31', '31/12/2024', '2024-12-31', 'open', ?)`, [at]);
    await db.run(
      `INSERT INTO nodes (plan_id, code, position, parent, title, level, weight, owner, unit, version) VALUES ('p', 'A', 0, NULL, 'A', NULL, NULL, NULL, 'Ufficio Internazionalizzazione', 1), ('p', 'B', 1, NULL, 'B', NULL, NULL, NULL, NULL, 1)`,
    );
    await db.run(
      `INSERT INTO indicators (plan_id, id, node_code, position, name, weight, comparator, target, unit, owner, version) VALUES ('p', 'B:1', 'B', 0, 'x', '100', '>=', NULL, 'number', 'ufficio  internazionalizzazione', 1)`,
    );
    await db.run(
      `INSERT INTO users (id, username, display_name, role, units, password_hash, active, created_at) VALUES ('u1', 'ref', 'Ref', 'referente', ?, 'h', 1, ?), ('u2', 'ctl', 'Ctl', 'controller', '[]', 'h', 1, ?)`,
      [JSON.stringify(['Ufficio internazionalizzazione ', 'Settore Tributi']), at, at],
    );
    await db.close();

    const store = await SqlStore.open(open());
    try {
      const units = await store.listUnits();
      expect(units.map((u) => [u.name, u.kind])).toEqual([
        ['Settore Tributi', 'Settore'],
        ['Ufficio internazionalizzazione', 'Ufficio'],
      ]);
      const intl = units.find((u) => u.name.startsWith('Ufficio'))!;
      expect(new Set(units.map((u) => u.code)).size).toBe(2);
      const ref = await store.getUser('u1');
      expect(ref?.unitIds).toHaveLength(2);
      expect(ref?.unitIds).toContain(intl.id);
      const snapshot = await store.planForPeriod('p');
      expect(snapshot.ok && snapshot.value.nodes.get('A')).toMatchObject({ unitId: intl.id, unitName: 'Ufficio internazionalizzazione' });
      expect(snapshot.ok && snapshot.value.indicators.get('B:1')).toMatchObject({ unitId: intl.id });
      const deletion = await store.deleteUnit(intl.id, SYSTEM);
      expect(!deletion.ok && deletion.error.code).toBe('in-use');
    } finally {
      await store.close();
    }
  });
});
