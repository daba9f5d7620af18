/**
 * The Relazione sulla performance of a plan year: the office writes its sections (the small markup
 * of io/relazione/markup.ts; the generated sentences offered to start from) and sends it to the OIV;
 * the OIV fills the checklist, the note, the reservations and the validated values, and decides;
 * the office publishes it. Downloads and a preview in every state; a validated Relazione read-only.
 * Who may do what is the server's (403 otherwise): the screen shows each role only its own tools.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from 'design-react-kit';
import { api, ApiError } from '../api/client.js';
import { keys, putWritten } from '../api/queries.js';
import { can, useSession } from '../session.js';
import { Field, focusSoon } from '../ui/Form.js';
import { issuesByField } from '../ui/form-errors.js';
import { sentence } from '../ui/sentence.js';
import { staleSaveOf, staleSaveWords, type StaleSave } from '../ui/stale-save.js';
import { mergeTexts, type MergedTexts } from './merge.js';
import { keptFile, movedBy, say, unsavedSections, type KeptSection, type Said } from './kept.js';
import { changedSinceRead, refusalText, refusalWords } from './refusal.js';
import { emptyOfficeSections } from '../../../src/contract/relazione-states.js';
import { Markup } from './Markup.js';
import { IndividualFigures } from './Individual.js';
import { pointWords } from './checklist.js';
import { DECISIONS, relazioneApi, type ChecklistPoint, type Outcome, type Relazione, type RelazioneState, type Review } from './api.js';
import { momentText, plainNumber, useLang, useLanguageChange, type Lang } from '../ui/format.js';
import { amountInput, swapNotation, typedDecimal } from '../ui/parse.js';
import { useRelazione } from './queries.js';
import { useInLanguage } from '../ui/server-words.js';
import { usePlanLang } from '../ui/PlanText.js';

/** Said on the screen: words as they are, or a sentence naming who and when, said again in the language chosen since (kept.ts). */
type Message = { kind: 'success' | 'danger'; text: string | Said } | null;
/** A refusal said at a row's field: the refusal, and the API's field it names. */
type RefusedAt = { error: unknown; field: string };
/**
 * What the screen keeps to say: a message, or a refusal kept as the server's answer and said on each
 * render, so a change of language says it again in the new one.
 */
type Shown = Message | { kind: 'danger'; error: unknown };

/**
 * The office's texts of a save refused as stale, carried over onto the version saved meanwhile
 * (merge.ts): the editor of that `version` starts from them; `saved`: who saved it and when, said at
 * the sections they changed (in the screen's language of the moment: kept as they came, not as words).
 */
interface Carried {
  readonly version: number;
  readonly merged: MergedTexts;
  readonly saved: StaleSave;
}

/** A stale save's texts the Relazione no longer takes; the `state` it was moved to, and who moved it and when (`moved`). */
interface Kept {
  readonly sections: readonly KeptSection[];
  readonly state: RelazioneState;
  readonly moved: StaleSave;
}

function when(iso: string | null, lang: string): string {
  return iso === null ? '' : momentText(iso, lang, 'short');
}

