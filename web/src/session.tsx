import { createContext, useContext } from 'react';
import type { Role, User } from './api/types.js';

export interface SessionState {
  user: User | null;
  setUser: (user: User | null) => void;
}

export const SessionContext = createContext<SessionState>({ user: null, setUser: () => undefined });

export function useSession(): SessionState {
  return useContext(SessionContext);
}

/** What a role may do, as the UI shows it; the server decides in the end and answers 403 otherwise. */
export const can = {
  managePlans: (role: Role | undefined) => role === 'admin' || role === 'controller',
  closePeriods: (role: Role | undefined) => role === 'admin' || role === 'controller',
  validatePeriods: (role: Role | undefined) => role === 'oiv',
  simulate: (role: Role | undefined) => role !== undefined,
};
