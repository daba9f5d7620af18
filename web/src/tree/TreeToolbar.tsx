/** The row above the tree: expand and collapse all, print, add an area, bulk reassignment, the row count. */
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { TreeDocument } from '../api/types.js';
import { BulkReassignButton } from '../units/BulkReassign.js';
import { PeriodComingNote } from '../detail/PeriodComingNote.js';
import type { PeriodComing } from '../plan/period-coming.js';
import type { Row } from './rows.js';

// The editor's dialogs read what is typed with the core's parser (decimal.js): their own script, not
// the tree's first render's (issue 15 §4).
const AddAreaButton = lazy(() => import('./TreeEditor.js').then((m) => ({ default: m.AddAreaButton })));

interface Props {
  planId: string;
  doc: TreeDocument;
  rows: readonly Row[];
  onCollapse: (codes: ReadonlySet<string>) => void;
  onPrint: () => void;
  /** "Add a strategic area" is offered. */
  canAddArea: boolean;
  /** Bulk reassignment is offered (on an adopted plan too: without an open revision the server's 409 says to open one). */
  canReassign: boolean;
  onChanged: () => void;
  /**
   * The period the screen is moving to while `doc` is still another's (`periodComing`): adding an area
   * and reassigning wait for it, and say why (their change read the period left again, undoing the switch).
   */
  coming?: PeriodComing | null;
}

export function TreeToolbar({ planId, doc, rows, onCollapse, onPrint, canAddArea, canReassign, onChanged, coming = null }: Props) {
  const { t } = useTranslation();
  const waiting = coming !== null;
  return (
    <div className="d-flex flex-wrap gap-2 mb-2 small align-items-center">
      {waiting && (canAddArea || canReassign) && (
        <div className="w-100">
          <PeriodComingNote coming={coming} testId="toolbar-waiting" of="edit" />
        </div>
      )}
      <button type="button" className="btn btn-sm btn-link p-0" onClick={() => onCollapse(new Set())}>
        {t('tree.expandAll')}
      </button>
      <button type="button" className="btn btn-sm btn-link p-0" onClick={() => onCollapse(new Set(doc.objectives.map((o) => o.code)))}>
        {t('tree.collapseAll')}
      </button>
      <button type="button" className="btn btn-sm btn-link p-0" onClick={onPrint} data-testid="print">
        {t('tree.print')}
      </button>
      {canAddArea && (
        <Suspense fallback={null}>
          <AddAreaButton planId={planId} doc={doc} onChanged={onChanged} waiting={waiting} />
        </Suspense>
      )}
      {canReassign && <BulkReassignButton planId={planId} doc={doc} rows={rows} onChanged={onChanged} waiting={waiting} />}
      <span className="ms-auto" aria-live="polite">
        {t('tree.rows', { count: rows.length })}
      </span>
    </div>
  );
}
