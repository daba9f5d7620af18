/**
 * The contract between the server and its readers (the web app, the CLI's `--json`, scripts):
 * every JSON document and request body that crosses the wire, as a zod schema with its inferred
 * type. Pure: it imports zod and nothing else, so the web app imports its types as they are.
 */
export * from './defaults.js';
export * from './values.js';
export * from './evaluation.js';
export * from './tree.js';
export * from './bodies.js';
export * from './idempotency.js';
export * from './permissions.js';
export * from './baselines.js';
export * from './relazione.js';
export * from './plans.js';
export * from './users.js';
export * from './units.js';
export * from './audit.js';
export * from './changes.js';
export * from './campaign.js';
export * from './reminders.js';
export * from './meta.js';
export * from './oidc.js';
export * from './export-failures.js';
export * from './appraisal.js';
export * from './documents.js';
export * from './evidence-formats.js';
export * from './worklist-link.js';
