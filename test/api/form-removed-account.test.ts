/**
 * A form naming an account that is no longer there (a row removed past the store: the app deletes no
 * account a form names), on SQLite and PostgreSQL: the form, the list, the trail and the PDF/DOCX say
 * so in the reader's language («(account eliminato)» / "(account removed)"), the answer flags it
 * (`removed: true`), and the trail names the evaluator who was replaced with the account's id.
 */
import { describe, expect, it } from 'vitest';
import type { Db } from '../../src/store/db.js';
import { openPostgres } from '../../src/store/postgres/db.js';
import { openSqlite } from '../../src/store/sqlite/db.js';
import { docxText, pdfText } from '../support/files.js';
import { formPlanKit } from './form-plans.js';
import type { Backend } from './harness.js';

describe.each<Backend>(['sqlite', 'postgres'])('a form naming a removed account, on %s', (backend) => {
  const { server, people, plansWithSmvp, form, evaluate } = formPlanKit(backend);

  /** The account's row deleted as another program would, its references left dangling (the foreign keys not enforced for it). */
  const removeAccount = async (id: string): Promise<void> => {
    const db: Db = backend === 'sqlite' ? openSqlite(server.t.location) : openPostgres(server.t.location);
    try {
      if (backend === 'sqlite') {
        await db.run('PRAGMA foreign_keys = OFF');
        await db.run('DELETE FROM users WHERE id = ?', [id]);
      } else {
        // One transaction, one connection: the foreign keys' triggers off for it alone.
        await db.run(`DO $$ BEGIN PERFORM set_config('session_replication_role', 'replica', true); DELETE FROM users WHERE id = '${id.replace(/'/g, "''")}'; END $$`);
      }
    } finally {
      await db.close();
    }
  };

  it('says the removed person and evaluator in the reader’s language, flagged, on the form, the list, the trail and the documents', async () => {
    const { t, hr } = server;
    const body = 'Comune di Omicron';
    const [planId] = await plansWithSmvp(body, 'Piano di Omicron');
    const f = await form('omicron', { planId, objectives: [{ title: 'Archivio digitale', weight: 100, target: 1, state: 'measured', actual: 1 }] });
    const before = (await hr.get(`/api/appraisals/${f.id}`)).body;
    const replaced = String(before.evaluator.id);
    const other = await people('omicron-bis');
    const moved = await hr.request('PATCH', `/api/appraisals/${f.id}`, { version: f.version, evaluatorId: other.evaluatorId });
    expect(moved.status, moved.text).toBe(200);
    expect(moved.body.person).toEqual({ id: before.person.id, username: 'persona-omicron', displayName: 'persona omicron' });

    await removeAccount(String(before.person.id));
    await removeAccount(replaced);
    // The server's names are trusted for a second (actor-names.ts NAMES_TRUSTED_MS): read again until they follow.
    await expect
      .poll(async () => (await hr.get(`/api/appraisals/${f.id}?lang=it`)).body.person, { timeout: 5000 })
      .toEqual({
        id: before.person.id,
        username: null,
        displayName: '(account eliminato)',
        removed: true,
      });
    expect((await hr.get(`/api/appraisals/${f.id}?lang=en`)).body.person).toEqual({ id: before.person.id, username: null, displayName: '(account removed)', removed: true });
    expect((await hr.get(`/api/appraisals/${f.id}?lang=en`)).body.evaluator).toEqual({ id: other.evaluatorId, username: 'valutatore-omicron-bis', displayName: 'valutatore omicron-bis' });

    const listed = async (lang: 'it' | 'en') => ((await hr.get(`/api/appraisals?year=2024&lang=${lang}`)).body as { id: string; person: unknown }[]).find((x) => x.id === f.id)!.person;
    expect(await listed('it')).toEqual({ id: before.person.id, username: null, displayName: '(account eliminato)', removed: true });
    expect(await listed('en')).toEqual({ id: before.person.id, username: null, displayName: '(account removed)', removed: true });

    const evaluatorChange = async (lang: 'it' | 'en') =>
      ((await hr.get(`/api/appraisals/${f.id}/trail?lang=${lang}`)).body as { action: string; changes: { field: string }[] }[])[1]!.changes.find(
        (c) => c.field === (lang === 'it' ? 'Valutatore' : 'Evaluator'),
      );
    expect(await evaluatorChange('it')).toEqual({ field: 'Valutatore', before: `un account eliminato (id ${replaced})`, after: 'valutatore omicron-bis' });
    expect(await evaluatorChange('en')).toEqual({ field: 'Evaluator', before: `a removed account (id ${replaced})`, after: 'valutatore omicron-bis' });

    const file = async (format: 'pdf' | 'docx', lang: 'it' | 'en'): Promise<string> => {
      const reply = await fetch(`${t.url}/api/appraisals/${f.id}/document?format=${format}&lang=${lang}`, { headers: { cookie: hr.cookie! } });
      expect(reply.status, format).toBe(200);
      const bytes = new Uint8Array(await reply.arrayBuffer());
      return format === 'pdf' ? pdfText(bytes, { layout: false }).replace(/\s+/g, ' ') : docxText(bytes);
    };
    const pdfIt = await file('pdf', 'it');
    expect(pdfIt).toContain('Valutato: (account eliminato)');
    // The id's random width moves the line's end: where it falls at omicron-|bis, poppler (reading
    // order) joins the word broken there and drops its hyphen, as it does for any hyphenated word.
    const evaluatorLine = (words: string): RegExp => new RegExp(`${words} \\(id ${replaced}\\) → valutatore omicron-?bis`);
    expect(pdfIt).toMatch(evaluatorLine('Valutatore: un account eliminato'));
    expect(pdfIt).not.toContain('account removed');
    const docxEn = await file('docx', 'en');
    expect(docxEn).toContain('Appraisee: (account removed)');
    expect(docxEn).toMatch(evaluatorLine('Evaluator: a removed account'));
  }, 120_000);

  it('says a removed person in a bonus distribution in the reader’s language, whatever the language it was made in', async () => {
    const { hr } = server;
    const body = 'Comune di Pi';
    const [planId] = await plansWithSmvp(body, 'Piano di Pi');
    const f = await form('pi', { planId, objectives: [{ title: 'Archivio digitale', weight: 100, target: 1, state: 'measured', actual: 1 }] });
    const { person, step } = await evaluate('pi', f);
    await step(person, { action: 'accept' });
    await step(hr, { action: 'finalise' });
    const personId = String((await hr.get(`/api/appraisals/${f.id}`)).body.person.id);
    await removeAccount(personId);

    // Shared out on an Italian screen: said so there, and flagged.
    const made = await hr.request('POST', `/api/rewards/2024/distribute?organisation=${encodeURIComponent(body)}`, { category: 'eq', fund: 1000, organisation: body }, { 'accept-language': 'it' });
    expect(made.status, made.text).toBe(200);
    expect(made.body.people).toEqual([expect.objectContaining({ personId, displayName: '(account eliminato)', removed: true })]);
    // Read on an English screen: the English words, not the maker's.
    for (const [lang, words] of [
      ['en', '(account removed)'],
      ['it', '(account eliminato)'],
    ] as const) {
      const read = await hr.request('GET', `/api/rewards/2024?organisation=${encodeURIComponent(body)}&lang=${lang}`);
      expect(read.status, read.text).toBe(200);
      expect(read.body.find((d: { category: string }) => d.category === 'eq').people).toEqual([expect.objectContaining({ personId, displayName: words, removed: true })]);
    }
  }, 120_000);
});
