/**
 * Records stranded under a corrected body, as a database of before holds them: `from` has one plan
 * per name in `to` and one more; HR saves `from`'s SMVP of the year (and a form when asked); each
 * plan is corrected to its name in `to` through the API (the records stay: another plan still
 * carries `from`), and the last one's row is deleted straight from the database (`removePlan`), as
 * a deletion did before it was refused for the records it would leave without a plan
 * (plan-has-appraisals). Then no plan of the year carries `from`, its plans' trail says it became
 * each name of `to`, and its records are HR's to assign (GET /api/appraisals/stranded-bodies).
 * Shared by the API tests and the browser test.
 */
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import type { Db } from '../../src/store/db.js';

/** A request as one signed-in account, answering the status and the parsed body. */
export type Call = (method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, body?: unknown) => Promise<{ status: number; body: any }>;

export interface Stranding {
  readonly from: string;
  readonly to: readonly string[];
  readonly year: number;
  /** A form of `personId` evaluated by `evaluatorId`, made under `from` before the corrections. */
  readonly form?: { readonly personId: string; readonly evaluatorId: string };
  /** More records made under `from` before the corrections (a distribution, through the store). */
  readonly more?: () => Promise<void>;
  /** Deletes the plan's row as the store's deletion did before (`removedFrom`): the API refuses it now. */
  readonly removePlan: (planId: string) => Promise<void>;
}

/** A plan's row deleted from `db` with all it holds (the database's cascades), as `DELETE /api/plans/:id` did before it looked at the body's records. */
export const removedFrom =
  (db: Pick<Db, 'run'>) =>
  async (planId: string): Promise<void> => {
    const gone = await db.run(`DELETE FROM plans WHERE id = ?`, [planId]);
    if (gone.changes !== 1) throw new Error(`the plan ${planId} was not deleted`);
  };

/** The plans' ids by the body each was corrected to. */
export async function strandRecords(controller: Call, hr: Call, s: Stranding): Promise<Record<string, string>> {
  const expectOk = (what: string, r: { status: number; body: unknown }, status = 200): void => {
    if (r.status !== status) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  };
  const plans: string[] = [];
  for (let i = 0; i <= s.to.length; i++) {
    const r = await controller('POST', '/api/plans', { title: `Piano ${i + 1} di ${s.from}`, year: s.year, organisation: s.from });
    expectOk('plan', r, 201);
    plans.push(String(r.body.id));
  }
  expectOk('SMVP', await hr('PUT', `/api/smvp/${s.year}?organisation=${encodeURIComponent(s.from)}`, { document: exampleSmvpJson(s.from, s.year), reason: 'delibera n. 1' }));
  if (s.form !== undefined) expectOk('form', await hr('POST', '/api/appraisals', { year: s.year, ...s.form, category: 'eq', organisation: s.from }), 201);
  await s.more?.();
  const byBody: Record<string, string> = {};
  for (const [i, name] of s.to.entries()) {
    expectOk('correction', await controller('PATCH', `/api/plans/${plans[i]}`, { organisation: name }));
    byBody[name] = plans[i]!;
  }
  await s.removePlan(plans.at(-1)!);
  return byBody;
}
