import { createContext, useContext } from 'react';
import { PLAN_EDITORS, transitionRoles } from '../../src/contract/permissions.js';
import type { PeriodState, Role, User } from './api/types.js';

export interface SessionState {
  user: User | null;
  setUser: (user: User | null) => void;
}

export const SessionContext = createContext<SessionState>({ user: null, setUser: () => undefined });

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/**
 * What a role may do, as the UI shows it: the server's own rules (`src/contract/permissions.ts`);
 * the server decides in the end and answers 403 otherwise.
 */
export const can = {
  managePlans: (role: Role | undefined) => role !== undefined && PLAN_EDITORS.includes(role),
  closePeriods: (role: Role | undefined) => role !== undefined && transitionRoles('collecting', 'closed').includes(role),
  validatePeriods: (role: Role | undefined) => role !== undefined && transitionRoles('closed', 'validated').includes(role),
  /** Reopen a period in `state`: a validated one is the administrator's alone (the validation is void). */
  reopenPeriod: (role: Role | undefined, state: PeriodState) => role !== undefined && transitionRoles(state, 'collecting').includes(role),
  simulate: (role: Role | undefined) => role !== undefined,
};
