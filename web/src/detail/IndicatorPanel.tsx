/**
 * An indicator's facts, then its entry form, the plan's editing tools, evidence, forecast, comments,
 * history, years and audit. The tools come before the panels read on opening: below them, they
 * moved down as each panel's answer came in, and a press aimed at «Modifica l'indicatore» could
 * land on whatever had just taken its place.
 */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreeIndicator, TreeObjective } from '../api/types.js';
import { CommentsPanel } from '../campaign/CommentsPanel.js';
import { EvidencePanel } from '../campaign/EvidencePanel.js';
import { ForecastPanel } from '../campaign/ForecastPanel.js';
import { useSession } from '../session.js';
import { BandBadge } from '../ui/Band.js';
import { actualText, amountText, COMPARATOR_SIGN, percent, plainNumber, useLang, weight, type Lang } from '../ui/format.js';
import { HorizonFacts } from '../years/HorizonFacts.js';
import { planTextLanguage } from '../../../src/core/words.js';
import { YearsPanel } from '../years/YearsPanel.js';
import { AuditPanel } from './AuditPanel.js';
import { isMeasuredFormula, type MeasuredFormula } from './base-measures.js';
import { EntryForm } from './EntryForm.js';
import { HistoryPanel } from './HistoryPanel.js';
import { PeriodComingNote } from './PeriodComingNote.js';
import type { DetailProps } from './props.js';
import { stateWord } from '../ui/state-words.js';

