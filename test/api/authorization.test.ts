/**
 * The authorization matrix: every endpoint × every role, through HTTP, against the rules written
 * out here by hand (not read from the server, so the test can disagree with it):
 * admin everything (alone reopens a validated period); controller plans, adoption, revisions,
 * archive, tree, periods, any value; referente values of its unit; OIV reads and validates; the
 * public reads published plans only (their revisions too).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleSmvpJson } from '../../src/core/appraisal/index.js';
import { Decimal } from '../../src/core/index.js';
import { SYSTEM, type Role } from '../../src/store/index.js';
import type { Db } from '../../src/store/db.js';
import { removedFrom } from '../support/stranded.js';
import { FIXTURE } from '../helpers.js';
import { Client, enc, PASSWORD, REFERENTE_UNIT, startTestServer, type Backend, type TestServer } from './harness.js';

type Who = Role | 'public';
const WHO: readonly Who[] = ['admin', 'controller', 'referente', 'oiv', 'personale', 'public'];

interface Scratch {
  planId: string;
  userId: string;
  /** An appraisal form of the scratch user, evaluated by the referente (set by `appraisal`). */
  formId?: string;
  /** The referente's account id (set by `appraisal` and `evaluator`). */
  evaluatorId?: string;
  /** A unit of the registry that owns nothing. */
  unitId: string;
  /** A file attached by `prepare` (the evidence rows). */
  attachmentId?: string;
  /** A body whose SMVP of 2024 a correction left under its name (set by `strand`), corrected to it plus " corretto". */
  stranded?: string;
}

interface Row {
  method: string;
  /** The route as registered (the OpenAPI path). */
  route: string;
  what: string;
  /** Who gets the success status; everyone else is refused. */
  allowed: readonly Who[];
  success: number;
  /** The status the public gets (401 by default; 404 for an unpublished plan it may not see). */
  publicRefusal?: number;
  published?: boolean;
  /** Sets the scratch plan up (through the store) before the call. */
  prepare?: (t: TestServer, s: Scratch) => Promise<void>;
  call: (s: Scratch, who: Who) => { path: string; body?: unknown | (() => unknown) };
  /** The error code the public gets (default: unauthenticated). */
  publicCode?: string;
  /** The error code of the `success` status when it is a refusal for everyone (e.g. a feature not configured). */
  successCode?: string;
  freshSession?: boolean;
}

const ALL: readonly Who[] = WHO;
const SIGNED_IN: readonly Who[] = ['admin', 'controller', 'referente', 'oiv', 'personale'];
const HR: readonly Who[] = ['admin', 'personale'];
/** Those who work on the plan (evidence and comments are theirs; HR's `personale` is not among them). */
const PLAN_STAFF: readonly Who[] = ['admin', 'controller', 'referente', 'oiv'];
const EDITORS: readonly Who[] = ['admin', 'controller'];

/** The fixture as an upload; each editor imports it under a title of its own (a body holds one plan per year and title). */
function fixtureForm(who: Who): FormData {
  const form = new FormData();
  form.set('file', new Blob([readFileSync(FIXTURE)]), 'albero-performance-2024.txt');
  form.set('title', `Albero performance 2024 (${who})`);
  return form;
}

const measured = async (t: TestServer, s: Scratch): Promise<void> => {
  const put = await t.server.store.putMeasurement(s.planId, 'A:1', '2024-12-31', { state: 'measured', actual: { kind: 'number', value: new Decimal(12) } }, 0, SYSTEM);
  if (!put.ok) throw new Error(put.error.message);
};
/** The objective of `indicator` in red at the year end (a variance is asked of an objective short of green only). */
const shortfall =
  (indicator: string) =>
  async (t: TestServer, s: Scratch): Promise<void> => {
    const put = await t.server.store.putMeasurement(s.planId, indicator, '2024-12-31', { state: 'not_achieved', actual: null }, 0, SYSTEM);
    if (!put.ok) throw new Error(put.error.message);
  };
const returned = async (t: TestServer, s: Scratch): Promise<void> => {
  await measured(t, s);
  const sent = await t.server.store.reviewMeasurement(s.planId, 'A:1', '2024-12-31', 'return', 'manca la fonte', 1, SYSTEM);
  if (!sent.ok) throw new Error(sent.error.message);
};
const unitsForm = (s: Scratch) => (): FormData => {
  const form = new FormData();
  form.set('file', new Blob([`codice;nome;tipo;padre;responsabile;membri\nI${s.planId.slice(0, 8)};Importato ${s.planId};Ufficio;;;\n`]), 'strutture.csv');
  return form;
};

const close = async (t: TestServer, s: Scratch): Promise<void> => {
  await t.server.store.transitionPeriod(s.planId, '2024-12-31', 'collecting', null, SYSTEM);
  await t.server.store.transitionPeriod(s.planId, '2024-12-31', 'closed', null, SYSTEM, { acknowledgeUnreviewed: true });
};

/** The example SMVP for the scratch plans' body and a form of the scratch user (category `category`), evaluated by the referente. */
const appraisal =
  (category: 'dirigente' | 'personale') =>
  async (t: TestServer, s: Scratch): Promise<void> => {
    await t.server.store.appraisals.saveSmvp('Ente', 2024, exampleSmvpJson('Ente', 2024), null, SYSTEM);
    const evaluator = (await t.server.store.listUsers()).find((u) => u.username === 'referente')!;
    const form = await t.server.store.appraisals.createForm(
      {
        organisation: 'Ente',
        year: 2024,
        personId: s.userId,
        evaluatorId: evaluator.id,
        category,
        planId: s.planId,
        document: {
          objectives: [
            { id: 'o1', title: 'Obiettivo', weight: '100', comparator: '>=', target: { kind: 'number', value: '1' }, unit: 'number', scoring: null, state: 'not_measured', actual: null, reason: null },
          ],
        },
      },
      SYSTEM,
    );
    if (!form.ok) throw new Error(form.error.message);
    s.formId = form.value.id;
    s.evaluatorId = evaluator.id;
  };
