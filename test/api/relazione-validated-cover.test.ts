/**
 * What a validated Relazione shows around its figures stays as validated: the body's name, the
 * plan's title, the approved revisions it lists and the OIV's name. A revision opened after the
 * validation (allowed: the plan goes on, as after a closing) renames the plan and corrects the body;
 * a unit and the OIV's account are renamed, a variance explained in the year end reopened; the Relazione and the documento di validazione (HTML,
 * PDF, DOCX, and the public /trasparenza copies) keep their cover, while the register says the revision came after the validation.
 * Through HTTP, on SQLite and on PostgreSQL.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pdfText } from '../support/files.js';
import { momentDayText } from '../../src/core/messages/index.js';
import { openPostgres } from '../../src/store/postgres/db.js';
import { openSqlite } from '../../src/store/sqlite/db.js';
import { startServer, type RunningServer } from '../../src/server/server.js';
import { adoptAndReview, Client, REFERENTE_UNIT, startWithFixture, type Backend, type TestServer } from './harness.js';

const YEAR_END = '2024-12-31';
const LATE_REASON = 'Denominazione corretta dopo la validazione';
const LATE_TITLE = 'Piano rinominato dopo la validazione';
const LATE_BODY = 'Camera di commercio rinominata';
const LATE_UNIT = 'Ufficio Transizione Digitale';
const LATE_CAUSE = 'Bando regionale rinviato al 2025';

/** A DOCX's words (its document.xml, tags dropped): what Word shows, without a converter. */
function docxWords(bytes: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'albero-cover-'));
  try {
    writeFileSync(join(dir, 'd.docx'), bytes);
    return execFileSync('unzip', ['-p', join(dir, 'd.docx'), 'word/document.xml'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
      .replace(/<[^>]+>/g, '')
      .replace(/&apos;|&#39;/g, "'");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const words = (html: string): string =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, ' ');

/**
 * The plan adopted, its year end closed and its Relazione transmitted, validated by the OIV (named
 * Luca Marino) and published; gives the plan's title and body as validated.
 */
async function adoptAndValidate(planId: string, controller: Client, oiv: Client, admin: Client): Promise<{ title: string; body: string }> {
  const oivAccount = ((await admin.get('/api/users')).body as { id: string; username: string }[]).find((u) => u.username === 'oiv')!;
  expect((await admin.request('PATCH', `/api/users/${oivAccount.id}`, { displayName: 'Luca Marino' })).status).toBe(200);
  const adopted = await adoptAndReview(planId, controller, oiv);
  const validated = await oiv.request('POST', `/api/plans/${planId}/relazione/transition`, { to: 'validated' });
  expect(validated.status, validated.text).toBe(200);
  expect((await controller.request('POST', `/api/plans/${planId}/relazione/publication`, { published: true })).status).toBe(200);
  return { title: adopted.title, body: adopted.organisation };
}

/** A revision that renames the plan and corrects its body, opened and approved by `controller`; gives its number. */
async function renameInRevision(planId: string, controller: Client): Promise<number> {
  const opened = await controller.request('POST', `/api/plans/${planId}/revisions`, { reason: LATE_REASON });
  expect(opened.status, opened.text).toBe(201);
  const renamed = await controller.request('PATCH', `/api/plans/${planId}`, { title: LATE_TITLE, organisation: LATE_BODY });
  expect(renamed.status, renamed.text).toBe(200);
  const approved = await controller.request('POST', `/api/plans/${planId}/revisions/${opened.body.number}/approve`, { act: { kind: 'Delibera di Giunta', number: '40', date: '2025-05-20' } });
  expect(approved.status, approved.text).toBe(200);
  return opened.body.number as number;
}

describe.each<Backend>(['sqlite', 'postgres'])('a validated Relazione after a revision that renames the plan and its body, on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  let admin: Client;
  let oiv: Client;
  let citizen: Client;
  let title: string;
  let body: string;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    [oiv, admin, citizen] = [await t.as('oiv'), await t.as('admin'), await t.as('public')];
    ({ title, body } = await adoptAndValidate(planId, controller, oiv, admin));
  });
  afterAll(async () => t?.close());

  const download = async (path: string): Promise<Uint8Array> => {
    const res = await fetch(`${t.url}${path}`, { headers: { cookie: controller.cookie! } });
    expect(res.status, path).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };

  /** Every copy of the validated documents, as words: the office's exports in the three formats and the public pages. */
  async function documents(): Promise<Record<string, string>> {
    const found: Record<string, string> = {};
    for (const what of ['export', 'validation']) {
      found[`${what}.html`] = words((await controller.get(`/api/plans/${planId}/relazione/${what}?format=html`)).text);
      found[`${what}.pdf`] = pdfText(await download(`/api/plans/${planId}/relazione/${what}?format=pdf`), { layout: false }).replace(/\s+/g, ' ');
      found[`${what}.docx`] = docxWords(await download(`/api/plans/${planId}/relazione/${what}?format=docx`));
    }
    for (const page of ['relazione.html', 'validazione.html']) {
      const res = await citizen.get(`/trasparenza/${planId}/${page}`);
      expect(res.status, page).toBe(200);
      found[`/trasparenza/${page}`] = words(res.text);
    }
    return found;
  }

  it('keeps the body, the title, the revisions and the OIV as validated, and says the revision came after', async () => {
    const before = await documents();
    for (const [name, text] of Object.entries(before)) {
      expect(text, name).toContain(body);
      expect(text, name).toContain(title);
    }
    expect(before['export.html']).toContain("Nel corso dell'anno il piano non ha avuto variazioni");

    // A revision of the validated year is allowed (the plan goes on), and says what it is on the register.
    const number = await renameInRevision(planId, controller);
    const users = (await admin.get('/api/users')).body as { id: string; username: string }[];
    expect((await admin.request('PATCH', `/api/users/${users.find((u) => u.username === 'oiv')!.id}`, { displayName: 'Altro Nome' })).status).toBe(200);
    // The unit renamed in the registry, and the year end reopened and closed again: its new
    // closing reads the unit by its new name, the validated Relazione by the one it was validated with.
    const unit = ((await admin.get('/api/units')).body as { id: string; name: string; version: number }[]).find((u) => u.name === REFERENTE_UNIT)!;
    const renamedUnit = await admin.request('PATCH', `/api/units/${unit.id}`, { name: LATE_UNIT, version: unit.version });
    expect(renamedUnit.status, renamedUnit.text).toBe(200);
    expect((await admin.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'collecting', reason: 'verifica' })).status).toBe(200);
    // The year end reopened takes variances again: B.1 (red) explained after the validation.
    const variance = await controller.request('PUT', `/api/plans/${planId}/nodes/B.1/variances/${YEAR_END}`, {
      cause: 'external',
      explanation: LATE_CAUSE,
      correctiveAction: 'Nuovo bando',
      version: 0,
    });
    expect(variance.status, variance.text).toBe(200);
    expect((await controller.request('POST', `/api/plans/${planId}/periods/${YEAR_END}/transition`, { to: 'closed', acknowledgeUnreviewed: true })).status).toBe(200);

    const after = await documents();
    for (const [name, text] of Object.entries(after)) {
      expect(text, name).toContain(body);
      expect(text, name).toContain(title);
      expect(text, name).not.toContain(LATE_BODY);
      expect(text, name).not.toContain(LATE_TITLE);
      expect(text, name).not.toContain(LATE_REASON);
      expect(text, name).not.toContain('Altro Nome');
      expect(text, name).not.toContain(LATE_UNIT);
      expect(text, name).not.toContain(LATE_CAUSE);
    }
    expect(after['export.html']).toContain(REFERENTE_UNIT);
    expect(after['validation.html']).toContain('Luca Marino');
    expect(after['export.html']).toContain("Nel corso dell'anno il piano non ha avuto variazioni");
    const relazione = (await controller.get(`/api/plans/${planId}/relazione`)).body;
    expect(relazione).toMatchObject({ state: 'validated', decidedByName: 'Luca Marino' });

    // The live register says the revision came after the validation, for the office and the public,
    // and so do the plan's reports (in the reader's language) and its public page.
    for (const reader of [controller, citizen]) {
      const register = (await reader.get(`/api/plans/${planId}/revisions`)).body as { number: number; afterValidation: unknown }[];
      expect(register.find((r) => r.number === number)?.afterValidation).toEqual({ validatedAt: relazione.decidedAt, state: 'validated' });
    }
    // The validation's day in Rome, as the documents date it (not the UTC day its moment starts with).
    const day = momentDayText(relazione.decidedAt as string);
    const italian = `Variazione n. ${number} approvata dopo la validazione della Relazione del ${day}: la Relazione validata non la comprende.`;
    const english = `Variation no. ${number} approved after the validation of the Relazione on ${day}: the validated Relazione does not include it.`;
    expect(words((await controller.get(`/api/plans/${planId}/export?format=html&lang=it`)).text)).toContain(italian);
    expect(words((await controller.get(`/api/plans/${planId}/export?format=html&lang=en`)).text)).toContain(english);
    expect(words((await citizen.get(`/trasparenza/${planId}/piano.html`)).text)).toContain(italian);
  });
});