export function RelazionePage({ planId, onBack }: { planId: string; onBack: () => void }) {
  const { t, i18n } = useTranslation();
  const planLang = usePlanLang();
  const { user } = useSession();
  const client = useQueryClient();
  // The answer names people in the language it was asked in (the program, the command line): read
  // again in the one chosen. Texts typed and not saved stay on screen (the editor keeps them).
  const screenLang = useLang();
  useLanguageChange(screenLang, () => void client.invalidateQueries({ queryKey: keys.relazione(planId) }));
  const planRead = useQuery({ queryKey: keys.plan(planId), queryFn: () => api.plan(planId) });
  const relazioneRead = useRelazione(planId);
  const plan = planRead.data ?? null;
  const relazione = relazioneRead.data ?? null;
  const [shown, setMessage] = useState<Shown>(null);
  const inLanguage = useInLanguage();
  const said: Message = shown === null || 'text' in shown ? shown : { kind: 'danger', text: refusalText(inLanguage(shown.error), t) };
  const [busy, setBusy] = useState(false);
  // The empty sections the office is asked about before the Relazione is sent (null: not asking).
  const [emptySections, setEmptySections] = useState<readonly string[] | null>(null);
  // The office's texts as typed and not saved yet (null: as stored): sending the Relazione saves them
  // first, so what leaves for the OIV is what the screen showed, never the older stored texts.
  const unsavedTexts = useRef<Record<string, string> | null>(null);
  // A stale save's texts carried over (null: none); the sections both sides changed that the office has not settled yet.
  const [carried, setCarried] = useState<Carried | null>(null);
  const unsettled = useRef<readonly string[]>([]);
  // Texts typed and refused once the Relazione could no longer take them: shown until dismissed or the page is left.
  const [kept, setKept] = useState<Kept | null>(null);
  const failed = planRead.error ?? relazioneRead.error;
  const message: Message = said ?? (failed === null ? null : { kind: 'danger', text: refusalText(inLanguage(failed), t) });

  /**
   * Runs a change; a stale version reloads and says so (`onStale`: what to say instead, after
   * carrying the texts over; null: as any stale change), a refusal `atField` says at its field (true:
   * said there) is not repeated up top, any other refusal is said in the screen's words (refusal.ts).
   */
  const act = useCallback(
    async (change: () => Promise<Relazione>, done: Said, atField?: (refusal: unknown) => boolean, onStale?: () => Promise<Said | null>) => {
      setBusy(true);
      setMessage(null);
      try {
        await putWritten(client, keys.relazione(planId), await change());
        setMessage({ kind: 'success', text: done });
        // The buttons were disabled while the change was sent (the one pressed may go with the state it
        // left), which left the focus on the page's body: the message saying what happened takes it.
        focusSoon('relazione-message');
      } catch (e) {
        if (e instanceof ApiError && e.code === 'conflict' && e.status === 409 && /version/.test(JSON.stringify(e.body?.error.details ?? {}))) {
          const carriedSaid = onStale === undefined ? null : await onStale().catch(() => null);
          if (carriedSaid === null) await client.refetchQueries({ queryKey: keys.relazione(planId) });
          // Who saved the Relazione meanwhile and when, as every form says a stale save (ui/stale-save.ts),
          // kept as key and moment: a change of language says it again.
          const clash = staleSaveOf(e);
          const stale: Said = clash === null || (clash.by === null && clash.at === null) ? { key: 'relazione.conflict' } : { key: 'relazione.conflictBy', who: clash };
          setMessage({ kind: 'danger', text: carriedSaid ?? stale });
          focusSoon('relazione-message');
        } else if (atField?.(e) !== true) {
          setMessage({ kind: 'danger', error: e });
          focusSoon('relazione-message');
        }
        // A revision opened after the screen read the plan: read it again, for the review to say which one is open.
        if (e instanceof ApiError && e.body?.error.params?.relazione === 'revision-open') await client.refetchQueries({ queryKey: keys.plan(planId) });
        // What the validation would freeze changed while it was prepared (the figures, the units, last
        // year's comparison, …): the Relazione on screen is read again before the OIV validates again.
        if (changedSinceRead(e)) await client.refetchQueries({ queryKey: keys.relazione(planId) });
      } finally {
        setBusy(false);
      }
    },
    [client, planId],
  );

  if (relazione === null || plan === null) {
    return (
      <>
        {message !== null && (
          <Alert color={message.kind} role="alert">
            {typeof message.text === 'string' ? message.text : say(message.text, t, screenLang)}
          </Alert>
        )}
        <p role="status">{t('relazione.loading')}</p>
      </>
    );
  }

  const office = can.managePlans(user?.role);
  // An archived plan's Relazione is read, downloaded and published, never changed: its texts, review
  // and moves are refused (409 plan-archived), so none is offered, and the page says why.
  const archived = plan.archived === true;
  const editableState = (s: RelazioneState): boolean => s === 'draft' || s === 'not_validated';
  /**
   * A save of `typed` refused because the Relazione was saved after this screen read it: rather than
   * dropping what was typed, it is carried over onto the version saved meanwhile, section by section
   * (merge.ts), and said with who saved it and when. When the Relazione can no longer be written
   * (sent to the OIV meanwhile, decided), the sections typed are kept below it instead, to copy or
   * download (none typed differently: said as any stale save, null).
   */
  const carryOver = (typed: Record<string, string>) => async (): Promise<Said | null> => {
    const current = await relazioneApi.get(planId);
    if (!editableState(current.state)) {
      const sections = unsavedSections(current.sections, typed, current.texts);
      if (sections.length === 0) return null;
      setKept({ sections, state: current.state, moved: movedBy(current) });
      await putWritten(client, keys.relazione(planId), current);
      return { key: 'relazione.kept.said' };
    }
    const merged = mergeTexts(current.sections, relazione.texts, typed, current.texts);
    const saved = { by: current.updatedByName ?? current.updatedBy, at: current.updatedAt };
    // Set before the newer version reaches the screen: its editor starts from the carried texts.
    setCarried({ version: current.version, merged, saved });
    await putWritten(client, keys.relazione(planId), current);
    return merged.conflicts.length === 0 ? { key: 'relazione.carried.kept', who: saved } : { key: 'relazione.carried.conflicts', params: { count: merged.conflicts.length }, who: saved };
  };
  /** The sections both sides changed and the office has not settled: nothing is sent until it has (said, with the focus on the first). */
  const settledFirst = (): boolean => {
    const open = unsettled.current;
    if (open.length === 0) return true;
    setMessage({ kind: 'danger', text: { key: 'relazione.carried.unsettled', params: { count: open.length } } });
    focusSoon(`relazione-text-${open[0]}`);
    return false;
  };
  /** Sends the Relazione on, saving first the texts typed and not saved; `confirmEmpty` after the office saw its empty sections. */
  const transmit = (confirmEmpty: boolean): void => {
    setEmptySections(null);
    if (!settledFirst()) return;
    const texts = unsavedTexts.current;
    void act(
      async () => {
        if (texts !== null) await putWritten(client, keys.relazione(planId), await relazioneApi.putTexts(planId, texts, relazione.version));
        return relazioneApi.move(planId, 'transmitted', { confirmEmpty });
      },
      { key: 'relazione.transmitted' },
      undefined,
      texts === null ? undefined : carryOver(texts),
    );
  };
  const oiv = user?.role === 'oiv' && !archived;
  const decided = DECISIONS.includes(relazione.state);
  const editable = office && !archived && editableState(relazione.state);
  const lang = i18n.language;
  const stateWords = (s: RelazioneState): string => t(`relazione.state.${s}`);

  return (
    <div data-testid="relazione-page">
      <p>
        <button type="button" className="btn btn-link px-0" onClick={onBack}>
          ← {t('relazione.back')}
        </button>
      </p>
      <h1 className="h3">{t('relazione.title', { year: plan.year })}</h1>
      <p className="text-muted" lang={planLang}>
        {plan.title}
      </p>

      <section className="relazione-state mb-3" aria-labelledby="relazione-state-title">
        <h2 id="relazione-state-title" className="visually-hidden">
          {t('relazione.state.label')}
        </h2>
        <p className="mb-1">
          {t('relazione.state.label')}:{' '}
          <strong className={`relazione-badge relazione-${relazione.state}`} data-testid="relazione-state">
            {stateWords(relazione.state)}
          </strong>
        </p>
        {relazione.transmittedAt !== null && relazione.state !== 'draft' && <p className="mb-1 small">{t('relazione.transmittedAt', { at: when(relazione.transmittedAt, lang) })}</p>}
        {relazione.decidedAt !== null && <p className="mb-1 small">{t('relazione.decidedAt', { at: when(relazione.decidedAt, lang), by: relazione.decidedByName ?? relazione.decidedBy ?? '—' })}</p>}
        {/* Who saved last, by name (the login is no name): the office and the OIV write the same Relazione. */}
        {relazione.version > 0 && relazione.updatedAt !== null && (
          <p className="mb-1 small" data-testid="relazione-saved">
            {t('relazione.savedAt', { at: when(relazione.updatedAt, lang), by: relazione.updatedByName ?? relazione.updatedBy ?? t('relazione.refusals.someone') })}
          </p>
        )}
        <p className="mb-1 small" data-testid="relazione-published">
          {relazione.published ? t('relazione.published', { at: when(relazione.publishedAt, lang) }) : t('relazione.notPublished')}
        </p>
        {/* Whether the comparison's figures of last year are what the OIV validated, or may still change (section 3.6 says the same). */}
        {relazione.previousYear !== null && (
          <p className={`mb-1 small${relazione.previousYear.source.kind === 'validated' ? '' : ' text-warning-emphasis'}`} data-testid="relazione-previous-year">
            {relazione.previousYear.text[lang === 'en' ? 'en' : 'it']}
          </p>
        )}
        {/* Objectives the comparison could not match by code: the plan's structure changed (section 3.6 lists them too). */}
        {relazione.previousYear?.structure !== undefined && (
          <p className="mb-1 small text-warning-emphasis" data-testid="relazione-previous-structure">
            {relazione.previousYear.structure.text[lang === 'en' ? 'en' : 'it']}
          </p>
        )}
        {relazione.frozen && (
          <p className="alert alert-info py-2" data-testid="relazione-frozen">
            {t('relazione.frozen')}
          </p>
        )}
        {/* The year end reopened since: its values change, the validated Relazione does not (it keeps what the OIV validated). */}
        {relazione.frozen && relazione.reopenedAfterDecision !== null && (
          <div className="alert alert-warning py-2" role="note" data-testid="relazione-reopened">
            <p className="mb-1">
              {t('relazione.reopened', {
                period: relazione.reopenedAfterDecision.period,
                at: when(relazione.reopenedAfterDecision.at, lang),
                by: relazione.reopenedAfterDecision.by ?? t('relazione.refusals.someone'),
              })}
            </p>
            {relazione.reopenedAfterDecision.reason !== null && <p className="mb-0 small">{t('relazione.reopenedReason', { reason: relazione.reopenedAfterDecision.reason })}</p>}
          </div>
        )}
        {office && !archived && relazione.state === 'transmitted' && <p className="alert alert-info py-2">{t('relazione.withOiv')}</p>}
        {archived && user !== null && (
          <p className="alert alert-secondary py-2" role="status" data-testid="relazione-archived">
            {t('relazione.archived')}
          </p>
        )}
      </section>

      {message !== null && (
        <Alert color={message.kind} role={message.kind === 'danger' ? 'alert' : 'status'} id="relazione-message" tabIndex={-1} data-testid="relazione-message">
          {typeof message.text === 'string' ? message.text : say(message.text, t, screenLang)}
        </Alert>
      )}

      <Downloads planId={planId} decided={decided} />

      {office && (
        <div className="d-flex flex-wrap gap-2 mb-3" role="group" aria-label={t('relazione.state.label')}>
          {relazione.state === 'draft' && !archived && (
            <Button
              color="primary"
              disabled={busy || emptySections !== null}
              onClick={() => {
                // Sections only the office writes, empty as the screen shows them: asked before sending (the server refuses them unconfirmed).
                const empty = emptyOfficeSections(unsavedTexts.current ?? relazione.texts);
                if (empty.length > 0) {
                  setEmptySections(empty);
                  // The button is disabled while the office is asked: the question takes the focus.
                  focusSoon('relazione-empty-sections');
                } else transmit(false);
              }}
              id="relazione-transmit"
              data-testid="relazione-transmit"
            >
              {t('relazione.transmit')}
            </Button>
          )}
          {relazione.state === 'transmitted' && !archived && (
            <Button color="secondary" outline disabled={busy} onClick={() => void act(() => relazioneApi.move(planId, 'draft'), { key: 'relazione.state.draft' })} data-testid="relazione-take-back">
              {t('relazione.takeBack')}
            </Button>
          )}
          {relazione.state === 'not_validated' && !archived && (
            <Button
              color="secondary"
              outline
              disabled={busy}
              onClick={() => void act(() => relazioneApi.move(planId, 'draft'), { key: 'relazione.state.draft' })}
              data-testid="relazione-back-to-draft"
            >
              {t('relazione.backToDraft')}
            </Button>
          )}
          {decided && (
            <Button
              color={relazione.published ? 'secondary' : 'primary'}
              outline={relazione.published}
              disabled={busy}
              onClick={() => void act(() => relazioneApi.publish(planId, !relazione.published), { key: relazione.published ? 'relazione.unpublishedDone' : 'relazione.publishedDone' })}
              data-testid="relazione-publish"
            >
              {relazione.published ? t('relazione.unpublish') : t('relazione.publish')}
            </Button>
          )}
          {decided && !plan.published && <p className="small mb-0 align-self-center">{t('relazione.planNotPublished')}</p>}
        </div>
      )}

      {office && !archived && relazione.state === 'draft' && emptySections !== null && (
        <div className="alert alert-warning" role="alertdialog" aria-labelledby="relazione-empty-title" id="relazione-empty-sections" tabIndex={-1} data-testid="relazione-empty-sections">
          <p id="relazione-empty-title" className="mb-1">
            {t('relazione.emptySections')}
          </p>
          <ul className="mb-2">
            {emptySections.map((k) => (
              <li key={k}>{t(`relazione.section.${k}`)}</li>
            ))}
          </ul>
          <div className="d-flex gap-2">
            <Button color="primary" disabled={busy} onClick={() => transmit(true)} data-testid="relazione-transmit-anyway">
              {t('relazione.transmitAnyway')}
            </Button>
            <Button
              color="secondary"
              outline
              disabled={busy}
              onClick={() => {
                setEmptySections(null);
                // The question goes with its buttons: the focus back on «Trasmetti», where it was asked from.
                focusSoon('relazione-transmit');
              }}
              data-testid="relazione-keep-writing"
            >
              {t('relazione.keepWriting')}
            </Button>
          </div>
        </div>
      )}

      {editable ? (
        <TextsEditor
          key={relazione.version}
          relazione={relazione}
          busy={busy}
          unsaved={unsavedTexts}
          carried={carried?.version === relazione.version ? carried : null}
          unsettled={unsettled}
          onSave={(texts) => {
            setMessage(null);
            if (settledFirst()) void act(() => relazioneApi.putTexts(planId, texts, relazione.version), { key: 'relazione.saved' }, undefined, carryOver(texts));
          }}
        />
      ) : (
        <TextsView relazione={relazione} />
      )}
      {kept !== null && <KeptTexts kept={kept} onDismiss={() => setKept(null)} />}

      {oiv && relazione.state === 'transmitted' ? (
        <ReviewEditor
          key={relazione.version}
          relazione={relazione}
          openRevision={plan.openRevision ?? null}
          busy={busy}
          onStart={() => setMessage(null)}
          onSave={(review, atField) => void act(() => relazioneApi.putReview(planId, review), { key: 'relazione.review.saved' }, atField)}
          onDecide={(to, review, atField) =>
            void act(
              async () => {
                // The review as the OIV left it on the screen goes with the decision: saved first when changed.
                // The figures the screen showed go with it too: `seen` as this screen read it, not as the
                // review's save answers it (made at the click, it would validate what nobody read).
                const seen = relazione.seen;
                if (review !== null) await putWritten(client, keys.relazione(planId), await relazioneApi.putReview(planId, review));
                return relazioneApi.move(planId, to, { seen });
              },
              { key: 'relazione.review.decided', terms: { state: `relazione.state.${to}` } },
              atField,
            )
          }
        />
      ) : (
        relazione.state !== 'draft' && <ReviewView relazione={relazione} />
      )}
    </div>
  );
}

