/**
 * Who may do what: the rules live in `contract/permissions.ts`, pure and shared with the web app;
 * the routes import them from here.
 */
export { ADMINS, assignedTo, mayEditValue, PLAN_EDITORS, PLAN_STAFF, transitionRoles, VALUE_EDITORS, type Assignment } from '../contract/permissions.js';