/** A body of its own whose 2024 SMVP two plans' corrections left under its name (one plan corrected, the other's row deleted as before): `s.stranded`. */
let strandings = 0;
const strand = async (t: TestServer, s: Scratch): Promise<void> => {
  const store = t.server.store;
  const from = `Ente arenato ${++strandings}`;
  const plans: string[] = [];
  for (const title of ['uno', 'due']) {
    const p = await store.createPlan({ title, year: 2024, organisation: from }, SYSTEM);
    if (!p.ok) throw new Error(p.error.message);
    plans.push(p.value.id);
  }
  const smvp = await store.appraisals.saveSmvp(from, 2024, exampleSmvpJson(from, 2024), null, SYSTEM);
  if (!smvp.ok) throw new Error(smvp.error.message);
  const corrected = await store.updatePlan(plans[0]!, { organisation: `${from} corretto` }, SYSTEM);
  if (!corrected.ok) throw new Error(corrected.error.message);
  // Deleting the last plan of a body holding records is refused now (plan-has-appraisals): its row goes as a deletion of before took it.
  await removedFrom((store as unknown as { db: Db }).db)(plans[1]!);
  s.stranded = from;
};
const evaluator = async (t: TestServer, s: Scratch): Promise<void> => {
  s.evaluatorId = (await t.server.store.listUsers()).find((u) => u.username === 'referente')!.id;
};
const smvpFile = (): FormData => {
  const form = new FormData();
  form.set('file', new Blob([JSON.stringify(exampleSmvpJson('Ente', 2024))]), 'smvp.json');
  return form;
};
/** The year-end values published to the public (a collecting period's values are provisional). */
const publishValues = async (t: TestServer, s: Scratch): Promise<void> => {
  await t.server.store.relazioni.publishPeriod(s.planId, '2024-12-31', true, SYSTEM);
};
/** Both periods a public comparison reads published (the mid-year and the year end). */
const publishTwoPeriods = async (t: TestServer, s: Scratch): Promise<void> => {
  await t.server.store.relazioni.publishPeriod(s.planId, '2024-06-30', true, SYSTEM);
  await publishValues(t, s);
};
/** The scratch plan's Relazione transmitted to the OIV (the year-end period closed first). */
const transmit = async (t: TestServer, s: Scratch): Promise<void> => {
  await close(t, s);
  const moved = await t.server.store.relazioni.moveRelazione(s.planId, 'transmitted', null, null, SYSTEM, true);
  if (!moved.ok) throw new Error(moved.error.message);
};
/** …and reviewed by the OIV, every check answered, as a validation needs (9289918). */
const review = async (t: TestServer, s: Scratch): Promise<void> => {
  await transmit(t, s);
  const current = await t.server.store.relazioni.getRelazione(s.planId);
  if (current === undefined) throw new Error('no Relazione');
  const checklist = current.checklist.map((p) => ({ ...p, outcome: 'yes' as const }));
  const reviewed = await t.server.store.relazioni.putRelazioneReview(s.planId, { note: '', reservations: '', checklist, values: [] }, current.version, SYSTEM);
  if (!reviewed.ok) throw new Error(reviewed.error.message);
};
/** …and decided on by the OIV (not validated: nothing frozen). */
const decide = async (t: TestServer, s: Scratch): Promise<void> => {
  await transmit(t, s);
  const moved = await t.server.store.relazioni.moveRelazione(s.planId, 'not_validated', 'dati da integrare', null, SYSTEM);
  if (!moved.ok) throw new Error(moved.error.message);
};

const validate = async (t: TestServer, s: Scratch): Promise<void> => {
  await close(t, s);
  await t.server.store.transitionPeriod(s.planId, '2024-12-31', 'validated', null, SYSTEM);
};
const ACT = { kind: 'Delibera di Giunta', number: '1', date: '2024-01-30' };
const adopt = async (t: TestServer, s: Scratch): Promise<void> => {
  await t.server.store.adoptPlan(s.planId, ACT, SYSTEM);
};
/** Adopted, with revision n. 1 open (and, `withChange`, one change in it). */
const openRevision =
  (withChange: boolean) =>
  async (t: TestServer, s: Scratch): Promise<void> => {
    await adopt(t, s);
    await t.server.store.openRevision(s.planId, { reason: 'variazione di prova' }, SYSTEM);
    if (withChange) await t.server.store.updateNode(s.planId, 'A', { title: 'A rinominata' }, undefined, SYSTEM);
  };
/** An approved revision: the public reads the register's approved revisions only (an open one is the office's draft). */
const approvedRevision = async (t: TestServer, s: Scratch): Promise<void> => {
  await openRevision(true)(t, s);
  const approved = await t.server.store.approveRevision(s.planId, 1, null, SYSTEM);
  if (!approved.ok) throw new Error(approved.error.message);
};
/** An evidence file on an indicator of the scratch plan (A:1 is the referente's unit's, B:1 another's). */
const attach =
  (indicator: string) =>
  async (t: TestServer, s: Scratch): Promise<void> => {
    const stored = await t.server.store.attachments.add(s.planId, indicator, '2024-12-31', { name: 'evidenza.pdf', mediaType: 'application/pdf', bytes: Buffer.from('%PDF-1.4\n%%EOF\n') }, SYSTEM);
    if (!stored.ok) throw new Error(stored.error.message);
    s.attachmentId = stored.value.id;
  };
const evidenceForm = (): FormData => {
  const form = new FormData();
  form.set('file', new Blob([Buffer.from('%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n')]), 'evidenza.pdf');
  return form;
};
const files = (s: Scratch, indicator: string): string => `/api/plans/${s.planId}/indicators/${enc(indicator)}/measurements/2024-12-31/attachments`;
const READERS: readonly Who[] = ['admin', 'controller', 'oiv'];
const thread = (s: Scratch, indicator: string): string => `/api/plans/${s.planId}/indicators/${enc(indicator)}/measurements/2024-12-31/comments`;

