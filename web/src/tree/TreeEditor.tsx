/**
 * Tree editing for the controllo di gestione, from an objective's or indicator's detail: add a
 * child objective, change or delete an objective, add, change or delete an indicator. Every change
 * is sent against the version the tree showed: a 409 says someone else got there first, with a
 * reload, and nothing is overwritten. After a change the tree (and its performances) is read again.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { api } from '../api/client.js';
import type { TreeDocument, TreeIndicator } from '../api/types.js';
import { deletionScope } from './tree-edit.js';
import { Notice } from '../ui/Form.js';
import type { Kept } from '../ui/server-words.js';
import { ConfirmDialog, type ToolsProps } from './EditParts.js';
import { NodeDialog } from './NodeDialog.js';
import { IndicatorDialog } from './IndicatorDialog.js';
import { PeriodComingNote } from '../detail/PeriodComingNote.js';
import type { PeriodComing } from '../plan/period-coming.js';

type Open = null | 'child' | 'node' | 'delete-node' | 'indicator' | 'edit-indicator' | 'delete-indicator';

/**
 * The editing buttons under an objective's or an indicator's detail, and the dialog they open.
 * `coming`: the period the screen is moving to while `doc` is still another's (`periodComing`). The
 * buttons wait for it, and say so: a change made on a tree about to be replaced is made on what the
 * reader is no longer shown, and one made from the toolbar read the period left again, undoing the switch.
 */
export function TreeEditTools({ indicator, coming = null, ...props }: ToolsProps & { indicator?: TreeIndicator | undefined; coming?: PeriodComing | null }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<Kept | null>(null);
  const { objective, doc } = props;
  const close = () => setOpen(null);
  const done = (message: Kept) => {
    setOpen(null);
    setNotice(message);
    props.onChanged();
  };
  const deleted = () => {
    setOpen(null);
    props.onDeleted();
    props.onChanged();
  };
  useEffect(() => setNotice(null), [objective.code, indicator?.id]);

  const scope = deletionScope(doc.objectives, objective.code);
  const actions: Array<[Exclude<Open, null>, string]> =
    indicator === undefined
      ? [
          ['child', t('edit.addChild', { code: objective.code })],
          ['indicator', t('edit.addIndicator')],
          ['node', t('edit.editNode')],
          ['delete-node', t('edit.deleteNode')],
        ]
      : [
          ['edit-indicator', t('edit.editIndicator')],
          ['delete-indicator', t('edit.deleteIndicator')],
        ];
  return (
    <section className="tree-edit-tools mb-3" aria-labelledby="edit-tools-title" data-testid="edit-tools">
      <h3 id="edit-tools-title" className="h6">
        {t('edit.tools')}
      </h3>
      <Notice text={notice} testId="edit-notice" />
      {coming !== null && <PeriodComingNote coming={coming} testId="edit-waiting" of="edit" />}
      <div className="d-flex flex-wrap gap-2">
        {actions.map(([action, label]) => (
          <Button key={action} size="xs" color={action.startsWith('delete') ? 'danger' : 'primary'} outline disabled={coming !== null} onClick={() => setOpen(action)} data-testid={`open-${action}`}>
            {label}
          </Button>
        ))}
      </div>
      {open === 'child' && <NodeDialog {...props} mode="child" onClose={close} onDone={() => done({ key: 'edit.saved' })} />}
      {open === 'node' && <NodeDialog {...props} mode="edit" onClose={close} onDone={() => done({ key: 'edit.saved' })} />}
      {open === 'indicator' && <IndicatorDialog {...props} indicator={undefined} onClose={close} onDone={() => done({ key: 'edit.saved' })} />}
      {open === 'edit-indicator' && indicator !== undefined && <IndicatorDialog {...props} indicator={indicator} onClose={close} onDone={() => done({ key: 'edit.saved' })} />}
      {open === 'delete-node' && (
        <ConfirmDialog
          title={t('edit.deleteNode')}
          blocked={scope.children > 0 ? t('edit.hasChildren', { code: objective.code, count: scope.children }) : null}
          onClose={close}
          onConfirm={(removeValues) => api.deleteNode(props.planId, objective.code, removeValues)}
          onDone={deleted}
        >
          {scope.indicators > 0
            ? t('edit.confirmNode', { code: objective.code, title: objective.title, count: scope.indicators })
            : t('edit.confirmNodeNone', { code: objective.code, title: objective.title })}
        </ConfirmDialog>
      )}
      {open === 'delete-indicator' && indicator !== undefined && (
        <ConfirmDialog title={t('edit.deleteIndicator')} blocked={null} onClose={close} onConfirm={(removeValues) => api.deleteIndicator(props.planId, indicator.id, removeValues)} onDone={deleted}>
          {t('edit.confirmIndicator', { name: indicator.name, code: objective.code })}
        </ConfirmDialog>
      )}
    </section>
  );
}

/** For the plan's editors above the tree: a new strategic area (the only way into an empty plan). */
export function AddAreaButton({ planId, doc, onChanged, waiting = false }: { planId: string; doc: TreeDocument; onChanged: () => void; waiting?: boolean }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [notice, setNotice] = useState<Kept | null>(null);
  return (
    <>
      <button type="button" className="btn btn-sm btn-link p-0" disabled={waiting} onClick={() => setOpen(true)} data-testid="open-area">
        {t('edit.addArea')}
      </button>
      <Notice text={notice} testId="area-notice" />
      {open && (
        <NodeDialog
          planId={planId}
          doc={doc}
          mode="child"
          objective={null}
          onChanged={onChanged}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            setNotice({ key: 'edit.saved' });
            onChanged();
          }}
        />
      )}
    </>
  );
}
