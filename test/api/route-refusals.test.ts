/**
 * The routes' refusals said word for word in Italian (the default) and English, by code and
 * parameters, on SQLite and PostgreSQL: a wrong current password, the transparency site, the
 * years of an objective or indicator, revisions, the campaign and periods, values of the wrong
 * kind in the tree and in data entry. Nothing is stored by any of them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enc, indicatorOf, startWithFixture, type Backend, type Client, type TestServer } from './harness.js';

type Who = 'controller' | 'referente' | 'public';
/** [who, method, path, body, status, code, Italian, English]; for `invalid-body` the words are the issue's. */
type Case = [Who, string, string, unknown, number, string, string, string];

describe.each<Backend>(['sqlite', 'postgres'])('route refusals in words on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  const clients = {} as Record<Who, Client>;
  beforeAll(async () => {
    ({ t, planId, controller: clients.controller } = await startWithFixture(backend, { publish: true }));
    for (const who of ['referente', 'public'] as const) clients[who] = await t.as(who);
  });
  afterAll(async () => t?.close());

  const said = async ([who, method, path, body, status, code]: Case, language: 'it' | 'en') => {
    const reply = await clients[who].request(method, path, body, { 'accept-language': language });
    const error = reply.body?.error;
    expect([reply.status, error?.code], `${method} ${path}: ${reply.text}`).toEqual([status, code]);
    // Refused by code: the parameters travel with it, so a client can say it again in its own words.
    expect(error.params, `${method} ${path}`).toBeTypeOf('object');
    expect(reply.headers.get('content-language')).toBe(language);
    return code === 'invalid-body' ? error.issues[0].message : error.message;
  };

  const check = async (cases: readonly Case[]): Promise<void> => {
    const audit = (await t.server.store.listAudit({ limit: 10_000 })).length;
    for (const c of cases) {
      expect(await said(c, 'it'), `${c[1]} ${c[2]} in Italian`).toBe(c[6]);
      expect(await said(c, 'en'), `${c[1]} ${c[2]} in English`).toBe(c[7]);
    }
    expect((await t.server.store.listAudit({ limit: 10_000 })).length).toBe(audit);
  };

  it('says a wrong current password, and what the transparency site does not publish', async () => {
    await check([
      [
        'controller',
        'POST',
        '/api/users/me/password',
        { current: 'not the password', next: 'another horse battery staple' },
        403,
        'wrong-password',
        'la password attuale non è corretta',
        'the current password is not right',
      ],
      ['public', 'GET', '/trasparenza/nessuno/index.html', undefined, 404, 'not-found', "non esiste un piano pubblicato con l'id nessuno", 'there is no published plan with the id nessuno'],
      ['public', 'GET', `/trasparenza/${planId}/relazione.pdf`, undefined, 404, 'not-found', 'relazione.pdf non è pubblicato', 'relazione.pdf is not published'],
    ]);
  });

  it('says the unknown objective, indicator, revision and period of a plan', async () => {
    await check([
      ['controller', 'GET', `/api/plans/${planId}/nodes/Z.9/years`, undefined, 404, 'not-found', "non c'è un obiettivo Z.9 in questo piano", 'there is no objective Z.9 in this plan'],
      [
        'public',
        'GET',
        `/api/plans/${planId}/indicators/${enc('Z.9:1')}/years`,
        undefined,
        404,
        'not-found',
        "non c'è un indicatore Z.9:1 in questo piano",
        'there is no indicator Z.9:1 in this plan',
      ],
      ['controller', 'GET', `/api/plans/${planId}/revisions/99`, undefined, 404, 'not-found', 'il piano non ha la variazione n. 99', 'the plan has no revision no. 99'],
      [
        'controller',
        'GET',
        `/api/plans/${planId}/revisions/prima`,
        undefined,
        400,
        'invalid-path',
        "number nell'indirizzo: una variazione si indica con il suo numero: 1, 2, …",
        'the number in the address: a revision is named by its number, 1, 2, …',
      ],
      ['controller', 'GET', `/api/plans/${planId}/worklist?period=2031-01-01`, undefined, 404, 'not-found', 'il piano non ha il periodo 2031-01-01', 'the plan has no period 2031-01-01'],
      ['controller', 'GET', `/api/plans/${planId}/periods/2031-01-01/closing-preview`, undefined, 404, 'not-found', 'il piano non ha il periodo 2031-01-01', 'the plan has no period 2031-01-01'],
      [
        'controller',
        'POST',
        `/api/plans/${planId}/periods/2031-01-01/transition`,
        { to: 'collecting' },
        404,
        'not-found',
        'il piano non ha il periodo 2031-01-01',
        'the plan has no period 2031-01-01',
      ],
      ['controller', 'POST', '/api/plans/nessuno/periods', { endsOn: '2024-06-30', label: 'giugno' }, 404, 'not-found', "non esiste un piano con l'id nessuno", 'there is no plan with the id nessuno'],
      [
        'controller',
        'GET',
        `/api/plans/${planId}/indicators/${enc('Z.9:1')}/measurements/2024-12-31/reviews`,
        undefined,
        404,
        'not-found',
        "non c'è un indicatore Z.9:1 in questo piano",
        'there is no indicator Z.9:1 in this plan',
      ],
      [
        'controller',
        'GET',
        `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2031-01-01/reviews`,
        undefined,
        404,
        'not-found',
        'il piano non ha il periodo 2031-01-01',
        'the plan has no period 2031-01-01',
      ],
      [
        'referente',
        'GET',
        `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2024-12-31/reviews`,
        undefined,
        403,
        'forbidden',
        "l'indicatore A.2.1:1 non è assegnato a te né alla tua struttura",
        'indicator A.2.1:1 is not assigned to you or your unit',
      ],
    ]);
  });

  it('says why a value is refused in data entry, at its field', async () => {
    const put = (indicator: string, body: unknown, who: Who = 'controller'): [Who, string, string, unknown] => [
      who,
      'PUT',
      `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/2024-12-31`,
      body,
    ];
    const measured = (actual: unknown) => put('A.2.1:1', { state: 'measured', actual, version: 1 });
    await check([
      [...put('Z.9:1', { state: 'not_achieved', version: 0 }), 404, 'not-found', "non c'è un indicatore Z.9:1 in questo piano", 'there is no indicator Z.9:1 in this plan'],
      [
        ...put('A.2.1:1', { state: 'measured', actual: 3, version: 1 }, 'referente'),
        403,
        'forbidden',
        "l'indicatore A.2.1:1 non è assegnato a te né alla tua struttura",
        'indicator A.2.1:1 is not assigned to you or your unit',
      ],
      [
        ...put('A.2:2', { state: 'measured', actual: 50, version: 0 }),
        422,
        'derived-indicator',
        "l'indicatore A.2:2 è calcolato dagli obiettivi figli: non si può inserire",
        'indicator A.2:2 is computed from the child objectives; it cannot be entered',
      ],
      [...put('A.2.1:1', { state: 'measured', version: 1 }), 400, 'invalid-body', 'actual: un valore misurato ha bisogno del consuntivo', 'actual: a measured value needs an actual'],
      [...measured('tanti'), 400, 'invalid-body', 'actual: serve un numero (93,5 o 93.5), non «tanti»', 'actual: expected a number (93,5 or 93.5), not “tanti”'],
      [...measured(true), 400, 'invalid-body', 'actual: serve un numero', 'actual: expected a number'],
      [...measured('15/07/2024'), 400, 'invalid-body', 'actual: serve un numero, non la data «15/07/2024»', 'actual: expected a number, not the date “15/07/2024”'],
      [
        ...measured('5%'),
        400,
        'invalid-body',
        'actual: serve un numero semplice: «5%» è una percentuale, e questo indicatore conta in numeri',
        'actual: expected a plain number: “5%” is a percentage, and this indicator counts in numbers',
      ],
      [
        ...measured('1234567890123456'),
        400,
        'invalid-body',
        'actual: serve un numero entro i limiti (il numero ha più di 15 cifre prima della virgola (il limite è sotto il milione di miliardi))',
        'actual: expected a number within bounds (the number has more than 15 digits before the decimal comma (the limit is under a million billion))',
      ],
      [
        ...put('A.2.1:1', { state: 'not_achieved', actual: 3, version: 1 }),
        400,
        'invalid-body',
        'actual: un consuntivo va con lo stato «measured», non «not_achieved»',
        'actual: an actual goes with the state “measured”, not “not_achieved”',
      ],
      [...put('A.2.1:1', { state: 'not_evaluable', version: 1 }), 400, 'invalid-body', 'reason: N.V. (non valutabile) richiede un motivo', 'reason: N.E. (not evaluable) needs a reason'],
    ]);
  });

  it('says why a target of the wrong kind is refused in the tree, at its field', async () => {
    const version: number = indicatorOf((await clients.controller.get(`/api/plans/${planId}/tree`)).body, 'A.2.1:1').definitionVersion;
    expect(version).toBeTypeOf('number');
    const path = `/api/plans/${planId}/indicators/${enc('A.2.1:1')}`;
    await check([
      ['controller', 'PATCH', path, { target: 'molti', version }, 400, 'invalid-body', 'target: serve un numero (93,5 o 93.5), non «molti»', 'target: expected a number (93,5 or 93.5), not “molti”'],
      [
        'controller',
        'PATCH',
        path,
        { unit: 'date', target: '31/02/2024', version },
        400,
        'invalid-body',
        'target: serve una data di calendario reale (aaaa-mm-gg o gg/mm/aaaa), non «31/02/2024»',
        'target: expected a real calendar date (yyyy-mm-dd or dd/mm/yyyy), not “31/02/2024”',
      ],
    ]);
  });

  it('says a weight, a number and an account field by code, at their fields', async () => {
    const version: number = indicatorOf((await clients.controller.get(`/api/plans/${planId}/tree`)).body, 'A.2.1:1').definitionVersion;
    const path = `/api/plans/${planId}/indicators/${enc('A.2.1:1')}`;
    await check([
      ['controller', 'PATCH', path, { weight: '120', version }, 400, 'invalid-body', 'weight: un peso da 0 a 100', 'weight: a weight from 0 to 100'],
      [
        'controller',
        'PATCH',
        path,
        { weight: '1234567890123456', version },
        400,
        'invalid-body',
        'weight: un numero con al massimo 15 cifre prima della virgola e 20 dopo',
        'weight: a number with at most 15 digits before the decimal point and 20 after',
      ],
    ]);
    const admin = await t.as('admin');
    const audit = (await t.server.store.listAudit({ limit: 10_000 })).length;
    const cases: [unknown, string, string][] = [
      [
        { username: 'x y', displayName: 'X', role: 'referente', password: 'another horse battery staple' },
        'username: da 2 a 64 lettere, cifre, punti, trattini, trattini bassi o @',
        'username: 2–64 letters, digits, dots, dashes, underscores or @',
      ],
      [
        { username: 'nuova', displayName: 'Nuova', role: 'referente', email: 'non-una-email', password: 'another horse battery staple' },
        'email: un indirizzo email come nome.cognome@ente.it',
        'email: an email address such as nome.cognome@ente.it',
      ],
    ];
    const first = await admin.request('POST', '/api/users', { username: 'prima', displayName: 'Prima', role: 'referente', email: 'stessa@ente.it', password: 'another horse battery staple' });
    expect(first.status, first.text).toBe(201);
    const afterFirst = (await t.server.store.listAudit({ limit: 10_000 })).length;
    expect(afterFirst).toBeGreaterThan(audit);
    cases.push([
      { username: 'seconda', displayName: 'Seconda', role: 'referente', email: 'Stessa@ente.it', password: 'another horse battery staple' },
      "email: un altro account ha l'email stessa@ente.it",
      'email: another account has the email stessa@ente.it',
    ]);
    for (const [body, it, en] of cases) {
      for (const [language, words] of [
        ['it', it],
        ['en', en],
      ] as const) {
        const reply = await admin.request('POST', '/api/users', body, { 'accept-language': language });
        expect([reply.status, reply.body?.error?.code], reply.text).toEqual([400, 'invalid-body']);
        expect(reply.body.error.issues[0].message).toBe(words);
      }
    }
    expect((await t.server.store.listAudit({ limit: 10_000 })).length).toBe(afterFirst);
  });
});

