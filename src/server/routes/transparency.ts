/**
 * "Amministrazione trasparente › Performance" served by Albero itself: plain HTML pages without
 * JavaScript, per published plan the plan with its values once final (a period closed or
 * validated), or its targets only for a period the controller published while still taking values, the Relazione and the OIV's documento di validazione
 * once published, and the open data. The same pages `albero site` writes (io/site).
 */
import type { Context } from 'hono';
import { REPORT_CONTENT_SECURITY_POLICY } from '../../io/report/index.js';
import { periodAtText, publicPeriodStateWord } from '../../io/report/texts.js';
import { siteIndex, SITE_MEDIA_TYPES, yearFile, type SiteRewards, type SiteYear } from '../../io/site/index.js';
import { isLocked, type PlanRecord } from '../../store/index.js';
import type { Deps, RouteModule } from '../api.js';
import { HttpError, refuse } from '../errors.js';
import { publicComputed } from '../public-periods.js';
import { relazioneDocument, storedRelazione, validationDocument } from '../relazione.js';
import { language, param } from '../validation.js';
import type { Language } from '../../messages/index.js';
import { rewardAggregates } from './rewards.js';
import { revisionRegister } from './revisions.js';

/**
 * The body's distribution of ratings and bonuses of the plan's year, as the public API gives it
 * (`rewardAggregates`: the latest distribution of each category, made only once every form is
 * final; no name, no amount of a small group), with the addresses of its CSV and XLSX.
 */
async function siteRewards(deps: Pick<Deps, 'store' | 'trees'>, plan: PlanRecord, language: Language): Promise<SiteRewards> {
  const document = await rewardAggregates(deps, plan.organisation, plan.year, language);
  const api = (format: string): string => `/api/rewards/${plan.year}/aggregates?${new URLSearchParams({ organisation: plan.organisation, format, lang: language }).toString()}`;
  return {
    organisation: document.organisation,
    language,
    rows: document.rows,
    message: document.message,
    downloads: { csv: api('csv'), xlsx: api('xlsx') },
    otherLanguage: `premi.html?lang=${language === 'it' ? 'en' : 'it'}`,
  };
}

async function siteYear({ store, trees }: Pick<Deps, 'store' | 'trees'>, plan: PlanRecord, withDocuments: boolean): Promise<SiteYear> {
  let evaluation: SiteYear['evaluation'] = null;
  let period: Pick<SiteYear, 'period' | 'periodState' | 'targetsOnly' | 'revisionRegister'> = {};
  try {
    // A period the controller published while still taking values: the plan's targets, no value.
    const computed = await publicComputed({ store, trees }, plan.id, undefined);
    evaluation = computed.evaluation;
    // The plan's page says what the export of the same period says: the period's stored state
    // (without it the page would claim its values were computed from a file) and the revisions
    // the plan had, which must be disclosed.
    const register = (await revisionRegister(store, plan.id, true)).map((r) => ({ ...r, afterClosingOf: r.afterClosingOf.map((p) => p.label) }));
    const state = computed.snapshot.period.state;
    period = { period: periodAtText(computed.snapshot.period.label), periodState: publicPeriodStateWord(state), targetsOnly: !isLocked(state), revisionRegister: register };
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 404) throw error;
  }
  const record = await store.relazioni.getRelazione(plan.id);
  const base: SiteYear = { slug: plan.id, year: plan.year, planTitle: plan.title, body: plan.organisation, evaluation, ...period, ...(plan.adoption === null ? {} : { adoption: plan.adoption.act }) };
  if (record === undefined || !record.published || !withDocuments) return record?.published === true ? { ...base, relazione: PLACEHOLDER, validation: PLACEHOLDER } : base;
  const stored = await storedRelazione(store, trees, plan, record, true);
  return { ...base, relazione: relazioneDocument(stored), validation: validationDocument(stored) };
}

/** The index only needs to know a Relazione is there, not to build it. */
const PLACEHOLDER = { title: '', subtitle: '', facts: [], sections: [], footer: '' };

/**
 * The pages carry their own inline styles and no script: the report's policy (no script, no
 * request anywhere, inline styles only) rather than the web app's, which would strip their styles.
 */
const PAGE_POLICY = `${REPORT_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

const html = (c: Context, text: string): Response =>
  c.body(text, 200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'public, no-cache', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': PAGE_POLICY });

export const transparencyRoutes: RouteModule = (api, deps) => {
  const { store } = deps;
  const published = async (): Promise<PlanRecord[]> => (await store.listPlans()).filter((p) => p.published);

  for (const path of ['/trasparenza', '/trasparenza/index.html']) {
    api.route(
      {
        method: 'get',
        path,
        tag: 'transparency',
        summary: 'Amministrazione trasparente › Performance: the published years (HTML without JavaScript)',
        roles: 'everyone',
        responses: { 200: 'the page' },
      },
      async (c) => {
        const years = await Promise.all((await published()).map((p) => siteYear(deps, p, false)));
        return html(c, siteIndex(years, { prefix: '/trasparenza/' }));
      },
    );
  }

  api.route(
    {
      method: 'get',
      path: '/trasparenza/:planId/:file',
      tag: 'transparency',
      summary:
        "A published year's page (index.html) and files: piano.html, dati.csv, dati.json (the values the public may see), colonne.html (the open data's columns, in Italian), relazione.html|pdf|docx and validazione.html|pdf|docx (once the Relazione is published), premi.html (the body's distribution of ratings and bonuses that year in aggregate, d.lgs. 33/2013 art. 20; ?lang=en in English)",
      roles: 'everyone',
      access: 'everyone; published plans only',
      query: { lang: { description: 'premi.html only: the language of the page (default Italian, as the other pages)', values: ['it', 'en'] } },
      responses: { 200: 'the page or file', 404: 'not published' },
    },
    async (c) => {
      const planId = param(c, 'planId');
      const name = param(c, 'file');
      const plan = await store.getPlan(planId);
      if (plan === undefined || !plan.published) throw refuse(404, 'not-found', { what: 'published-plan', id: planId });
      // The bonuses' page alone is read in English too (`?lang=en`, the link on it): the other pages
      // are the Italian site `albero site` writes. Not from Accept-Language: a page of that site.
      const lang = name === 'premi.html' && c.req.query('lang') !== undefined ? language(c) : 'it';
      const documents = await siteYear(deps, plan, name.startsWith('relazione.') || name.startsWith('validazione.'));
      const year = name === 'index.html' || name === 'premi.html' ? { ...documents, rewards: await siteRewards(deps, plan, lang) } : documents;
      const bytes = await yearFile(year, name);
      if (bytes === undefined) throw refuse(404, 'not-found', { what: 'published-file', id: name });
      const ext = name.slice(name.lastIndexOf('.') + 1);
      return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
        'Content-Type': SITE_MEDIA_TYPES[ext] ?? 'application/octet-stream',
        ...(ext === 'html' ? { 'Content-Security-Policy': PAGE_POLICY, 'Content-Language': lang } : { 'Content-Disposition': `attachment; filename="${name.replace('.', `-${plan.year}.`)}"` }),
        'Cache-Control': 'public, no-cache',
        'X-Content-Type-Options': 'nosniff',
      });
    },
  );
};
