/**
 * Data entry of one indicator's value for the period shown, for a referente: the draft
 * (`useEntryDraft.ts`), the fields (`EntryFields.tsx`), the save (`useEntrySave.ts`, its rules in
 * `entry-check.ts`). Saved with the version read, so a concurrent save is a conflict, never an
 * overwrite. A ratio or trend indicator takes its base measures instead of an actual.
 */
import { useTranslation } from 'react-i18next';
import { Alert, Button } from 'design-react-kit';
import type { Period, TreeIndicator, User } from '../api/types.js';
import { useSession } from '../session.js';
import { useLang } from '../ui/format.js';
import { readMeasures } from './base-measures.js';
import { draftKey } from './drafts.js';
import { ActualField, MeasuresFields, NoteFields, StateField } from './EntryFields.js';
import { PeriodComingNote } from './PeriodComingNote.js';
import type { DetailProps } from './props.js';
import { ENTRY_MESSAGE, useEntryDraft, type EntryMessage } from './useEntryDraft.js';
import { useEntrySave } from './useEntrySave.js';
import { messageNow } from './save-said.js';
import { useInLanguage } from '../ui/server-words.js';

export function EntryForm(props: DetailProps & { indicator: TreeIndicator }) {
  const { t } = useTranslation();
  const { user } = useSession();
  const period = props.doc.period;
  if (user === null) return null;
  if (period === null) return <p className="small">{t('entry.noPeriod')}</p>;
  return <EntrySection {...props} period={period} reader={user} />;
}

/** The form itself, once there is a reader and a period to enter a value for. */
function EntrySection(props: DetailProps & { indicator: TreeIndicator; period: Period; reader: User }) {
  const { t } = useTranslation();
  const lang = useLang();
  const i = props.indicator;
  // Kept by reader too: a form typed in and left is never shown to the next account signed in on this browser.
  const waiting = props.coming != null;
  const draft = useEntryDraft(i, props.prefill, props.savedNote, draftKey(props.reader, { planId: props.planId, periodId: props.period.id, indicatorId: i.id }), waiting);
  const { formula, state } = draft;
  // The value is asked at once for an indicator not yet measured: typing one means "measured".
  const valueShown = state === 'measured' || state === 'not_measured';
  const read = formula === null ? null : readMeasures(formula, draft.measures, lang);
  const save = useEntrySave(props, draft, read);
  // The message's refusal or problem said again after a change of language (`messageNow`).
  const said = useInLanguage();
  return (
    <section aria-labelledby="entry-title" className="entry mb-3">
      <h3 id="entry-title" className="h6">
        {t('entry.title')} — {props.period.label}
      </h3>
      {props.coming != null && <PeriodComingNote coming={props.coming} testId="entry-waiting" />}
      {draft.message !== null && <EntryAlert message={messageNow(draft.message, i, t, lang, said)} onReload={() => props.onSaved(undefined)} />}
      <form onSubmit={(e) => void save(e)} className="albero-form" noValidate>
        {/* Not disabled while saving: a disabled field drops the keyboard's focus to the page; a second submit is ignored instead. */}
        {/* Disabled too while the period shown is being left: what is typed would be the other period's. */}
        <fieldset disabled={props.locked || waiting} aria-busy={draft.busy}>
          {valueShown && formula !== null && read !== null && <MeasuresFields draft={draft} formula={formula} read={read} unit={i.unit} />}
          {valueShown && formula === null && <ActualField draft={draft} unit={i.unit} />}
          <StateField draft={draft} />
          <NoteFields draft={draft} />
          <Button color="primary" type="submit" data-testid="entry-save">
            {t('entry.save')}
          </Button>
        </fieldset>
      </form>
    </section>
  );
}

/** What the last save (or a carried value) said; a conflict offers to read the stored value. */
function EntryAlert({ message, onReload }: { message: EntryMessage; onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert id={ENTRY_MESSAGE} color={message.kind} role={message.kind === 'success' || message.kind === 'info' ? 'status' : 'alert'} data-testid="entry-message">
      {message.text}
      {message.kind === 'warning' && (
        <button type="button" className="btn btn-link btn-sm" onClick={onReload}>
          {t('entry.reload')}
        </button>
      )}
    </Alert>
  );
}
