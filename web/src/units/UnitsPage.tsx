/**
 * The administrator's organisation registry (strutture): the units as a tree by parent; add, change
 * (code, name, kind, parent, head, members) and delete a unit; import the registry from CSV or XLSX
 * (checked first, all rows or none) and export it. A unit that still owns objectives, indicators or
 * units is not deleted: the 409 lists what holds it.
 */
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from 'design-react-kit';
import { ApiError } from '../api/client.js';
import type { IssueDocument } from '../api/types.js';
import { campaign, type Person, type Unit } from '../campaign/campaign-api.js';
import { NO_ERRORS } from '../ui/form-errors.js';
import { Dialog, DialogActions, Field, FIRST_FOCUS, focusFirstError, focusSoon, FormAlert, Notice, useFormErrors, useRefusal } from '../ui/Form.js';
import { useInLanguage, type Kept } from '../ui/server-words.js';
import { FileInput } from '../ui/FileInput.js';
import { ListTable, type ListColumn } from '../ui/ListTable.js';
import { usePeople, useRegistryChanged, useUnits } from './queries.js';
import { unitAndBelow, unitLabel, unitTree } from './registry.js';
import { usePlanLang } from '../ui/PlanText.js';
import { compareNames } from '../../../src/core/names.js';

type UnitRow = ReturnType<typeof unitTree>[number];

const KINDS = ['Area', 'Settore', 'Servizio', 'Ufficio'];

export function UnitsPage() {
  const { t } = useTranslation();
  const planLang = usePlanLang();
  const refusal = useRefusal('units.errors');
  const said = useInLanguage();
  const unitsRead = useUnits();
  const peopleRead = usePeople();
  const changed = useRegistryChanged();
  const units = unitsRead.data ?? null;
  const people = useMemo(() => peopleRead.data ?? [], [peopleRead.data]);
  const readError = unitsRead.error ?? peopleRead.error;
  const errors = readError === null ? NO_ERRORS : refusal(said(readError));
  const [notice, setNotice] = useState<Kept | null>(null);
  const [editing, setEditing] = useState<Unit | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Unit | null>(null);
  const readAgain = () => void changed();

  // Both lists are in before the table is drawn, so a member's name never shows as an id first.
  const rows = useMemo(() => (units === null || peopleRead.isPending ? null : unitTree(units)), [units, peopleRead.isPending]);
  const byId = useMemo(() => new Map((units ?? []).map((u) => [u.id, u])), [units]);
  const person = useMemo(() => new Map(people.map((p) => [p.id, p])), [people]);
  const name = (id: string) => person.get(id)?.displayName ?? id;

  const columns: ListColumn<UnitRow>[] = [
    { header: t('units.code'), cell: ({ unit: u }) => u.code },
    // The indent shows the tree; the parent column says it in words for screen readers.
    // A unit's name and kind are the body's Italian texts (ui/PlanText); "none" is the app's word.
    { header: t('units.name'), rowHeader: true, style: ({ depth }) => ({ paddingLeft: `${0.5 + depth * 1.25}rem` }), cell: ({ unit: u }) => <span lang={planLang}>{u.name}</span> },
    { header: t('units.kind'), cell: ({ unit: u }) => <span lang={planLang}>{u.kind}</span> },
    {
      header: t('units.parent'),
      cell: ({ unit: u }) => {
        const parent = u.parentId === null ? undefined : byId.get(u.parentId)?.name;
        return parent === undefined ? t('units.none') : <span lang={planLang}>{parent}</span>;
      },
    },
    { header: t('units.head'), cell: ({ unit: u }) => (u.headId === null ? t('units.none') : name(u.headId)) },
    { header: t('units.members'), cell: ({ unit: u }) => (u.members.length === 0 ? t('units.none') : u.members.map(name).join(', ')) },
    {
      header: t('users.actions'),
      className: 'd-flex flex-wrap gap-2',
      cell: ({ unit: u }) => (
        <>
          <Button size="xs" color="primary" outline onClick={() => setEditing(u)} aria-label={t('units.editLabel', { name: u.name })} data-testid={`unit-edit-${u.code}`}>
            {t('units.edit')}
          </Button>
          <Button size="xs" color="danger" outline onClick={() => setDeleting(u)} aria-label={t('units.deleteLabel', { name: u.name })} data-testid={`unit-delete-${u.code}`}>
            {t('units.delete')}
          </Button>
        </>
      ),
    },
  ];

  return (
    <div>
      <h1 className="h3">{t('units.title')}</h1>
      <FormAlert errors={errors} />
      <Notice text={notice} testId="units-notice" id="units-notice" />
      <section aria-labelledby="units-list">
        <div className="d-flex flex-wrap align-items-center gap-3 mb-2">
          <h2 id="units-list" className="h5 mb-0">
            {t('units.list')}
          </h2>
          {units !== null && <span className="muted">{t('units.count', { count: units.length })}</span>}
          <Button size="sm" color="primary" onClick={() => setEditing('new')} data-testid="unit-add">
            {t('units.add')}
          </Button>
        </div>
        <ListTable rows={rows} columns={columns} rowKey={({ unit: u }) => u.id} rowData={({ unit: u }) => ({ 'data-unit': u.code })} empty={t('units.empty')} testId="units-table" />
      </section>
      <RegistryFiles
        onImported={(message) => {
          setNotice(message);
          readAgain();
        }}
      />
      {editing !== null && units !== null && (
        <UnitDialog
          unit={editing === 'new' ? null : editing}
          units={units}
          people={people}
          onClose={() => setEditing(null)}
          onSaved={(u) => {
            setEditing(null);
            setNotice({ key: 'units.saved', values: { name: u.name } });
            readAgain();
          }}
          onReload={readAgain}
        />
      )}
      {deleting !== null && (
        <DeleteUnitDialog
          unit={deleting}
          onClose={() => setDeleting(null)}
          onDeleted={() => {
            setDeleting(null);
            setNotice({ key: 'units.deleted' });
            // The row went with the button that asked: the message saying so takes the focus.
            focusSoon('units-notice');
            readAgain();
          }}
        />
      )}
    </div>
  );
}

