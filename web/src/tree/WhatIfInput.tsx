/** A figure typed over the tree's own in what-if (weight, target, actual), read as the entry form reads it. */
import { useTranslation } from 'react-i18next';
import type { TreeIndicator } from '../api/types.js';
import { useLang } from '../ui/format.js';
import { amountInput, parseInput, sameAmount } from '../ui/parse.js';

export function WhatIfInput({
  indicator,
  field,
  value,
  tabbable,
  onOverride,
}: {
  indicator: TreeIndicator;
  field: 'actual' | 'target' | 'weight';
  value: number | string | boolean | null;
  tabbable: boolean;
  onOverride: (id: string, field: 'actual' | 'target' | 'weight', value: number | string | boolean | null) => void;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const unit = field === 'weight' ? 'number' : indicator.unit;
  return (
    <input
      type="text"
      className="form-control form-control-sm whatif-input"
      aria-label={`${t(`tree.${field}`)} ${indicator.id} (${t('whatif.simulated')})`}
      defaultValue={amountInput(value, lang)}
      tabIndex={tabbable ? 0 : -1}
      key={`${String(value)} ${lang}`}
      data-testid={`whatif-${field}-${indicator.id}`}
      onBlur={(e) => {
        // A field left as it started is no change (compared as decimals, whatever form the value
        // came in): else an override nobody typed, that "use the simulated value" would save.
        // A change is kept as the exact decimal typed (`parseInput`), not the double it rounds to.
        if (sameAmount(e.target.value, value, unit, lang)) {
          e.target.removeAttribute('aria-invalid');
          return;
        }
        const parsed = parseInput(e.target.value, unit, lang);
        if (parsed === undefined) {
          e.target.setAttribute('aria-invalid', 'true');
          return;
        }
        e.target.removeAttribute('aria-invalid');
        if (parsed !== value) onOverride(indicator.id, field, parsed);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') (e.target as HTMLInputElement).blur();
      }}
    />
  );
}
