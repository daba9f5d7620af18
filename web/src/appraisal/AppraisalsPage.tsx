/**
 * The forms the reader may see (the evaluator's list, the person's own, all for HR), HR's new
 * form, and HR's distribution of the fund with the anonymised aggregates to publish.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formPersonName } from '../../../src/messages/actor-words.js';
import { campaign } from '../campaign/campaign-api.js';
import { ApiError, api } from '../api/client.js';
import { keys, markStale } from '../api/queries.js';
import { useSettled } from '../api/settled.js';
import { useSession } from '../session.js';
import { YearInput } from '../ui/YearInput.js';
import { appraisalApi } from './api.js';
import { appraisalKeys, useAppraisalList, usePeople } from './queries.js';
import type { Distribution, FormSummary, StaffCategory } from '../../../src/contract/index.js';
import { euros, percent, plainNumber, useLang, useLanguageChange } from '../ui/format.js';
import { usePlanLang } from '../ui/PlanText.js';
import { requiredDecimal, swapNotation } from '../ui/parse.js';
import { FieldProblem, invalidIf } from '../ui/FieldProblem.js';
import { issuesByField } from '../ui/form-errors.js';
import { sentence } from '../ui/sentence.js';
import { unexpectedError } from '../ui/refusal.js';
import { DateInput, typedDateKept } from '../ui/DateInput.js';
import { useOpeningYear } from './opening-year.js';
import { StrandedRecords } from './StrandedRecords.js';
import { RefusalAlert } from './FormAlerts.js';
import { useInLanguage, useKept, type Kept } from '../ui/server-words.js';

const CATEGORIES: StaffCategory[] = ['dirigente', 'eq', 'personale'];
/** The new form's fields by the API's: the person, the evaluator, its one assignment (`assignments.0.partTime`) → the input's id. */
const NEW_FORM_FIELDS: Record<string, string> = {
  personId: 'new-person',
  evaluatorId: 'new-evaluator',
  'assignments.0.unitId': 'new-unit',
  'assignments.0.from': 'new-from',
  'assignments.0.to': 'new-to',
  'assignments.0.partTime': 'new-part-time',
};

export function useErrorText(): (e: unknown) => string {
  const words = useRefusalWords();
  return (e: unknown) => {
    const { text, list } = words(e);
    return list.length === 0 ? text : `${text} (${list.join('; ')})`;
  };
}

/**
 * A refusal in words: what it says (`text`) and each problem it lists (`list`: the server's issues,
 * every one of them), for a screen to show as a list under the words.
 */
export function useRefusalWords(): (e: unknown) => { text: string; list: string[] } {
  const { t } = useTranslation();
  // Every caller's refusal said in the screen's language (a read's too: the trail, the list); said twice it is the same.
  const inLanguage = useInLanguage();
  return (refused: unknown) => {
    const e = inLanguage(refused);
    if (!(e instanceof ApiError)) return { text: unexpectedError(e, t), list: [] };
    const said = sentence(e.message);
    // A refusal the server names (`params.appraisal`: the form is private, a part closed in this
    // state, a step that is not the reader's) is said with its reason, in the language the screen
    // asked in (`?lang=`): the catch-all "not at this stage" told an OIV opening a staff member's
    // form that the stage was wrong, when the form is never theirs to read.
    if (e.code === 'forbidden' && typeof e.body?.error.params?.appraisal === 'string') return { text: said, list: [] };
    // A form naming a plan that is not there is no clash of versions: the server says what happened and who mends it.
    if (e.code === 'conflict' && e.body?.error.params?.appraisal === 'form-plan-missing') return { text: said, list: [] };
    const known = t(`appraisal.errors.${e.code}`, { defaultValue: '' });
    return { text: known || t('appraisal.errors.generic', { message: e.message }), list: e.body?.error.issues?.map((i) => i.message) ?? [] };
  };
}

export function AppraisalsPage({ onOpen }: { onOpen: (id: string) => void }) {
  const { t } = useTranslation();
  const opening = useOpeningYear();
  if (opening === null) return <p role="status">{t('common.loading')}</p>;
  return <AppraisalsScreen onOpen={onOpen} openingYear={opening} />;
}

