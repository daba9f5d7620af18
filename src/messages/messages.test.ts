import { describe, expect, it } from 'vitest';
import { formatIssueIn, problem } from '../core/index.js';
import { computedAtText } from '../io/report/meta.js';
import {
  defineMessages,
  knows,
  localeLanguage,
  mergeCatalogues,
  message,
  MESSAGES,
  renderCoded,
  renderFrom,
  renderIssue,
  renderMessage,
  type Catalogue,
  type DatabaseTrouble,
  type MessageParams,
  type Missing,
  type Params,
  type ParamValue,
  type Upload,
} from './index.js';
import type { FileReason } from '../core/messages/index.js';
import type { InvalidReason } from './api.js';
import type { RegistryReason } from './registry.js';
import { API_MESSAGES } from './api.js';
import { APPRAISAL_API_MESSAGES, APPRAISAL_FORBIDDEN, APPRAISAL_REFUSALS } from './appraisal.js';
import { CAMPAIGN_MESSAGES } from './campaign.js';
import { CLI_MESSAGES } from './cli.js';
import { EXPORT_MESSAGES } from './exports.js';
import { REGISTRY_MESSAGES } from './registry.js';
import { RELAZIONE_REFUSALS } from './relazione.js';
import { REVISION_MESSAGES } from './revisions.js';
import { momentDayText } from '../core/messages/index.js';
import { changeWords } from './changes.js';
import { previousYearPlanText, previousYearSourceText, previousYearStructureText } from './relazione.js';

/**
 * The catalogues of refusals: what the API, the store and the command line answer a request or a
 * command they refuse. Their words are clauses (a place, a field or a file name goes before them:
 * `Albero!E37: …`, `evaluatorId: …`); a screen showing one alone makes it a sentence (web/src/ui/sentence.ts).
 */
const REFUSALS: Record<string, Catalogue> = {
  API_MESSAGES,
  APPRAISAL_API_MESSAGES,
  APPRAISAL_FORBIDDEN,
  APPRAISAL_REFUSALS,
  CAMPAIGN_MESSAGES,
  CLI_MESSAGES,
  EXPORT_MESSAGES,
  REGISTRY_MESSAGES,
  RELAZIONE_REFUSALS,
  REVISION_MESSAGES,
};

/** Words in those catalogues that are no refusal, or must read otherwise, and why. */
const NOT_REFUSALS: Record<string, string> = {
  'oidc-renewal-signed-in': "the renewal window's page, said as sentences to read alone",
  'oidc-renewal-problem': "the renewal window's page, said as sentences to read alone",
  'form-plan-deleted': "a notice on an appraisal form's screen, said as a sentence there",
  'objective-reason-missing': 'ends with the abbreviation N.V. / N.E., not with a full stop',
  'cli-excess-arguments': "commander's own English words, kept (program.ts reads them back)",
  'cli-choices': "commander's own English words, kept (program.ts reads them back)",
  'cli-about-program': "the program's description in --help, which begins with its name",
  'cli-legend-rule': "a line of evaluate's legend, in Italian the plan's own words",
};

/**
 * A parameter standing for any: text (`x`), a number (2), a moment, a list of one text; so every
 * code is said without a sample of its own. Only where that cannot say it, a real one (SAMPLE_PARAMS).
 */
const ANY: MessageParams = new Proxy(function () {}, {
  get(_target, key): unknown {
    if (key === Symbol.toPrimitive) return (hint: string) => (hint === 'number' ? 2 : hint === 'default' ? '2026-01-01T10:00:00Z' : 'x');
    if (key === Symbol.iterator)
      return function* () {
        yield 'x';
      };
    if (key === 'length') return 2;
    if (key === 'then') return undefined;
    return ANY;
  },
  apply: () => ANY,
}) as unknown as MessageParams;
/** Any parameter but `fixed`'s, which are these (a value that picks the words, a date). */
const anyBut = (fixed: Record<string, ParamValue | undefined>): MessageParams =>
  new Proxy(fixed, {
    get: (target, key) => (typeof key === 'string' && Object.hasOwn(target, key) ? target[key] : Reflect.get(ANY, key)),
    has: (target, key) => typeof key === 'string' && target[key] !== undefined,
  }) as MessageParams;
