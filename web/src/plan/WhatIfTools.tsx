/** What-if on screen: the banner, and in an indicator's detail "use the simulated value" and "what does it need?". */
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import type { Band } from '../../../src/core/index.js';
import type { TreeDocument, TreeIndicator } from '../api/types.js';
import { percent, plainNumber, useLang } from '../ui/format.js';
import { amountInput } from '../ui/parse.js';
import type { WhatIf } from './useWhatIf.js';
import { hasOverrides, requirement, type Overrides, type Requirement } from './whatif.js';
import { ownValue } from '../../../src/core/text-keys.js';

export function WhatIfBanner({ whatIf }: { whatIf: WhatIf }) {
  const { t } = useTranslation();
  const { overrides } = whatIf;
  return (
    <div className="whatif-banner" role="status" data-testid="whatif-banner">
      <strong>{t('whatif.title')}.</strong> {t('whatif.banner')}{' '}
      {hasOverrides(overrides) && t('whatif.changed', { count: Object.keys(overrides.indicators).length + Object.keys(overrides.nodes).length })}
      {hasOverrides(overrides) && (
        <button type="button" className="btn btn-sm btn-link" onClick={whatIf.reset}>
          {t('whatif.reset')}
        </button>
      )}
    </div>
  );
}

interface ToolsProps {
  doc: TreeDocument;
  whatIf: WhatIf;
  indicatorId: string;
  /** The selected indicator as the server has it (undefined: not found). */
  indicator: TreeIndicator | undefined;
  /** No value is entered here (a closed or validated period, an archived plan): the simulated value is not offered to the entry form. */
  locked: boolean;
  /** Leaves what-if with this value in the entry form, unsaved until "Salva". */
  onUseSimulated: (actual: number | string | boolean | null) => void;
}

export function WhatIfTools({ doc, whatIf, indicatorId, indicator, locked, onUseSimulated }: ToolsProps) {
  const { t } = useTranslation();
  const lang = useLang();
  const simulated = ownValue(whatIf.overrides.indicators, indicatorId);
  return (
    <>
      {simulated !== undefined && 'actual' in simulated && indicator?.editable === true && !locked && (
        <p className="mb-2">
          <Button size="sm" color="primary" data-testid="use-simulated" aria-describedby="use-simulated-hint" onClick={() => onUseSimulated(simulated.actual ?? null)}>
            {t('whatif.useSimulated')}
          </Button>{' '}
          <small id="use-simulated-hint" className="text-muted">
            {t('whatif.useSimulatedHint', { value: amountInput(simulated.actual, lang) || '—' })}
          </small>
        </p>
      )}
      <RequirementTool doc={doc} overrides={whatIf.overrides} indicatorId={indicatorId} onApply={(v) => whatIf.onOverride(indicatorId, 'actual', v)} />
    </>
  );
}

/** "What does this indicator need to bring that objective to that band?", answered by the engine in the browser. */
function RequirementTool({ doc, overrides, indicatorId, onApply }: { doc: TreeDocument; overrides: Overrides; indicatorId: string; onApply: (v: number | string | boolean | null) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const ancestors = useMemo(() => {
    const o = doc.objectives.find((x) => x.indicators.some((i) => i.id === indicatorId));
    const list: string[] = [];
    const parents = new Map(doc.objectives.map((x) => [x.code, x.parent]));
    for (let c: string | null | undefined = o?.code; c; c = parents.get(c)) list.push(c);
    return list;
  }, [doc, indicatorId]);
  const [node, setNode] = useState(ancestors[1] ?? ancestors[0] ?? '');
  const [band, setBand] = useState<Band>('green');
  const [answer, setAnswer] = useState<Requirement | null>(null);
  useEffect(() => {
    setNode(ancestors[1] ?? ancestors[0] ?? '');
    setAnswer(null);
  }, [ancestors]);
  const bandText = (b: Band | null) => t(`band.${b ?? 'none'}`);
  return (
    <section className="requirement mb-3" aria-labelledby="need-title">
      <h3 id="need-title" className="h6">
        {t('whatif.need')}
      </h3>
      <div className="d-flex gap-2 align-items-end flex-wrap">
        <div>
          <label htmlFor="need-node" className="form-label small mb-0">
            {t('whatif.node')}
          </label>
          <select id="need-node" className="form-select form-select-sm" value={node} onChange={(e) => setNode(e.target.value)}>
            {ancestors.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="need-band" className="form-label small mb-0">
            {t('whatif.band')}
          </label>
          <select id="need-band" className="form-select form-select-sm" value={band} onChange={(e) => setBand(e.target.value as Band)}>
            <option value="green">{t('band.green')}</option>
            <option value="yellow">{t('band.yellow')}</option>
          </select>
        </div>
        <Button size="sm" color="primary" outline onClick={() => setAnswer(requirement(doc, overrides, indicatorId, node, band))}>
          {t('whatif.compute')}
        </Button>
      </div>
      {answer !== null && (
        <p className="mt-2 small" role="status" data-testid="requirement">
          {t(`whatif.${answer.outcome}`, {
            node,
            band: bandText(answer.outcome === 'already' ? answer.band : answer.band),
            performance: percent(answer.performance, lang),
            actual: answer.actual === null ? '—' : plainNumber(String(answer.actual), lang),
          })}
          {answer.outcome === 'reachable' && (
            <button type="button" className="btn btn-link btn-sm" onClick={() => onApply(answer.actual)}>
              {t('whatif.apply')}
            </button>
          )}
        </p>
      )}
    </section>
  );
}
