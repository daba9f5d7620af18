/**
 * "Confronta / Modifiche": what changed in this plan's period since an earlier version of it (the
 * period as last closed, another period, another plan), grouped as `albero diff` prints it. The
 * OIV and the controllo di gestione read it before validating; the Piano group is what the
 * Relazione must disclose.
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { api, ApiError } from '../api/client.js';
import { keys } from '../api/queries.js';
import type { Change, ChangesResponse, Period, PlanSummary } from '../api/types.js';
import { groupChanges, kindKey, sideText } from './changes.js';
import type { ChangeSide } from '../../../src/core/messages/comparison.js';
import { useChanges, type ChangesParams } from './queries.js';
import { momentText, useLang } from '../ui/format.js';
import { actorName } from '../ui/people.js';
import { usePlanLang, WithPlanText } from '../ui/PlanText.js';
import { useReadError } from '../ui/server-words.js';

type Against = 'closing' | 'period' | 'plan';

type Result = { status: 'idle' } | { status: 'loading' } | { status: 'never-closed' } | { status: 'failed'; message: string } | { status: 'done'; doc: ChangesResponse };

interface Props {
  planId: PlanSummary['id'];
  periodId: string | null;
  periods: readonly Period[];
  /** Selects the objective in the tree (its detail opens). */
  onSelectObjective: (code: string) => void;
  /** Whether the tree shown has that objective (a removed one has nothing to select). */
  inTree: (code: string) => boolean;
}

