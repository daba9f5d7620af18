/**
 * Add or change an indicator: rule, target, formula, bands, horizon, unit and person; only what
 * changed is sent. The form's data and submit are `useIndicatorForm.ts`, its fields
 * `IndicatorFields.tsx`, the buttons and the save with its refusals `EditParts.tsx`.
 */
import { useTranslation } from 'react-i18next';
import type { TreeDocument, TreeIndicator } from '../api/types.js';
import { Dialog, FormAlert } from '../ui/Form.js';
import { AssignmentFields } from '../units/AssignmentFields.js';
import { useLang } from '../ui/format.js';
import { DialogButtons, ReloadFound, WeightsTotal, type ToolsProps } from './EditParts.js';
import { BasicFields, FormulaFields, HorizonFields, ScoringFields, TargetField } from './IndicatorFields.js';
import { weightsOffTotal } from './tree-edit.js';
import { useIndicatorForm } from './useIndicatorForm.js';

/** The plan's year, from its first period (the targets of the next two years are named by it); null when unknown. */
function planYearOf(doc: TreeDocument): number | null {
  const firstPeriod = doc.periods[0]?.endsOn ?? doc.periods[0]?.id ?? null;
  return firstPeriod === null || !/^\d{4}/.test(firstPeriod) ? null : Number(firstPeriod.slice(0, 4));
}

export function IndicatorDialog(props: ToolsProps & { indicator: TreeIndicator | undefined; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const { indicator } = props;
  const state = useIndicatorForm(props);
  const lang = useLang();
  return (
    <Dialog title={indicator === undefined ? `${t('edit.addIndicator')} — ${props.objective.code}` : t('edit.editIndicator')} onClose={props.onClose} testId="indicator-dialog">
      <FormAlert errors={state.errors} id="ind-refused" {...(state.conflict ? { onReload: state.reload } : {})} />
      <ReloadFound text={state.found} id="ind-reloaded" />
      <form onSubmit={state.submit} className="albero-form" noValidate>
        <fieldset disabled={state.busy}>
          <BasicFields state={state} />
          {/* What the objective's weights add up to with the weight being typed: said as it is typed. */}
          <WeightsTotal code={props.objective.code} total={weightsOffTotal(props.objective, { indicatorId: indicator?.id, weight: state.form.weight, lang })} />
          <AssignmentFields prefix="ind-" unitId={state.unitId} personId={state.personId} onUnit={state.setUnitId} onPerson={state.setPersonId} errors={state.errors.fields} />
          <TargetField state={state} />
          <HorizonFields state={state} planYear={planYearOf(props.doc)} />
          <ScoringFields state={state} />
          <FormulaFields state={state} />
          <DialogButtons submit={t('common.save')} onClose={props.onClose} />
        </fieldset>
      </form>
    </Dialog>
  );
}
