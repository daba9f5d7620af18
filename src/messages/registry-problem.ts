/**
 * A problem of a registry file (or of its rows against the registry) at its row and column, said
 * in English for logs and as code + params for the reader's language. Here, not in io/registry.ts,
 * because both the file reader (io) and the import's checks against the registry (store) make them,
 * and the store does not reach sideways into io.
 */
import { english, type MessageParams, type RegistryProblemParams } from './index.js';

export interface RegistryProblem {
  readonly row: number;
  readonly field: string;
  /** In English (logs, scripts); the API says `code` + `params` in the reader's language. */
  readonly message: string;
  /** `invalid-row` (src/messages/registry.ts), or the workbook reader's own issue code. */
  readonly code: string;
  readonly params?: MessageParams;
}

export function registryProblem(row: number, field: string, reason: RegistryProblemParams['reason'], extra: Omit<RegistryProblemParams, 'row' | 'field' | 'reason'> = {}): RegistryProblem {
  const params: RegistryProblemParams = { row, field, reason, ...extra };
  return { row, field, message: english('invalid-row', params), code: 'invalid-row', params: params as unknown as MessageParams };
}