export function ChangesPanel({ planId, periodId, periods, onSelectObjective, inTree }: Props) {
  const { t } = useTranslation();
  const [against, setAgainst] = useState<Against>('closing');
  const otherPeriods = periods.filter((p) => p.id !== periodId);
  const [otherPeriod, setOtherPeriod] = useState('');
  // The other plans are read once the reader compares with another plan; the first is the default.
  const plansRead = useQuery({ queryKey: keys.plans, queryFn: api.plans, enabled: against === 'plan' });
  const plans: PlanSummary[] | null = plansRead.data?.filter((p) => String(p.id) !== String(planId)) ?? null;
  const [pickedPlan, setOtherPlan] = useState('');
  const otherPlan = pickedPlan || (plans?.[0] === undefined ? '' : String(plans[0].id));
  const periodsRead = useQuery({ queryKey: keys.periods(otherPlan), queryFn: () => api.periods(otherPlan), enabled: against === 'plan' && otherPlan !== '' });
  const otherPlanPeriods: readonly Period[] = periodsRead.data ?? [];
  // A period of the plan picked: back to its year end when another plan is picked.
  const [periodOf, setPeriodOf] = useState<{ plan: string; period: string }>({ plan: '', period: '' });
  const otherPlanPeriod = periodOf.plan === otherPlan ? periodOf.period : '';
  const setOtherPlanPeriod = (period: string) => setPeriodOf({ plan: otherPlan, period });
  // What was asked, for the period then shown: another period of the plan shown makes the panel idle again.
  const [asked, setAsked] = useState<{ periodId: string | null; params: ChangesParams } | null>(null);
  const current = asked !== null && asked.periodId === periodId ? asked.params : null;
  const lang = useLang();
  const read = useChanges(planId, current, lang);
  // A failed read said in the screen's language: a refusal again by its code (the plans' read is not the language's).
  const readError = useReadError();
  const compared = resultOf(current, read, readError);
  // The other plans unread: said as a comparison that failed, as before the cache.
  const result: Result = against === 'plan' && plansRead.error !== null ? { status: 'failed', message: readError(plansRead.error) } : compared;
  const heading = useRef<HTMLHeadingElement>(null);

  // The focus moves to the answer the reader asked for, not when the one shown is read again (another language, a write).
  const focusPending = useRef(false);
  useEffect(() => {
    if (!focusPending.current || (result.status !== 'done' && result.status !== 'never-closed')) return;
    focusPending.current = false;
    heading.current?.focus();
  }, [result.status, read.dataUpdatedAt, read.errorUpdatedAt]);

  const chosenPeriod = otherPeriod || otherPeriods[0]?.id || '';
  const ready = against === 'closing' || (against === 'period' ? chosenPeriod !== '' : otherPlan !== '');

  function compare() {
    if (!ready) return;
    const params: ChangesParams =
      against === 'closing'
        ? { period: periodId, againstClosing: true }
        : against === 'period'
          ? { period: periodId, againstPeriod: chosenPeriod }
          : { period: periodId, against: otherPlan, ...(otherPlanPeriod === '' ? {} : { againstPeriod: otherPlanPeriod }) };
    focusPending.current = true;
    // The same comparison asked again is read again (another reader may have changed the plan).
    if (current !== null && JSON.stringify(current) === JSON.stringify(params)) void read.refetch();
    else setAsked({ periodId, params });
  }

  const periodLabel = (id: string, samePlan = true) => (samePlan ? periods : otherPlanPeriods).find((p) => p.id === id)?.label ?? id;
  const planTitle = (id: string | number) => plans?.find((p) => String(p.id) === String(id))?.title;
  const planLabel = (id: string | number) => (String(id) === String(planId) ? t('changes.thisPlan') : `«${planTitle(id) ?? String(id)}»`);

  return (
    <section className="changes-panel border rounded p-2 mb-2" aria-labelledby="changes-title" data-testid="changes-panel">
      <h2 id="changes-title" className="h5">
        {t('changes.title')}
      </h2>
      <form
        className="d-flex flex-wrap gap-3 align-items-end mb-2"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          compare();
        }}
      >
        <fieldset>
          <legend className="form-label small mb-1 fw-semibold">{t('changes.compareWith')}</legend>
          {(['closing', 'period', 'plan'] as const).map((a) => (
            <div className="form-check form-check-inline" key={a}>
              <input className="form-check-input" type="radio" name="changes-against" id={`changes-against-${a}`} value={a} checked={against === a} onChange={() => setAgainst(a)} />
              <label className="form-check-label" htmlFor={`changes-against-${a}`}>
                {t(`changes.against.${a}`)}
              </label>
            </div>
          ))}
        </fieldset>
        {against === 'period' &&
          (otherPeriods.length === 0 ? (
            <p className="small mb-0">{t('changes.noOtherPeriod')}</p>
          ) : (
            <Choice id="changes-period" label={t('changes.period')} value={chosenPeriod} onChange={setOtherPeriod} options={otherPeriods.map((p) => ({ value: p.id, label: p.label }))} />
          ))}
        {against === 'plan' &&
          (plans === null ? (
            <p className="small mb-0" role="status">
              {t('common.loading')}
            </p>
          ) : plans.length === 0 ? (
            <p className="small mb-0">{t('changes.noOtherPlan')}</p>
          ) : (
            <>
              <Choice
                id="changes-plan"
                label={t('changes.plan')}
                value={otherPlan}
                onChange={setOtherPlan}
                options={plans.map((p) => ({ value: String(p.id), label: `${p.title} (${p.year}, ${t(`plans.version.${p.version}`)})` }))}
              />
              <Choice
                id="changes-plan-period"
                label={t('changes.planPeriod')}
                value={otherPlanPeriod}
                onChange={setOtherPlanPeriod}
                options={[{ value: '', label: t('changes.yearEnd') }, ...otherPlanPeriods.map((p) => ({ value: p.id, label: p.label }))]}
              />
            </>
          ))}
        <Button size="sm" color="primary" type="submit" disabled={!ready || result.status === 'loading'} data-testid="changes-submit">
          {t('changes.show')}
        </Button>
      </form>

      <div aria-live="polite" aria-busy={result.status === 'loading' || read.isFetching} data-testid="changes-result">
        {result.status === 'loading' && <p role="status">{t('common.loading')}</p>}
        {result.status === 'failed' && (
          <div className="alert alert-danger" role="alert">
            {t('common.error', { message: result.message })}
          </div>
        )}
        {result.status === 'never-closed' && (
          <>
            <h3 id="changes-result-title" className="h6" tabIndex={-1} ref={heading}>
              {t('changes.title')}: {t('changes.against.closing')}
            </h3>
            <p data-testid="changes-never-closed">{t('changes.neverClosed')}</p>
          </>
        )}
        {result.status === 'done' && (
          <ChangesResult doc={result.doc} heading={heading} periodLabel={periodLabel} planLabel={planLabel} planTitle={planTitle} onSelectObjective={onSelectObjective} inTree={inTree} lang={lang} />
        )}
      </div>
    </section>
  );
}

