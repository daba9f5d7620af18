/** Individual performance: the SMVP as data, appraisal forms, the bonus fund. Pure, like the rest of core. */
export * from './smvp.js';
export * from './codec.js';
export * from './form.js';
export * from './distribution.js';
export * from './organisation.js';
export * from './workflow.js';
export * from './thresholds.js';
export * from './disclosure.js';
export * from './individual.js';