function Downloads({ planId, decided }: { planId: string; decided: boolean }) {
  const { t } = useTranslation();
  const link = (what: 'export' | 'validation', format: 'docx' | 'pdf' | 'html') => (
    <a key={`${what}-${format}`} className="btn btn-sm btn-outline-primary" href={relazioneApi.fileUrl(planId, what, format)} download data-testid={`relazione-${what}-${format}`}>
      {t(`relazione.download.${what === 'export' ? format : `v${format}`}`)}
    </a>
  );
  return (
    <section className="mb-3" aria-labelledby="relazione-downloads">
      <h2 id="relazione-downloads" className="h5">
        {t('relazione.downloads')}
      </h2>
      <div className="d-flex flex-wrap gap-2 align-items-center">
        {/* The preview is the server's HTML rendering in a tab of its own (the app may not be framed, nor frame). */}
        <a className="btn btn-sm btn-outline-secondary" href={relazioneApi.fileUrl(planId, 'export', 'html')} target="_blank" rel="noopener" data-testid="relazione-preview">
          {t('relazione.preview')}
        </a>
        {(['docx', 'pdf', 'html'] as const).map((f) => link('export', f))}
        {decided && (['pdf', 'docx'] as const).map((f) => link('validation', f))}
      </div>
    </section>
  );
}