/** The panel's state from the comparison's read: a never-closed period (404 against its closing) is a message, not an error. */
function resultOf(params: ChangesParams | null, read: ReturnType<typeof useChanges>, readError: (error: unknown) => string): Result {
  if (params === null) return { status: 'idle' };
  const e = read.error;
  if (e !== null && !read.isFetching) return params.againstClosing === true && e instanceof ApiError && e.status === 404 ? { status: 'never-closed' } : { status: 'failed', message: readError(e) };
  // A comparison shown stays while it is read again (after a write, or asked again).
  return read.data === undefined ? { status: 'loading' } : { status: 'done', doc: read.data };
}

/**
 * The value a deleted indicator had in the period's closing, read-only beside its definition, with
 * who entered it: kept by its deletion (deleted while the period was closed), or as the closing froze
 * it (deleted after the period was reopened, its value removed by the revision, so the words say so).
 */
function ClosingValue({ value, kept, lang }: { value: NonNullable<Change['closingValue']>; kept: boolean; lang: string }) {
  const { t, i18n } = useTranslation();
  // Nothing measured has no amount to print: the state says it.
  const amount = value.actualText === '' ? t(`state.${value.state}`) : value.actualText;
  // An older closing may not have recorded who entered it: the value alone, not a made-up author.
  const text =
    value.enteredAt === null
      ? t('changes.closingValueUnrecorded', { value: amount })
      : t(kept ? 'changes.keptValue' : 'changes.closingValue', { value: amount, user: actorName(value.enteredByName, value.enteredBy, i18n) ?? '—', at: momentText(value.enteredAt, lang) });
  return (
    <div className="small text-muted" data-testid={kept ? 'changes-kept-value' : 'changes-closing-value'}>
      {text}
    </div>
  );
}

/**
 * One side of a change, its plan text (a title, an indicator's name, a source, an evidence: the
 * side's own parameter) marked as the plan's language inside the catalogue's words around it.
 */
function SideText({ change, side, lang }: { change: Change; side: ChangeSide; lang: string }) {
  const said = sideText(change, side, lang);
  return <WithPlanText sentence={said} quoted={PLAN_TEXT_KINDS.has(change.kind) ? planTextOf(change, side) : ''} />;
}

/** A string side parameter of these kinds is the plan's text (src/core/messages/comparison.ts); a parent is a code. */
const PLAN_TEXT_KINDS: ReadonlySet<Change['kind']> = new Set([
  'objective-added',
  'objective-removed',
  'objective-title',
  'indicator-added',
  'indicator-removed',
  'indicator-name',
  'source',
  'evidence',
]);

function planTextOf(change: Change, side: ChangeSide): string {
  const v = change.params[side];
  return typeof v === 'string' ? v : '';
}

