/**
 * Who may do what, as pure rules over roles and assignments: the server enforces them
 * (`server/permissions.ts` re-exports them for its routes) and the web app shows only what they
 * allow. Nothing here reads the store; the authorization matrix test checks the server through HTTP.
 * - admin: everything;
 * - controller (controllo di gestione): plans, tree, periods (open → collecting → closed, reopen a closed one), any value;
 * - admin alone reopens a validated period (with a reason; the validation is void, and recorded);
 * - referente: values of the indicators assigned to them or their unit, directly or through an
 *   objective (or one of its ancestors) whose owner is them or whose unit is one of theirs;
 * - oiv: reads everything, validates closed periods, never edits values;
 * - public (no session): reads published plans only.
 */
import type { PeriodState } from './values.js';

/** Every role (the catalogue's ROLE_WORDS says each in Italian and English). */
export const ROLES = ['admin', 'controller', 'referente', 'oiv', 'personale'] as const;
export type Role = (typeof ROLES)[number];

/**
 * How an account signs in: `password` (its own, kept hashed here) or `provider` (the body's identity
 * provider, OpenID Connect: such an account has no password in Albero, and a password sign-in is
 * refused with `sign-in-with-provider`). The account's way is its only way: the session dialog offers
 * only it, and the provider's sign-in refuses a `password` account (`password-account`).
 */
export const SIGN_IN_KINDS = ['password', 'provider'] as const;
export type SignInKind = (typeof SIGN_IN_KINDS)[number];

export const PLAN_EDITORS: readonly Role[] = ['admin', 'controller'];
export const VALUE_EDITORS: readonly Role[] = ['admin', 'controller', 'referente'];
export const ADMINS: readonly Role[] = ['admin'];
/** Those who work on the plan's values and read their evidence and comments (HR's `personale` is not among them). */
export const PLAN_STAFF: readonly Role[] = ['admin', 'controller', 'referente', 'oiv'];

/**
 * Who may be named Referente (the person responsible) of an objective or an indicator: an active
 * account whose role enters values (a referente, the controllo di gestione, an administrator); never
 * an OIV or HR, who enter none, nor an account switched off, whose values nobody would enter. The
 * one rule the plan's import (at the cell), the tree's and the bulk reassignment's saves (at the
 * field) and the people the screen's person fields offer (`/api/people`'s `assignable`) all follow,
 * so what the screen lets one choose is what an export of the plan imports back.
 */
export function mayBeAssigned(account: { readonly role: Role; readonly active: boolean }): boolean {
  return account.active && VALUE_EDITORS.includes(account.role);
}

/** The roles that may move a period from `from` to `to` (the state machine itself is the store's). */
export function transitionRoles(from: PeriodState, to: PeriodState): readonly Role[] {
  if (to === 'validated') return ['oiv'];
  // Reopening what the OIV validated voids the validation: the administrator's decision alone.
  if (from === 'validated') return ADMINS;
  return PLAN_EDITORS;
}

/** The account an assignment is checked against. */
export interface Assignee {
  readonly id: string;
  readonly username: string;
  readonly unitIds: readonly string[];
}

export interface Assignment {
  /** The indicator's own owner text (a username, from before the registry). */
  readonly indicatorOwner: string | null;
  /** Owner texts and unit names of the indicator's objective and every ancestor. */
  readonly objectiveOwners: readonly string[];
  readonly objectiveUnitNames: readonly string[];
  /** Unit ids and person (user) ids of the indicator, its objective and every ancestor. */
  readonly unitIds: readonly string[];
  readonly personIds: readonly string[];
}

/**
 * Assigned to the user: the person named on the indicator or an objective above it, a unit the
 * user is a member or the head of (by id), or (from before the registry) an owner text that is
 * the username.
 */
export function assignedTo(user: Assignee, a: Assignment): boolean {
  return a.personIds.includes(user.id) || a.unitIds.some((u) => user.unitIds.includes(u)) || a.indicatorOwner === user.username || a.objectiveOwners.includes(user.username);
}

export function mayEditValue(user: (Assignee & { readonly role: Role }) | null, a: Assignment): boolean {
  if (user === null) return false;
  if (user.role === 'admin' || user.role === 'controller') return true;
  return user.role === 'referente' && assignedTo(user, a);
}