/** One sample for each value of `key` (all of them: the record's type wants each). */
const each = <T extends string>(key: string, values: Record<T, true>, fixed: Record<string, ParamValue | undefined> = {}): MessageParams[] =>
  Object.keys(values).map((value) => anyBut({ ...fixed, [key]: value }));
const FILE_REASONS: Record<FileReason, true> = {
  missing: true,
  folder: true,
  'not-folder': true,
  denied: true,
  exists: true,
  full: true,
  'read-only': true,
  busy: true,
  'too-many-open': true,
  'name-too-long': true,
  'too-large': true,
  loop: true,
  device: true,
  unopenable: true,
  other: true,
};
const INVALID_REASONS: Record<InvalidReason, true> = {
  email: true,
  'code-twice': true,
  'empty-label': true,
  date: true,
  'date-year': true,
  'date-twice': true,
  'no-periods': true,
  'deadline-year': true,
  'deadline-before-end': true,
  'unit-code': true,
  'unit-name': true,
  'unit-kind': true,
  'own-parent': true,
  'unknown-parent': true,
  'parent-circle': true,
  'unknown-head': true,
  'unknown-member': true,
  'no-assignee': true,
  'unknown-unit': true,
  'unknown-person': true,
  'person-cannot-enter': true,
  'next-year': true,
  'last-admin': true,
  'return-note': true,
  'answer-note': true,
  'nothing-to-review': true,
  'no-open-request': true,
  'approved-already': true,
  'registry-rows': true,
  'registry-circle': true,
  'empty-comment': true,
  'comment-too-long': true,
  'email-language': true,
  'variance-cause': true,
  'variance-explanation': true,
  'forecast-reachable': true,
  'forecast-year-end': true,
  'reopen-reason': true,
  'recorded-unit': true,
  'formula-unit': true,
};
const DAYS = { date: '2025-03-31', adopted: '2025-01-20', previousDate: '2025-02-10', first: '2024-10-01', last: '2025-12-31' };
/** Where a value picks the words (a reason, a situation) or must be a day, every value of it. */
const SAMPLE_PARAMS: Record<string, readonly MessageParams[]> = {
  'not-found': each<Missing>(
    'what',
    {
      plan: true,
      objective: true,
      indicator: true,
      period: true,
      periods: true,
      user: true,
      unit: true,
      route: true,
      closing: true,
      'unpublished-period': true,
      'published-period': true,
      'published-plan': true,
      'published-file': true,
      revision: true,
      attachment: true,
    },
    { appraisal: undefined, relazione: undefined },
  ),
  forbidden: [
    anyBut({ appraisal: undefined, relazione: undefined, objective: undefined, indicator: undefined, to: undefined, role: 'oiv', action: 'edit the tree' }),
    anyBut({ appraisal: undefined, relazione: undefined, objective: 'A.1' }),
    anyBut({ appraisal: undefined, relazione: undefined, objective: undefined, indicator: 'A.1:1' }),
  ],
  'database-unavailable': each<DatabaseTrouble>('reason', { busy: true, unreachable: true, full: true, damaged: true, 'read-only': true, unusable: true }),
  duplicate: each<Exclude<Params<'duplicate'>, { appraisal: string }>['what']>(
    'what',
    { objective: true, period: true, username: true, email: true, 'unit-code': true, 'unit-name': true, 'plan-year': true },
    { appraisal: undefined },
  ),
  invalid: each<InvalidReason>('reason', INVALID_REASONS, { relazione: undefined, values: ['a', 'b'], date: '2025-03-31', end: '2025-06-30' }),
  'unsupported-media-type': [anyBut({ expected: 'json' }), ...each<Upload>('what', { plan: true, registry: true, smvp: true, evidence: true }, { expected: 'multipart' })],
  'missing-file': each<Exclude<Upload, 'evidence'>>('what', { plan: true, registry: true, smvp: true }),
  'one-file': each<Exclude<Upload, 'evidence'>>('what', { plan: true, registry: true, smvp: true }),
  'objective-target-year': [anyBut({ date: '2025-03-31' })],
  'objective-value': [anyBut({ expected: 'number-text', value: 'abc' }), anyBut({ expected: 'date' })],
  'form-incomplete': each<Params<'form-incomplete'>['situation']>('situation', { acknowledge: true, 'no-objectives': true, evaluate: true, revised: true }),
  'form-plan-evaluated': [{ state: 'evaluated' }],
  'cli-file-problem': each<FileReason>('reason', FILE_REASONS, { detail: 'EIO' }),
  'cli-stdout-problem': each<FileReason>('reason', FILE_REASONS, { detail: 'EIO' }),
  'cli-cannot-write': each<FileReason>('reason', FILE_REASONS, { detail: 'EIO' }),
  'cli-texts-unreadable': [...each<FileReason>('reason', FILE_REASONS, { detail: 'EIO' }), anyBut({ reason: undefined, line: 3, column: 7 })],
  'cli-verify-band-difference': [anyBut({ stated: 'green', computed: null })],
  'cli-import-summary': each<Params<'cli-import-summary'>['outcome']>('outcome', { refused: true, 'dry-run': true, 'no-output': true, written: true }),
  'invalid-row': each<RegistryReason>('reason', {
    'missing-column': true,
    'no-rows': true,
    'no-sheet': true,
    empty: true,
    'bad-code': true,
    'code-twice': true,
    'name-twice': true,
    'name-taken': true,
    'unknown-parent': true,
    'unknown-user': true,
    circle: true,
  }),
  'invalid-act': each<Params<'invalid-act'>['field']>('field', { kind: true, number: true, date: true }),
  'revision-before-adoption': each<Params<'revision-before-adoption'>['what']>('what', { revision: true, act: true }, DAYS),
  'revision-before-previous': [anyBut(DAYS)],
  'date-outside-plan': each<Params<'date-outside-plan'>['what']>('what', { adoption: true, revision: true, approval: true }, DAYS),
  'adoption-state': each<Params<'adoption-state'>['situation']>('situation', { 'adopted-already': true, 'archived-already': true, 'not-archived': true }),
  'revision-state': each<Params<'revision-state'>['situation']>('situation', {
    approved: true,
    discarded: true,
    empty: true,
    'cancelled-out': true,
    'has-changes': true,
    'act-kept': true,
  }),
};