function AppraisalsScreen({ onOpen, openingYear }: { onOpen: (id: string) => void; openingYear: number }) {
  const { t, i18n } = useTranslation();
  const { user } = useSession();
  const lang = i18n.language === 'en' ? 'en' : 'it';
  // A band's label is the SMVP's, the body's Italian text (ui/PlanText).
  const planLang = usePlanLang();
  const hr = user?.role === 'admin' || user?.role === 'personale';
  const [year, setYear] = useState(openingYear);
  const list = useAppraisalList(year, lang);
  const forms: FormSummary[] | null = list.data ?? null;
  const errorText = useErrorText();
  const error = list.error === null ? null : errorText(list.error);
  // Settled: the year's list (or its refusal) in and nothing else being read (HR's records, people, plans).
  const ready = useSettled((list.data !== undefined || list.error !== null) && !list.isFetching, lang);

  return (
    <section aria-labelledby="appraisals-title" data-testid="appraisals-page" data-lang={lang} data-ready={ready}>
      <h1 id="appraisals-title">{t('appraisal.title')}</h1>
      <label className="d-inline-flex gap-2 align-items-center mb-3">
        {t('appraisal.list.year')}
        <YearInput value={year} onCommit={setYear} className="form-control form-control-sm" style={{ width: '7em' }} data-testid="appraisal-year" />
      </label>
      {error !== null && (
        <p className="alert alert-danger" role="alert">
          {error}
        </p>
      )}
      {hr && <StrandedRecords lang={lang} />}
      <h2 className="h4" id="appraisal-list-title">
        {t('appraisal.list.mine')}
      </h2>
      {forms === null ? (
        <p role="status">{t('common.loading')}</p>
      ) : forms.length === 0 ? (
        <p>{t('appraisal.list.empty')}</p>
      ) : (
        // Six columns do not fit a phone (the page scrolled 36 to 87 px sideways): they scroll in a region of their own, named by the list's heading and reached by Tab.
        <div className="table-responsive" role="region" aria-labelledby="appraisal-list-title" tabIndex={0} data-testid="appraisal-list-region">
          <table className="table table-sm" data-testid="appraisal-list">
            <thead>
              <tr>
                <th scope="col">{t('appraisal.list.person')}</th>
                <th scope="col">{t('appraisal.list.evaluator')}</th>
                <th scope="col">{t('appraisal.list.category')}</th>
                <th scope="col">{t('appraisal.list.state')}</th>
                <th scope="col" className="text-end">
                  {t('appraisal.list.score')}
                </th>
                <th scope="col">{t('appraisal.list.band')}</th>
              </tr>
            </thead>
            <tbody>
              {forms.map((f) => (
                <tr key={f.id}>
                  <th scope="row">
                    <a
                      href={`#/appraisals/${f.id}`}
                      onClick={(e) => {
                        e.preventDefault();
                        onOpen(f.id);
                      }}
                      aria-label={t('appraisal.list.open', { name: formPersonName(f.person, lang) })}
                    >
                      {formPersonName(f.person, lang)}
                    </a>
                  </th>
                  <td>{formPersonName(f.evaluator, lang)}</td>
                  <td>{f.categoryLabel}</td>
                  <td>{f.stateLabel}</td>
                  <td className="text-end">
                    {f.score === null ? '—' : percent(f.score, lang)}
                    {/* Before the evaluation the score may still move and has no band yet: said, not left to be read as final. */}
                    {f.score !== null && !f.frozen && <small className="d-block text-body-secondary">{t('appraisal.form.provisional')}</small>}
                    {/* A form naming a plan that is not there has no score: why, and who mends it, in the server's words. */}
                    {f.planMissing !== null && (
                      <small className="d-block text-start" data-testid="form-plan-missing">
                        {f.planMissing.message}
                      </small>
                    )}
                    {/* HR mends it from here: the form's screen offers the plans of its body and year. */}
                    {f.planMissing !== null && f.may.changePlan && (
                      <a
                        href={`#/appraisals/${f.id}`}
                        className="d-block text-start small"
                        data-testid="form-relink-open"
                        onClick={(e) => {
                          e.preventDefault();
                          onOpen(f.id);
                        }}
                        aria-label={t('appraisal.relink.fromList', { name: formPersonName(f.person, lang) })}
                      >
                        {t('appraisal.relink.fromListText')}
                      </a>
                    )}
                  </td>
                  <td lang={f.band === null ? undefined : planLang}>{f.band ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {hr && <NewForm year={year} onCreated={(id) => onOpen(id)} />}
      {hr && <Rewards year={year} />}
    </section>
  );
}

function NewForm({ year, onCreated }: { year: number; onCreated: (id: string) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const planLang = usePlanLang();
  const refusalWords = useRefusalWords();
  const client = useQueryClient();
  // A list that cannot be read leaves its select empty, as before the cache.
  const people = usePeople().data ?? [];
  const units = useQuery({ queryKey: keys.units, queryFn: campaign.units }).data ?? [];
  const plans = (useQuery({ queryKey: keys.plans, queryFn: api.plans }).data ?? []).filter((x) => x.year === year);
  const [person, setPerson] = useState('');
  const [evaluator, setEvaluator] = useState('');
  const [category, setCategory] = useState<StaffCategory>('personale');
  const [planId, setPlanId] = useState('');
  const [unit, setUnit] = useState('');
  const [from, setFrom] = useState(`${year}-01-01`);
  const [to, setTo] = useState(`${year}-12-31`);
  const [partTime, setPartTime] = useState('100');
  // What cannot be taken, by the field's id (`new-part-time`), said beside it: found here (kept by its
  // key, or a typed date's text), or the server's refusal, kept as its answer. Both said on each
  // render, so a change of language says them again in the new one.
  const [own, setOwn] = useState<Record<string, Kept>>({});
  const [refused, setRefused] = useState<{ error: unknown } | null>(null);
  const say = useKept();
  const said = useInLanguage();
  /**
   * Every refused field of the form (the evaluator, a part-time above 100, dates the wrong way round)
   * at its field; the problems of no field here listed above (`text`, `list`).
   */
  const placed = (err: unknown): { atFields: Record<string, string>; text: string | null; list: string[] } => {
    const atFields: Record<string, string> = {};
    const others: string[] = [];
    for (const [path, message] of Object.entries(err instanceof ApiError ? issuesByField(err.body) : {})) {
      const field = NEW_FORM_FIELDS[path];
      if (field !== undefined) atFields[field] ??= message;
      else others.push(message);
    }
    if (Object.keys(atFields).length === 0) return { atFields, ...refusalWords(err) };
    return { atFields, text: others.length > 0 ? t('appraisal.form.issues') : null, list: others };
  };
  const shown = refused === null ? null : placed(said(refused.error));
  const problems = shown?.atFields ?? Object.fromEntries(Object.entries(own).map(([id, kept]) => [id, say(kept, String)]));
  const error = shown?.text ?? null;
  const errorList = shown?.list ?? [];
  const problemAt = (id: string) => invalidIf(id, problems[id] ?? null);
  useLanguageChange(lang, () => setPartTime((text) => swapNotation(text)));
  const pickPerson = (id: string) => {
    setPerson(id);
    const p = people.find((x) => x.id === id);
    // The person's own unit in the registry, when they have one.
    if (p !== undefined && p.unitIds.length > 0) setUnit(p.unitIds[0]!);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setRefused(null);
    // Who is appraised and by whom are chosen, in the screen's words (not the browser's bubble);
    // the part-time read strictly in the screen's notation (`50,5` / `50.5`). Otherwise said at the field, nothing sent.
    const part = requiredDecimal(partTime, lang);
    const partValue = 'value' in part ? part.value : null;
    const found: Record<string, Kept> = {};
    if (person === '') found['new-person'] = { key: 'appraisal.create.personMissing' };
    if (evaluator === '') found['new-evaluator'] = { key: 'appraisal.create.evaluatorMissing' };
    if ('problem' in part && unit !== '') found['new-part-time'] = { key: part.problem };
    // A date of the assignment half typed (or none at all) reaches here as '': said as such, not sent as no date.
    for (const id of ['new-from', 'new-to']) {
      const typed = unit === '' ? null : typedDateKept(id);
      if (typed !== null) found[id] = typed;
    }
    setOwn(found);
    const first = Object.keys(found)[0];
    if (first !== undefined) {
      document.getElementById(first)?.focus();
      return;
    }
    try {
      const created = await appraisalApi.create({
        year,
        personId: person,
        evaluatorId: evaluator,
        category,
        planId: planId === '' ? null : planId,
        assignments: unit === '' ? [] : [{ unitId: unit, from, to, partTime: Number(partValue) }],
      });
      void markStale(client, { queryKey: appraisalKeys.lists });
      onCreated(created.id);
    } catch (err) {
      // Said at its fields, the first taking the focus, or above the form.
      setOwn({});
      setRefused({ error: err });
      const first = Object.keys(placed(err).atFields)[0];
      if (first !== undefined) document.getElementById(first)?.focus();
    }
  }

  return (
    // noValidate: the browser's own bubbles speak its language, not the screen's; the fields say it here.
    <form onSubmit={(e) => void submit(e)} className="border rounded p-3 my-4" aria-labelledby="new-form-title" data-testid="new-appraisal" noValidate>
      <h2 className="h4" id="new-form-title">
        {t('appraisal.create.title')}
      </h2>
      {error !== null && <RefusalAlert text={error} list={errorList} testId="new-appraisal-error" />}
      <div className="row g-2">
        <div className="col-md-4">
          <label htmlFor="new-person">{t('appraisal.create.person')}</label>
          <select id="new-person" className="form-select" value={person} onChange={(e) => pickPerson(e.target.value)} required data-testid="new-person" {...problemAt('new-person')}>
            <option value="">{t('appraisal.create.none')}</option>
            {/* The reader's own account is not offered: a form of one's own is made by another of HR (403 own-form). */}
            {people
              .filter((p) => !p.own)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.displayName} ({p.username})
                </option>
              ))}
          </select>
          <FieldProblem id="new-person" message={problems['new-person'] ?? null} />
        </div>
        <div className="col-md-4">
          <label htmlFor="new-evaluator">{t('appraisal.create.evaluator')}</label>
          <select id="new-evaluator" className="form-select" value={evaluator} onChange={(e) => setEvaluator(e.target.value)} required data-testid="new-evaluator" {...problemAt('new-evaluator')}>
            <option value="">{t('appraisal.create.none')}</option>
            {people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.displayName} ({p.username})
              </option>
            ))}
          </select>
          <FieldProblem id="new-evaluator" message={problems['new-evaluator'] ?? null} />
        </div>
        <label className="col-md-4">
          {t('appraisal.create.category')}
          <select className="form-select" value={category} onChange={(e) => setCategory(e.target.value as StaffCategory)} data-testid="new-category">
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`appraisal.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="col-md-4">
          {t('appraisal.create.plan')}
          <select className="form-select" value={planId} onChange={(e) => setPlanId(e.target.value)} data-testid="new-plan">
            <option value="">{t('appraisal.create.none')}</option>
            {plans.map((p) => (
              <option key={p.id} value={p.id} lang={planLang}>
                {p.title}
              </option>
            ))}
          </select>
        </label>
        <div className="col-md-3">
          <label htmlFor="new-unit">{t('appraisal.create.unit')}</label>
          <select id="new-unit" className="form-select" value={unit} onChange={(e) => setUnit(e.target.value)} data-testid="new-unit" {...problemAt('new-unit')}>
            <option value="">{t('appraisal.create.none')}</option>
            {units.map((u) => (
              <option key={u.id} value={u.id} lang={planLang}>
                {u.name} ({u.code})
              </option>
            ))}
          </select>
          <FieldProblem id="new-unit" message={problems['new-unit'] ?? null} />
        </div>
        <div className="col-md-2">
          <label htmlFor="new-from">{t('appraisal.create.from')}</label>
          <DateInput id="new-from" className="form-control" value={from} onChange={setFrom} data-testid="new-from" {...problemAt('new-from')} />
          <FieldProblem id="new-from" message={problems['new-from'] ?? null} />
        </div>
        <div className="col-md-2">
          <label htmlFor="new-to">{t('appraisal.create.to')}</label>
          <DateInput id="new-to" className="form-control" value={to} onChange={setTo} data-testid="new-to" {...problemAt('new-to')} />
          <FieldProblem id="new-to" message={problems['new-to'] ?? null} />
        </div>
        <div className="col-md-1">
          <label htmlFor="new-part-time">{t('appraisal.create.partTime')}</label>
          <input
            id="new-part-time"
            type="text"
            className="form-control"
            inputMode="decimal"
            value={partTime}
            onChange={(e) => setPartTime(e.target.value)}
            data-testid="new-part-time"
            {...problemAt('new-part-time')}
          />
          <FieldProblem id="new-part-time" message={problems['new-part-time'] ?? null} />
        </div>
      </div>
      <button type="submit" className="btn btn-primary mt-3" data-testid="new-submit">
        {t('appraisal.create.submit')}
      </button>
    </form>
  );
}

function Rewards({ year }: { year: number }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'it';
  const planLang = usePlanLang();
  const errorText = useErrorText();
  const [category, setCategory] = useState<StaffCategory>('personale');
  const [fund, setFund] = useState('');
  // The fund's problem and the refusal kept as what they are (a key, the server's answer), said on each render: again after a change of language.
  const [fundKept, setFundProblem] = useState<Kept | null>(null);
  const [result, setResult] = useState<Distribution | null>(null);
  const [refused, setError] = useState<Kept | null>(null);
  const say = useKept();
  const fundProblem = fundKept === null ? null : say(fundKept, (e) => (e instanceof ApiError ? (issuesByField(e.body).fund ?? errorText(e)) : errorText(e)));
  const error = refused === null ? null : say(refused, errorText);
  useLanguageChange(lang, () => setFund((text) => swapNotation(text)));
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    setResult(null);
    // Read strictly in the screen's notation (`1.234,57` / `1,234.57`, a leading € allowed); sent as a plain decimal.
    const read = requiredDecimal(fund.trim().replace(/^€\s*/, ''), lang);
    // Euros and cents, no sign: "12,345" is a slip, and sent as 12.345 the server would read the Italian thousands (12.345,00 €).
    const problem: Kept | null = 'problem' in read ? { key: read.problem } : !/^\d+(\.\d{1,2})?$/.test(read.value) ? { key: 'appraisal.rewards.fundCents' } : null;
    setFundProblem(problem);
    const focusFund = () => document.getElementById('reward-fund')?.focus();
    if (problem !== null || 'problem' in read) {
      focusFund();
      return;
    }
    try {
      setResult(await appraisalApi.distribute(year, category, read.value));
    } catch (err) {
      // The server's refusal of the fund is said at the field, which takes the focus; the rest (no SMVP, forms not final) above.
      const atFund = err instanceof ApiError ? issuesByField(err.body).fund : undefined;
      if (atFund !== undefined) {
        setFundProblem({ error: err });
        focusFund();
      } else setError({ error: err });
    }
  }
  const total = result === null ? 0n : result.people.reduce((s, p) => s + BigInt(p.cents), 0n);
  return (
    <section className="border rounded p-3 my-4" aria-labelledby="rewards-title" data-testid="rewards">
      <h2 className="h4" id="rewards-title">
        {t('appraisal.rewards.title')}
      </h2>
      {/* noValidate: an empty fund is said at the field in the screen's words, not by the browser's bubble. */}
      <form onSubmit={(e) => void submit(e)} className="d-flex flex-wrap gap-3 align-items-end" noValidate>
        <label>
          {t('appraisal.rewards.category')}
          <select className="form-select" value={category} onChange={(e) => setCategory(e.target.value as StaffCategory)} data-testid="reward-category">
            {CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`appraisal.category.${c}`)}
              </option>
            ))}
          </select>
        </label>
        <div>
          <label htmlFor="reward-fund">{t('appraisal.rewards.fund')}</label>
          <input
            id="reward-fund"
            type="text"
            className="form-control"
            inputMode="decimal"
            value={fund}
            onChange={(e) => setFund(e.target.value)}
            required
            data-testid="reward-fund"
            {...invalidIf('reward-fund', fundProblem)}
          />
          <FieldProblem id="reward-fund" message={fundProblem} />
        </div>
        <button type="submit" className="btn btn-primary" data-testid="reward-distribute">
          {t('appraisal.rewards.distribute')}
        </button>
        <a href={appraisalApi.aggregatesUrl(year, 'xlsx', lang)}>{t('appraisal.rewards.aggregates')}</a>
        <a href={appraisalApi.aggregatesUrl(year, 'csv', lang)}>{t('appraisal.rewards.opendata')}</a>
      </form>
      {error !== null && (
        <p className="alert alert-danger mt-2" role="alert" data-testid="reward-error">
          {error}
        </p>
      )}
      {result !== null && (
        <>
          <table className="table table-sm mt-3" data-testid="reward-table">
            <caption>{result.rule[lang]}</caption>
            <thead>
              <tr>
                <th scope="col">{t('appraisal.rewards.person')}</th>
                <th scope="col">{t('appraisal.rewards.band')}</th>
                <th scope="col" className="text-end">
                  {t('appraisal.rewards.coefficient')}
                </th>
                <th scope="col" className="text-end">
                  {t('appraisal.rewards.days')}
                </th>
                <th scope="col" className="text-end">
                  {t('appraisal.rewards.amount')}
                </th>
              </tr>
            </thead>
            <tbody>
              {result.people.map((p) => (
                <tr key={p.formId}>
                  <th scope="row">{formPersonName(p, lang)}</th>
                  <td lang={p.band === null ? undefined : planLang}>{p.band ?? '—'}</td>
                  <td className="text-end">{plainNumber(p.coefficient, lang)}%</td>
                  <td className="text-end">{plainNumber(p.presenceDays, lang)}</td>
                  <td className="text-end">
                    {euros(p.cents, lang)}
                    {p.extraCent && <span className="visually-hidden"> {t('appraisal.rewards.extra')}</span>}
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  {t('appraisal.rewards.total')}
                </th>
                <td className="text-end" data-testid="reward-total">
                  {euros(total.toString(), lang)}
                </td>
              </tr>
            </tfoot>
          </table>
        </>
      )}
    </section>
  );
}
