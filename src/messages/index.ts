/**
 * The product's one message catalogue: every issue and refusal a person may read, by stable code
 * and parameters, in Italian and English. The API renders it for `?lang` / `Accept-Language`
 * (default Italian), the web app in its own language, the CLI in the locale's (Italian when
 * `LC_ALL` / `LC_MESSAGES` / `LANG` say Italian), the reports in theirs.
 *
 * Areas keep their own module, merged here (a code defined twice fails on load):
 * - `core/messages/*` — the engine's and the importers' issues (core raises them, so they live there),
 *   and a plan comparison's changes (comparison.ts);
 * - `api.ts` — the API's and the store's refusals (`error.code`);
 * - add `<area>.ts` beside them (e.g. `revisions.ts`) exporting `defineMessages({...})`, and list
 *   it in `MESSAGES` below.
 *
 * Pure (no I/O): the web app imports it as it is.
 */
import { issueText, type Issue } from '../core/issues.js';
import { COMPARISON_MESSAGES, ISSUE_MESSAGES, mergeCatalogues, renderFrom, type Catalogue, type Language, type MessageParams, type ParamsOf } from '../core/messages/index.js';
import { API_MESSAGES } from './api.js';
import { APPRAISAL_API_MESSAGES } from './appraisal.js';
import { CAMPAIGN_MESSAGES } from './campaign.js';
import { CHANGE_MESSAGES } from './changes.js';
import { CLI_MESSAGES } from './cli.js';
import { EXPORT_MESSAGES } from './exports.js';
import { MAIL_FAILURE_MESSAGES } from './mail-failures.js';
import { REGISTRY_MESSAGES } from './registry.js';
import { REMINDER_MESSAGES } from './reminders.js';
import { REPORT_MESSAGES } from './report.js';
import { REVISION_MESSAGES } from './revisions.js';
import { START_MESSAGES } from './start.js';

export * from '../core/messages/catalogue.js';
export { LANGUAGE_WORDS, ROLE_WORDS } from './account-words.js';
export { ACTION_WORDS, recordedUnit, STATE_WORDS, type ConflictSubject, type DatabaseTrouble, type FieldProblem, type Missing, type StoredMeanwhile, type Upload } from './api.js';
export type { RegistryProblemParams, RegistryReason } from './registry.js';

export const MESSAGES = mergeCatalogues(
  ISSUE_MESSAGES,
  API_MESSAGES,
  REVISION_MESSAGES,
  CAMPAIGN_MESSAGES,
  REMINDER_MESSAGES,
  MAIL_FAILURE_MESSAGES,
  APPRAISAL_API_MESSAGES,
  EXPORT_MESSAGES,
  CLI_MESSAGES,
  REGISTRY_MESSAGES,
  CHANGE_MESSAGES,
  COMPARISON_MESSAGES,
  REPORT_MESSAGES,
  START_MESSAGES,
);
export type MessageCode = keyof typeof MESSAGES;
export type Params<K extends MessageCode> = ParamsOf<typeof MESSAGES, K>;

const ALL: Catalogue = MESSAGES;

/** Whether the catalogue has words for `code`. */
export function knows(code: string): boolean {
  return Object.hasOwn(ALL, code);
}

/**
 * The words of `code` with `params` in `language`; `fallback` (the sender's own words) when the
 * catalogue lacks the code, so nothing is ever swallowed.
 *
 * @example renderMessage('too-many-attempts', { retryAfter: 30 }, 'it') // 'troppi accessi non riusciti: riprovare tra 30 secondi'
 */
export function renderMessage(code: string, params: MessageParams | undefined, language: Language, fallback = code): string {
  return renderFrom(ALL, code, params, language) ?? fallback;
}

/** `code` and `params` said in English: the `message` an error or issue carries for logs and scripts. */
export function english<K extends MessageCode>(code: K, params: Params<K>): string {
  return renderFrom(ALL, code, params as MessageParams, 'en')!;
}

/** Anything carrying a code, its parameters and its sender's own words (an API error or issue). */
export interface Coded {
  readonly code: string;
  readonly message: string;
  readonly params?: MessageParams | null;
}

/** An error or issue in `language`: by its code and parameters when it has them, else its own words. */
export function renderCoded(coded: Coded, language: Language): string {
  if (coded.params === undefined || coded.params === null) return coded.message;
  return renderFrom(ALL, coded.code, coded.params, language) ?? coded.message;
}

/** An engine or import issue in `language`. */
export function renderIssue(issue: Issue, language: Language): string {
  return issue.params === undefined ? issue.message : (renderFrom(ALL, issue.code, issue.params, language) ?? issueText(issue, language));
}

/**
 * The language of a command-line session from its locale variables, as POSIX picks them
 * (`LC_ALL`, then `LC_MESSAGES`, then `LANG`): Italian for `it_IT.UTF-8`, `it`…, else English.
 */
export function localeLanguage(env: Readonly<Record<string, string | undefined>>): Language {
  const locale = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => v !== undefined && v !== '') ?? '';
  return /^it([_.@-]|$)/i.test(locale) ? 'it' : 'en';
}
