/**
 * Section 5's figures (the answer's `individual`: core/appraisal/individual.ts) where the office
 * writes the section: what the documents print before its text, the sentences («3 schede su 6
 * concluse al …», the categories merged or without bands) and the tables (the forms by category and
 * state, the concluded ones by band, the art. 20 bonuses once shared out), in the screen's language.
 * The figures are the server's: nothing is counted or withheld here.
 */
import { useTranslation } from 'react-i18next';
import type { Relazione } from './api.js';
import { euros, formatNumber, useLang } from '../ui/format.js';

type Figures = NonNullable<Relazione['individual']>;

export function IndividualFigures({ figures }: { figures: Figures }) {
  const { t } = useTranslation();
  const lang = useLang();
  const category = (categories: readonly string[]): string => categories.map((c) => t(`appraisal.category.${c}`)).join(' + ');
  const sum = (k: 'forms' | 'concluded' | 'inProgress' | 'disputed'): number => figures.states.reduce((n, r) => n + r[k], 0);
  const count = (n: number): string => formatNumber(n, lang, 0);
  // As the documents write a share: two decimals (`100,00%`); of nobody, nought.
  const share = (part: number, whole: number): string => `${formatNumber(whole === 0 ? 0 : (part * 100) / whole, lang)}%`;
  const amount = (cents: string | null): string => (cents === null ? t('relazione.individual.notPublished') : euros(cents, lang));
  return (
    <section className="border rounded p-2 mb-2" aria-labelledby="relazione-individual-title" data-testid="relazione-individual">
      <h3 id="relazione-individual-title" className="h6">
        {t('relazione.individual.title')}
      </h3>
      <p className="small text-body-secondary mb-2">{t('relazione.individual.hint')}</p>
      {figures.text[lang].split('\n\n').map((p, i) => (
        <p key={i} className="small mb-2" data-testid="relazione-individual-text">
          {p}
        </p>
      ))}
      {!figures.withheld && (
        <>
          <table className="table table-sm small" data-testid="relazione-individual-states">
            <caption className="caption-top">{t('relazione.individual.statesCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('relazione.individual.category')}</th>
                <th scope="col" className="text-end">
                  {t('relazione.individual.forms')}
                </th>
                <th scope="col" className="text-end">
                  {t('relazione.individual.concluded')}
                </th>
                <th scope="col" className="text-end">
                  {t('relazione.individual.inProgress')}
                </th>
                <th scope="col" className="text-end">
                  {t('relazione.individual.disputed')}
                </th>
              </tr>
            </thead>
            <tbody>
              {figures.states.map((r) => (
                <tr key={r.categories.join('+')}>
                  <th scope="row">{category(r.categories)}</th>
                  <td className="text-end">{count(r.forms)}</td>
                  <td className="text-end">{count(r.concluded)}</td>
                  <td className="text-end">{count(r.inProgress)}</td>
                  <td className="text-end">{count(r.disputed)}</td>
                </tr>
              ))}
            </tbody>
            {/* The total only under more than one row, as the documents print it. */}
            {figures.states.length > 1 && (
              <tfoot>
                <tr className="fw-semibold">
                  <th scope="row">{t('relazione.individual.total')}</th>
                  <td className="text-end">{count(sum('forms'))}</td>
                  <td className="text-end">{count(sum('concluded'))}</td>
                  <td className="text-end">{count(sum('inProgress'))}</td>
                  <td className="text-end">{count(sum('disputed'))}</td>
                </tr>
              </tfoot>
            )}
          </table>
          {figures.bands.map((d) => {
            const all = d.rows.reduce((n, r) => n + r.people, 0);
            return (
              <table key={d.category} className="table table-sm small" data-testid={`relazione-individual-bands-${d.category}`}>
                <caption className="caption-top">{t('relazione.individual.bandsCaption', { category: category([d.category]) })}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('relazione.individual.band')}</th>
                    <th scope="col" className="text-end">
                      {t('relazione.individual.people')}
                    </th>
                    <th scope="col" className="text-end">
                      {t('relazione.individual.share')}
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {d.rows.map((r) => (
                    <tr key={r.band ?? ''}>
                      <th scope="row" className={r.band === null ? 'text-body-secondary' : undefined}>
                        {r.band ?? t('relazione.individual.noBand')}
                      </th>
                      <td className="text-end">{count(r.people)}</td>
                      <td className="text-end">{share(r.people, all)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            );
          })}
          {figures.bonuses !== null && (
            <table className="table table-sm small" data-testid="relazione-individual-bonuses">
              <caption className="caption-top">{t('relazione.individual.bonusesCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('relazione.individual.category')}</th>
                  <th scope="col">{t('relazione.individual.band')}</th>
                  <th scope="col" className="text-end">
                    {t('relazione.individual.people')}
                  </th>
                  <th scope="col" className="text-end">
                    {t('relazione.individual.bonusTotal')}
                  </th>
                  <th scope="col" className="text-end">
                    {t('relazione.individual.bonusMean')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {figures.bonuses.map((r) => (
                  <tr key={`${r.category}\u0000${r.band ?? ''}`}>
                    <th scope="row">{category([r.category])}</th>
                    <td>{r.band ?? t('relazione.individual.noBand')}</td>
                    <td className="text-end">{count(r.people)}</td>
                    <td className={`text-end${r.totalCents === null ? ' text-body-secondary' : ''}`}>{amount(r.totalCents)}</td>
                    {/* A band of nobody has no mean: a dash, as the documents and the art. 20 page show it. */}
                    <td className={`text-end${r.meanCents === null && !(r.people === 0 && r.totalCents !== null) ? ' text-body-secondary' : ''}`}>
                      {r.people === 0 && r.totalCents !== null ? '—' : amount(r.meanCents)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
