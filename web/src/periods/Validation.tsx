/**
 * The OIV's validation of the Relazione on the plan's screen (the tree's `validation`): the
 * validated figure beside the reported one for each objective the OIV changed and those above that
 * follow, with the OIV's note, said with the public plan page's own words (src/messages/report.ts);
 * a section above the tree with when, with reservations or not, the body's figure and the list of
 * the objectives changed. The public reads it once the Relazione is published; the office and the
 * OIV as soon as the OIV decided, told when it is not published yet. The public reading the year end
 * the office reopened after the decision reads it as validated, and is told so (`reopenedAt`); closed
 * again and read with its own values (the public: the Relazione withdrawn; the office: always, until
 * the OIV validates it again), `periodId` null, is told they are not the validated ones. The office,
 * while the year end reopened takes values (`reopening`), is told when, by whom and why it was
 * reopened, and that the validated figures do not hold for the values changed since.
 */
import { useTranslation } from 'react-i18next';
import { momentDayText, renderFrom } from '../../../src/core/messages/catalogue.js';
import { REPORT_MESSAGES } from '../../../src/messages/report.js';
import type { Period, TreeDocument, TreeObjective } from '../api/types.js';
import { PerformanceText } from '../ui/Band.js';
import { percent, useLang, type Lang } from '../ui/format.js';
import { sentence } from '../ui/sentence.js';
import { usePlanLang, WithPlanText } from '../ui/PlanText.js';

export type TreeValidation = NonNullable<TreeDocument['validation']>;
export type ValidatedObjective = TreeValidation['objectives'][number];

/**
 * The i18n key of a period's state word: «Validato dall’OIV con riserve» for the year end the OIV
 * validated with the Relazione it validated with reservations (the stored state is `validated`
 * either way), else the stored state's.
 */
export function periodWordKey(period: Pick<Period, 'id' | 'state'>, validation: TreeDocument['validation'] | undefined): string {
  return period.state === 'validated' && validation?.reservations === true && validation.periodId === period.id ? 'period.validatedWithReservations' : `period.${period.state}`;
}

/** The public plan page's words about the validation, in `lang`. */
export function validationWords(lang: Lang) {
  const say = (code: keyof typeof REPORT_MESSAGES, params: Record<string, unknown> = {}): string => renderFrom(REPORT_MESSAGES, code, params as never, lang)!;
  return {
    heading: say('report-validation-heading'),
    validated: say('report-validated'),
    reported: say('report-reported'),
    following: say('report-validated-following'),
    note: (note: string): string => say('report-oiv-note', { note }),
    body: (reported: string, validated: string, band: string): string => say('report-body-validated', { reported, validated, band }),
    closedAgain: (v: TreeValidation): string => say('report-reopened-closed-again', { reopened: momentDayText(v.reopenedAt!), validated: momentDayText(v.decidedAt), reservations: v.reservations }),
    reopenedCollecting: (v: TreeValidation, r: NonNullable<TreeValidation['reopening']>): string =>
      say('report-reopened-collecting', { reopened: momentDayText(r.at), by: r.by, reason: r.reason, validated: momentDayText(v.decidedAt), reservations: v.reservations }),
  };
}

/** The validated figures of the tree shown, by objective code (empty: none, or another period than the year end). */
export function validatedByCode(tree: TreeDocument): ReadonlyMap<string, ValidatedObjective> {
  return new Map((tree.validation?.objectives ?? []).map((o) => [o.code, o]));
}

/** An objective's performance cell: the validated figure and its band, «validato dall'OIV», the reported figure under it. */
export function ValidatedPerformance({ objective, validated, t, lang }: { objective: TreeObjective; validated: ValidatedObjective; t: (key: string) => string; lang: Lang }) {
  const words = validationWords(lang);
  return (
    <span className="validated-figure" data-testid={`validated-${objective.code}`}>
      <PerformanceText value={validated.validated} band={validated.band} t={t} lang={lang} />
      <span className="validated-label">{words.validated}</span>
      <span className="reported-figure">
        {objective.performance === null ? t('tree.noPerformance') : percent(objective.performance, lang)} {words.reported}
      </span>
    </span>
  );
}

