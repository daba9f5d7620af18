/**
 * Who may do what: the rules live in `contract/permissions.ts`, pure and shared with the web app;
 * the routes import them from here.
 */
import type { Assignment } from '../contract/permissions.js';
import type { IndicatorContext } from '../store/index.js';

export { ADMINS, assignedTo, mayBeAssigned, mayEditValue, PLAN_EDITORS, PLAN_STAFF, transitionRoles, VALUE_EDITORS, type Assignment } from '../contract/permissions.js';

/** An indicator's assignment as the database holds it now (or held it when it was deleted): the rules above decide on it. */
export function assignmentOf(indicator: Pick<IndicatorContext, 'owner' | 'objectiveOwners' | 'objectiveUnitNames' | 'unitIds' | 'personIds'>): Assignment {
  return { indicatorOwner: indicator.owner, objectiveOwners: indicator.objectiveOwners, objectiveUnitNames: indicator.objectiveUnitNames, unitIds: indicator.unitIds, personIds: indicator.personIds };
}