/** A labelled select of the comparison form. */
function Choice({ id, label, value, onChange, options }: { id: string; label: string; value: string; onChange: (v: string) => void; options: Array<{ value: string; label: string }> }) {
  return (
    <div>
      <label htmlFor={id} className="form-label small mb-0">
        {label}
      </label>
      <select id={id} className="form-select form-select-sm" value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

function ChangesResult({
  doc,
  heading,
  periodLabel,
  planLabel,
  planTitle,
  onSelectObjective,
  inTree,
  lang,
}: {
  doc: ChangesResponse;
  heading: React.RefObject<HTMLHeadingElement | null>;
  periodLabel: (id: string, samePlan?: boolean) => string;
  planLabel: (id: string | number) => string;
  /** Another plan's title, when read. */
  planTitle: (id: string | number) => string | undefined;
  onSelectObjective: (code: string) => void;
  inTree: (code: string) => boolean;
  lang: string;
}) {
  const { t, i18n } = useTranslation();
  const planLang = usePlanLang();
  const sections = groupChanges(doc);
  const closing = doc.before.closing;
  const samePlan = String(doc.before.planId) === String(doc.after.planId);
  return (
    <>
      <h3 id="changes-result-title" className="h6" tabIndex={-1} ref={heading} data-testid="changes-heading">
        {t('changes.title')}: {doc.changes.length === 0 ? t('changes.none') : t('changes.count', { count: doc.changes.length })}
      </h3>
      {closing !== undefined ? (
        <p className="small" data-testid="changes-closing">
          {t('changes.closedAt', { period: periodLabel(doc.before.period), at: momentText(closing.closedAt, lang), user: actorName(closing.closedByName, closing.closedBy, i18n) ?? '—' })}
        </p>
      ) : (
        <p className="small" data-testid="changes-between">
          {/* Another plan is named by its title, the plan's Italian text; this plan by the app's words. */}
          <WithPlanText
            sentence={t('changes.between', {
              beforePlan: planLabel(doc.before.planId),
              beforePeriod: periodLabel(doc.before.period, samePlan),
              afterPlan: planLabel(doc.after.planId),
              afterPeriod: periodLabel(doc.after.period),
            })}
            quoted={samePlan ? '' : (planTitle(doc.before.planId) ?? '')}
          />
        </p>
      )}
      {sections.length === 0 && <p data-testid="changes-none">{t('changes.none')}</p>}
      {sections.map((s) => (
        <section key={s.group} aria-labelledby={`changes-${s.group}`} data-group={s.group} className="mb-3">
          <h4 id={`changes-${s.group}`} className="h6 mb-1">
            {t(`changes.group.${s.group}`)} ({s.count})
          </h4>
          <div className="table-responsive">
            <table className="table table-sm mb-0 changes-table">
              <caption className="visually-hidden">{t('changes.caption', { group: t(`changes.group.${s.group}`), count: s.count })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('changes.objective')}</th>
                  <th scope="col">{t('changes.indicator')}</th>
                  <th scope="col">{t('changes.what')}</th>
                  <th scope="col">{t('changes.before')}</th>
                  <th scope="col">{t('changes.after')}</th>
                </tr>
              </thead>
              <tbody>
                {s.changes.map((c, n) => (
                  <tr key={n} data-kind={c.kind} data-code={c.code ?? ''}>
                    <th scope="row">
                      {c.code === null || !inTree(c.code) ? (
                        (c.code ?? '—')
                      ) : (
                        <button type="button" className="btn btn-link btn-sm p-0" onClick={() => onSelectObjective(c.code!)} aria-label={t('changes.select', { code: c.code })}>
                          {c.code}
                        </button>
                      )}
                    </th>
                    <td lang={c.indicator === null ? undefined : planLang}>{c.indicator ?? '—'}</td>
                    <td>{t(kindKey(c.kind))}</td>
                    <td>
                      <SideText change={c} side="before" lang={lang} />
                      {c.keptValue !== undefined && <ClosingValue value={c.keptValue} kept lang={lang} />}
                      {c.closingValue !== undefined && <ClosingValue value={c.closingValue} kept={false} lang={lang} />}
                    </td>
                    <td>
                      <SideText change={c} side="after" lang={lang} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </>
  );
}
