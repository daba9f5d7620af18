/**
 * The tree's filters by assignment: unit (Struttura), person (Responsabile: registry people and the
 * owner texts from before the registry) and, for a referente, "only my indicators". The lists come
 * from the tree itself, so they offer only what the plan uses and work for every reader.
 */
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreeDocument } from '../api/types.js';
import { owners, type Filters } from '../tree/rows.js';
import { useSession } from '../session.js';
import { compareNames } from '../../../src/core/names.js';

/** The units and people the tree names, by id, sorted by name. */
export function assignedIn(doc: TreeDocument): { units: Array<[string, string]>; people: Array<[string, string]> } {
  const units = new Map<string, string>();
  const people = new Map<string, string>();
  for (const o of doc.objectives) {
    if (o.unitId) units.set(o.unitId, o.unit ?? o.unitId);
    if (o.personId) people.set(o.personId, o.person ?? o.personId);
    for (const i of o.indicators) {
      if (i.unitId) units.set(i.unitId, i.unitName ?? i.unitId);
      if (i.personId) people.set(i.personId, i.person ?? i.personId);
    }
  }
  const sorted = (m: Map<string, string>) => [...m].sort((a, b) => compareNames(a[1], b[1]) || compareNames(a[0], b[0]));
  return { units: sorted(units), people: sorted(people) };
}

export function AssignmentFilters({ filters, onChange, doc }: { filters: Filters; onChange: (patch: Partial<Filters>) => void; doc: TreeDocument }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { units, people } = useMemo(() => assignedIn(doc), [doc]);
  const texts = useMemo(() => owners(doc.objectives), [doc]);
  // One select for people and owner texts: `p:` a person's id, `t:` an owner text.
  const personValue = filters.person !== '' ? `p:${filters.person}` : filters.owner !== '' ? `t:${filters.owner}` : '';
  return (
    <>
      <div className="col-6 col-md-2">
        <label htmlFor="f-unit" className="form-label small mb-0">
          {t('assign.filterUnit')}
        </label>
        <select id="f-unit" className="form-select form-select-sm" value={filters.unit} onChange={(e) => onChange({ unit: e.target.value })}>
          <option value="">{t('filter.all')}</option>
          {units.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
          <option value="none">{t('assign.noneAssigned')}</option>
        </select>
      </div>
      <div className="col-6 col-md-2">
        <label htmlFor="f-owner" className="form-label small mb-0">
          {t('filter.owner')}
        </label>
        <select
          id="f-owner"
          className="form-select form-select-sm"
          value={personValue}
          onChange={(e) => {
            const v = e.target.value;
            onChange({ person: v.startsWith('p:') ? v.slice(2) : '', owner: v.startsWith('t:') ? v.slice(2) : '' });
          }}
        >
          <option value="">{t('filter.all')}</option>
          {people.map(([id, name]) => (
            <option key={id} value={`p:${id}`}>
              {name}
            </option>
          ))}
          {texts.map((o) => (
            <option key={o} value={`t:${o}`}>
              {o}
            </option>
          ))}
        </select>
      </div>
      {user?.role === 'referente' && (
        <div className="col-6 col-md-2 d-flex align-items-end">
          <div className="form-check mb-0">
            <input
              id="f-mine"
              type="checkbox"
              className="form-check-input"
              checked={filters.mine !== null}
              onChange={(e) => onChange({ mine: e.target.checked ? { id: String(user.id), username: user.username, unitIds: user.unitIds ?? [] } : null })}
            />
            <label htmlFor="f-mine" className="form-check-label small">
              {t('assign.mine')}
            </label>
          </div>
        </div>
      )}
    </>
  );
}
