/**
 * The Relazione's states as plain values, without zod: the command line's `albero relazione` and
 * io/relazione read them, and the command line loads no schema library at start
 * (test/cli-start.test.ts). contract/relazione.ts builds its schemas on them.
 */
export const RELAZIONE_STATES = ['draft', 'transmitted', 'validated', 'validated_with_reservations', 'not_validated'] as const;
export type RelazioneState = (typeof RELAZIONE_STATES)[number];

/** The OIV's decisions: the states a transmitted Relazione may reach. */
export const RELAZIONE_DECISIONS: readonly RelazioneState[] = ['validated', 'validated_with_reservations', 'not_validated'];
