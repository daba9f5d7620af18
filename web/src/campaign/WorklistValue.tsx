/**
 * What a worklist row shows of its value, so the controller approves or sends back what was entered:
 * the value as the tree writes it (its unit of measure, N.V. with its reason), the target it is
 * measured against, the note, the data source and the evidence (its words and its files, each a
 * download).
 */
import { useTranslation } from 'react-i18next';
import { actualText, amountText, COMPARATOR_SIGN, useLang } from '../ui/format.js';
import { campaignApi } from './api.js';
import type { WorklistItem } from './campaign-api.js';
import { stateWord } from '../ui/state-words.js';

export function WorklistValue({ planId, item }: { planId: string; item: WorklistItem }) {
  const { t } = useTranslation();
  const lang = useLang();
  const v = item.value;
  const target = amountText(item.target, item.unitOfMeasure, lang);
  return (
    <div data-testid="worklist-value">
      {v === null ? (
        <span className="text-muted" data-testid="worklist-actual">
          {t('state.notEntered')}
        </span>
      ) : (
        <strong data-testid="worklist-actual">
          {/* Saved «non misurato» is entered: said declared, with its reason, never as missing. */}
          {actualText({ state: v.state, actual: v.actual, unit: item.unitOfMeasure }, lang) || stateWord({ state: v.state, saved: true, reason: v.reason }, t)}
          {v.reason && v.state !== 'not_measured' ? ` — ${v.reason}` : ''}
        </strong>
      )}
      {target !== '' && (
        <span className="d-block text-muted" data-testid="worklist-target">
          {t('tree.target')} {COMPARATOR_SIGN[item.comparator]} {target}
        </span>
      )}
      {v !== null && (
        <dl className="mb-0 worklist-facts">
          {v.notes && (
            <div data-testid="worklist-notes">
              <dt className="d-inline">{t('entry.notes')}:</dt> <dd className="d-inline">{v.notes}</dd>
            </div>
          )}
          {v.source && (
            <div data-testid="worklist-source">
              <dt className="d-inline">{t('entry.source')}:</dt> <dd className="d-inline">{v.source}</dd>
            </div>
          )}
          {(v.evidence || v.files.length > 0) && (
            <div data-testid="worklist-evidence">
              <dt className="d-inline">{t('entry.evidence')}:</dt>{' '}
              <dd className="d-inline">
                {v.evidence}
                {v.files.map((f, n) => (
                  <span key={f.id}>
                    {n > 0 || v.evidence ? ', ' : ''}
                    <a href={campaignApi.attachmentUrl(planId, item.indicatorId, item.periodId, f.id)} download={f.name}>
                      {f.name}
                    </a>
                  </span>
                ))}
              </dd>
            </div>
          )}
        </dl>
      )}
    </div>
  );
}