/**
 * A database whose Relazione was validated before migration 82 kept its cover: made as it was then
 * (the column dropped, the migration unrecorded), the next start fills the cover from what the
 * database holds, and the documents keep it from then on.
 */
describe.each<Backend>(['sqlite', 'postgres'])('a Relazione validated before the cover was kept, on %s', (backend) => {
  let t: TestServer;
  let restarted: RunningServer | null = null;
  afterAll(async () => {
    await restarted?.close();
    await t?.close();
  });

  it('gets its cover from the database at the migration, and keeps it after a revision', async () => {
    let planId: string;
    let controller: Client;
    ({ t, planId, controller } = await startWithFixture(backend, { publish: true }));
    const { title, body } = await adoptAndValidate(planId, controller, await t.as('oiv'), await t.as('admin'));
    const db = backend === 'postgres' ? openPostgres(t.location) : openSqlite(t.location);
    try {
      await db.run(`ALTER TABLE relazioni DROP COLUMN frozen_cover`);
      await db.run(`DELETE FROM schema_migrations WHERE version = 82`);
    } finally {
      await db.close();
    }
    restarted = await startServer({ location: t.location, port: 0, host: '127.0.0.1' });
    const office = new Client(restarted.url);
    expect((await office.login('controller')).status).toBe(200);
    const stored = await restarted.store.relazioni.getRelazione(planId);
    expect(stored?.frozenCover).toMatchObject({ body, revisions: [], decidedByName: 'Luca Marino', units: { 'B.1.1': REFERENTE_UNIT } });

    await renameInRevision(planId, office);
    for (const what of ['export', 'validation']) {
      const text = words((await office.get(`/api/plans/${planId}/relazione/${what}?format=html`)).text);
      expect(text, what).toContain(body);
      expect(text, what).toContain(title);
      expect(text, what).not.toContain(LATE_BODY);
      expect(text, what).not.toContain(LATE_REASON);
    }
    expect(words((await office.get(`/api/plans/${planId}/relazione/validation?format=html`)).text)).toContain('Luca Marino');
  });
});
