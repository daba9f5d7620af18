/**
 * The whole (filtered) tree as a plain table for paper. The screen's table draws only the rows in
 * view, so printing it gave 6 rows of 139; this one is rendered only while printing (Ctrl+P or the
 * "Stampa" button: `beforeprint` renders it synchronously, `afterprint` drops it), so a big plan
 * costs nothing on screen.
 */
import { useCallback, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { TreeDocument } from '../api/types.js';
import { actualText, amountText, percent, useLang, weight } from '../ui/format.js';
import type { Row } from '../tree/rows.js';
import { BandBadge, PerformanceText } from '../ui/Band.js';
import { validationWords, type ValidatedObjective } from '../periods/Validation.js';
import { usePlanLang } from '../ui/PlanText.js';
import { stateWord } from '../ui/state-words.js';

/** Whether the page is being printed, and a function that prints it. */
export function usePrinting(): [boolean, () => void] {
  const [printing, setPrinting] = useState(false);
  useEffect(() => {
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(false);
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
    };
  }, []);
  const print = useCallback(() => {
    flushSync(() => setPrinting(true));
    window.print();
  }, []);
  return [printing, print];
}

/** `validated`: the OIV's validated figures by objective code (`validatedByCode`), printed over the reported ones as the screen's rows show them. */
export function PrintTree({ doc, rows, periodText, validated }: { doc: TreeDocument; rows: readonly Row[]; periodText: string; validated?: ReadonlyMap<string, ValidatedObjective> | undefined }) {
  const { t } = useTranslation();
  const lang = useLang();
  const words = validationWords(lang);
  const planLang = usePlanLang();
  return (
    <section className="print-tree" data-testid="print-tree">
      <h1 className="h4" lang={planLang}>
        {doc.title}
      </h1>
      <p>{periodText}</p>
      <table className="table table-sm">
        <thead>
          <tr>
            <th scope="col">{t('tree.objective')}</th>
            <th scope="col">{t('tree.indicator')}</th>
            <th scope="col" className="num">
              {t('tree.weight')}
            </th>
            <th scope="col" className="num">
              {t('tree.target')}
            </th>
            <th scope="col" className="num">
              {t('tree.actual')}
            </th>
            <th scope="col" className="num">
              {t('tree.kpi')}
            </th>
            <th scope="col" className="num">
              {t('tree.performance')}
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) =>
            row.kind === 'objective' ? (
              <tr key={row.key} className="print-objective">
                <th scope="row" colSpan={2} style={{ paddingLeft: `${0.3 + row.depth * 0.8}rem` }} lang={planLang}>
                  {row.objective.code} {row.objective.title}
                </th>
                <td className="num">{row.objective.weight === null ? '' : weight(row.objective.weight, lang)}</td>
                <td />
                <td />
                <td />
                <td className="num">
                  {validated?.has(row.objective.code) === true ? (
                    <>
                      <PerformanceText value={validated.get(row.objective.code)!.validated} band={validated.get(row.objective.code)!.band} t={t} lang={lang} /> {words.validated}{' '}
                      {row.objective.performance === null ? t('tree.noPerformance') : percent(row.objective.performance, lang)} {words.reported}
                    </>
                  ) : (
                    <>
                      {row.objective.performance === null ? t('tree.noPerformance') : percent(row.objective.performance, lang)} <BandBadge band={row.objective.band} />
                    </>
                  )}
                </td>
              </tr>
            ) : (
              <tr key={row.key}>
                <td>{row.objective.code}</td>
                <td>
                  <span lang={planLang}>{row.indicator.name}</span>
                  {row.indicator.state !== 'measured' && ` (${stateWord({ state: row.indicator.state, saved: row.indicator.version > 0, reason: row.indicator.reason }, t)})`}
                </td>
                <td className="num">{weight(row.indicator.weight, lang)}</td>
                <td className="num">
                  {row.indicator.comparator === '>=' ? '' : row.indicator.comparator === '<=' ? '≤ ' : '= '}
                  {amountText(row.indicator.target, row.indicator.unit, lang)}
                </td>
                <td className="num">{actualText(row.indicator, lang)}</td>
                <td className="num">{row.indicator.performance === null ? '' : percent(row.indicator.performance, lang)}</td>
                <td />
              </tr>
            ),
          )}
        </tbody>
      </table>
    </section>
  );
}