const ROWS: Row[] = [
  {
    method: 'GET',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/attachments',
    what: "files of the referente's unit",
    allowed: PLAN_STAFF,
    success: 200,
    published: true,
    call: (s) => ({ path: files(s, 'A:1') }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/attachments',
    what: 'files of another unit',
    allowed: READERS,
    success: 200,
    published: true,
    call: (s) => ({ path: files(s, 'B:1') }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/attachments',
    what: "attach to the referente's unit's value",
    allowed: ['admin', 'controller', 'referente'],
    success: 201,
    call: (s) => ({ path: files(s, 'A:1'), body: evidenceForm }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/attachments',
    what: "attach to another unit's value",
    allowed: EDITORS,
    success: 201,
    call: (s) => ({ path: files(s, 'B:1'), body: evidenceForm }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/attachments/{attachmentId}',
    what: "download a file of the referente's unit",
    allowed: PLAN_STAFF,
    success: 200,
    published: true,
    prepare: attach('A:1'),
    call: (s) => ({ path: `${files(s, 'A:1')}/${s.attachmentId}` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/attachments/{attachmentId}',
    what: "download another unit's file",
    allowed: READERS,
    success: 200,
    published: true,
    prepare: attach('B:1'),
    call: (s) => ({ path: `${files(s, 'B:1')}/${s.attachmentId}` }),
  },
  {
    method: 'DELETE',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/attachments/{attachmentId}',
    what: "remove a file of the referente's unit",
    allowed: ['admin', 'controller', 'referente'],
    success: 200,
    prepare: attach('A:1'),
    call: (s) => ({ path: `${files(s, 'A:1')}/${s.attachmentId}` }),
  },
  {
    method: 'DELETE',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/attachments/{attachmentId}',
    what: "remove another unit's file",
    allowed: EDITORS,
    success: 200,
    prepare: attach('B:1'),
    call: (s) => ({ path: `${files(s, 'B:1')}/${s.attachmentId}` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/comments',
    what: "the thread of the referente's unit's value",
    allowed: PLAN_STAFF,
    success: 200,
    published: true,
    call: (s) => ({ path: thread(s, 'A:1') }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/comments',
    what: "another unit's thread",
    allowed: READERS,
    success: 200,
    published: true,
    call: (s) => ({ path: thread(s, 'B:1') }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/comments',
    what: "comment on the referente's unit's value",
    allowed: PLAN_STAFF,
    success: 201,
    call: (s) => ({ path: thread(s, 'A:1'), body: { body: 'Valore confermato?' } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/comments',
    what: "comment on another unit's value",
    allowed: READERS,
    success: 201,
    call: (s) => ({ path: thread(s, 'B:1'), body: { body: 'Valore confermato?' } }),
  },
  { method: 'GET', route: '/api/session/oidc', what: 'whether the identity provider sign-in is offered', allowed: ALL, success: 200, call: () => ({ path: '/api/session/oidc' }) },
  {
    method: 'GET',
    route: '/api/session/oidc/start',
    what: 'start an identity provider sign-in (not configured here: test/api/oidc.test.ts)',
    allowed: ALL,
    success: 404,
    successCode: 'oidc-not-configured',
    call: () => ({ path: '/api/session/oidc/start' }),
  },
  {
    method: 'GET',
    route: '/api/session/oidc/callback',
    what: "the identity provider's answer (not configured here)",
    allowed: ALL,
    success: 404,
    successCode: 'oidc-not-configured',
    call: () => ({ path: '/api/session/oidc/callback?code=x&state=y' }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/periods/{periodId}/variances',
    what: 'variances and forecasts of a period',
    allowed: SIGNED_IN,
    success: 200,
    published: true,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods/2024-12-31/variances` }),
  },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/nodes/{code}/variances/{periodId}',
    what: "the variance of the referente's unit's objective",
    allowed: ['admin', 'controller', 'referente'],
    success: 200,
    prepare: shortfall('A:1'),
    call: (s) => ({ path: `/api/plans/${s.planId}/nodes/A/variances/2024-12-31`, body: { cause: 'external', explanation: 'Bando rinviato', correctiveAction: 'Nuovo bando', version: 0 } }),
  },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/nodes/{code}/variances/{periodId}',
    what: "another unit's objective's variance",
    allowed: EDITORS,
    success: 200,
    prepare: shortfall('B:1'),
    call: (s) => ({ path: `/api/plans/${s.planId}/nodes/B/variances/2024-12-31`, body: { cause: 'internal', explanation: 'Personale ridotto', version: 0 } }),
  },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/indicators/{indicatorId}/forecasts/{periodId}',
    what: "a forecast on the referente's unit's indicator",
    allowed: ['admin', 'controller', 'referente'],
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('A:1')}/forecasts/2024-06-30`, body: { reachable: 'at_risk', note: 'Dipende dal bando', version: 0 } }),
  },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/indicators/{indicatorId}/forecasts/{periodId}',
    what: "a forecast on another unit's indicator",
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('B:1')}/forecasts/2024-06-30`, body: { reachable: 'yes', version: 0 } }),
  },
  { method: 'GET', route: '/api/health', what: 'health', allowed: ALL, success: 200, call: () => ({ path: '/api/health' }) },
  { method: 'GET', route: '/api/openapi.json', what: 'the OpenAPI document', allowed: ALL, success: 200, call: () => ({ path: '/api/openapi.json' }) },
  {
    method: 'POST',
    route: '/api/session',
    what: 'sign in (the public has no account)',
    allowed: SIGNED_IN,
    success: 200,
    publicCode: 'invalid-credentials',
    freshSession: true,
    call: (_, who) => ({ path: '/api/session', body: { username: who === 'public' ? 'nobody' : who, password: PASSWORD } }),
  },
  // Everyone is answered: the public's session is null (not signed in is a state, not a refusal).
  { method: 'GET', route: '/api/session', what: 'who am I', allowed: ALL, success: 200, call: () => ({ path: '/api/session' }) },
  { method: 'GET', route: '/api/plans', what: 'list plans', allowed: ALL, success: 200, call: () => ({ path: '/api/plans' }) },
  { method: 'POST', route: '/api/plans', what: 'create a plan', allowed: EDITORS, success: 201, call: (_s, who) => ({ path: '/api/plans', body: { title: `Piano 2025 (${who})`, year: 2025 } }) },
  { method: 'POST', route: '/api/plans/import', what: 'import a table', allowed: EDITORS, success: 201, call: (_s, who) => ({ path: '/api/plans/import', body: () => fixtureForm(who) }) },
  { method: 'PATCH', route: '/api/plans/{planId}', what: 'publish a plan', allowed: EDITORS, success: 200, call: (s) => ({ path: `/api/plans/${s.planId}`, body: { published: true } }) },
  { method: 'DELETE', route: '/api/plans/{planId}', what: 'delete a plan', allowed: EDITORS, success: 200, call: (s) => ({ path: `/api/plans/${s.planId}` }) },
  { method: 'GET', route: '/api/plans/{planId}', what: 'one plan, unpublished', allowed: SIGNED_IN, success: 200, publicRefusal: 404, call: (s) => ({ path: `/api/plans/${s.planId}` }) },
  { method: 'GET', route: '/api/plans/{planId}', what: 'one plan, published', allowed: ALL, success: 200, published: true, call: (s) => ({ path: `/api/plans/${s.planId}` }) },
  { method: 'POST', route: '/api/plans/{planId}/adopt', what: 'adopt a plan', allowed: EDITORS, success: 200, call: (s) => ({ path: `/api/plans/${s.planId}/adopt`, body: { act: ACT } }) },
  { method: 'POST', route: '/api/plans/{planId}/archive', what: 'archive a plan', allowed: EDITORS, success: 200, call: (s) => ({ path: `/api/plans/${s.planId}/archive` }) },
  {
    method: 'POST',
    route: '/api/plans/{planId}/unarchive',
    what: 'bring a plan back',
    allowed: EDITORS,
    success: 200,
    prepare: async (t, s) => void (await t.server.store.archivePlan(s.planId, true, SYSTEM)),
    call: (s) => ({ path: `/api/plans/${s.planId}/unarchive` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/revisions',
    what: 'register of revisions, unpublished',
    allowed: SIGNED_IN,
    success: 200,
    publicRefusal: 404,
    prepare: openRevision(true),
    call: (s) => ({ path: `/api/plans/${s.planId}/revisions` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/revisions',
    what: 'register of revisions, published',
    allowed: ALL,
    success: 200,
    published: true,
    prepare: openRevision(true),
    call: (s) => ({ path: `/api/plans/${s.planId}/revisions` }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/revisions',
    what: 'open a revision',
    allowed: EDITORS,
    success: 201,
    prepare: adopt,
    call: (s) => ({ path: `/api/plans/${s.planId}/revisions`, body: { reason: 'nuovi target' } }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/revisions/{number}',
    what: 'one revision, unpublished',
    allowed: SIGNED_IN,
    success: 200,
    publicRefusal: 404,
    prepare: openRevision(true),
    call: (s) => ({ path: `/api/plans/${s.planId}/revisions/1` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/revisions/{number}',
    what: 'one revision, approved, published',
    allowed: ALL,
    success: 200,
    published: true,
    prepare: approvedRevision,
    call: (s) => ({ path: `/api/plans/${s.planId}/revisions/1` }),
  },
  {
    method: 'PATCH',
    route: '/api/plans/{planId}/revisions/{number}',
    what: "add a revision's act",
    allowed: EDITORS,
    success: 200,
    prepare: openRevision(false),
    call: (s) => ({ path: `/api/plans/${s.planId}/revisions/1`, body: { act: ACT } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/revisions/{number}/approve',
    what: 'approve a revision',
    allowed: EDITORS,
    success: 200,
    prepare: openRevision(true),
    call: (s) => ({ path: `/api/plans/${s.planId}/revisions/1/approve`, body: {} }),
  },
  {
    method: 'DELETE',
    route: '/api/plans/{planId}/revisions/{number}',
    what: 'discard an empty revision',
    allowed: EDITORS,
    success: 200,
    prepare: openRevision(false),
    call: (s) => ({ path: `/api/plans/${s.planId}/revisions/1` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/tree',
    what: 'tree of an unpublished plan',
    allowed: SIGNED_IN,
    success: 200,
    publicRefusal: 404,
    call: (s) => ({ path: `/api/plans/${s.planId}/tree` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/tree',
    what: 'tree of a published plan',
    allowed: ALL,
    success: 200,
    published: true,
    prepare: publishValues,
    call: (s) => ({ path: `/api/plans/${s.planId}/tree` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/nodes/{code}/explanation',
    what: 'explanation, unpublished',
    allowed: SIGNED_IN,
    success: 200,
    publicRefusal: 404,
    call: (s) => ({ path: `/api/plans/${s.planId}/nodes/A/explanation` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/nodes/{code}/explanation',
    what: 'explanation, published',
    allowed: ALL,
    success: 200,
    published: true,
    prepare: publishValues,
    call: (s) => ({ path: `/api/plans/${s.planId}/nodes/A/explanation` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/changes',
    what: 'changes between periods, unpublished',
    allowed: SIGNED_IN,
    success: 200,
    publicRefusal: 404,
    call: (s) => ({ path: `/api/plans/${s.planId}/changes?againstPeriod=2024-06-30` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/changes',
    what: 'changes between periods, published',
    allowed: ALL,
    success: 200,
    published: true,
    prepare: publishTwoPeriods,
    call: (s) => ({ path: `/api/plans/${s.planId}/changes?againstPeriod=2024-06-30` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/periods',
    what: 'periods, unpublished',
    allowed: SIGNED_IN,
    success: 200,
    publicRefusal: 404,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods` }),
  },
  { method: 'GET', route: '/api/plans/{planId}/periods', what: 'periods, published', allowed: ALL, success: 200, published: true, call: (s) => ({ path: `/api/plans/${s.planId}/periods` }) },
  {
    method: 'POST',
    route: '/api/plans/{planId}/nodes',
    what: 'add an objective',
    allowed: EDITORS,
    success: 201,
    call: (s) => ({ path: `/api/plans/${s.planId}/nodes`, body: { code: 'A.9', title: 'Nuovo', parent: 'A', weight: 10 } }),
  },
  {
    method: 'PATCH',
    route: '/api/plans/{planId}/nodes/{code}',
    what: 'change an objective',
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/nodes/A`, body: { title: 'Area A rinominata' } }),
  },
  { method: 'DELETE', route: '/api/plans/{planId}/nodes/{code}', what: 'delete an objective', allowed: EDITORS, success: 200, call: (s) => ({ path: `/api/plans/${s.planId}/nodes/B` }) },
  {
    method: 'POST',
    route: '/api/plans/{planId}/nodes/{code}/indicators',
    what: 'add an indicator',
    allowed: EDITORS,
    success: 201,
    call: (s) => ({ path: `/api/plans/${s.planId}/nodes/A/indicators`, body: { name: 'Nuovo', weight: 10, comparator: '>=', target: 5, unit: 'number' } }),
  },
  {
    method: 'PATCH',
    route: '/api/plans/{planId}/indicators/{indicatorId}',
    what: 'change an indicator',
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('A:1')}`, body: { target: 20, version: 1 } }),
  },
  {
    method: 'DELETE',
    route: '/api/plans/{planId}/indicators/{indicatorId}',
    what: 'delete an indicator',
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('B:1')}` }),
  },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}',
    what: "a value of the referente's unit",
    allowed: ['admin', 'controller', 'referente'],
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('A:1')}/measurements/2024-12-31`, body: { state: 'measured', actual: 12, version: 0 } }),
  },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}',
    what: 'a value of another unit',
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('B:1')}/measurements/2024-12-31`, body: { state: 'not_achieved', version: 0 } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/periods',
    what: 'add a period',
    allowed: EDITORS,
    success: 201,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods`, body: { endsOn: '2024-04-30', label: 'Monitoraggio al 30/04/2024' } }),
  },
  {
    method: 'PATCH',
    route: '/api/plans/{planId}/periods/{periodId}',
    what: 'rename a period',
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods/2024-06-30`, body: { label: 'Primo semestre' } }),
  },
  {
    method: 'DELETE',
    route: '/api/plans/{planId}/periods/{periodId}',
    what: 'delete an empty open period',
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods/2024-06-30` }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/periods/{periodId}/transition',
    what: 'start collecting',
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods/2024-12-31/transition`, body: { to: 'collecting' } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/periods/{periodId}/transition',
    what: 'validate a closed period',
    allowed: ['oiv'],
    success: 200,
    prepare: close,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods/2024-12-31/transition`, body: { to: 'validated' } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/periods/{periodId}/transition',
    what: 'reopen a closed period',
    allowed: EDITORS,
    success: 200,
    prepare: close,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods/2024-12-31/transition`, body: { to: 'collecting', reason: 'correzione' } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/periods/{periodId}/transition',
    what: 'reopen a validated period',
    allowed: ['admin'],
    success: 200,
    prepare: validate,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods/2024-12-31/transition`, body: { to: 'collecting', reason: 'errore materiale' } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/next-year',
    what: "make next year's plan",
    allowed: EDITORS,
    success: 201,
    call: (s) => ({ path: `/api/plans/${s.planId}/next-year`, body: { year: 2025 } }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/next-year',
    what: "what next year's plan would take as baselines",
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/next-year` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/baselines',
    what: "baselines changed since last year's plan",
    allowed: SIGNED_IN,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/baselines` }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/baselines/refresh',
    what: "take over last year's corrected actuals as baselines",
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/baselines/refresh`, body: {} }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/nodes/{code}/years',
    what: 'an objective year over year, unpublished',
    allowed: SIGNED_IN,
    success: 200,
    publicRefusal: 404,
    call: (s) => ({ path: `/api/plans/${s.planId}/nodes/A/years` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/nodes/{code}/years',
    what: 'an objective year over year, published',
    allowed: ALL,
    success: 200,
    published: true,
    prepare: publishValues,
    call: (s) => ({ path: `/api/plans/${s.planId}/nodes/A/years` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/indicators/{indicatorId}/years',
    what: 'an indicator year over year, unpublished',
    allowed: SIGNED_IN,
    success: 200,
    publicRefusal: 404,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('A:1')}/years` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/indicators/{indicatorId}/years',
    what: 'an indicator year over year, published',
    allowed: ALL,
    success: 200,
    published: true,
    prepare: publishValues,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('A:1')}/years` }),
  },
  { method: 'GET', route: '/api/plans/{planId}/relazione', what: "the year's Relazione", allowed: SIGNED_IN, success: 200, call: (s) => ({ path: `/api/plans/${s.planId}/relazione` }) },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/relazione/texts',
    what: "the Relazione's texts",
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/relazione/texts`, body: { texts: { processo: 'Il processo seguito.' }, version: 0 } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/relazione/transition',
    what: 'transmit the Relazione to the OIV',
    allowed: EDITORS,
    success: 200,
    prepare: close,
    call: (s) => ({ path: `/api/plans/${s.planId}/relazione/transition`, body: { to: 'transmitted', confirmEmpty: true } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/relazione/transition',
    what: 'validate the Relazione',
    allowed: ['oiv'],
    success: 200,
    prepare: review,
    call: (s) => ({ path: `/api/plans/${s.planId}/relazione/transition`, body: { to: 'validated' } }),
  },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/relazione/review',
    what: "the OIV's review",
    allowed: ['oiv'],
    success: 200,
    prepare: transmit,
    call: (s) => ({ path: `/api/plans/${s.planId}/relazione/review`, body: { note: 'Nota', reservations: '', checklist: [{ label: 'Coerenza', outcome: 'yes', note: '' }], values: [], version: 1 } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/relazione/publication',
    what: 'publish the decided Relazione',
    allowed: EDITORS,
    success: 200,
    prepare: decide,
    call: (s) => ({ path: `/api/plans/${s.planId}/relazione/publication`, body: { published: true } }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/relazione/validation',
    what: 'the validation document, unpublished',
    allowed: SIGNED_IN,
    success: 200,
    publicRefusal: 404,
    call: (s) => ({ path: `/api/plans/${s.planId}/relazione/validation?format=html` }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/periods/{periodId}/publication',
    what: "publish a period's values",
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods/2024-06-30/publication`, body: { published: true } }),
  },
  { method: 'GET', route: '/trasparenza', what: 'the transparency index', allowed: ALL, success: 200, call: () => ({ path: '/trasparenza' }) },
  { method: 'GET', route: '/trasparenza/index.html', what: 'the transparency index (file)', allowed: ALL, success: 200, call: () => ({ path: '/trasparenza/index.html' }) },
  { method: 'GET', route: '/trasparenza/premi/{year}', what: "a body's bonuses of a year", allowed: ALL, success: 200, call: () => ({ path: '/trasparenza/premi/2024' }) },
  {
    method: 'GET',
    route: '/trasparenza/{planId}/{file}',
    what: "a published year's page",
    allowed: ALL,
    success: 200,
    published: true,
    call: (s) => ({ path: `/trasparenza/${s.planId}/index.html` }),
  },
  { method: 'GET', route: '/api/audit', what: 'the audit trail', allowed: SIGNED_IN, success: 200, call: (s) => ({ path: `/api/audit?planId=${s.planId}` }) },
  { method: 'GET', route: '/api/users', what: 'list accounts', allowed: ['admin'], success: 200, call: () => ({ path: '/api/users' }) },
  {
    method: 'POST',
    route: '/api/users',
    what: 'create an account',
    allowed: ['admin'],
    success: 201,
    call: (s) => ({ path: '/api/users', body: { username: `new-${s.planId.slice(0, 8)}`, displayName: 'Nuovo', role: 'referente', units: [REFERENTE_UNIT], password: 'una password lunga' } }),
  },
  {
    method: 'POST',
    route: '/api/users/{id}/temporary-password',
    what: 'set a temporary password',
    allowed: ['admin'],
    success: 200,
    call: (s) => ({ path: `/api/users/${s.userId}/temporary-password`, body: { password: 'temporanea 123' } }),
  },
  { method: 'GET', route: '/api/units', what: 'the organisation registry', allowed: SIGNED_IN, success: 200, call: () => ({ path: '/api/units' }) },
  {
    method: 'POST',
    route: '/api/units',
    what: 'add a unit',
    allowed: ['admin'],
    success: 201,
    call: (s) => ({ path: '/api/units', body: { code: `N${s.planId.slice(0, 8)}`, name: `Nuova ${s.planId}`, kind: 'Ufficio' } }),
  },
  { method: 'PATCH', route: '/api/units/{id}', what: 'change a unit', allowed: ['admin'], success: 200, call: (s) => ({ path: `/api/units/${s.unitId}`, body: { kind: 'Servizio' } }) },
  { method: 'DELETE', route: '/api/units/{id}', what: 'delete an unused unit', allowed: ['admin'], success: 200, call: (s) => ({ path: `/api/units/${s.unitId}` }) },
  { method: 'GET', route: '/api/units/export', what: 'export the registry', allowed: EDITORS, success: 200, call: () => ({ path: '/api/units/export?format=csv' }) },
  { method: 'GET', route: '/api/plans/template', what: 'download the plan template', allowed: EDITORS, success: 200, call: () => ({ path: '/api/plans/template' }) },
  { method: 'POST', route: '/api/units/import', what: 'import the registry', allowed: ['admin'], success: 200, call: (s) => ({ path: '/api/units/import', body: unitsForm(s) }) },
  { method: 'GET', route: '/api/reminders', what: 'the outbox of deadline reminders', allowed: EDITORS, success: 200, call: (s) => ({ path: `/api/reminders?planId=${s.planId}` }) },
  { method: 'POST', route: '/api/reminders/send', what: 'send the reminders now', allowed: EDITORS, success: 200, call: () => ({ path: '/api/reminders/send', body: {} }) },
  { method: 'GET', route: '/api/people', what: 'the people a person field names', allowed: SIGNED_IN, success: 200, call: () => ({ path: '/api/people' }) },
  {
    method: 'POST',
    route: '/api/plans/{planId}/reassign',
    what: 'bulk reassignment',
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/reassign`, body: { nodes: ['B'], unitId: s.unitId } }),
  },
  { method: 'GET', route: '/api/plans/{planId}/worklist', what: 'the worklist', allowed: SIGNED_IN, success: 200, published: true, call: (s) => ({ path: `/api/plans/${s.planId}/worklist` }) },
  { method: 'GET', route: '/api/work-due', what: 'the values waiting for the person', allowed: SIGNED_IN, success: 200, published: true, call: () => ({ path: '/api/work-due' }) },
  {
    method: 'GET',
    route: '/api/plans/{planId}/dashboard',
    what: 'the completion dashboard',
    allowed: READERS,
    success: 200,
    published: true,
    call: (s) => ({ path: `/api/plans/${s.planId}/dashboard` }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/exports',
    what: 'start a PDF export job',
    allowed: SIGNED_IN,
    success: 202,
    call: (s) => ({ path: `/api/plans/${s.planId}/exports`, body: { format: 'pdf' } }),
  },
  // A job is read by the account that started it only: for anyone else an id is unknown (404), for the public 401.
  {
    method: 'GET',
    route: '/api/exports/{exportId}',
    what: "another account's export job",
    allowed: SIGNED_IN,
    success: 404,
    successCode: 'export-not-found',
    call: () => ({ path: '/api/exports/00000000-0000-4000-8000-000000000000' }),
  },
  {
    method: 'GET',
    route: '/api/exports/{exportId}/file',
    what: "another account's export file",
    allowed: SIGNED_IN,
    success: 404,
    successCode: 'export-not-found',
    call: () => ({ path: '/api/exports/00000000-0000-4000-8000-000000000000/file' }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/dashboard/export',
    what: 'the dashboard as XLSX',
    allowed: READERS,
    success: 200,
    published: true,
    call: (s) => ({ path: `/api/plans/${s.planId}/dashboard/export` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/reviews',
    what: "the review thread of the referente's unit",
    allowed: PLAN_STAFF,
    success: 200,
    published: true,
    prepare: returned,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('A:1')}/measurements/2024-12-31/reviews` }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/reviews',
    what: 'the review thread of another unit',
    allowed: READERS,
    success: 200,
    published: true,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('B:1')}/measurements/2024-12-31/reviews` }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/reviews',
    what: 'approve a value',
    allowed: EDITORS,
    success: 201,
    prepare: measured,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('A:1')}/measurements/2024-12-31/reviews`, body: { action: 'approve', version: 1 } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/reviews',
    what: 'send a value back',
    allowed: EDITORS,
    success: 201,
    prepare: measured,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('A:1')}/measurements/2024-12-31/reviews`, body: { action: 'return', note: 'manca la fonte', version: 1 } }),
  },
  {
    method: 'POST',
    route: '/api/plans/{planId}/indicators/{indicatorId}/measurements/{periodId}/reviews',
    what: "answer a request on the referente's unit",
    allowed: ['admin', 'controller', 'referente'],
    success: 201,
    prepare: returned,
    call: (s) => ({ path: `/api/plans/${s.planId}/indicators/${enc('A:1')}/measurements/2024-12-31/reviews`, body: { action: 'answer', note: 'fonte aggiunta', version: 1 } }),
  },
  {
    method: 'PUT',
    route: '/api/plans/{planId}/periods/{periodId}/deadline',
    what: "set a period's deadline",
    allowed: EDITORS,
    success: 200,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods/2024-12-31/deadline`, body: { deadline: '2025-01-31' } }),
  },
  {
    method: 'GET',
    route: '/api/plans/{planId}/periods/{periodId}/closing-preview',
    what: 'what closing would leave missing',
    allowed: EDITORS,
    success: 200,
    published: true,
    call: (s) => ({ path: `/api/plans/${s.planId}/periods/2024-12-31/closing-preview` }),
  },
  { method: 'PATCH', route: '/api/users/me', what: 'choose the language of my emails', allowed: SIGNED_IN, success: 200, call: () => ({ path: '/api/users/me', body: { language: 'it' } }) },
  { method: 'PATCH', route: '/api/users/{id}', what: 'change an account', allowed: ['admin'], success: 200, call: (s) => ({ path: `/api/users/${s.userId}`, body: { role: 'oiv' } }) },
  // Individual performance: the SMVP is published; forms are personal data.
  { method: 'GET', route: '/api/smvp', what: 'list the SMVPs', allowed: ALL, success: 200, call: () => ({ path: '/api/smvp' }) },
  { method: 'GET', route: '/api/smvp/{year}', what: 'read the SMVP', allowed: ALL, success: 200, prepare: appraisal('personale'), call: () => ({ path: '/api/smvp/2024?organisation=Ente' }) },
  {
    method: 'PUT',
    route: '/api/smvp/{year}',
    what: 'save the SMVP',
    allowed: ['admin', 'controller', 'personale'],
    success: 200,
    call: () => ({ path: '/api/smvp/2024?organisation=Ente', body: { document: exampleSmvpJson('Ente', 2024) } }),
  },
  {
    method: 'POST',
    route: '/api/smvp/{year}/import',
    what: 'import the SMVP',
    allowed: ['admin', 'controller', 'personale'],
    success: 200,
    call: () => ({ path: '/api/smvp/2024/import?organisation=Ente', body: smvpFile }),
  },
  {
    method: 'GET',
    route: '/api/smvp/{year}/export',
    what: 'export the SMVP',
    allowed: ALL,
    success: 200,
    prepare: appraisal('personale'),
    call: () => ({ path: '/api/smvp/2024/export?format=xlsx&organisation=Ente' }),
  },
  { method: 'GET', route: '/api/appraisals/people', what: 'people to appraise', allowed: HR, success: 200, call: () => ({ path: '/api/appraisals/people' }) },
  {
    method: 'GET',
    route: '/api/appraisals/stranded-bodies',
    what: 'records left under a corrected body',
    allowed: HR,
    success: 200,
    call: () => ({ path: '/api/appraisals/stranded-bodies' }),
  },
  {
    method: 'POST',
    route: '/api/appraisals/stranded-bodies/assign',
    what: 'assign records left under a corrected body',
    allowed: HR,
    success: 200,
    prepare: strand,
    call: (s) => ({ path: '/api/appraisals/stranded-bodies/assign', body: { organisation: s.stranded!, year: 2024, to: `${s.stranded!} corretto` } }),
  },
  { method: 'GET', route: '/api/appraisals', what: 'the forms I may see', allowed: SIGNED_IN, success: 200, call: () => ({ path: '/api/appraisals' }) },
  {
    method: 'POST',
    route: '/api/appraisals',
    what: 'create a form',
    allowed: HR,
    success: 201,
    prepare: evaluator,
    call: (s) => ({ path: '/api/appraisals', body: { year: 2024, personId: s.userId, evaluatorId: s.evaluatorId, category: 'personale' } }),
  },
  {
    method: 'GET',
    route: '/api/appraisals/{id}',
    what: "a staff member's form (the referente evaluates)",
    allowed: ['admin', 'personale', 'referente'],
    success: 200,
    prepare: appraisal('personale'),
    call: (s) => ({ path: `/api/appraisals/${s.formId}` }),
  },
  {
    method: 'GET',
    route: '/api/appraisals/{id}',
    what: "a manager's form",
    allowed: ['admin', 'personale', 'referente', 'oiv'],
    success: 200,
    prepare: appraisal('dirigente'),
    call: (s) => ({ path: `/api/appraisals/${s.formId}` }),
  },
  {
    method: 'PATCH',
    route: '/api/appraisals/{id}',
    what: 'assign objectives (draft)',
    allowed: ['admin', 'personale', 'referente'],
    success: 200,
    prepare: appraisal('personale'),
    call: (s) => ({ path: `/api/appraisals/${s.formId}`, body: { version: 1, objectives: [{ title: 'Obiettivo', weight: 100, target: 1 }] } }),
  },
  {
    method: 'POST',
    route: '/api/appraisals/{id}/actions',
    what: 'acknowledge as the evaluator',
    allowed: ['referente'],
    success: 200,
    prepare: appraisal('dirigente'),
    call: (s) => ({ path: `/api/appraisals/${s.formId}/actions`, body: { action: 'acknowledge', version: 1 } }),
  },
  {
    method: 'GET',
    route: '/api/appraisals/{id}/trail',
    what: "a staff member's form's trail",
    allowed: ['admin', 'personale', 'referente'],
    success: 200,
    prepare: appraisal('personale'),
    call: (s) => ({ path: `/api/appraisals/${s.formId}/trail` }),
  },
  {
    method: 'GET',
    route: '/api/appraisals/{id}/document',
    what: "a manager's form to sign",
    allowed: ['admin', 'personale', 'referente', 'oiv'],
    success: 200,
    prepare: appraisal('dirigente'),
    call: (s) => ({ path: `/api/appraisals/${s.formId}/document?format=docx` }),
  },
  {
    method: 'POST',
    route: '/api/rewards/{year}/distribute',
    what: 'share the bonus fund',
    allowed: HR,
    success: 200,
    prepare: appraisal('personale'),
    call: () => ({ path: '/api/rewards/2024/distribute', body: { category: 'eq', fund: '1000', organisation: 'Ente' } }),
  },
  { method: 'GET', route: '/api/rewards/{year}', what: 'bonuses per person', allowed: HR, success: 200, call: () => ({ path: '/api/rewards/2024?organisation=Ente' }) },
  { method: 'GET', route: '/api/rewards/{year}/aggregates', what: 'the anonymised distribution', allowed: ALL, success: 200, call: () => ({ path: '/api/rewards/2024/aggregates?organisation=Ente' }) },
  // Last: a password change ends the account's other sessions, the shared clients' included.
  {
    method: 'POST',
    route: '/api/users/me/password',
    what: 'change my password',
    allowed: SIGNED_IN,
    success: 200,
    freshSession: true,
    call: () => ({ path: '/api/users/me/password', body: { current: PASSWORD, next: PASSWORD } }),
  },
  { method: 'DELETE', route: '/api/session', what: 'sign out', allowed: ALL, success: 200, freshSession: true, call: () => ({ path: '/api/session' }) },
];

describe.each<Backend>(['sqlite', 'postgres'])('authorization matrix on %s: every endpoint × every role', (backend) => {
  let t: TestServer;
  const clients = new Map<Who, Client>();
  let counter = 0;
  beforeAll(async () => {
    t = await startTestServer(backend);
    for (const who of WHO) clients.set(who, await t.as(who));
  });
  afterAll(async () => t?.close());

  /** A small plan of its own for each call: A (the referente's unit) with A:1, B with B:1. */
  async function scratch(published: boolean): Promise<Scratch> {
    const store = t.server.store;
    const plan = await store.createPlan({ title: `Scratch ${counter++}`, year: 2024 }, SYSTEM);
    if (!plan.ok) throw new Error('scratch');
    const planId = plan.value.id;
    await store.addNode(planId, { code: 'A', title: 'A', parent: null, weight: null, unit: REFERENTE_UNIT }, SYSTEM);
    await store.addNode(planId, { code: 'B', title: 'B', parent: null, weight: null }, SYSTEM);
    for (const code of ['A', 'B'])
      await store.addIndicator(planId, code, { name: `${code} uno`, weight: new Decimal(100), comparator: '>=', target: { kind: 'number', value: new Decimal(10) }, unit: 'number' }, SYSTEM);
    if (published) await store.updatePlan(planId, { published: true }, SYSTEM);
    const user = await store.createUser({ username: `target-${counter++}`, displayName: 'x', role: 'referente', units: [], passwordHash: 'x' }, SYSTEM);
    if (!user.ok) throw new Error('user');
    const unit = await store.createUnit({ code: `S${counter++}`, name: `Scratch unit ${counter}`, kind: 'Ufficio' }, SYSTEM);
    if (!unit.ok) throw new Error(unit.error.message);
    return { planId, userId: user.value.id, unitId: unit.value.id };
  }

  const cells = ROWS.flatMap((row) => WHO.map((who) => ({ row, who })));
  it.each(cells.map((c) => [`${c.row.method} ${c.row.route} (${c.row.what}) as ${c.who}`, c] as const))('%s', async (_, { row, who }) => {
    const s = await scratch(row.published === true);
    await row.prepare?.(t, s);
    const client = row.freshSession === true ? await t.as(who) : clients.get(who)!;
    const { path, body } = row.call(s, who);
    const reply = await client.request(row.method, path, typeof body === 'function' ? body() : body);
    const expected = row.allowed.includes(who) ? row.success : who === 'public' ? (row.publicRefusal ?? 401) : 403;
    expect(reply.status, reply.text).toBe(expected);
    if (expected >= 400) {
      expect(reply.body.error.code).toBe(
        row.successCode !== undefined && row.allowed.includes(who) ? row.successCode : expected === 401 ? (row.publicCode ?? 'unauthenticated') : expected === 403 ? 'forbidden' : 'not-found',
      );
    }
  });

  it('covers every route the server documents', async () => {
    const doc = (await clients.get('public')!.get('/api/openapi.json')).body;
    const documented = Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    const covered = new Set(ROWS.map((r) => `${r.method} ${r.route}`));
    // The reports engineer's export routes have their own tests.
    expect(documented.filter((r) => !covered.has(r) && !r.includes('/export'))).toEqual([]);
    expect([...covered].filter((r) => !documented.includes(r))).toEqual([]);
  });

  it('shows the public published plans only', async () => {
    const hidden = await scratch(false);
    const shown = await scratch(true);
    const ids = (await clients.get('public')!.get('/api/plans')).body.map((p: { id: string }) => p.id);
    expect(ids).toContain(shown.planId);
    expect(ids).not.toContain(hidden.planId);
    const all = (await (await t.as('oiv')).get('/api/plans')).body.map((p: { id: string }) => p.id);
    expect(all).toEqual(expect.arrayContaining([shown.planId, hidden.planId]));
  });
});