/**
 * `unsaved` is told the texts typed and not saved (null when they are the stored ones). `carried`: a
 * stale save's texts carried over onto this version (shown in place of the stored ones), and the
 * sections both sides changed, each settled by the office (`unsettled` is told those still open).
 */
function TextsEditor({
  relazione,
  busy,
  unsaved,
  carried,
  unsettled,
  onSave,
}: {
  relazione: Relazione;
  busy: boolean;
  unsaved: { current: Record<string, string> | null };
  carried: Carried | null;
  unsettled: { current: readonly string[] };
  onSave: (texts: Record<string, string>) => void;
}) {
  const { t } = useTranslation();
  const planLang = usePlanLang();
  // Who saved the version carried onto, said in the screen's language now (the day and time in its notation).
  const who = staleSaveWords(carried?.saved ?? { by: null, at: null }, useLang(), t('common.someoneElse'));
  const [texts, setTextsShown] = useState<Record<string, string>>(() => carried?.merged.texts ?? relazione.texts);
  // The other person's text of each section both changed, while the office has not chosen (by key).
  const [open, setOpen] = useState<ReadonlyMap<string, string>>(() => new Map(carried?.merged.conflicts.map((c) => [c.key, c.theirs]) ?? []));
  const pending = (next: Record<string, string>) => (relazione.sections.some((k) => (next[k] ?? '') !== (relazione.texts[k] ?? '')) ? next : null);
  const setTexts = (next: Record<string, string>) => {
    setTextsShown(next);
    unsaved.current = pending(next);
  };
  const settle = (key: string, text: string) => {
    setTexts({ ...texts, [key]: text });
    const next = new Map(open);
    next.delete(key);
    setOpen(next);
    focusSoon(`relazione-text-${key}`);
  };
  useEffect(() => {
    unsettled.current = [...open.keys()];
  }, [open, unsettled]);
  // Carried over, the texts shown are not the stored ones from the start. Gone (sent, or replaced by
  // the stored texts after a save): nothing of it is pending any more.
  useEffect(() => {
    unsaved.current = pending(texts);
    return () => {
      unsaved.current = null;
      unsettled.current = [];
    };
    // Once, on mount: later changes are told as they are typed (`setTexts`).
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unsaved, unsettled]);
  const kept = new Set(carried?.merged.kept ?? []);
  const theirs = new Set(carried?.merged.theirs ?? []);
  return (
    <form
      className="mb-4"
      noValidate
      aria-labelledby="relazione-texts-title"
      onSubmit={(e) => {
        e.preventDefault();
        onSave(texts);
      }}
    >
      <h2 id="relazione-texts-title" className="h5">
        {t('relazione.texts')}
      </h2>
      <p className="small">{t('relazione.markup')}</p>
      {relazione.sections.map((key) => {
        const generated = relazione.generated[key];
        const id = `relazione-text-${key}`;
        const other = open.get(key);
        // What happened to the section in the carry-over, said under it until the next save.
        const hint =
          other !== undefined
            ? t('relazione.carried.yours')
            : kept.has(key)
              ? t('relazione.carried.keptHere')
              : theirs.has(key) && carried !== null
                ? t('relazione.carried.theirsHere', who)
                : key === 'variazioni'
                  ? t('relazione.revisionsHint')
                  : undefined;
        const field = (
          <Field id={id} label={t(`relazione.section.${key}`)} hint={hint} error={other === undefined ? undefined : t('relazione.carried.choose')}>
            {(aria) => (
              <textarea
                {...aria}
                className="form-control"
                rows={key === 'contesto-esterno' || key === 'contesto-interno' ? 6 : 3}
                value={texts[key] ?? ''}
                lang={planLang}
                onChange={(e) => setTexts({ ...texts, [key]: e.target.value })}
                data-testid={id}
              />
            )}
          </Field>
        );
        return (
          <div key={key} className="relazione-section mb-3">
            {/* §5's figures above its text, as the documents print them. */}
            {key === 'performance-individuale' && relazione.individual !== null && <IndividualFigures figures={relazione.individual} />}
            {other === undefined || carried === null ? (
              field
            ) : (
              // Both changed it: the office's text (editable) beside theirs, until the office keeps one.
              <div className="border border-warning rounded p-2" role="group" aria-labelledby={`${id}-both`} data-testid={`relazione-conflict-${key}`}>
                <p id={`${id}-both`} className="fw-semibold mb-2">
                  {t('relazione.carried.both', { section: t(`relazione.section.${key}`), ...who })}
                </p>
                <div className="row">
                  <div className="col-md-6">{field}</div>
                  <div className="col-md-6">
                    <p className="form-label mb-2" id={`${id}-theirs-label`}>
                      {t('relazione.carried.theirsLabel', who)}
                    </p>
                    <div className="border rounded p-2 bg-light" style={{ whiteSpace: 'pre-wrap' }} aria-labelledby={`${id}-theirs-label`} role="region" data-testid={`relazione-theirs-${key}`}>
                      {other === '' ? <em>{t('relazione.carried.emptied')}</em> : <span lang={planLang}>{other}</span>}
                    </div>
                  </div>
                </div>
                <div className="d-flex flex-wrap gap-2 mt-2">
                  <Button color="primary" outline size="sm" onClick={() => settle(key, texts[key] ?? '')} data-testid={`relazione-keep-mine-${key}`}>
                    {t('relazione.carried.keepMine')}
                  </Button>
                  <Button color="primary" outline size="sm" onClick={() => settle(key, other)} data-testid={`relazione-take-theirs-${key}`}>
                    {t('relazione.carried.takeTheirs', who)}
                  </Button>
                </div>
              </div>
            )}
            {generated !== undefined && generated !== '' && (
              <details className="small">
                <summary>{t('relazione.generatedHint')}</summary>
                <p className="relazione-generated" data-testid={`relazione-generated-${key}`} lang={planLang}>
                  {generated}
                </p>
                <button type="button" className="btn btn-sm btn-outline-secondary" onClick={() => setTexts({ ...texts, [key]: generated })} data-testid={`relazione-use-generated-${key}`}>
                  {t('relazione.useGenerated')}
                </button>
              </details>
            )}
          </div>
        );
      })}
      <Button color="primary" type="submit" disabled={busy} data-testid="relazione-save">
        {t('relazione.save')}
      </Button>
    </form>
  );
}

