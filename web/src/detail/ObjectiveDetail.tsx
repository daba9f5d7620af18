/**
 * The detail beside the tree: an objective's performance, explanation, history and audit, or an
 * indicator's facts and data entry (`IndicatorPanel`, `EntryForm`), with the tree editing tools.
 */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreeIndicator, TreeObjective } from '../api/types.js';
import { can, useSession } from '../session.js';
import { TreeEditTools } from '../tree/TreeEditor.js';
import { Performance } from '../ui/Band.js';
import { useLang } from '../ui/format.js';
import { planTextLanguage } from '../../../src/core/words.js';
import { ValidatedPerformance, validationReason } from '../periods/Validation.js';
import { YearsPanel } from '../years/YearsPanel.js';
import { AuditPanel } from './AuditPanel.js';
import { ExplanationPanel } from './ExplanationPanel.js';
import { HistoryPanel } from './HistoryPanel.js';
import { IndicatorPanel } from './IndicatorPanel.js';
import type { DetailProps } from './props.js';
import { useOverTree } from './useOverTree.js';

/** The first field of the entry form, else the detail's heading: where the focus goes when the detail opens from the keyboard. */
function focusDetail(): void {
  const field = document.querySelector<HTMLElement>('#entry-actual, #entry-measure-0, #entry-state');
  if (field !== null && !field.closest('fieldset:disabled')) field.focus();
  else document.getElementById('detail-title')?.focus();
}

export function ObjectiveDetail(props: DetailProps) {
  const objective = props.doc.objectives.find((o) => o.code === props.selection.code);
  const indicator = props.selection.kind === 'indicator' ? objective?.indicators.find((i) => i.id === (props.selection as { id: string }).id) : undefined;
  if (objective === undefined) return null;
  const heading = indicator ? indicator.name : `${objective.code} ${objective.title}`;
  return <DetailFrame {...props} objective={objective} indicator={indicator} heading={heading} />;
}

function DetailFrame(props: DetailProps & { objective: TreeObjective; indicator: TreeIndicator | undefined; heading: string }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const { objective, indicator, heading } = props;
  const lang = useLang();
  const validated = props.whatIf ? undefined : props.doc.validation?.objectives.find((o) => o.code === objective.code);
  const nodeIssues = props.doc.issues.filter((i) => i.location?.node === objective.code);
  const focusEntry = props.focusEntry ?? 0;
  useEffect(() => {
    // Only when asked (opened from the keyboard, moved on after a save): a click leaves the focus where it is.
    if (focusEntry > 0) requestAnimationFrame(focusDetail);
  }, [focusEntry]);
  const aside = useRef<HTMLElement>(null);
  // Drawn over the tree (a phone's), the detail is a modal: the page under it inert, Tab kept inside.
  const overTree = useOverTree(aside);
  const shownKey = indicator ? `i:${indicator.id}` : `o:${objective.code}`;
  useEffect(() => {
    // Unless the keyboard asked above: a detail drawn over the tree (a phone's, styles.css) takes the focus
    // on its heading, else it would stay on the row hidden beneath it. Closing gives it back to the row (useSelection).
    if (focusEntry === 0 && aside.current !== null && getComputedStyle(aside.current).position === 'fixed') document.getElementById('detail-title')?.focus();
    // Once per node shown: a save or a reload of the same node leaves the focus where it is.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shownKey]);
  // The plan's editors change the tree from here; never in what-if, where nothing is saved.
  const editTools = can.managePlans(user?.role) && !props.whatIf && !props.locked && props.definitionEditable !== false && (
    <TreeEditTools
      planId={props.planId}
      doc={props.doc}
      objective={objective}
      indicator={indicator}
      coming={props.coming ?? null}
      onChanged={() => props.onSaved(undefined)}
      onDeleted={props.onClose}
    />
  );
  return (
    <aside
      ref={aside}
      className="node-detail"
      aria-labelledby="detail-title"
      {...(overTree.modal ? { role: 'dialog', 'aria-modal': true } : {})}
      data-testid="detail"
      onKeyDown={(e) => {
        overTree.onKeyDown(e);
        // Escape closes the detail (the tree gives the focus back to the row); a dialog's Escape is its own.
        if (e.key !== 'Escape' || e.defaultPrevented || (e.target as HTMLElement).closest('dialog') !== null) return;
        e.preventDefault();
        props.onClose();
      }}
    >
      <div className="d-flex justify-content-between align-items-start gap-2">
        {/* The plan's own title or name: Italian (core's PLAN_TEXT_LANGUAGE), said so on an English screen. */}
        <h2 id="detail-title" className="h5 mb-2" tabIndex={-1} lang={planTextLanguage(lang)}>
          {heading}
        </h2>
        <button type="button" className="btn btn-sm btn-outline-secondary" onClick={props.onClose} aria-label={t('detail.close')}>
          ✕
        </button>
      </div>
      {/* The plan's own warnings about this objective (indicator weights not adding up to 100%), shown
          where its weights are changed, never blocking a save: the server's sentence, in the language
          the tree was asked in (the screen's), as the tree's reasons and amounts are. */}
      {nodeIssues.length > 0 && (
        <div className="alert alert-warning py-1 px-2 small mb-2" role="status" data-testid="objective-issues">
          {nodeIssues.map((i, n) => (
            <p key={n} className="mb-0">
              {i.message}
            </p>
          ))}
        </div>
      )}
      {indicator ? (
        <>
          <IndicatorPanel {...props} objective={objective} indicator={indicator} editTools={editTools} />
        </>
      ) : (
        <>
          {validated === undefined ? (
            <p className="mb-2">
              <Performance value={objective.performance} band={objective.band} />
            </p>
          ) : (
            // The OIV's validated figure beside the reported one, and why (its note, or the objectives it follows).
            <div className="mb-2" data-testid="detail-validated">
              <ValidatedPerformance objective={objective} validated={validated} t={t} lang={lang} />
              {validationReason(validated, lang) !== '' && <p className="small mb-0 mt-1">{validationReason(validated, lang)}</p>}
            </div>
          )}
          {(objective.owner || objective.unit) && (
            // The separator only between the two: alone, the unit began «· Struttura: …».
            // The owner and the unit are the plan's Italian texts, marked apart from the labels (ui/PlanText).
            <p className="small mb-2">
              {objective.owner && (
                <>
                  {t('detail.owner')}: <span lang={planTextLanguage(lang)}>{objective.owner}</span>
                </>
              )}
              {objective.owner && objective.unit && ' · '}
              {objective.unit && (
                <>
                  {t('detail.unit')}: <span lang={planTextLanguage(lang)}>{objective.unit}</span>
                </>
              )}
            </p>
          )}
          {editTools}
          <ExplanationPanel planId={props.planId} code={objective.code} period={props.doc.period?.id ?? null} local={props.localExplanation} doc={props.doc} />
          <HistoryPanel planId={props.planId} doc={props.doc} code={objective.code} indicator={null} />
          {!props.whatIf && <YearsPanel planId={props.planId} code={objective.code} indicator={null} doc={props.doc} />}
          {user !== null && <AuditPanel planId={props.planId} node={objective.code} indicator={undefined} />}
        </>
      )}
    </aside>
  );
}