describe('the message catalogue', () => {
  it('says every code in both languages, the same way (both words or both functions)', () => {
    for (const [code, m] of Object.entries(MESSAGES)) {
      expect(typeof m.it, code).toBe(typeof m.en);
      if (typeof m.it === 'string') {
        expect(m.it, code).not.toBe('');
        expect(m.en, code).not.toBe('');
      }
    }
  });

  it("dates a campaign's message as the documents date their tables, in Italian time (one formatter: computedAtText)", () => {
    const attached = (at: string, l: 'it' | 'en') => renderMessage('evidence-already-attached', { name: 'b.pdf', existing: 'a.pdf', by: 'referente', at }, l);
    // 22:21 UTC in winter is 23:21 in Rome; 10:05 UTC in summer is 12:05: the words read as before the formatter was shared.
    expect(attached('2026-12-04T22:21:00Z', 'it')).toBe(
      'il file «b.pdf» è già allegato a questo valore come «a.pdf» (stesso contenuto, caricato da referente il 04/12/2026 23:21): non è stato salvato una seconda volta',
    );
    expect(attached('2026-07-01T10:05:00Z', 'en')).toBe(
      'the file “b.pdf” is already attached to this value as “a.pdf” (same content, uploaded by referente on 01/07/2026 12:05): it was not stored a second time',
    );
    for (const l of ['it', 'en'] as const) expect(attached('2026-12-04T22:21:00Z', l)).toContain(computedAtText(new Date('2026-12-04T22:21:00Z'), l));
  });

  it("says a moment's day by Rome's calendar, not UTC's, in both languages (one formatter: momentDayText)", () => {
    expect(momentDayText('2025-12-31T23:30:00.000Z')).toBe('01/01/2026');
    expect(momentDayText('2025-12-31T22:59:59.000Z')).toBe('31/12/2025');
    expect(momentDayText('2025-06-30T22:30:00.000Z')).toBe('01/07/2025');
    // A text that is no moment stays as it is, rather than "Invalid Date".
    expect(momentDayText('not a date')).toBe('not a date');
    const late = '2025-12-31T23:30:00.000Z';
    expect(changeWords('revision-after-validation', { status: 'approved', validatedAt: late }, 'it')).toContain('dopo la validazione della Relazione del 01/01/2026');
    expect(changeWords('revision-open-after-validation', { year: 2025, validatedAt: late, reservations: false }, 'en')).toContain('Relazione on 01/01/2026');
    expect(previousYearSourceText(2025, { kind: 'validated', at: late, reservations: true }, 'it')).toBe(
      "Dati dell'anno precedente: valori validati dall'OIV (la Relazione 2025 validata con riserve il 01/01/2026).",
    );
  });

  it("says which plan last year's figures are of, when found by body and year, and what the comparison could not match, in both languages", () => {
    const plan = { id: 'p', title: 'Piano 2024', found: 'body' as const, candidates: 1, objectives: [] };
    expect(previousYearPlanText(2024, plan, 'it')).toBe(
      "Il piano dell'anno precedente è «Piano 2024», dello stesso ente e del 2024 (questo piano non è stato creato da esso con «anno successivo»: gli obiettivi sono confrontati per codice).",
    );
    expect(previousYearPlanText(2024, { ...plan, candidates: 3 }, 'en')).toBe(
      "The previous year's plan is “Piano 2024”, the same body's plan of 2024 (this plan was not made from it with next year: objectives are compared by code; chosen among the body's 3 plans of 2024: first the one whose Relazione the OIV validated, then adopted, then published, then not archived, then the latest).",
    );
    // By next-year: the source alone, as before.
    const source = { kind: 'reported' as const, relazione: null };
    expect(previousYearSourceText(2024, source, 'it', { ...plan, found: 'lineage' })).toBe(previousYearSourceText(2024, source, 'it'));
    expect(previousYearSourceText(2024, source, 'it', plan)).toContain('«Piano 2024»');
    const a10 = [{ code: 'A.10', title: 'Imprenditoria femminile' }];
    expect(previousYearStructureText(2024, a10, [], 'it')).toBe(
      "La struttura del piano è cambiata rispetto al 2024, e questi obiettivi non sono confrontati: di quest'anno, senza un obiettivo con lo stesso codice nel 2024, A.10 Imprenditoria femminile.",
    );
    expect(previousYearStructureText(undefined, [], a10, 'en')).toBe(
      "The plan's structure changed since the previous year, and these objectives are not compared: the previous year's, with no objective of the same code this year, A.10 Imprenditoria femminile.",
    );
    expect(previousYearStructureText(2024, [], [], 'it')).toBeNull();
  });

  it('renders a code with its parameters in Italian and English', () => {
    expect(renderMessage('too-many-attempts', { retryAfter: 30 }, 'it')).toBe('troppi accessi non riusciti: riprovare tra 30 secondi');
    expect(renderMessage('too-many-attempts', { retryAfter: 30 }, 'en')).toBe('too many failed sign-ins: try again in 30 seconds');
    expect(renderMessage('period-locked', { label: '30/09/2024', state: 'closed' }, 'it')).toMatch(/^il periodo 30\/09\/2024 è chiuso: /);
    expect(renderMessage('forbidden', { role: 'oiv', action: 'edit the tree' }, 'it')).toBe("il tuo ruolo (OIV) non può modificare l'albero");
    expect(renderMessage('forbidden', { role: 'oiv', action: 'do something new' }, 'it')).toBe('il tuo ruolo (OIV) non può fare questa operazione');
  });

  it('says every refusal as not-found says one: a small first letter, no full stop', () => {
    const said: [string, string][] = [];
    for (const l of ['it', 'en'] as const) {
      said.push(['not-found', renderMessage('not-found', { what: 'attachment', id: 'a1' }, l)]);
      for (const [catalogue, codes] of Object.entries(REFUSALS)) {
        for (const code of Object.keys(codes)) {
          if (Object.hasOwn(NOT_REFUSALS, code)) continue;
          for (const params of SAMPLE_PARAMS[code] ?? [ANY]) said.push([`${catalogue} ${code}`, String(renderFrom(codes, code, params, l) ?? '')]);
        }
      }
    }
    expect(said.length).toBeGreaterThan(250);
    for (const [code, words] of said) {
      expect(words, code).not.toBe('');
      expect(words, code).not.toMatch(/undefined/);
      // The first letter small (a code, a «name» or an --option may come first), no full stop at the end.
      expect(words.charAt(0), code).toBe(words.charAt(0).toLocaleLowerCase());
      expect(words, code).not.toMatch(/\.$/);
    }
    for (const code of Object.keys(NOT_REFUSALS)) expect(knows(code), code).toBe(true);
    // Every «not found» is among them.
    const refusals = new Set(Object.values(REFUSALS).flatMap((codes) => Object.keys(codes)));
    for (const code of Object.keys(MESSAGES).filter((c) => c.endsWith('-not-found'))) expect(refusals.has(code), code).toBe(true);
    // The attachment's own code says it in the very words of not-found's.
    for (const l of ['it', 'en'] as const) expect(renderMessage('attachment-not-found', { id: 'a1' }, l)).toBe(renderMessage('not-found', { what: 'attachment', id: 'a1' }, l));
  });

  it('says one form still pending in the singular', () => {
    expect(renderMessage('forms-not-final', { pending: 1, total: 3 }, 'it')).toBe('1 scheda su 3 di questa categoria non è ancora definitiva: il fondo si distribuisce quando lo sono tutte');
    expect(renderMessage('forms-not-final', { pending: 2, total: 3 }, 'it')).toBe('2 schede su 3 di questa categoria non sono ancora definitive: il fondo si distribuisce quando lo sono tutte');
    expect(renderMessage('forms-not-final', { pending: 1, total: 3 }, 'en')).toBe('1 of 3 forms of this category is not final yet: the fund is distributed once they all are');
    expect(renderMessage('forms-not-final', { pending: 2, total: 3 }, 'en')).toBe('2 of 3 forms of this category are not final yet: the fund is distributed once they all are');
  });

  it('says a file’s problem from its reason, in the reader’s language', () => {
    expect(renderMessage('cli-texts-unreadable', { file: 'testi.json', reason: 'missing' }, 'it')).toBe('testi.json: il file non esiste');
    expect(renderMessage('cli-texts-unreadable', { file: 'testi.json', reason: 'missing' }, 'en')).toBe('testi.json: no such file');
    expect(renderMessage('cli-texts-unreadable', { file: 'testi.json', reason: 'other', detail: 'EIO' }, 'en')).toBe('testi.json: cannot be read (EIO)');
    expect(renderMessage('cli-texts-unreadable', { file: 'testi.json', line: 3, column: 7 }, 'it')).toBe('testi.json:3 colonna 7: non è JSON valido');
  });

  it('keeps the sender’s own words for a code it does not know, or one raised without parameters', () => {
    expect(renderMessage('no-such-code', {}, 'it', 'the sender’s words')).toBe('the sender’s words');
    expect(renderCoded({ code: 'conflict', message: 'hand-written', params: null }, 'it')).toBe('hand-written');
    expect(renderCoded({ code: 'invalid-credentials', message: 'wrong username or password', params: {} }, 'it')).toBe('nome utente o password errati');
  });

  it('says an engine or import issue in either language, with its place', () => {
    const i = problem('error', 'unknown-comparator', { comparator: '>>' }, { file: 'piano.txt', line: 12 });
    expect(i.message).toBe('unknown comparator “>>”; use >=, <= or =');
    expect(renderIssue(i, 'it')).toBe('comparatore sconosciuto «>>»: usare >=, <= o =');
    expect(formatIssueIn(i, 'it')).toBe('piano.txt:12: errore: comparatore sconosciuto «>>»: usare >=, <= o = [unknown-comparator]');
    expect(formatIssueIn({ ...i, location: { line: 3, column: 'Peso' } }, 'it')).toMatch(/^riga 3 colonna Peso: errore: /);
  });

  it('merges the areas’ modules, refusing a code defined twice', () => {
    const a = defineMessages({ x: message({ it: 'x', en: 'x' }) });
    const b = defineMessages({ x: message({ it: 'y', en: 'y' }) });
    expect(() => mergeCatalogues(a, b)).toThrow(/x is defined twice/);
    expect(Object.keys(mergeCatalogues(a, defineMessages({ y: message({ it: 'y', en: 'y' }) })))).toEqual(['x', 'y']);
  });

  it('picks the CLI language from the locale, as POSIX does', () => {
    expect(localeLanguage({ LANG: 'it_IT.UTF-8' })).toBe('it');
    expect(localeLanguage({ LANG: 'it' })).toBe('it');
    expect(localeLanguage({ LC_ALL: 'en_US.UTF-8', LANG: 'it_IT.UTF-8' })).toBe('en');
    expect(localeLanguage({ LC_MESSAGES: 'it_CH', LANG: 'C' })).toBe('it');
    expect(localeLanguage({ LANG: 'C.UTF-8' })).toBe('en');
    expect(localeLanguage({ LANG: 'italic' })).toBe('en');
    expect(localeLanguage({})).toBe('en');
  });
});
