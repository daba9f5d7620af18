/**
 * A user's units picked from the registry, never typed: the registry's tree (unitTree), one checkbox
 * per unit, with a search box that narrows the list by name or code. The chosen units stay chosen
 * while the search hides them, and are named under the list.
 */
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../campaign/campaign-api.js';
import { unitTree } from './registry.js';
import { usePlanLang } from '../ui/PlanText.js';

interface Props {
  /** The prefix of the ids inside (`new-units`, `edit-units`): the search box is `${id}-search`. */
  id: string;
  label: string;
  units: readonly Unit[] | null;
  value: readonly string[];
  onChange: (ids: string[]) => void;
  error?: string | undefined;
}

export function UnitPicker({ id, label, units, value, onChange, error }: Props) {
  const { t } = useTranslation();
  // The units' names are the body's Italian texts (ui/PlanText).
  const planLang = usePlanLang();
  const [search, setSearch] = useState('');
  const rows = useMemo(() => unitTree(units ?? []), [units]);
  const wanted = search.trim().toLocaleLowerCase('it');
  const shown = wanted === '' ? rows : rows.filter((r) => r.unit.name.toLocaleLowerCase('it').includes(wanted) || r.unit.code.toLocaleLowerCase('it').includes(wanted));
  const chosen = new Set(value);
  const names = rows.filter((r) => chosen.has(r.unit.id)).map((r) => r.unit.name);
  const toggle = (unitId: string, on: boolean) => onChange(on ? [...value, unitId] : value.filter((v) => v !== unitId));
  return (
    <fieldset className="mb-2 unit-picker" aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`} data-testid={id}>
      <legend className="form-label fs-6">{label}</legend>
      <small id={`${id}-hint`} className="form-text d-block mb-1">
        {t('unitPicker.hint')}
      </small>
      <label htmlFor={`${id}-search`} className="visually-hidden">
        {t('unitPicker.search')}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        className="form-control form-control-sm mb-1"
        placeholder={t('unitPicker.search')}
        value={search}
        onChange={(e) => setSearch(e.target.value)}
        autoComplete="off"
      />
      <div className="border rounded p-2" style={{ maxHeight: '12rem', overflowY: 'auto' }}>
        {units === null ? (
          <p className="mb-0">{t('unitPicker.loading')}</p>
        ) : shown.length === 0 ? (
          <p className="mb-0">{rows.length === 0 ? t('unitPicker.empty') : t('unitPicker.noMatch')}</p>
        ) : (
          shown.map(({ unit, depth }) => (
            <div key={unit.id} className="form-check" style={{ marginLeft: `${wanted === '' ? depth * 1.25 : 0}rem` }}>
              <input
                id={`${id}-${unit.id}`}
                className="form-check-input"
                type="checkbox"
                checked={chosen.has(unit.id)}
                onChange={(e) => toggle(unit.id, e.target.checked)}
                data-unit-code={unit.code}
              />
              <label htmlFor={`${id}-${unit.id}`} className="form-check-label">
                <span lang={planLang}>{unit.name}</span> <span className="text-muted">({unit.code})</span>
              </label>
            </div>
          ))
        )}
      </div>
      <p className="mb-0 mt-1 small" aria-live="polite" data-testid={`${id}-chosen`}>
        {names.length === 0 ? t('unitPicker.none') : t('unitPicker.chosen', { names: names.join(', ') })}
      </p>
      <div id={`${id}-error`} className="field-error" aria-live="polite" data-testid={`${id}-error`}>
        {error}
      </div>
    </fieldset>
  );
}
