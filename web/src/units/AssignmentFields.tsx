/**
 * The unit (Struttura) and person (Responsabile) fields of the objective and indicator dialogs, fed
 * from the organisation registry and the active accounts. Empty means "as the objective above".
 */
import { useTranslation } from 'react-i18next';
import type { Person, Unit } from '../campaign/campaign-api.js';
import { Field } from '../ui/Form.js';
import { useRegistry } from './queries.js';
import { unitLabel, unitTree } from './registry.js';
import { compareNames } from '../../../src/core/names.js';

export function UnitOptions({ units, empty }: { units: readonly Unit[]; empty: string }) {
  return (
    <>
      <option value="">{empty}</option>
      {unitTree(units).map(({ unit, depth }) => (
        <option key={unit.id} value={unit.id}>
          {`${'\u00a0\u00a0'.repeat(depth)}${unitLabel(unit)}`}
        </option>
      ))}
    </>
  );
}

/**
 * The people who may be named Referente (`assignable`: the server's one rule, which the import of a
 * plan follows too), by name; `chosen`, if it is another account (named before the rule, or switched
 * off since), still shows as chosen, so the field says what the plan holds.
 */
export function PersonOptions({ people, empty, chosen = '' }: { people: readonly Person[]; empty: string; chosen?: string }) {
  const other = chosen === '' || people.some((p) => p.id === chosen && p.assignable) ? null : (people.find((p) => p.id === chosen) ?? { id: chosen, displayName: chosen, username: null });
  return (
    <>
      <option value="">{empty}</option>
      {other !== null && <option value={other.id}>{other.username === null ? other.displayName : `${other.displayName} (${other.username})`}</option>}
      {people
        .filter((p) => p.assignable)
        .sort((a, b) => compareNames(a.displayName, b.displayName) || compareNames(a.username, b.username))
        .map((p) => (
          <option key={p.id} value={p.id}>
            {p.displayName} ({p.username})
          </option>
        ))}
    </>
  );
}

/**
 * Two selects side by side; `prefix` names them (`node-unitId`, `ind-personId`) for labels, errors and tests.
 * Their errors are the server's `unitId` and `personId`: an indicator's `unit` is its unit of
 * measurement (a `recorded-unit` or `formula-unit` refusal), said at that field, never at «Struttura».
 */
export function AssignmentFields(props: {
  prefix: string;
  unitId: string;
  personId: string;
  onUnit: (id: string) => void;
  onPerson: (id: string) => void;
  errors: Record<string, string | undefined>;
}) {
  const { t } = useTranslation();
  const registry = useRegistry();
  return (
    <div className="row g-2" data-testid={`${props.prefix}assignment`}>
      <div className="col-sm-6">
        <Field id={`${props.prefix}unitId`} label={t('assign.unit')} hint={t('assign.unitHint')} error={props.errors.unitId}>
          {(aria) => (
            <select {...aria} className="form-select" value={props.unitId} onChange={(e) => props.onUnit(e.target.value)} disabled={registry === null}>
              <UnitOptions units={registry?.units ?? []} empty={t('assign.inherited')} />
              {/* A unit no longer in the list still shows as chosen. */}
              {registry !== null && props.unitId !== '' && !registry.units.some((u) => u.id === props.unitId) && <option value={props.unitId}>{props.unitId}</option>}
            </select>
          )}
        </Field>
      </div>
      <div className="col-sm-6">
        <Field id={`${props.prefix}personId`} label={t('assign.person')} hint={t('assign.personHint')} error={props.errors.personId}>
          {(aria) => (
            <select {...aria} className="form-select" value={props.personId} onChange={(e) => props.onPerson(e.target.value)} disabled={registry === null}>
              <PersonOptions people={registry?.people ?? []} empty={t('assign.inherited')} chosen={registry === null ? '' : props.personId} />
            </select>
          )}
        </Field>
      </div>
    </div>
  );
}
