/**
 * A monitoring period's states as plain values, without zod: the store reads them (it loads no
 * schema library, and the command line loads none at start, test/cli-start.test.ts), and
 * contract/values.ts builds its schema on them, so the wire and the store name the same states.
 */
export const PERIOD_STATES = ['open', 'collecting', 'closed', 'validated'] as const;
export type PeriodState = (typeof PERIOD_STATES)[number];
