/** Entering a value: an actual, its state and evidence, for one indicator in one period. */
import { type SaveAnswer, SaveAnswerSchema } from '../../contract/index.js';
import { amountKind, computedFromChildren, reasonText, type Amount } from '../../core/index.js';
import { inputsToJson } from '../../store/index.js';
import { Bodies, isAmountProblem, readAmount } from '../amounts.js';
import type { RouteModule } from '../api.js';
import { actorOf } from '../auth.js';
import { must, refuse } from '../errors.js';
import { assignmentOf, mayEditValue, VALUE_EDITORS } from '../permissions.js';
import { LANGUAGES } from '../language.js';
import { documentLanguage, invalidField, param } from '../validation.js';
import { treeAround } from '../tree-answer.js';
import { refuseIfArchived } from '../plan-access.js';

// The contract's body (src/contract/bodies.ts), base measures read as exact decimals.
const Measurement = Bodies.Measurement;

export const measurementRoutes: RouteModule = (api, deps) => {
  const { store, trees, campaigns } = deps;

  api.route(
    {
      method: 'put',
      path: '/api/plans/:planId/indicators/:indicatorId/measurements/:periodId',
      tag: 'measurements',
      summary:
        'Enter or change a value for a period, against the `version` read from the tree (0: nothing entered yet). `source`, `evidence` and `notes` left out of the body keep what is stored; `null` clears them',
      roles: VALUE_EDITORS,
      action: 'enter values',
      access: 'admin, controller; referente for indicators assigned to them or their unit',
      body: Measurement,
      query: {
        tree: 'true: the whole recomputed tree as well (`tree`); by default the answer carries only `changes`',
        lang: { description: 'the language of the amount texts, as the tree’s (default it)', values: LANGUAGES },
      },
      responses: {
        200: {
          description:
            "{indicator, measurement, unchanged, changes: {planId, periodId, dataVersion, summary, issues, objectives}, tree?}: `changes.objectives` are the saved indicator's objective and its ancestors (root last) as the tree has them; a client holding the tree at `dataVersion - 1` replaces them in place, any other reads the tree again. `unchanged: true`: the value was sent exactly as it stands (state, actual, inputs, reason, evidence, source, notes), so nothing was written: the same version, no audit entry, an approval still standing, `dataVersion` as it was",
          schema: SaveAnswerSchema,
        },
        400: 'invalid body (e.g. measured without an actual, N.V. without a reason), or lang other than it or en',
        401: 'not signed in',
        403: 'not yours to edit',
        404: 'unknown plan, indicator or period',
        409: "conflict: stale version (details.current is the stored value, with updatedBy, updatedByName and updatedAt: who saved it meanwhile and when, as a stale variance or forecast says them); or `details.reason: unit-changed`: the actual was typed in `unit`, and the indicator's unit is now of another kind (details.current: the indicator's id, unit and version, with updatedBy, updatedByName and updatedAt of who changed the unit and when); plan-archived: the plan is archived (told before the indicator’s rule, the value or the period are checked; nothing stored)",
        422: 'derived indicator (computed, not entered)',
        423: 'period-locked: the period is closed or validated',
      },
    },
    async (c, { user, body: input, reply }) => {
      const planId = param(c, 'planId');
      const indicatorId = param(c, 'indicatorId');
      const periodId = param(c, 'periodId');
      // The answer's amount texts in the language asked, as the tree's (`?lang=`, Italian by default):
      // a language it cannot say is refused before anything is stored.
      const texts = documentLanguage(c);
      // Decided on the database's current definition (not a cached one): unit, formula, assignment.
      const indicator = await store.indicatorContext(planId, indicatorId);
      if (indicator === undefined) throw refuse(404, 'not-found', { what: 'indicator', id: indicatorId });
      if (!mayEditValue(user, assignmentOf(indicator))) {
        throw refuse(403, 'forbidden', { indicator: indicatorId });
      }
      // Told as archived before what the route checks of the indicator and the value, as the store tells it before the period.
      const plan = await store.getPlan(planId);
      if (plan !== undefined) refuseIfArchived(plan);
      if (computedFromChildren(indicator.formula)) throw refuse(422, 'derived-indicator', { indicator: indicatorId });
      let actual: Amount | null = null;
      if (input.state === 'measured') {
        const needsActual = indicator.formula === null;
        if (input.actual === null || input.actual === undefined) {
          if (needsActual) throw invalidField('actual', { problem: 'actual-needed' });
        } else {
          // Read in the unit the form showed when it was another kind of value: the store then
          // refuses it under the indicator's lock, naming who changed the unit and when.
          const typedIn = input.unit !== undefined && amountKind(input.unit) !== amountKind(indicator.unit) ? input.unit : indicator.unit;
          const read = readAmount(input.actual, typedIn);
          if (isAmountProblem(read)) throw invalidField('actual', { problem: 'amount', ...read });
          actual = read;
        }
        if (!needsActual && (input.inputs === null || input.inputs === undefined)) throw invalidField('inputs', { problem: 'inputs-needed' });
      } else if (input.actual !== null && input.actual !== undefined) {
        throw invalidField('actual', { problem: 'actual-with-state', value: input.state });
      }
      if (input.state === 'not_evaluable' && (input.reason ?? '').trim() === '') throw invalidField('reason', { problem: 'reason-needed' });
      const inputs = input.inputs === null || input.inputs === undefined ? null : Object.fromEntries(Object.entries(input.inputs));
      const measurement = must(
        await store.putMeasurement(
          planId,
          indicatorId,
          periodId,
          { state: input.state as 'measured', actual, inputs, reason: input.reason ?? null, evidence: input.evidence, source: input.source, notes: input.notes },
          input.version,
          actorOf(user),
        ),
      );
      // Saved as it stood, nothing was written: the cached tree and campaign stand as they are.
      if (!measurement.unchanged) {
        trees.applyMeasurement(planId, periodId, measurement, measurement.planDataVersion, user.displayName);
        campaigns.applyMeasurement(planId, measurement, measurement.planDataVersion);
      }
      const after = trees.cachedAt(planId, periodId, measurement.planDataVersion) ?? (await trees.computed(planId, periodId));
      // The saved row and its path carry their own SMVP range, banded by the new score.
      await trees.withOwnRanges(after);
      // Who entered each value, by the accounts' names now (the cached tree keeps logins).
      const names = await deps.names.names();
      const view = trees.indicator(after, indicatorId, user, names, texts);
      // The indicator was found in the store above and saved: its tree holds it.
      if (view === undefined) throw new Error(`indicator ${indicatorId} saved but missing from its tree`);
      // The whole tree of 20,000 indicators is 10 MB: by default a save answers with the path it changed.
      const withTree = c.req.query('tree') === 'true';
      const { planDataVersion: _, unchanged, ...stored } = measurement;
      const answer: Omit<SaveAnswer, 'tree'> = {
        indicator: view,
        // The stored row, a reason the program wrote in its Italian words (as the row held them before migration 80).
        measurement: {
          ...stored,
          actual: view.actual,
          inputs: stored.inputs === null ? null : inputsToJson(stored.inputs),
          reason: stored.reason === null ? null : reasonText(stored.reason, 'it'),
          // Beside the login: who it is, as the tree names them.
          enteredByName: view.enteredByName,
        },
        unchanged,
        changes: trees.changes(after, indicatorId, user, names, texts),
      };
      // The whole tree states what a fresh read of it states: the baselines corrected since, the OIV's
      // validation (decided since the entry was cached, or never asked of an entry this save loaded).
      if (withTree) await treeAround(deps, after, user, await store.relazioni.validatedDecision(planId));
      const head = JSON.stringify(answer);
      // The tree's JSON text is the one the next GET of this version serves from the cache: made once.
      const text = withTree ? `${head.slice(0, -1)},"tree":${trees.text(after, user, names, texts)}}` : head;
      // The SaveAnswer typed above, with the tree's own cached JSON text spliced in.
      return reply.made(c.body(text, 200, { 'Content-Type': 'application/json; charset=UTF-8' }));
    },
  );
};