/**
 * The texts a stale save could not carry over (the Relazione no longer takes them), read-only under
 * their sections' titles: each copied, all downloaded as one .txt made here (nothing is sent), and
 * who moved the Relazione and when, in the screen's language of the moment.
 */
function KeptTexts({ kept, onDismiss }: { kept: Kept; onDismiss: () => void }) {
  const { t } = useTranslation();
  const planLang = usePlanLang();
  const lang = useLang();
  // What the last «Copia» did, said in a live region (the clipboard may be refused: then copied by hand).
  const [copied, setCopied] = useState<{ key: string; done: boolean } | null>(null);
  const title = (key: string): string => t(`relazione.section.${key}`);
  const copy = (s: KeptSection): void => {
    const done = (ok: boolean) => () => setCopied({ key: s.key, done: ok });
    // No clipboard outside a secure context: said, the text is there to select.
    if (navigator.clipboard === undefined) done(false)();
    else navigator.clipboard.writeText(s.text).then(done(true), done(false));
  };
  const download = (): void => {
    const file = new Blob([keptFile(kept.sections.map((s) => ({ title: title(s.key), text: s.text })))], { type: 'text/plain;charset=utf-8' });
    const url = URL.createObjectURL(file);
    const link = document.createElement('a');
    link.href = url;
    link.download = t('relazione.kept.fileName');
    link.click();
    // Revoked once the download has taken it (the click starts it, not synchronously).
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const stateWord = t(`relazione.state.${kept.state}`);
  return (
    <section className="alert alert-warning mb-4" aria-labelledby="relazione-kept-title" data-testid="relazione-kept">
      <h2 id="relazione-kept-title" className="h5">
        {t('relazione.kept.title')}
      </h2>
      <p data-testid="relazione-kept-moved">{t('relazione.kept.moved', { state: stateWord, ...staleSaveWords(kept.moved, lang, t('common.someoneElse')) })}</p>
      {kept.sections.map((s) => (
        <div key={s.key} className="mb-3" data-testid={`relazione-kept-${s.key}`}>
          <h3 className="h6" id={`relazione-kept-${s.key}-title`}>
            {title(s.key)}
          </h3>
          <div
            className="border rounded p-2 bg-white mb-2"
            style={{ whiteSpace: 'pre-wrap', userSelect: 'text' }}
            role="region"
            aria-labelledby={`relazione-kept-${s.key}-title`}
            data-testid={`relazione-kept-text-${s.key}`}
            lang={planLang}
          >
            {s.text}
          </div>
          <Button color="primary" outline size="sm" aria-label={t('relazione.kept.copyLabel', { section: title(s.key) })} onClick={() => copy(s)} data-testid={`relazione-kept-copy-${s.key}`}>
            {t('relazione.kept.copy')}
          </Button>
        </div>
      ))}
      <p className="small" role="status" data-testid="relazione-kept-copied">
        {copied === null ? '' : t(copied.done ? 'relazione.kept.copied' : 'relazione.kept.copyFailed', { section: title(copied.key) })}
      </p>
      <div className="d-flex flex-wrap gap-2">
        <Button color="primary" size="sm" onClick={download} data-testid="relazione-kept-download">
          {t('relazione.kept.download')}
        </Button>
        <Button color="secondary" outline size="sm" onClick={onDismiss} data-testid="relazione-kept-dismiss">
          {t('relazione.kept.dismiss')}
        </Button>
      </div>
    </section>
  );
}

function TextsView({ relazione }: { relazione: Relazione }) {
  const { t } = useTranslation();
  const written = relazione.sections.filter((k) => (relazione.texts[k] ?? '').trim() !== '');
  return (
    <section className="mb-4" aria-labelledby="relazione-texts-title">
      <h2 id="relazione-texts-title" className="h5">
        {t('relazione.texts')}
      </h2>
      {relazione.individual !== null && <IndividualFigures figures={relazione.individual} />}
      {written.length === 0 ? (
        <p data-testid="relazione-texts-none">{t('relazione.review.noTexts')}</p>
      ) : (
        <dl>
          {written.map((k) => (
            <div key={k} data-testid={`relazione-text-view-${k}`}>
              <dt>{t(`relazione.section.${k}`)}</dt>
              {/* The office's markup rendered as the documents render it: never as HTML. */}
              <dd>
                <Markup text={relazione.texts[k] ?? ''} heading={3} />
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

interface ValueRow {
  code: string;
  validated: string;
  note: string;
  /** The OIV confirms a difference from what the objective's children give (refused otherwise). */
  deliberate: boolean;
}

/**
 * `onStart`: a save or a decision is asked for, so the last message is stale (it is called before
 * the screen's checks, which may stop it at a field). `onDecide` gets the review on the screen when
 * it differs from the stored one (to save first), else null. Both get `atField`, which says a
 * server's refusal of a validated value's row at that row's field (true when it did).
 */
function ReviewEditor({
  relazione,
  openRevision,
  busy,
  onStart,
  onSave,
  onDecide,
}: {
  relazione: Relazione;
  /** The plan's revision still open (its number), which the server refuses to validate over: said before the OIV decides. */
  openRevision: number | null;
  busy: boolean;
  onStart: () => void;
  onSave: (review: Review, atField: (refusal: unknown) => boolean) => void;
  onDecide: (to: RelazioneState, review: Review | null, atField: (refusal: unknown) => boolean) => void;
}) {
  const { t } = useTranslation();
  const planLang = usePlanLang();
  const lang = useLang();
  const [checklist, setChecklist] = useState<ChecklistPoint[]>(relazione.checklist);
  const [note, setNote] = useState(relazione.note);
  const [reservations, setReservations] = useState(relazione.reservations);
  const [values, setValues] = useState<ValueRow[]>(relazione.values.map((v) => ({ code: v.code, validated: amountInput(v.validated, lang), note: v.note, deliberate: v.deliberate })));
  /** A validated value that cannot be read in the screen's notation, by its row: said at its field, nothing sent (by its key). */
  const [unreadable, setUnreadable] = useState<Record<number, string>>({});
  /** A validation with reservations asked for and none written: said at the reservations field, nothing sent. */
  // By their keys: said again after a change of language.
  const [reservationsMissing, setReservationsMissing] = useState<string | undefined>(undefined);
  const [noteMissing, setNoteMissing] = useState<string | undefined>(undefined);
  /**
   * The server's refusal of a row's objective (one the plan does not have, one given twice), by the
   * screen's row: said at its code field. The server counts only the rows sent (`sentRows`).
   */
  // Each kept as the refusal and the API's field it names (`values.2.code`), said on each render
  // (`refusedAt`): after a change of language, in the new one.
  const [codeRefused, setCodeRefused] = useState<Record<number, RefusedAt>>({});
  /**
   * The server's refusal of a row's value (a parent its objectives, as validated, do not give), by
   * the screen's row: said at its value field, with the value they give, and the row then offers
   * to confirm the difference as deliberate.
   */
  const [valueRefused, setValueRefused] = useState<Record<number, RefusedAt>>({});
  const inLanguage = useInLanguage();
  /** What the refusal says at its field, in the screen's language now. */
  const refusedAt = ({ error, field }: RefusedAt): string => {
    const refusal = inLanguage(error);
    if (!(refusal instanceof ApiError)) return sentence(String(refusal));
    if (field.endsWith('.code') && refusal.code === 'invalid-body') return t('relazione.review.codeTwice');
    const issue = refusal.body?.error.issues?.find((i) => i.location !== null && typeof i.location === 'object' && (i.location as { field?: unknown }).field === field);
    if (issue !== undefined && field.endsWith('.validated')) return refusalWords(issue.params ?? {}, t) ?? sentence(issue.message);
    if (refusal.body?.error.details?.field === field) return sentence(refusalText(refusal, t));
    return issuesByField(refusal.body)[field] ?? sentence(refusalText(refusal, t));
  };
  const sentRows = useRef<number[]>([]);
  /** The checkpoint a validation found without an outcome (-1: no checkpoint at all), said at its field. */
  const [unassessed, setUnassessed] = useState<number | null>(null);
  /** The checkpoint answered "no" when a plain validation was asked for, said at its outcome. */
  const [failed, setFailed] = useState<number | null>(null);
  // The language changed with the review open: the typed values are written again in the new notation.
  useLanguageChange(lang, () => setValues((rows) => rows.map((v) => ({ ...v, validated: swapNotation(v.validated) }))));
  /** The review to send, its validated values read in the screen's notation; null when one cannot be read (said at its field). */
  const review = (): Review | null => {
    const problems: Record<number, string> = {};
    const sent: number[] = [];
    const rows = values.flatMap((v, i) => {
      if (v.code.trim() === '' && v.validated.trim() === '' && v.note.trim() === '') return [];
      sent.push(i);
      const read = typedDecimal(v.validated, lang);
      if ('problem' in read) problems[i] = read.problem;
      // An empty value is sent as typed, for the server to say what is missing.
      return [{ ...v, validated: 'value' in read && read.value !== null ? Number(read.value) : v.validated }];
    });
    setUnreadable(problems);
    setCodeRefused({});
    setValueRefused({});
    sentRows.current = sent;
    const first = Object.keys(problems)[0];
    if (first !== undefined) {
      document.getElementById(`relazione-value-validated-${first}`)?.focus();
      return null;
    }
    return { note, reservations, checklist, values: rows, version: relazione.version };
  };
  /**
   * A refusal at `values.N.code` (the server's 422 unknown objective names it in `details.field`, its
   * 400 for an objective given twice in `issues`) or at `values.N.validated` (a parent its objectives
   * do not give, each row in `issues` with its own values): said at that row's field, with the focus,
   * as the screen's own checks say theirs (before: up top, away from the row).
   */
  const atField = (refusal: unknown): boolean => {
    if (!(refusal instanceof ApiError)) return false;
    const named = refusal.body?.error.details?.field;
    const fields: Record<string, string> = {};
    for (const issue of refusal.body?.error.issues ?? []) {
      const field = issue.location !== null && typeof issue.location === 'object' ? (issue.location as { field?: unknown }).field : undefined;
      if (typeof field === 'string' && /^values\.\d+\.validated$/.test(field)) fields[field] = refusalWords(issue.params ?? {}, t) ?? sentence(issue.message);
    }
    if (Object.keys(fields).length === 0) Object.assign(fields, typeof named === 'string' ? { [named]: sentence(refusalText(refusal, t)) } : issuesByField(refusal.body));
    const codes: Record<number, RefusedAt> = {};
    const amounts: Record<number, RefusedAt> = {};
    for (const field of Object.keys(fields)) {
      const row = /^values\.(\d+)\.(code|validated)$/.exec(field);
      const screenRow = row === null ? undefined : sentRows.current[Number(row[1])];
      if (row === null || screenRow === undefined) return false;
      if (row[2] === 'code') codes[screenRow] = { error: refusal, field };
      else amounts[screenRow] = { error: refusal, field };
    }
    const firstCode = Object.keys(codes)[0];
    const firstValue = Object.keys(amounts)[0];
    if (firstCode === undefined && firstValue === undefined) return false;
    setCodeRefused(codes);
    setValueRefused(amounts);
    document.getElementById(firstCode === undefined ? `relazione-value-validated-${firstValue}` : `relazione-value-code-${firstCode}`)?.focus();
    return true;
  };
  /** A decision: the review on the screen first (an unreadable value stops it at its field), sent along when it changed. */
  const decide = (to: RelazioneState) => {
    onStart();
    // The server refuses it too (reservations-required), but away from the field.
    if (to === 'validated_with_reservations' && reservations.trim() === '') {
      setReservationsMissing('relazione.review.reservationsRequired');
      document.getElementById('relazione-reservations')?.focus();
      return;
    }
    // The server refuses them too (checklist-empty, checklist-unassessed), but away from the field.
    if (to !== 'not_validated') {
      const open = checklist.length === 0 ? -1 : checklist.findIndex((p) => p.outcome === null);
      if (open !== -1 || checklist.length === 0) {
        setUnassessed(open);
        document.getElementById(open === -1 ? 'relazione-add-point' : `relazione-point-outcome-${open}`)?.focus();
        return;
      }
    }
    // The server refuses it too (checklist-failed): a check answered "no" takes reservations at least.
    if (to === 'validated') {
      const no = checklist.findIndex((p) => p.outcome === 'no');
      if (no >= 0) {
        setFailed(no);
        document.getElementById(`relazione-point-outcome-${no}`)?.focus();
        return;
      }
    }
    if (to === 'not_validated' && note.trim() === '') {
      setNoteMissing('relazione.review.noteRequired');
      document.getElementById('relazione-note')?.focus();
      return;
    }
    const read = review();
    if (read === null) return;
    const shown = ({ note, reservations, checklist, values }: Pick<Review, 'note' | 'reservations' | 'checklist' | 'values'>) =>
      JSON.stringify([note, reservations, checklist.map((p) => [p.label, p.outcome, p.note]), values.map((v) => [v.code, v.validated, v.note, v.deliberate === true])]);
    onDecide(to, shown(read) === shown(relazione) ? null : read, atField);
  };
  const point = (i: number, patch: Partial<ChecklistPoint>) => {
    setChecklist(checklist.map((p, n) => (n === i ? { ...p, ...patch } : p)));
    if (patch.outcome !== undefined) {
      setUnassessed(null);
      setFailed(null);
    }
  };
  const value = (i: number, patch: Partial<ValueRow>) => {
    setValues(values.map((v, n) => (n === i ? { ...v, ...patch } : v)));
    if (patch.code !== undefined) setCodeRefused(({ [i]: _, ...rest }) => rest);
    // A new value or objective: the refusal was of the one before (the confirmation stays offered while it is checked).
    if (patch.code !== undefined || patch.validated !== undefined) setValueRefused(({ [i]: _, ...rest }) => rest);
  };
  return (
    <form
      className="mb-4"
      noValidate
      aria-labelledby="relazione-review-title"
      onSubmit={(e) => {
        e.preventDefault();
        onStart();
        const read = review();
        if (read !== null) onSave(read, atField);
      }}
    >
      <h2 id="relazione-review-title" className="h5">
        {t('relazione.review.title')}
      </h2>
      <fieldset className="mb-3">
        <legend className="h6">{t('relazione.review.checklist')}</legend>
        {checklist.map((p, i) => (
          <div key={i} className="relazione-point border rounded p-2 mb-2" data-testid={`relazione-point-${i}`}>
            {/* The label as the documento di validazione (Italian) carries it; a proposed point's words in the screen's language beside it. */}
            <Field id={`relazione-point-label-${i}`} label={t('relazione.review.point', { n: i + 1 })} {...(pointWords(p.label, t) === p.label ? {} : { hint: pointWords(p.label, t) })}>
              {(aria) => <input type="text" {...aria} className="form-control" value={p.label} onChange={(e) => point(i, { label: e.target.value })} />}
            </Field>
            <Field
              id={`relazione-point-outcome-${i}`}
              label={t('relazione.review.outcome', { n: i + 1 })}
              error={unassessed === i ? t('relazione.review.outcomeRequired') : failed === i ? t('relazione.review.outcomeNo') : undefined}
            >
              {(aria) => (
                <select {...aria} className="form-select" value={p.outcome ?? ''} onChange={(e) => point(i, { outcome: e.target.value === '' ? null : (e.target.value as Outcome) })}>
                  <option value="">{t('relazione.review.outcomes.none')}</option>
                  {(['yes', 'partly', 'no'] as const).map((o) => (
                    <option key={o} value={o}>
                      {t(`relazione.review.outcomes.${o}`)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field id={`relazione-point-note-${i}`} label={t('relazione.review.pointNote', { n: i + 1 })}>
              {(aria) => <textarea {...aria} className="form-control" rows={2} value={p.note} lang={planLang} onChange={(e) => point(i, { note: e.target.value })} />}
            </Field>
            <button
              type="button"
              className="btn btn-sm btn-outline-danger"
              onClick={() => {
                setChecklist(checklist.filter((_, n) => n !== i));
                setUnassessed(null);
                setFailed(null);
              }}
            >
              {t('relazione.review.remove', { n: i + 1 })}
            </button>
          </div>
        ))}
        <button
          type="button"
          id="relazione-add-point"
          className="btn btn-sm btn-outline-secondary"
          aria-describedby={unassessed === -1 ? 'relazione-checklist-error' : undefined}
          onClick={() => {
            setChecklist([...checklist, { label: '', outcome: null, note: '' }]);
            setUnassessed(null);
          }}
          data-testid="relazione-add-point"
        >
          {t('relazione.review.add')}
        </button>
        <div id="relazione-checklist-error" className="field-error" aria-live="polite" data-testid="relazione-checklist-error">
          {unassessed === -1 ? t('relazione.review.checklistRequired') : undefined}
        </div>
      </fieldset>
      <Field id="relazione-note" label={t('relazione.review.note')} hint={`${t('relazione.review.noteHint')} ${t('relazione.markup')}`} error={noteMissing === undefined ? undefined : t(noteMissing)}>
        {(aria) => (
          <textarea
            {...aria}
            className="form-control"
            rows={3}
            value={note}
            lang={planLang}
            onChange={(e) => {
              setNote(e.target.value);
              setNoteMissing(undefined);
            }}
          />
        )}
      </Field>
      <Field
        id="relazione-reservations"
        label={t('relazione.review.reservations')}
        hint={t('relazione.review.reservationsHint')}
        error={reservationsMissing === undefined ? undefined : t(reservationsMissing)}
      >
        {(aria) => (
          <textarea
            {...aria}
            className="form-control"
            rows={3}
            value={reservations}
            lang={planLang}
            onChange={(e) => {
              setReservations(e.target.value);
              setReservationsMissing(undefined);
            }}
          />
        )}
      </Field>
      <fieldset className="mb-3">
        <legend className="h6">{t('relazione.review.values')}</legend>
        <p className="small">{t('relazione.review.valuesHint')}</p>
        {values.map((v, i) => (
          <div key={i} className="d-flex flex-wrap gap-2 align-items-end border rounded p-2 mb-2" data-testid={`relazione-value-${i}`}>
            <Field id={`relazione-value-code-${i}`} label={t('relazione.review.code', { n: i + 1 })} error={codeRefused[i] === undefined ? undefined : refusedAt(codeRefused[i])}>
              {(aria) => <input type="text" {...aria} className="form-control" value={v.code} onChange={(e) => value(i, { code: e.target.value })} />}
            </Field>
            <Field
              id={`relazione-value-validated-${i}`}
              label={t('relazione.review.validated', { n: i + 1 })}
              hint={t('entry.notation.percent')}
              error={unreadable[i] !== undefined ? t(unreadable[i]) : valueRefused[i] === undefined ? undefined : refusedAt(valueRefused[i])}
            >
              {(aria) => <input type="text" {...aria} className="form-control" inputMode="decimal" value={v.validated} onChange={(e) => value(i, { validated: e.target.value })} />}
            </Field>
            <Field id={`relazione-value-note-${i}`} label={t('relazione.review.valueNote', { n: i + 1 })}>
              {(aria) => <input type="text" {...aria} className="form-control" value={v.note} lang={planLang} onChange={(e) => value(i, { note: e.target.value })} />}
            </Field>
            <button
              type="button"
              className="btn btn-sm btn-outline-danger mb-2"
              onClick={() => {
                setValues(values.filter((_, n) => n !== i));
                // The rows below move up: a refusal said at one of them no longer names it.
                setCodeRefused({});
                setValueRefused({});
              }}
            >
              {t('relazione.review.removeValue', { n: i + 1 })}
            </button>
            <FromChildren stored={relazione.values.find((s) => s.code === v.code.trim())} row={i} />
            {(valueRefused[i] !== undefined || v.deliberate) && (
              <div className="form-check w-100">
                <input
                  id={`relazione-value-deliberate-${i}`}
                  type="checkbox"
                  className="form-check-input"
                  checked={v.deliberate}
                  onChange={(e) => value(i, { deliberate: e.target.checked })}
                  data-testid={`relazione-value-deliberate-${i}`}
                />
                <label className="form-check-label" htmlFor={`relazione-value-deliberate-${i}`}>
                  {t('relazione.review.deliberate', { n: i + 1 })}
                </label>
              </div>
            )}
          </div>
        ))}
        <Following relazione={relazione} />
        <button
          type="button"
          className="btn btn-sm btn-outline-secondary"
          onClick={() => setValues([...values, { code: '', validated: '', note: '', deliberate: false }])}
          data-testid="relazione-add-value"
        >
          {t('relazione.review.addValue')}
        </button>
      </fieldset>
      <div className="d-flex flex-wrap gap-2 mb-3">
        <Button color="primary" type="submit" disabled={busy} data-testid="relazione-save-review">
          {t('relazione.review.save')}
        </Button>
      </div>
      <fieldset>
        <legend className="h6">{t('relazione.review.decide')}</legend>
        {openRevision !== null && (
          <p className="alert alert-warning py-2" id="relazione-revision-open" data-testid="relazione-revision-open">
            {t('relazione.refusals.revision-open', { number: openRevision })}
          </p>
        )}
        <div className="d-flex flex-wrap gap-2">
          {DECISIONS.map((to) => (
            <Button
              key={to}
              color={to === 'not_validated' ? 'danger' : 'success'}
              outline={to !== 'validated'}
              disabled={busy}
              onClick={() => decide(to)}
              aria-describedby={openRevision !== null && to !== 'not_validated' ? 'relazione-revision-open' : undefined}
              data-testid={`relazione-decide-${to}`}
            >
              {t(`relazione.review.${to}_`)}
            </Button>
          ))}
        </div>
      </fieldset>
    </form>
  );
}

/**
 * What a stored row's objective gets from its children by the plan's rules (the server's
 * `fromChildren`, the other validated values taken as validated), when it is made from them: the
 * OIV sees, at the row, the value an area or a strategic objective would have.
 */
function FromChildren({ stored, row }: { stored: Relazione['values'][number] | undefined; row: number }) {
  const { t } = useTranslation();
  if (stored === undefined || stored.fromChildren === null) return null;
  return (
    <p className="small w-100 mb-0" data-testid={`relazione-value-children-${row}`}>
      {t('relazione.review.fromChildren', { fromChildren: stored.fromChildren })}
    </p>
  );
}

/** A performance with two decimals, as the Relazione and the validation document print it (`60,50%`); a dash for none. */
function percentText(n: number | null, lang: Lang): string {
  return n === null ? '—' : `${plainNumber(n.toFixed(2), lang)}%`;
}

/** The objectives the OIV left alone that move with the values it validated (an area above them): reported, and what they follow. */
function Following({ relazione }: { relazione: Relazione }) {
  const { t } = useTranslation();
  const lang = useLang();
  if (relazione.following.length === 0) return null;
  return (
    <div className="small mt-2" data-testid="relazione-following">
      <p className="mb-1">{t('relazione.review.following')}</p>
      <ul>
        {relazione.following.map((f) => (
          <li key={f.code}>
            <strong>{f.code}</strong>: {t('relazione.review.followingRow', { reported: percentText(f.reported, lang), following: percentText(f.following, lang) })}
          </li>
        ))}
      </ul>
    </div>
  );
}

function ReviewView({ relazione }: { relazione: Relazione }) {
  const { t } = useTranslation();
  const planLang = usePlanLang();
  const lang = useLang();
  return (
    <section className="mb-4" aria-labelledby="relazione-review-title" data-testid="relazione-review-view">
      <h2 id="relazione-review-title" className="h5">
        {t('relazione.review.title')}
      </h2>
      <table className="table table-sm">
        <caption>{t('relazione.review.checklist')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('relazione.review.checklist')}</th>
            <th scope="col">{t('relazione.review.outcomeHead')}</th>
            <th scope="col">{t('relazione.review.note')}</th>
          </tr>
        </thead>
        <tbody>
          {relazione.checklist.map((p, i) => (
            <tr key={i}>
              <th scope="row">{pointWords(p.label, t)}</th>
              <td>{t(`relazione.review.outcomes.${p.outcome ?? 'none'}`)}</td>
              <td lang={planLang}>{p.note}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3 className="h6">{t('relazione.review.note')}</h3>
      {relazione.note.trim() === '' ? <p data-testid="relazione-note-view">{t('relazione.review.noNote')}</p> : <Markup text={relazione.note} heading={4} testId="relazione-note-view" />}
      <h3 className="h6">{t('relazione.review.reservations')}</h3>
      {relazione.reservations.trim() === '' ? (
        <p data-testid="relazione-reservations-view">{t('relazione.review.noReservations')}</p>
      ) : (
        <Markup text={relazione.reservations} heading={4} testId="relazione-reservations-view" />
      )}
      <h3 className="h6">{t('relazione.review.values')}</h3>
      {relazione.values.length === 0 ? (
        <p data-testid="relazione-values-view">{t('relazione.review.noValues')}</p>
      ) : (
        <ul>
          {relazione.values.map((v) => (
            <li key={v.code}>
              <strong>{v.code}</strong>: {percentText(v.reported, lang)} → {percentText(v.validated, lang)}
              {v.deliberate && v.fromChildren !== null ? ` (${t('relazione.review.deliberateView', { fromChildren: v.fromChildren })})` : ''} — <span lang={planLang}>{v.note}</span>
            </li>
          ))}
        </ul>
      )}
      <Following relazione={relazione} />
    </section>
  );
}
