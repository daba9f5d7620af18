/**
 * Several bodies on one installation, and a year's bonuses without a published plan, on the public
 * pages (d.lgs. 33/2013 art. 20). Each body's year page and bonuses page name the other bodies of
 * that year with a link to theirs, which names the body in its address (to be shared); the bonuses
 * of a body that published no plan that year are a page of their own (art. 20 is an obligation of
 * its own), linked from /trasparenza's index. Before, the bonuses were reached only through a
 * published plan, and a reader had no way from one body's page to another's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeDistribution, storeSmvp } from '../support/distributions.js';
import { Client, startTestServer, type TestServer } from './harness.js';

const NO_PLAN = 'Comune di Prova';
const href = (year: number, body: string, lang = 'it'): string => `/trasparenza/premi/${year}?${new URLSearchParams({ organisation: body, lang }).toString()}`;
const escaped = (s: string): string => s.replaceAll('&', '&amp;');

describe('the bonuses of several bodies, and of a year without a published plan, on SQLite', () => {
  let t: TestServer;
  let ente: string;
  let ente2: string;

  beforeAll(async () => {
    t = await startTestServer('sqlite');
    ente = await t.importFixture({ publish: true });
    ente2 = await t.importFixture({ publish: true });
    await storeSmvp(t, ['Ente', 'Ente 2']);
    await storeDistribution(t.server.store, 'Ente', 2024, 'personale', [
      ['Buono', 100_000],
      ['Buono', 100_001],
      ['Buono', 100_002],
    ]);
    await storeDistribution(t.server.store, 'Ente 2', 2024, 'eq', [
      ['Buono', 200_000],
      ['Buono', 200_001],
      ['Buono', 200_002],
    ]);
    // A body whose plan is not on this installation, and Ente's 2025, whose plan is not published yet.
    await storeDistribution(t.server.store, NO_PLAN, 2024, 'personale', [
      ['Buono', 300_000],
      ['Buono', 300_001],
      ['Buono', 300_002],
    ]);
    await storeDistribution(t.server.store, 'Ente', 2025, 'personale', [
      ['Buono', 400_000],
      ['Buono', 400_001],
      ['Buono', 400_002],
    ]);
  });
  afterAll(async () => t?.close());

  it("/trasparenza's index says whose each year is, and links the bonuses of a year without a published plan", async () => {
    const index = await (await fetch(`${t.url}/trasparenza`)).text();
    expect(index).toContain(`<li><a href="/trasparenza/${ente}/index.html">2024 — Albero performance 2024 (Ente)</a></li>`);
    expect(index).toContain(`<li><a href="/trasparenza/${ente2}/index.html">2024 — Albero performance 2024 (Ente 2)</a></li>`);
    expect(index).toContain(`<li><a href="${escaped(href(2024, NO_PLAN))}">2024 — Distribuzione delle valutazioni e dei premi (art. 20 d.lgs. 33/2013) (${NO_PLAN})</a></li>`);
    expect(index).toContain(`<li><a href="${escaped(href(2025, 'Ente'))}">2025 — Distribuzione delle valutazioni e dei premi (art. 20 d.lgs. 33/2013) (Ente)</a></li>`);
    // Newest year first.
    expect(index.indexOf('2025 —')).toBeLessThan(index.indexOf('2024 —'));
  });

  it("each body's year page links its own bonuses and the other bodies' of that year", async () => {
    const page = await (await fetch(`${t.url}/trasparenza/${ente}/index.html`)).text();
    expect(page).toContain('<a href="premi.html">pagina HTML</a>');
    expect(page).toContain(
      `<br>Distribuzione dei premi 2024 di un altro ente: <a href="${escaped(href(2024, NO_PLAN))}">${NO_PLAN}</a>, <a href="/trasparenza/${ente2}/premi.html?lang=it">Ente 2</a></li>`,
    );
    const other = await (await fetch(`${t.url}/trasparenza/${ente2}/premi.html?lang=en`)).text();
    expect(other).toContain('<nav class="bodies" aria-label="Body"><p>Body:</p><ul>');
    expect(other).toContain(
      // The bodies' names are Italian on the English page (WCAG 3.1.2): each item marked.
      `<li lang="it"><a href="${escaped(href(2024, NO_PLAN, 'en'))}">${NO_PLAN}</a></li>\n<li lang="it"><a href="/trasparenza/${ente}/premi.html?lang=en">Ente</a></li>\n<li lang="it"><strong aria-current="page">Ente 2</strong></li>`,
    );
    expect(other).toContain('<td class="num">6,000.03</td>');
  });

  it('shows the bonuses of a body without a published plan, chosen in the address, in Italian and English', async () => {
    const reply = await fetch(`${t.url}${href(2024, NO_PLAN)}`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-language')).toBe('it');
    const italian = await reply.text();
    expect(italian).toContain(`<p class="body">${NO_PLAN}</p><h1>Distribuzione delle valutazioni e dei premi 2024</h1>`);
    expect(italian).toContain('<td class="num">9.000,03</td>');
    expect(italian).toContain('<nav class="crumbs" aria-label="Percorso"><a href="/trasparenza/index.html">Performance</a> › <span>2024</span> › <span>Premi</span></nav>');
    expect(italian).toContain(`<li><strong aria-current="page">${NO_PLAN}</strong></li>`);
    expect(italian).toContain(`<a href="${escaped(href(2024, NO_PLAN, 'en'))}" hreflang="en" lang="en">English</a>`);
    expect(italian).toContain(`href="/api/rewards/2024/aggregates?organisation=Comune+di+Prova&amp;format=csv&amp;lang=it"`);
    const english = await (await fetch(`${t.url}${href(2024, NO_PLAN, 'en')}`)).text();
    expect(english).toContain('<h1>Distribution of ratings and bonuses 2024</h1>');
    expect(english).toContain('<td class="num">9,000.03</td>');
    // A body with a published plan that year: the year in the path is its plan's page.
    const withPlan = await (await fetch(`${t.url}${href(2024, 'Ente')}`)).text();
    expect(withPlan).toContain(`› <a href="/trasparenza/${ente}/index.html">2024</a> ›`);
    // No body named: the installation's own, the newest published plan's.
    const own = await (await fetch(`${t.url}/trasparenza/premi/2024`)).text();
    expect(own).toContain('<p class="body">Ente 2</p>');
    // A body that distributed nothing that year says so.
    const none = await (await fetch(`${t.url}${href(2023, 'Ente', 'en')}`)).text();
    expect(none).toContain('<p class="missing" data-role="message">Ente has published no distribution of bonuses for 2023</p>');
  });

  it('refuses a year that is not one, or an empty body, in words and in the language asked', async () => {
    const citizen = new Client(t.url);
    const year = await citizen.request('GET', '/trasparenza/premi/20x4', undefined, { 'accept-language': 'it' });
    expect(year.status).toBe(400);
    expect(year.body.error.message).toBe("year nell'indirizzo: un anno come 2024");
    const body = await citizen.request('GET', '/trasparenza/premi/2024?organisation=%20', undefined, { 'accept-language': 'en' });
    expect(body.status).toBe(400);
    expect(body.body.error.message).toBe('organisation: the name of a body');
  });
});