describe.each<Backend>(['sqlite', 'postgres'])('store refusals in words on %s', (backend) => {
  let t: TestServer;
  let planId: string;
  let controller: Client;
  beforeAll(async () => {
    ({ t, planId, controller } = await startWithFixture(backend));
  });
  afterAll(async () => t?.close());

  /** [method, path, body, status, code, Italian, English]: the words of the error, or of its first issue for `invalid-body`. */
  const check = async (cases: readonly [string, string, unknown, number, string, string, string][]): Promise<void> => {
    const audit = (await t.server.store.listAudit({ limit: 10_000 })).length;
    for (const [method, path, body, status, code, it, en] of cases) {
      for (const [language, words] of [
        ['it', it],
        ['en', en],
      ] as const) {
        const reply = await controller.request(method, path, body, { 'accept-language': language });
        expect([reply.status, reply.body?.error?.code], `${method} ${path}: ${reply.text}`).toEqual([status, code]);
        expect(reply.body.error.params, `${method} ${path}`).toBeTypeOf('object');
        expect(code === 'invalid-body' ? reply.body.error.issues[0].message : reply.body.error.message, `${method} ${path} in ${language}`).toBe(words);
      }
    }
    expect((await t.server.store.listAudit({ limit: 10_000 })).length).toBe(audit);
  };

  it("says a review's refusals, a deadline's and an unknown attachment's", async () => {
    const reviews = (indicator: string, period = '2024-12-31') => `/api/plans/${planId}/indicators/${enc(indicator)}/measurements/${period}/reviews`;
    const entered = await controller.request('PUT', `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2024-12-31`, { state: 'measured', actual: 3, version: 1 });
    expect(entered.status, entered.text).toBe(200);
    const version: number = entered.body.measurement.version;
    await check([
      [
        'POST',
        reviews('A.2.1:1'),
        { action: 'return', note: ' ', version },
        422,
        'invalid',
        'una richiesta di integrazione ha bisogno del suo testo',
        'a request for more (richiesta di integrazione) needs its text',
      ],
      [
        'POST',
        reviews('A.2.1:1'),
        { action: 'answer', note: 'ecco', version },
        422,
        'invalid',
        'su questo valore non c’è una richiesta di integrazione aperta a cui rispondere',
        'there is no open request for more on this value to answer',
      ],
      [
        'POST',
        reviews('A.2.1:1'),
        { action: 'approve', version: version + 1 },
        409,
        'conflict',
        `questo valore è stato modificato da controller nel frattempo (versione ${version}, inviata ${version + 1}): ricaricare e riprovare`,
        `this value was changed by controller in the meantime (version ${version}, you sent ${version + 1}): reload and try again`,
      ],
      [
        'POST',
        reviews('A.2.1:1', '2024-06-30'),
        { action: 'approve', version: 1 },
        422,
        'invalid',
        'per questo indicatore non è stato inserito nulla in questo periodo: non c’è niente da esaminare',
        'nothing was entered for this indicator in this period: there is nothing to review',
      ],
      [
        'PUT',
        `/api/plans/${planId}/periods/2024-12-31/deadline`,
        { deadline: '2024-02-30' },
        400,
        'invalid-body',
        '«2024-02-30» non è una data scritta AAAA-MM-GG',
        '“2024-02-30” is not a date written YYYY-MM-DD',
      ],
      ['PUT', `/api/plans/${planId}/periods/2031-01-01/deadline`, { deadline: '2031-01-01' }, 404, 'not-found', 'il piano non ha il periodo 2031-01-01', 'the plan has no period 2031-01-01'],
      [
        'DELETE',
        `/api/plans/${planId}/indicators/${enc('A.2.1:1')}/measurements/2024-12-31/attachments/nessuno`,
        undefined,
        404,
        'attachment-not-found',
        "non c'è un allegato nessuno su questo valore",
        'there is no attachment nessuno on this value',
      ],
    ]);
    const approved = await controller.request('POST', reviews('A.2.1:1'), { action: 'approve', version });
    expect(approved.status, approved.text).toBe(201);
    await check([['POST', reviews('A.2.1:1'), { action: 'approve', version }, 422, 'invalid', 'questo valore è già approvato', 'this value is approved already']]);
  });

  it("says why periods' dates and next year's plan are refused", async () => {
    const next = await controller.request('POST', `/api/plans/${planId}/next-year`, { year: 2025 });
    expect(next.status, next.text).toBe(201);
    const title: string = next.body.title;
    await check([
      ['POST', `/api/plans/${planId}/periods`, { endsOn: '2025-06-30' }, 400, 'invalid-body', "il 30/06/2025 non è nell'anno del piano 2024", "30/06/2025 is not in the plan's year 2024"],
      [
        'POST',
        '/api/plans',
        { title: 'Piano', year: 2024, periods: [{ endsOn: '2023-12-31' }] },
        400,
        'invalid-body',
        "il 31/12/2023 non è nell'anno del piano 2024",
        "31/12/2023 is not in the plan's year 2024",
      ],
      [
        'POST',
        '/api/plans',
        { title: 'Piano', year: 2024, periods: [{ endsOn: '2024-06-30' }, { endsOn: '2024-06-30' }] },
        400,
        'invalid-body',
        'la data 30/06/2024 è indicata due volte: un piano ha un periodo per data',
        'the date 30/06/2024 is given twice: a plan has one period per date',
      ],
      [
        'POST',
        `/api/plans/${planId}/next-year`,
        { year: 2024 },
        422,
        'invalid',
        "questo è il piano del 2024: il piano dell'anno successivo è quello del 2025, non quello del 2024",
        "this is the 2024 plan: its next year's plan is 2025's, not 2024's",
      ],
      ['POST', `/api/plans/${planId}/next-year`, { year: 2025 }, 409, 'duplicate', `esiste già un piano 2025 intitolato «${title}»`, `there is already a 2025 plan titled “${title}”`],
      ['PATCH', `/api/plans/${planId}/revisions/99`, { reason: 'x' }, 404, 'not-found', 'il piano non ha la variazione n. 99', 'the plan has no revision no. 99'],
    ]);
  });
});
