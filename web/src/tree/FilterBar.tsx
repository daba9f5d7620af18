/** The tree's filters: search, area, band, unit and person, indicator state. */
import { useTranslation } from 'react-i18next';
import type { Band } from '../../../src/core/index.js';
import type { TreeDocument } from '../api/types.js';
import { AssignmentFilters } from '../units/AssignmentFilters.js';
import { areas, NO_FILTERS, type Filters } from './rows.js';

export function FilterBar({ filters, onChange, doc }: { filters: Filters; onChange: (f: Filters) => void; doc: TreeDocument }) {
  const { t } = useTranslation();
  const set = (patch: Partial<Filters>) => onChange({ ...filters, ...patch });
  return (
    <form className="filter-bar row g-2 mb-2" noValidate role="search" aria-label={t('filter.title')} onSubmit={(e) => e.preventDefault()}>
      <div className="col-12 col-md-3">
        <label htmlFor="f-search" className="form-label small mb-0">
          {t('filter.search')}
        </label>
        <input id="f-search" type="search" className="form-control form-control-sm" value={filters.search} onChange={(e) => set({ search: e.target.value })} />
      </div>
      <div className="col-6 col-md-2">
        <label htmlFor="f-area" className="form-label small mb-0">
          {t('filter.area')}
        </label>
        <select id="f-area" className="form-select form-select-sm" value={filters.area} onChange={(e) => set({ area: e.target.value })}>
          <option value="">{t('filter.all')}</option>
          {areas(doc.objectives).map((a) => (
            <option key={a.code} value={a.code}>
              {a.code} {a.title.length > 40 ? `${a.title.slice(0, 40)}…` : a.title}
            </option>
          ))}
        </select>
      </div>
      <div className="col-6 col-md-2">
        <label htmlFor="f-band" className="form-label small mb-0">
          {t('filter.band')}
        </label>
        <select id="f-band" className="form-select form-select-sm" value={filters.band} onChange={(e) => set({ band: e.target.value as Band | 'none' | '' })}>
          <option value="">{t('filter.all')}</option>
          {(['green', 'yellow', 'red', 'none'] as const).map((b) => (
            <option key={b} value={b}>
              {t(`band.${b}`)}
            </option>
          ))}
        </select>
      </div>
      <AssignmentFilters filters={filters} onChange={set} doc={doc} />
      <div className="col-6 col-md-2">
        <label htmlFor="f-state" className="form-label small mb-0">
          {t('filter.state')}
        </label>
        <select id="f-state" className="form-select form-select-sm" value={filters.state} onChange={(e) => set({ state: e.target.value as Filters['state'] })}>
          <option value="">{t('filter.all')}</option>
          {(['measured', 'not_achieved', 'not_evaluable', 'not_measured'] as const).map((s) => (
            <option key={s} value={s}>
              {t(`state.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="col-12 col-md-1 d-flex align-items-end">
        <button type="button" className="btn btn-sm btn-link p-0" onClick={() => onChange(NO_FILTERS)}>
          {t('filter.clear')}
        </button>
      </div>
    </form>
  );
}