/** Why an objective's figure changed, as a sentence: the OIV's note (a value of its own), or that it follows its objectives' validated values. */
export function validationReason(v: ValidatedObjective, lang: Lang): string {
  const words = validationWords(lang);
  const why = v.direct ? (v.note === null ? '' : words.note(v.note)) : words.following;
  return why.charAt(0).toUpperCase() + why.slice(1);
}

/** Above the tree of the year end (or of any period, for the decision alone: nothing then). */
export function ValidationNotice({ tree, office = false }: { tree: TreeDocument; office?: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  const v = tree.validation;
  const planLang = usePlanLang();
  if (v === null || (v.objectives.length === 0 && v.body === null && v.reopenedAt === null && v.reopening === null)) return null;
  const words = validationWords(lang);
  // Reopened after the decision and taking values again (the office alone is told): when, by whom, why, and
  // that the validated figures do not hold for the values changed since; nothing else of the validation.
  if (v.reopening !== null) {
    return (
      <section className="oiv-validation" aria-labelledby="oiv-validation-title" data-testid="oiv-validation">
        <h2 id="oiv-validation-title" className="h6 mb-1">
          {words.heading}
        </h2>
        <p className="mb-0" data-testid="oiv-validation-reopened-collecting">
          <strong>{sentence(words.reopenedCollecting(v, v.reopening))}</strong>
        </p>
      </section>
    );
  }
  // Reopened after the decision and closed again, read with its own values: said not to be the validated ones, and nothing
  // else of the validation. The office is told where the OIV's figures stay: the Relazione it validated (listed with its history).
  if (v.reopenedAt !== null && v.periodId === null) {
    const said = words.closedAgain(v);
    return (
      <section className="oiv-validation" aria-labelledby="oiv-validation-title" data-testid="oiv-validation">
        <h2 id="oiv-validation-title" className="h6 mb-1">
          {words.heading}
        </h2>
        <p className={office ? 'mb-1' : 'mb-0'} data-testid="oiv-validation-closed-again">
          <strong>{sentence(said)}</strong>
        </p>
        {office && (
          <p className="mb-0" data-testid="oiv-validation-closed-again-office">
            {t('validation.closedAgainOffice', { validated: momentDayText(v.decidedAt) })}
          </p>
        )}
      </section>
    );
  }
  const figure = (value: number | null): string => (value === null ? t('tree.noPerformance') : percent(value, lang));
  return (
    <section className="oiv-validation" aria-labelledby="oiv-validation-title" data-testid="oiv-validation">
      <h2 id="oiv-validation-title" className="h6 mb-1">
        {words.heading}
      </h2>
      <p className="mb-1">{t(v.reservations ? 'validation.introReservations' : 'validation.intro', { day: momentDayText(v.decidedAt) })}</p>
      {v.reopenedAt !== null && (
        <p className="mb-1" data-testid="oiv-validation-reopened">
          <strong>{t('validation.reopened', { reopened: momentDayText(v.reopenedAt), validated: momentDayText(v.decidedAt) })}</strong>
        </p>
      )}
      {!v.published && (
        <p className="mb-1" data-testid="oiv-validation-unpublished">
          {t('validation.unpublished')}
        </p>
      )}
      {v.body !== null && (
        <p className="mb-1" data-testid="oiv-validation-body">
          {words.body(figure(v.body.reported), figure(v.body.validated), v.body.band === null ? '' : t(`band.${v.body.band}`).toLowerCase())}
        </p>
      )}
      <ul className="mb-0">
        {v.objectives.map((o) => {
          const why = validationReason(o, lang);
          return (
            <li key={o.code} data-testid={`oiv-validated-${o.code}`}>
              <strong>{o.code}</strong>
              {o.title === null ? '' : <span lang={planLang}> {o.title}</span>}: {figure(o.validated)} {t(`band.${o.band ?? 'none'}`).toLowerCase()} {words.validated}, {figure(o.reported)}{' '}
              {words.reported}
              {why === '' ? '' : '. '}
              <WithPlanText sentence={why} quoted={o.direct ? (o.note ?? '') : ''} />
            </li>
          );
        })}
      </ul>
    </section>
  );
}
