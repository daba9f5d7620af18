/**
 * "Amministrazione trasparente › Performance" served by Albero itself: plain HTML pages without
 * JavaScript, per published plan the plan with its values once final (a period closed or
 * validated), or its targets only for a period the controller published while still taking values, the Relazione and the OIV's documento di validazione
 * once published, and the open data. The same pages `albero site` writes (io/site).
 */
import type { Context } from 'hono';
import { REPORT_CONTENT_SECURITY_POLICY } from '../../io/report/index.js';
import { periodAtText, reopenedValidatedText } from '../../io/report/texts.js';
import { rewardsPage, siteIndex, SITE_MEDIA_TYPES, yearFile, type SiteRewards, type SiteYear } from '../../io/site/index.js';
import { isLocked, type PlanRecord } from '../../store/index.js';
import type { Deps, RouteModule } from '../api.js';
import { HttpError, refuse } from '../errors.js';
import { publicComputed, publicPeriodDates, publicStateText, publishedValidation } from '../public-periods.js';
import { relazioneDocument, storedRelazione, validationDocument } from '../relazione.js';
import { language, param } from '../validation.js';
import type { Language } from '../../messages/index.js';
import { rewardAggregates } from '../appraisal/rewards.js';
import { organisationOf, yearOf } from './rewards.js';
import { ORGANISATION_QUERY } from './appraisals.js';
import { compareNames } from '../../core/names.js';
import { revisionRegister } from './revisions.js';

/** The page of a body's bonuses of a year with no published plan of that body (`/trasparenza/premi/:year`). */
export const yearRewardsHref = (year: number, organisation: string, lang: Language): string => `/trasparenza/premi/${year}?${new URLSearchParams({ organisation, lang }).toString()}`;

/**
 * The bodies whose bonuses of `year` the public reads, in name order, each with the address of its
 * page: its newest published plan's `premi.html` of that year, or, with a distribution and no
 * published plan, the page of the year alone.
 */
async function rewardBodies(store: Deps['store'], year: number, lang: Language): Promise<{ name: string; href: string; plan: PlanRecord | undefined }[]> {
  // Newest first (listPlans' order): a body with two published plans that year is read through the newer.
  const plans = (await store.listPlans({ archived: 'all' })).filter((p) => p.published && p.year === year);
  const distributed = (await store.appraisals.distributionYears()).filter((d) => d.year === year).map((d) => d.organisation);
  const names = [...new Set([...plans.map((p) => p.organisation), ...distributed])].sort(compareNames);
  return names.map((name) => {
    const plan = plans.find((p) => p.organisation === name);
    return { name, plan, href: plan === undefined ? yearRewardsHref(year, name, lang) : `/trasparenza/${encodeURIComponent(plan.id)}/premi.html?lang=${lang}` };
  });
}

/**
 * The body's distribution of ratings and bonuses of a year, as the public API gives it
 * (`rewardAggregates`: the latest distribution of each category, made only once every form is
 * final; no name, no amount of a small group), with the addresses of its CSV and XLSX and of the
 * other bodies' pages of that year.
 */
async function siteRewards(
  deps: Pick<Deps, 'store' | 'trees'>,
  organisation: string,
  year: number,
  language: Language,
  otherLanguage: string,
  // The year's bodies, when the caller has read them already.
  found?: Awaited<ReturnType<typeof rewardBodies>>,
): Promise<SiteRewards> {
  const document = await rewardAggregates(deps, organisation, year, language);
  const api = (format: string): string => `/api/rewards/${year}/aggregates?${new URLSearchParams({ organisation, format, lang: language }).toString()}`;
  const bodies = (found ?? (await rewardBodies(deps.store, year, language))).map((b) => ({ name: b.name, href: b.href, current: b.name === organisation }));
  return {
    organisation: document.organisation,
    language,
    rows: document.rows,
    categories: document.categories,
    message: document.message,
    downloads: { csv: api('csv'), xlsx: api('xlsx') },
    otherLanguage,
    bodies,
  };
}