function UnitDialog({
  unit,
  units,
  people,
  onClose,
  onSaved,
  onReload,
}: {
  unit: Unit | null;
  units: Unit[];
  people: Person[];
  onClose: () => void;
  onSaved: (u: Unit) => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  // Kept as what they are (keys, the server's answer): a change of language in the dialog says them again.
  const { errors, setProblems, refuse } = useFormErrors('units.errors', 'code');
  const [code, setCode] = useState(unit?.code ?? '');
  const [name, setName] = useState(unit?.name ?? '');
  const [kind, setKind] = useState(unit?.kind ?? 'Ufficio');
  const [parentId, setParentId] = useState(unit?.parentId ?? '');
  const [headId, setHeadId] = useState(unit?.headId ?? '');
  const [members, setMembers] = useState<Set<string>>(() => new Set(unit?.members ?? []));
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const excluded = useMemo(() => (unit === null ? new Set<string>() : unitAndBelow(units, unit.id)), [unit, units]);
  const parents = unitTree(units).filter((r) => !excluded.has(r.unit.id));

  async function submit(e: FormEvent) {
    e.preventDefault();
    const fields: Record<string, string> = {};
    if (code.trim() === '') fields.code = 'units.errors.field.codeRequired';
    if (name.trim() === '') fields.name = 'units.errors.field.name';
    if (kind.trim() === '') fields.kind = 'units.errors.field.kind';
    const found = { fields, general: null };
    setProblems(found);
    if (Object.keys(fields).length > 0) return focusFirstError(found, 'unit-');
    setBusy(true);
    setConflict(false);
    const body = { code: code.trim(), name: name.trim(), kind: kind.trim(), parentId: parentId === '' ? null : parentId, headId: headId === '' ? null : headId, members: [...members] };
    try {
      onSaved(unit === null ? await campaign.createUnit(body) : await campaign.updateUnit(unit.id, { ...body, version: unit.version }));
    } catch (err) {
      const refused = refuse(err);
      setConflict(err instanceof ApiError && err.code === 'conflict');
      // The form was disabled while it was sent, which left the focus on the dialog's body: a refusal of no field takes it.
      if (refused.general !== null && Object.keys(refused.fields).length === 0) focusSoon('unit-refused');
      else focusFirstError(refused, 'unit-');
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={unit === null ? t('units.addTitle') : t('units.editTitle', { name: unit.name })} onClose={onClose} testId="unit-dialog">
      <FormAlert errors={errors} id="unit-refused" {...(conflict ? { onReload } : {})} />
      <form onSubmit={(e) => void submit(e)} className="albero-form" noValidate>
        <fieldset disabled={busy}>
          <div className="row g-2">
            <div className="col-sm-4">
              <Field id="unit-code" label={t('units.code')} error={errors.fields.code}>
                {(aria) => <input {...aria} type="text" className="form-control" value={code} onChange={(e) => setCode(e.target.value)} required autoComplete="off" />}
              </Field>
            </div>
            <div className="col-sm-8">
              <Field id="unit-name" label={t('units.name')} error={errors.fields.name}>
                {(aria) => <input {...aria} type="text" className="form-control" value={name} onChange={(e) => setName(e.target.value)} required autoComplete="off" />}
              </Field>
            </div>
          </div>
          <Field id="unit-kind" label={t('units.kind')} hint={t('units.kindHint')} error={errors.fields.kind}>
            {(aria) => (
              <>
                <input {...aria} type="text" className="form-control" list="unit-kinds" value={kind} onChange={(e) => setKind(e.target.value)} required autoComplete="off" />
                <datalist id="unit-kinds">
                  {KINDS.map((k) => (
                    <option key={k} value={k} />
                  ))}
                </datalist>
              </>
            )}
          </Field>
          <Field id="unit-parentId" label={t('units.parent')} error={errors.fields.parentId}>
            {(aria) => (
              <select {...aria} className="form-select" value={parentId} onChange={(e) => setParentId(e.target.value)}>
                <option value="">{t('units.noParent')}</option>
                {parents.map(({ unit: u, depth }) => (
                  <option key={u.id} value={u.id}>
                    {`${'\u00a0\u00a0'.repeat(depth)}${unitLabel(u)}`}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field id="unit-headId" label={t('units.head')} error={errors.fields.headId}>
            {(aria) => <PersonSelect aria={aria} people={people} value={headId} onChange={setHeadId} empty={t('units.noHead')} />}
          </Field>
          <fieldset className="mb-2" aria-describedby="unit-members-hint" data-testid="unit-members">
            <legend className="form-label fs-6 mb-1">{t('units.members')}</legend>
            <small id="unit-members-hint" className="form-text d-block mb-1">
              {t('units.membersHint')}
            </small>
            <div className="albero-checklist">
              {people.map((p) => (
                <div className="form-check" key={p.id}>
                  <input
                    id={`unit-member-${p.id}`}
                    type="checkbox"
                    className="form-check-input"
                    checked={members.has(p.id)}
                    data-username={p.username}
                    onChange={(e) =>
                      setMembers((m) => {
                        const next = new Set(m);
                        if (e.target.checked) next.add(p.id);
                        else next.delete(p.id);
                        return next;
                      })
                    }
                  />
                  <label htmlFor={`unit-member-${p.id}`} className="form-check-label">
                    {p.displayName} ({p.username})
                  </label>
                </div>
              ))}
            </div>
            {errors.fields.members !== undefined && <div className="field-error">{errors.fields.members}</div>}
          </fieldset>
          <DialogActions submitTestId="unit-submit" onCancel={onClose} />
        </fieldset>
      </form>
    </Dialog>
  );
}

/** A select of the active accounts, by name and username; `empty` is the first choice's words. */
export function PersonSelect({ aria, people, value, onChange, empty }: { aria: Record<string, unknown>; people: readonly Person[]; value: string; onChange: (id: string) => void; empty: string }) {
  const sorted = [...people].sort((a, b) => compareNames(a.displayName, b.displayName) || compareNames(a.username, b.username));
  return (
    <select {...aria} className="form-select" value={value} onChange={(e) => onChange(e.target.value)}>
      <option value="">{empty}</option>
      {sorted.map((p) => (
        <option key={p.id} value={p.id}>
          {p.displayName} ({p.username})
        </option>
      ))}
    </select>
  );
}

interface InUse {
  objectives?: Array<{ planId: string; plan: string; code: string }>;
  indicators?: number;
  children?: string[];
}

function DeleteUnitDialog({ unit, onClose, onDeleted }: { unit: Unit; onClose: () => void; onDeleted: () => void }) {
  const { t } = useTranslation();
  const { errors, setProblems, refuse } = useFormErrors('units.errors');
  const [inUse, setInUse] = useState<InUse | null>(null);
  const [busy, setBusy] = useState(false);

  async function confirm() {
    setBusy(true);
    setProblems(NO_ERRORS);
    try {
      await campaign.deleteUnit(unit.id);
      onDeleted();
    } catch (err) {
      // The button was disabled while it was sent (and goes, the unit in use): the answer takes the focus.
      if (err instanceof ApiError && err.code === 'in-use') {
        setInUse((err.body?.error.details ?? {}) as InUse);
        focusSoon('unit-in-use');
      } else {
        refuse(err);
        focusSoon('unit-delete-refused');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog title={t('units.delete')} onClose={onClose} testId="unit-delete-dialog">
      <FormAlert errors={errors} id="unit-delete-refused" />
      {inUse === null ? (
        <p>{t('units.confirmDelete', { name: unit.name })}</p>
      ) : (
        <div className="alert alert-danger" role="alert" id="unit-in-use" tabIndex={-1} data-testid="unit-in-use">
          <p className="mb-1">{t('units.inUse', { objectives: inUse.objectives?.length ?? 0, indicators: inUse.indicators ?? 0, children: inUse.children?.length ?? 0 })}</p>
          {(inUse.objectives?.length ?? 0) > 0 && (
            <>
              <p className="mb-0">{t('units.inUseObjectives')}:</p>
              <ul className="mb-1">
                {inUse.objectives!.slice(0, 20).map((o) => (
                  <li key={`${o.planId}:${o.code}`}>
                    <a href={`#/plans/${encodeURIComponent(o.planId)}`}>
                      {o.plan}: {o.code}
                    </a>
                  </li>
                ))}
              </ul>
            </>
          )}
          {(inUse.children?.length ?? 0) > 0 && <p className="mb-0">{t('units.inUseChildren', { codes: inUse.children!.join(', ') })}</p>}
        </div>
      )}
      <div className="d-flex gap-2 mt-3">
        {inUse === null && (
          <Button color="danger" type="button" disabled={busy} onClick={() => void confirm()} data-testid="unit-delete-confirm">
            {t('units.delete')}
          </Button>
        )}
        <Button color="secondary" outline type="button" onClick={onClose} {...FIRST_FOCUS}>
          {inUse === null ? t('common.cancel') : t('common.close')}
        </Button>
      </div>
    </Dialog>
  );
}

function RegistryFiles({ onImported }: { onImported: (message: Kept) => void }) {
  const { t } = useTranslation();
  const { errors, setProblems, refuse } = useFormErrors('units.errors');
  const said = useInLanguage();
  const input = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  // What the check found, by its counts: said in the screen's language, again after a change of it.
  const [checked, setChecked] = useState<{ created: number; updated: number } | null>(null);
  // The refusal listing the file's problems, kept as the server's answer: its issues said again in a new language.
  const [refusedFile, setRefusedFile] = useState<{ error: unknown } | null>(null);
  const shownError = refusedFile === null ? null : said(refusedFile.error);
  const issues: IssueDocument[] = shownError instanceof ApiError ? (shownError.body?.error.issues ?? []) : [];
  const [busy, setBusy] = useState(false);

  // The buttons are disabled while the file is sent, which leaves the focus on the page's body: the
  // answer takes it (the field at fault, the list of problems, the message), so a keyboard user
  // hears it and goes on from there.
  async function run(dryRun: boolean) {
    setChecked(null);
    setRefusedFile(null);
    setProblems(NO_ERRORS);
    if (file === null) {
      setProblems({ fields: { file: 'units.noFile' }, general: null });
      return focusSoon('units-file');
    }
    setBusy(true);
    let answer = dryRun ? 'units-check' : 'units-import-submit';
    try {
      const r = await campaign.importUnits(file, dryRun);
      if (dryRun) {
        setChecked({ created: r.created, updated: r.updated });
        answer = 'units-checked';
      } else {
        onImported({ key: 'units.imported', values: { created: r.created, updated: r.updated } });
        setFile(null);
        if (input.current !== null) input.current.value = '';
        answer = 'units-notice';
      }
    } catch (err) {
      const found = err instanceof ApiError ? (err.body?.error.issues ?? []) : [];
      if (found.length > 0) {
        setRefusedFile({ error: err });
        answer = 'units-import-issues';
      } else {
        const refused = refuse(err);
        if (refused.fields.file !== undefined) answer = 'units-file';
      }
    } finally {
      setBusy(false);
    }
    focusSoon(answer);
  }

  return (
    <section aria-labelledby="units-files" className="mt-4">
      <h2 id="units-files" className="h5">
        {t('units.importTitle')}
      </h2>
      <FormAlert errors={errors} />
      <form className="albero-form" onSubmit={(e) => e.preventDefault()} noValidate data-testid="units-import">
        <fieldset disabled={busy}>
          <Field id="units-file" label={t('units.file')} hint={t('units.fileHint')} error={errors.fields.file}>
            {(aria) => (
              <FileInput
                {...aria}
                ref={input}
                file={file}
                accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  setChecked(null);
                  setRefusedFile(null);
                }}
              />
            )}
          </Field>
          <div className="d-flex flex-wrap gap-2">
            <Button color="primary" outline type="button" onClick={() => void run(true)} id="units-check" data-testid="units-check">
              {t('units.check')}
            </Button>
            <Button color="primary" type="button" onClick={() => void run(false)} id="units-import-submit" data-testid="units-import-submit">
              {t('units.doImport')}
            </Button>
          </div>
        </fieldset>
      </form>
      <div aria-live="polite">
        {checked !== null && (
          <p className="alert alert-success mt-2" id="units-checked" tabIndex={-1} data-testid="units-checked">
            {t('units.checked', checked)}
          </p>
        )}
        {issues.length > 0 && (
          <div className="alert alert-danger mt-2" id="units-import-issues" tabIndex={-1} data-testid="units-import-issues">
            <p className="mb-1">{t('units.importIssues')}</p>
            <ul className="mb-0">
              {issues.map((i, k) => (
                // Said by the server, already with its row and column; again in the screen's language after a change of it.
                <li key={k}>{i.message.charAt(0).toUpperCase() + i.message.slice(1)}</li>
              ))}
            </ul>
          </div>
        )}
      </div>
      <p className="mt-3 d-flex flex-wrap gap-3">
        <span>{t('units.exportTitle')}:</span>
        <a href={campaign.unitsExportUrl('csv')} download data-testid="units-export-csv">
          {t('units.exportCsv')}
        </a>
        <a href={campaign.unitsExportUrl('xlsx')} download data-testid="units-export-xlsx">
          {t('units.exportXlsx')}
        </a>
      </p>
    </section>
  );
}
