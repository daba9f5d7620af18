/** The engine's public face: a pure core, no I/O. */
export * from './decimal.js';
export * from './model.js';
export * from './issues.js';
export * from './legend.js';
export * from './scoring.js';
export * from './evaluation.js';
export { hashString } from './code-index.js';
export * from './comparison.js';
export * from './explanation.js';
export * from './verification.js';
export * from './settings.js';
export * from './italian.js';
export * from './amount-words.js';
export * from './bounds.js';
export * from './words.js';
export * from './messages/index.js';
export * from './next-year.js';
export * from './definition.js';
