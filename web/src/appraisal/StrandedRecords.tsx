/**
 * HR's list of the records a body correction left under a name no plan of their year carries
 * (GET /api/appraisals/stranded-bodies), shown only when there are any: what they are, the old
 * name, what it was corrected to; HR picks the body they belong to and assigns them all at once
 * (POST …/assign). A refusal is said where it belongs: at the body chosen when that body can no
 * longer take them, above the list when they were assigned meanwhile; the list is read again either way.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.js';
import { markStale } from '../api/queries.js';
import { FieldProblem, invalidIf } from '../ui/FieldProblem.js';
import { sentence } from '../ui/sentence.js';
import { useKept, type Kept } from '../ui/server-words.js';
import { appraisalApi } from './api.js';
import { appraisalKeys, useStranded } from './queries.js';
import type { StrandedBody } from '../../../src/contract/index.js';

type Lang = 'it' | 'en';
// The server's answer kept (the records assigned by its message's code and parameters, a refusal as it
// came), said on each render: again in the new language after a change of it.
type Notice = { kind: 'done'; done: Kept } | { kind: 'refused'; refused: Kept };

/** A refusal said alone: the server's clause as a sentence. */
const refusalText = (e: unknown): string => (e instanceof ApiError ? sentence(e.message) : String(e));

export function StrandedRecords({ lang }: { lang: Lang }) {
  const { t } = useTranslation();
  const stranded = useStranded(lang, true);
  const [notice, setNotice] = useState<Notice | null>(null);
  const say = useKept();
  const groups = stranded.data ?? [];
  // Nothing to say when nothing is stranded (or the list cannot be read: the screen's other parts say the session's problems).
  if (groups.length === 0 && notice === null) return null;
  return (
    <section className="border border-warning rounded p-3 my-4" aria-labelledby="stranded-title" data-testid="stranded">
      {/* Focusable from the script: after an assignment the focus comes here, where the outcome is said. */}
      <h2 className="h4" id="stranded-title" tabIndex={-1}>
        {t('appraisal.stranded.title')}
      </h2>
      {notice !== null && (
        <p className={`alert ${notice.kind === 'done' ? 'alert-success' : 'alert-danger'}`} role={notice.kind === 'done' ? 'status' : 'alert'} data-testid="stranded-notice">
          {notice.kind === 'done' ? sentence(say(notice.done)) : say(notice.refused, refusalText)}
        </p>
      )}
      {groups.length > 0 && <p>{t('appraisal.stranded.intro')}</p>}
      {groups.map((g) => (
        <StrandedGroup key={`${g.year}/${g.organisation}`} group={g} lang={lang} onNotice={setNotice} />
      ))}
    </section>
  );
}

function StrandedGroup({ group, lang, onNotice }: { group: StrandedBody; lang: Lang; onNotice: (n: Notice | null) => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [to, setTo] = useState('');
  const [kept, setProblem] = useState<Kept | null>(null);
  const say = useKept();
  const problem = kept === null ? null : say(kept, refusalText);
  const [busy, setBusy] = useState(false);
  const id = `stranded-${group.year}-${group.organisation.replace(/[^\p{L}\p{N}]+/gu, '-')}`;
  const selectId = `${id}-to`;
  const headingId = `${id}-title`;
  const candidates = group.bodies.filter((b) => b.candidate);
  const others = group.bodies.filter((b) => !b.candidate);
  const { smvpVersions, forms, distributions } = group.records;
  const label = (b: StrandedBody['bodies'][number]) => (b.hasRecords ? t('appraisal.stranded.taken', { name: b.name, year: group.year }) : b.name);
  const option = (b: StrandedBody['bodies'][number]) => (
    // A body with records of its own that year cannot take these (the server refuses it too): shown, not offered.
    <option key={b.name} value={b.name} disabled={b.hasRecords}>
      {label(b)}
    </option>
  );

  async function submit(e: FormEvent) {
    e.preventDefault();
    onNotice(null);
    if (to === '') {
      setProblem({ key: 'appraisal.stranded.targetMissing' });
      document.getElementById(selectId)?.focus();
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      const done = await appraisalApi.assignStranded(lang, { organisation: group.organisation, year: group.year, to });
      const params = { organisation: done.organisation, year: done.year, to: done.to, moved: done.moved };
      onNotice({ kind: 'done', done: { coded: { code: 'stranded-assigned', params, message: done.message, said: lang } } });
      // The records are the body's now: its forms, SMVP and the list of what is left are read again.
      void markStale(client, { queryKey: appraisalKeys.all });
      document.getElementById('stranded-title')?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.body?.error.details?.field === 'to') {
        setProblem({ error: err });
        document.getElementById(selectId)?.focus();
      } else {
        onNotice({ kind: 'refused', refused: { error: err } });
        document.getElementById('stranded-title')?.focus();
      }
      // What changed meanwhile (a body corrected away, the records assigned by another) is read again.
      void markStale(client, { queryKey: appraisalKeys.stranded(lang) });
    } finally {
      setBusy(false);
    }
  }

  return (
    <article className="border rounded p-3 mb-3" aria-labelledby={headingId} data-testid="stranded-group" data-organisation={group.organisation} data-year={group.year}>
      <h3 className="h5" id={headingId}>
        {t('appraisal.stranded.heading', { organisation: group.organisation, year: group.year })}
      </h3>
      {group.correctedTo.length > 0 && <p className="mb-2">{t('appraisal.stranded.correctedTo', { names: group.correctedTo.join(', ') })}</p>}
      {group.deletedPlans.length > 0 && <p className="mb-2">{t('appraisal.stranded.deletedPlans', { titles: group.deletedPlans.join(', ') })}</p>}
      <h4 className="h6">{t('appraisal.stranded.records')}</h4>
      <ul data-testid="stranded-records">
        {smvpVersions.length > 0 && <li>{t('appraisal.stranded.smvp', { count: smvpVersions.length, versions: smvpVersions.join(', ') })}</li>}
        {forms.length > 0 && (
          <li>
            {t('appraisal.stranded.forms')}
            <ul>
              {forms.map((f) => (
                <li key={f.id}>{t('appraisal.stranded.form', { person: f.person, category: f.categoryLabel, state: f.stateLabel })}</li>
              ))}
            </ul>
          </li>
        )}
        {distributions.length > 0 && <li>{t('appraisal.stranded.distributions', { categories: distributions.map((d) => d.categoryLabel).join(', ') })}</li>}
      </ul>
      {/* noValidate: a body not chosen is said at the field in the screen's words, not by the browser's bubble. */}
      <form onSubmit={(e) => void submit(e)} className="d-flex flex-wrap gap-3 align-items-end" noValidate>
        <div>
          <label htmlFor={selectId}>{t('appraisal.stranded.target')}</label>
          <select
            id={selectId}
            className="form-select"
            value={to}
            onChange={(e) => {
              setTo(e.target.value);
              setProblem(null);
            }}
            data-testid="stranded-to"
            {...invalidIf(selectId, problem)}
          >
            <option value="">{t('appraisal.stranded.none')}</option>
            {candidates.length > 0 && <optgroup label={t('appraisal.stranded.candidates')}>{candidates.map(option)}</optgroup>}
            {others.length > 0 && <optgroup label={t('appraisal.stranded.others', { year: group.year })}>{others.map(option)}</optgroup>}
          </select>
          <FieldProblem id={selectId} message={problem} />
        </div>
        <button type="submit" className="btn btn-primary" disabled={busy} data-testid="stranded-assign">
          {busy ? t('appraisal.stranded.assigning') : t('appraisal.stranded.assign')}
        </button>
      </form>
    </article>
  );
}