async function siteYear({ store, trees, names }: Pick<Deps, 'store' | 'trees' | 'names'>, plan: PlanRecord, withDocuments: boolean): Promise<SiteYear> {
  let evaluation: SiteYear['evaluation'] = null;
  let period: Pick<SiteYear, 'period' | 'periodState' | 'periodDates' | 'targetsOnly' | 'notClosedWhenArchived' | 'reopened' | 'revisionRegister' | 'validated'> = {};
  try {
    // A period the controller published while still taking values: the plan's targets, no value.
    const computed = await publicComputed({ store, trees }, plan.id, undefined);
    evaluation = computed.evaluation;
    // The plan's page says what the export of the same period says: the period's stored state
    // (without it the page would claim its values were computed from a file) and the revisions
    // the plan had, which must be disclosed.
    const register = (await revisionRegister(store, plan.id, true)).map((r) => ({ ...r, afterClosingOf: r.afterClosingOf.map((p) => p.label) }));
    const state = computed.snapshot.period.state;
    const validated = await publishedValidation(store, plan.id, computed);
    period = {
      period: periodAtText(computed.snapshot.period.label),
      periodState: await publicStateText(store, computed),
      periodDates: await publicPeriodDates(store, computed),
      targetsOnly: !isLocked(state),
      ...(!isLocked(state) && plan.archivedAt !== null ? { notClosedWhenArchived: true } : {}),
      ...(computed.reopened === undefined ? {} : { reopened: reopenedValidatedText(computed.reopened) }),
      revisionRegister: register,
      ...(validated === undefined ? {} : { validated }),
    };
  } catch (error) {
    if (!(error instanceof HttpError) || error.status !== 404) throw error;
  }
  const record = await store.relazioni.getRelazione(plan.id);
  const base: SiteYear = { slug: plan.id, year: plan.year, planTitle: plan.title, body: plan.organisation, evaluation, ...period, ...(plan.adoption === null ? {} : { adoption: plan.adoption.act }) };
  if (record === undefined || !record.published || !withDocuments) return record?.published === true ? { ...base, relazione: PLACEHOLDER, validation: PLACEHOLDER } : base;
  const stored = await storedRelazione(store, trees, names, plan, record, true);
  return { ...base, relazione: relazioneDocument(stored), validation: validationDocument(stored) };
}

/** The index only needs to know a Relazione is there, not to build it. */
const PLACEHOLDER = { title: '', subtitle: '', facts: [], sections: [], footer: '' };

/**
 * The pages carry their own inline styles and no script: the report's policy (no script, no
 * request anywhere, inline styles only) rather than the web app's, which would strip their styles.
 */
const PAGE_POLICY = `${REPORT_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'`;

const html = (c: Context, text: string, lang: Language = 'it'): Response =>
  c.body(text, 200, {
    'Content-Type': 'text/html; charset=utf-8',
    'Cache-Control': 'public, no-cache',
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': PAGE_POLICY,
    'Content-Language': lang,
  });

export const transparencyRoutes: RouteModule = (api, deps) => {
  const { store } = deps;
  // An archived plan still published stays on the public pages: what a body owes the transparency
  // section outlives its archive (publishing and withdrawing are not changes of the plan).
  const published = async (): Promise<PlanRecord[]> => (await store.listPlans({ archived: 'all' })).filter((p) => p.published);

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
        const plans = await published();
        const years = await Promise.all(plans.map((p) => siteYear(deps, p, false)));
        // Art. 20 is an obligation of its own: a body's bonuses of a year are public whether or not
        // its plan of that year is (a plan kept off the site, a year before Albero, the PIAO elsewhere).
        const rewardsOnly = (await store.appraisals.distributionYears())
          .filter((d) => !plans.some((p) => p.organisation === d.organisation && p.year === d.year))
          .map((d) => ({ year: d.year, body: d.organisation, href: yearRewardsHref(d.year, d.organisation, 'it') }));
        return html(c, siteIndex(years, { prefix: '/trasparenza/', rewardsOnly }));
      },
    );
  }

  // Before `/trasparenza/:planId/:file`, which the same path would match (a plan id is a UUID, never "premi").
  api.route(
    {
      method: 'get',
      path: '/trasparenza/premi/:year',
      tag: 'transparency',
      summary:
        "A body's distribution of ratings and bonuses of a year (d.lgs. 33/2013 art. 20), whether or not its plan of that year is published, with the choice of the other bodies of that year (HTML without JavaScript)",
      roles: 'everyone',
      query: {
        organisation: ORGANISATION_QUERY,
        lang: { description: 'the language of the page (default Italian, as the other pages)', values: ['it', 'en'] },
      },
      responses: { 200: "the page (the body's message when it distributed nothing that year)", 400: 'a year that is not one, an empty body name' },
    },
    async (c) => {
      const year = yearOf(c);
      const organisation = await organisationOf(c, store);
      const lang = c.req.query('lang') !== undefined ? language(c) : 'it';
      const bodies = await rewardBodies(store, year, lang);
      const rewards = await siteRewards(deps, organisation, year, lang, yearRewardsHref(year, organisation, lang === 'it' ? 'en' : 'it'), bodies);
      // The body's published plan of that year, if it has one, is the year in the path.
      const plan = bodies.find((b) => b.name === organisation)?.plan;
      return html(c, rewardsPage(year, rewards, plan === undefined ? null : `/trasparenza/${encodeURIComponent(plan.id)}/index.html`), lang);
    },
  );

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
      const year =
        name === 'index.html' || name === 'premi.html'
          ? { ...documents, rewards: await siteRewards(deps, plan.organisation, plan.year, lang, `premi.html?lang=${lang === 'it' ? 'en' : 'it'}`) }
          : documents;
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