export function IndicatorPanel(props: DetailProps & { objective: TreeObjective; indicator: TreeIndicator; editTools: ReactNode }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { user } = useSession();
  const { indicator: i } = props;
  const target = amountText(i.target, i.unit, lang);
  const ruleText = t(`detail.rule.${i.scoring}`, { comparator: COMPARATOR_SIGN[i.comparator], target });
  // An archived plan's values, files and forecasts are read, never changed (the API refuses them, 409
  // plan-archived); the tree's `editable` says who may enter the value, not whether the plan is put away.
  const archived = props.archived === true;
  const valueEditable = i.editable && !archived;
  const entryShown = (!i.derived || isMeasuredFormula(i.formula)) && valueEditable && !props.whatIf;
  const coming = props.coming ?? null;
  return (
    <>
      <dl className="row small mb-2 indicator-facts">
        <dt className="col-5">{t('tree.objective')}</dt>
        <dd className="col-7" lang={planTextLanguage(lang)}>
          {props.objective.code} {props.objective.title}
        </dd>
        <dt className="col-5">{t('tree.weight')}</dt>
        <dd className="col-7">{weight(i.weight, lang)}</dd>
        <dt className="col-5">{t('tree.target')}</dt>
        <dd className="col-7" data-testid="indicator-target">
          {COMPARATOR_SIGN[i.comparator]} {target}
        </dd>
        <HorizonFacts indicator={i} />
        <dt className="col-5">{t('tree.actual')}</dt>
        <dd className="col-7" data-testid="indicator-actual">
          {actualText(i, lang) || '—'}
        </dd>
        <dt className="col-5">{t('entry.state')}</dt>
        <dd className="col-7" data-testid="indicator-state">
          {/* "In corso di misurazione" where the public reads a period still taking values: not "non misurato". */}
          {/* Saved «non misurato» (entered, its reason within) said apart from nothing entered yet. */}
          {i.state === 'not_measured' ? stateWord({ state: i.state, saved: i.version > 0, reason: i.reason }, t) : t(`state.${i.state}`)}
          {/* As the server said it: the program's reasons in the screen's language, a person's as typed. */}
          {i.reason && i.state !== 'not_measured' ? ` — ${i.reason}` : ''}
        </dd>
        <dt className="col-5">{t('tree.kpi')}</dt>
        <dd className="col-7">{percent(i.performance, lang)}</dd>
        {i.ownRange !== null && (
          <>
            <dt className="col-5">{t('detail.ownRange')}</dt>
            <dd className="col-7" data-testid="own-range">
              {t('detail.ownRangeText', {
                green: t(i.ownRange.greenInclusive ? 'detail.ownGreenFrom' : 'detail.ownGreenAbove', { value: percent(i.ownRange.green, lang) }),
                yellow: percent(i.ownRange.yellow, lang),
              })}{' '}
              <BandBadge band={i.ownRange.band} />
              {i.ownRange.legendBand !== null && i.ownRange.legendBand !== i.ownRange.band && (
                <span className="d-block muted">({t('detail.ownRangeLegend', { band: t(`band.${i.ownRange.legendBand}`) })})</span>
              )}
            </dd>
          </>
        )}
        <dt className="col-5">{t('detail.scoring')}</dt>
        <dd className="col-7">
          {ruleText}
          {i.derived && <span className="d-block">{t('detail.derived')}</span>}
        </dd>
        {isMeasuredFormula(i.formula) && (
          <>
            <dt className="col-5">{t('edit.formula')}</dt>
            <dd className="col-7" data-testid="formula-text">
              {formulaText(i.formula, lang)}
            </dd>
          </>
        )}
        {i.owner && (
          <>
            <dt className="col-5">{t('detail.owner')}</dt>
            <dd className="col-7">{i.owner}</dd>
          </>
        )}
        {/* The public is not given the evidence, the source or the notes (null in its tree): a "—" there would tell it there are none. */}
        {user !== null && (
          <>
            <dt className="col-5">{t('detail.evidence')}</dt>
            <dd className="col-7" data-testid="evidence">
              {i.evidence || '—'}
            </dd>
            <dt className="col-5">{t('campaign.source.label')}</dt>
            <dd className="col-7" data-testid="source">
              {i.source || '—'}
            </dd>
            <dt className="col-5">{t('detail.notes')}</dt>
            <dd className="col-7">{i.notes || '—'}</dd>
          </>
        )}
      </dl>
      {props.whatIfTools}
      {entryShown && (
        // Keyed by the period: a form opened while another period's tree was still on screen (or
        // kept open across a change of period) starts again from this period's value, so a save
        // cannot write the other period's value here.
        <EntryForm key={props.doc.period?.id ?? ''} {...props} />
      )}
      {/* The office is told why (and how to change it); the public reading a published archived plan just reads. */}
      {archived && user !== null && props.doc.period !== null ? (
        <p className="small muted" data-testid="value-archived">
          {t('entry.archived')}
        </p>
      ) : (
        !i.editable &&
        props.doc.period !== null && (
          <p className="small muted" data-testid="read-only">
            {t('entry.readOnly')}
          </p>
        )
      )}
      {props.editTools}
      {user !== null && props.doc.period !== null && !props.whatIf && (
        // Keyed by the value: another indicator or period starts with its own messages and drafts.
        // Their writes (a file, a forecast, a comment) wait too while the screen is leaving this period;
        // the entry form above says why, or here when there is none.
        <fieldset key={`${i.id}:${props.doc.period.id}`} disabled={coming !== null} data-testid="indicator-panels">
          {coming !== null && !entryShown && <PeriodComingNote coming={coming} testId="panels-waiting" />}
          <EvidencePanel planId={props.planId} indicatorId={i.id} indicatorName={i.name} periodId={props.doc.period.id} editable={valueEditable} locked={props.locked} archived={archived} />
          {/* A mean of the child objectives takes no forecast of its own (the API refuses it): its children's indicators have theirs. */}
          {(!i.derived || isMeasuredFormula(i.formula)) && <ForecastPanel planId={props.planId} indicatorId={i.id} periodId={props.doc.period.id} editable={valueEditable} archived={archived} />}
          <CommentsPanel planId={props.planId} indicatorId={i.id} periodId={props.doc.period.id} readOnly={props.doc.closing?.deletedIndicators.includes(i.id) === true} archived={archived} />
        </fieldset>
      )}
      <HistoryPanel planId={props.planId} doc={props.doc} code={props.objective.code} indicator={i} />
      {!props.whatIf && <YearsPanel planId={props.planId} code={props.objective.code} indicator={i.id} doc={props.doc} />}
      {/* The audit trail is the office's (401 to the public): not asked for without a session. */}
      {user !== null && <AuditPanel planId={props.planId} node={undefined} indicator={i.id} />}
    </>
  );
}

/** A ratio or trend as the plan writes it, with the names of its base measures. */
export function formulaText(f: MeasuredFormula, lang: Lang): string {
  return f.kind === 'ratio' ? `${f.numerator} / ${f.denominator} × ${plainNumber(f.scale, lang)}` : `(${f.current} − ${f.previous}) / ${f.previous} × 100`;
}
