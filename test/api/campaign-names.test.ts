/**
 * The campaign's lists (the closing checklist, the dashboard's workbook, the work due) name people
 * as every answer does, through the server's one copy of the accounts' names (`AccountNames`,
 * `deps.names`): a renamed referente is named anew at once, and reading a campaign reads no account.
 * Before, the campaign's cache read every account (`listUsers`) on each read and kept its own copy
 * of the names with the cached campaign. On SQLite and PostgreSQL.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startWithRenamedReferente } from '../support/renamed-referente.js';
import { adopt, enc, type Backend, type Client, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const INDICATOR = 'B.1.1:1';

describe.each<Backend>(['sqlite', 'postgres'])("the campaign's lists name people through the server's names, on %s", (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let referente: Client;
  let referenteId: string;

  let renameAccount: (id: string, displayName: string) => Promise<void>;
  const rename = async (displayName: string): Promise<void> => renameAccount(referenteId, displayName);
  /** The value entered for INDICATOR as the closing checklist lists it (waiting for review). */
  const checklistRow = async () => {
    const preview = await controller.get(`/api/plans/${planId}/periods/${YEAR_END}/closing-preview`);
    expect(preview.status, preview.text).toBe(200);
    return (preview.body.toReview as { indicatorId: string; person: string | null; enteredBy: string | null; enteredByName: string | null }[]).find((i) => i.indicatorId === INDICATOR);
  };
  /** The people of objective B.1.1's rows in the dashboard workbook's list of values not yet approved. */
  const workbookPeople = async (): Promise<unknown[]> => {
    const xlsx = await fetch(`${t.url}/api/plans/${planId}/dashboard/export`, { headers: { cookie: controller.cookie! } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ExcelJS.Buffer);
    const rows = book.getWorksheet('Da completare')!.getSheetValues().filter(Boolean) as unknown[][];
    const head = rows[0]!;
    const [node, person] = [head.indexOf('Obiettivo'), head.indexOf('Responsabile')];
    expect(
      [node, person].every((i) => i > 0),
      JSON.stringify(head),
    ).toBe(true);
    return [
      ...new Set(
        rows
          .slice(1)
          .filter((r) => r[node] === 'B.1.1')
          .map((r) => r[person]),
      ),
    ];
  };

  beforeAll(async () => {
    ({ t, planId, controller, referente, referenteId, rename: renameAccount } = await startWithRenamedReferente(backend));
    // Adopted: the work due counts the plans in force alone.
    await adopt(planId, controller);
    const tree = (await controller.get(`/api/plans/${planId}/tree?period=${YEAR_END}`)).body as { objectives: { code: string; indicators: { id: string; version: number }[] }[] };
    const { version } = tree.objectives.find((o) => o.code === 'B.1.1')!.indicators.find((i) => i.id === INDICATOR)!;
    const saved = await referente.request('PUT', `/api/plans/${planId}/indicators/${enc(INDICATOR)}/measurements/${YEAR_END}`, { state: 'measured', actual: 3, version });
    expect(saved.status, saved.text).toBe(200);
  });
  afterAll(async () => t?.close());

  it('names a renamed referente anew at once in the closing checklist and the dashboard workbook', async () => {
    expect(await checklistRow()).toMatchObject({ person: 'Giulia Bianchi', enteredBy: 'referente', enteredByName: 'Giulia Bianchi' });
    expect(await workbookPeople()).toEqual(['Giulia Bianchi']);
    await rename('Giulia Bianchi Verdi');
    expect(await checklistRow()).toMatchObject({ person: 'Giulia Bianchi Verdi', enteredBy: 'referente', enteredByName: 'Giulia Bianchi Verdi' });
    expect(await workbookPeople()).toEqual(['Giulia Bianchi Verdi']);
  });

  it('reads no account to answer the dashboard, its workbook, the closing checklist and the work due', async () => {
    // The names are read once (as any answer may) before the count starts.
    expect((await controller.get(`/api/plans/${planId}/dashboard`)).status).toBe(200);
    const listUsers = vi.spyOn(t.server.store, 'listUsers');
    const getUser = vi.spyOn(t.server.store, 'getUser');
    try {
      expect((await controller.get(`/api/plans/${planId}/dashboard`)).status).toBe(200);
      expect(await workbookPeople()).toEqual(['Giulia Bianchi Verdi']);
      expect(await checklistRow()).toMatchObject({ person: 'Giulia Bianchi Verdi' });
      const due = await referente.get('/api/work-due');
      expect(due.status, due.text).toBe(200);
      // Before: one `listUsers` for each campaign read (four here).
      expect(listUsers).not.toHaveBeenCalled();
      expect(getUser).not.toHaveBeenCalled();
    } finally {
      listUsers.mockRestore();
      getUser.mockRestore();
    }
  });
});
