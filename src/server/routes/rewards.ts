/**
 * The bonus fund of a category shared out by rating band as the SMVP says (core/appraisal
 * distribution.ts: band coefficient × effective days, to the cent, largest remainder), once every
 * form of that category and year is final; each run kept and audited. The per-person result is
 * HR's and the administrator's; the anonymised distribution of ratings and bonuses (d.lgs.
 * 33/2013 art. 20) is public, as JSON, CSV (open data) or XLSX.
 */
import type { Context } from 'hono';
import { z } from 'zod';
import { REMAINDER_RULE, STAFF_CATEGORIES, distributeFund, formatCents, parseCents, type StaffCategory } from '../../core/appraisal/index.js';
import { Decimal, ORGANISATION_MAX } from '../../core/index.js';
import { writeTableXlsx } from '../../io/appraisal/smvp-xlsx.js';
import { EURO_FORMAT, euroCellValue } from '../../io/xlsx/cells.js';
import type { DistributionRecord, Store } from '../../store/index.js';
import { DistributionSchema, RewardAggregatesSchema, type Distribution, type RewardCategoryTotal } from '../../contract/index.js';
import type { RouteModule } from '../api.js';
import { actorOf } from '../auth.js';
import { must, refuse } from '../errors.js';
import { renderCoded, type Coded, type Language } from '../../messages/index.js';
import { invalidField, language } from '../validation.js';
import { HR_ROLES, OrgCache, computeRecord, missingPlan, person, smvpFor } from '../appraisal/forms.js';
import { rewardAggregates, type AggregateRow, type CategoryWithheldReason, type PersonShare, type WithheldReason } from '../appraisal/rewards.js';
import { defaultOrganisation, ORGANISATION_QUERY } from './appraisals.js';
import { compareNames } from '../../core/names.js';
import { type ActorNamer } from '../actor-names.js';
import { REMOVED_ACCOUNT } from '../../messages/actor-words.js';

const Distribute = z
  .object({
    category: z.enum(STAFF_CATEGORIES as [StaffCategory, ...StaffCategory[]]),
    fund: z.union([z.number(), z.string().max(40)]),
    organisation: z.string().trim().min(1).max(ORGANISATION_MAX).optional(),
  })
  .strict();

export function yearOf(c: Context): number {
  const text = c.req.param('year') ?? '';
  if (!/^\d{4}$/.test(text)) throw refuse(400, 'invalid-path', { name: 'year', problem: 'year' });
  return Number(text);
}

export async function organisationOf(c: Context, store: Store): Promise<string> {
  const asked = c.req.query('organisation');
  if (asked !== undefined && (asked.trim() === '' || asked.length > ORGANISATION_MAX)) throw refuse(400, 'invalid-query', { field: 'organisation', problem: 'body-name' });
  return asked?.trim() ?? (await defaultOrganisation(store));
}

/**
 * A share as its reader is told it: a person whose account was no longer there in the reader's words
 * (`REMOVED_ACCOUNT`), as the forms and their trail say one. Distributions stored before the flag
 * kept the words of the language they were made in: read as removed by those words.
 */
function shareView(p: PersonShare, lang: Language): PersonShare {
  const removedWords = Object.values(REMOVED_ACCOUNT).some((w) => w.name === p.displayName);
  return p.removed === true || removedWords ? { ...p, displayName: REMOVED_ACCOUNT[lang].name, removed: true } : p;
}

/** A stored distribution; its issues (stored by code and params) said in the reader's language. */
function distributionView(d: DistributionRecord, lang: Language, nameOf: ActorNamer): Distribution {
  // The document as the distribution route stored it (its people, the rule, the issues by code).
  const stored = d.document as Omit<Distribution, 'organisation' | 'year' | 'category' | 'version' | 'fundCents' | 'fund' | 'createdAt' | 'createdBy' | 'createdByName'>;
  const issues = Array.isArray(stored.issues) ? stored.issues.map((i) => ({ ...i, message: renderCoded(i as Coded, lang) })) : [];
  const people = Array.isArray(stored.people) ? (stored.people as PersonShare[]).map((p) => shareView(p, lang)) : stored.people;
  return {
    organisation: d.organisation,
    year: d.year,
    category: d.category,
    version: d.version,
    fundCents: d.fundCents,
    fund: formatCents(BigInt(d.fundCents)),
    createdAt: d.createdAt,
    createdBy: d.createdBy,
    createdByName: nameOf(d.createdBy),
    ...stored,
    people,
    issues,
  };
}

/** The open data's codes for why a band's amounts, or its category's, are empty (docs/open-data.md). */
const CSV_WITHHELD: Record<WithheldReason | CategoryWithheldReason, string> = { 'small-band': 'fascia_piccola', complement: 'complementare', 'small-bands-only': 'solo_fasce_piccole' };

/** The workbook's words for the same. */
export const WITHHELD_WORDS: Record<Language, Record<WithheldReason, string>> = {
  it: {
    'small-band': 'una o due persone: sarebbero i loro importi',
    complement:
      'il fondo della categoria è pubblico: sottraendo le fasce pubblicate si ricaverebbe l’importo della fascia piccola, anche quando è zero; è la fascia di almeno tre persone, almeno due con un premio, con meno persone',
  },
  en: {
    'small-band': 'one or two people: the amounts would be theirs',
    complement:
      "the category's fund is public: less the bands published it would give the small band's amount, even when nought; the band of three or more, at least two with a bonus, with the fewest people",
  },
};

/** The workbook's words for why a category's fund and amount distributed are not published. */
export const CATEGORY_WITHHELD_WORDS: Record<Language, Record<CategoryWithheldReason, string>> = {
  it: {
    'small-bands-only':
      'una fascia di una o due persone che partecipano alla ripartizione, e nessuna fascia di tre o più persone, almeno due con un premio, da non pubblicare con essa: il fondo meno le fasce pubblicate darebbe i loro importi',
  },
  en: {
    'small-bands-only':
      'a band of one or two people who take a share, and no band of three or more, at least two with a bonus, to withhold with it: the fund less the bands published would give their amounts',
  },
};

const euros = (cents: string | null): number | null => (cents === null ? null : euroCellValue(cents));
const dotEuros = (cents: string | null): string => (cents === null ? '' : (Number(BigInt(cents)) / 100).toFixed(2));

export const rewardRoutes: RouteModule = (api, deps) => {
  const { store } = deps;

  api.route(
    {
      method: 'post',
      path: '/api/rewards/:year/distribute',
      tag: 'rewards',
      summary: 'Share the fund of a category by rating band (every form of the category and year must be final): per person to the cent, summing exactly to the fund; stored as a new version',
      roles: HR_ROLES,
      action: 'distribute the bonus fund',
      body: Distribute,
      responses: {
        200: { description: 'the distribution: people with band, coefficient, effective days, cents; the remainder rule', schema: DistributionSchema },
        400: 'invalid body (fund: euros with at most two decimals)',
        401: 'not signed in',
        403: 'role',
        409: 'forms-not-final (details.pending; details.planMissing: those of them naming a plan that is not there, with no score), or no SMVP',
      },
    },
    async (c, { user, body: input, reply }) => {
      const year = yearOf(c);
      const organisation = input.organisation ?? (await defaultOrganisation(store));
      const fundCents = parseCents(input.fund);
      if (fundCents === null) throw invalidField('fund', { problem: 'euros' });
      const found = await smvpFor(store, organisation, year);
      if (found === null) throw refuse(409, 'smvp-missing', { organisation, year });
      const forms = (await store.appraisals.listForms({ year })).filter((f) => f.organisation === organisation && f.category === input.category);
      const pending = forms.filter((f) => f.state !== 'final');
      const orgs = new OrgCache(deps.trees);
      if (pending.length > 0) {
        // A pending form naming a plan that is not there has no score at all: listed apart, so HR knows to link it to a plan first.
        const planMissing: string[] = [];
        for (const f of pending) if ((await missingPlan(store, orgs, f)) !== null) planMissing.push(f.id);
        throw refuse(
          409,
          'forms-not-final',
          { pending: pending.length, total: forms.length, ...(planMissing.length === 0 ? {} : { planMissing: planMissing.length }) },
          { details: { pending: pending.map((f) => f.id), planMissing } },
        );
      }
      const users = new Map((await store.listUsers()).map((u) => [u.id, u]));
      const rows: Omit<PersonShare, 'cents' | 'exact' | 'extraCent'>[] = [];
      const claims: { id: string; weight: Decimal; score: Decimal | null; order: string }[] = [];
      for (const form of forms) {
        const computed = await computeRecord(store, orgs, form);
        const r = computed.result;
        // Stored with the distribution: an account removed is flagged, and said in the reader's language when read (shareView).
        const who = person(users.get(form.personId), form.personId, language(c));
        const coefficient = r?.band?.share ?? null;
        rows.push({
          formId: form.id,
          personId: form.personId,
          displayName: who.displayName,
          ...(who.removed === true ? { removed: true as const } : {}),
          score: r?.score?.toDecimalPlaces(2).toString() ?? null,
          band: r?.band?.label ?? null,
          coefficient: coefficient?.toString() ?? '0',
          presenceDays: r?.presenceDays.toString() ?? '0',
        });
        claims.push({ id: form.id, weight: coefficient === null || r === null ? new Decimal(0) : coefficient.times(r.presenceDays), score: r?.score ?? null, order: who.displayName });
      }
      // The stated order for equal remainders after the score: the list by name, then id.
      const order = claims.map((_, i) => i).sort((a, b) => compareNames(claims[a]!.order, claims[b]!.order) || compareNames(claims[a]!.id, claims[b]!.id));
      const result = distributeFund(
        fundCents,
        order.map((i) => claims[i]!),
      );
      const byId = new Map(result.allotments.map((a) => [a.id, a]));
      const people: PersonShare[] = order.map((i) => {
        const a = byId.get(rows[i]!.formId)!;
        return { ...rows[i]!, cents: a.cents.toString(), exact: a.exact, extraCent: a.extraCent };
      });
      const record = must(
        await store.appraisals.saveDistribution(
          organisation,
          year,
          input.category,
          fundCents,
          { smvpVersion: found.version, rule: REMAINDER_RULE, people, undistributedCents: result.undistributedCents.toString(), issues: result.issues },
          actorOf(user),
        ),
      );
      return reply(200, distributionView(record, language(c), await deps.names.namer(language(c))));
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/rewards/:year',
      tag: 'rewards',
      summary: 'The latest distribution of each category, per person (personal data)',
      roles: HR_ROLES,
      action: 'see the bonuses of each person',
      query: { organisation: ORGANISATION_QUERY, lang: { description: 'language of the issues and of a removed account’s words', values: ['it', 'en'] } },
      responses: { 200: { description: '[distribution]', schema: z.array(DistributionSchema) }, 401: 'not signed in', 403: 'role' },
    },
    async (c, { reply }) => {
      const year = yearOf(c);
      const organisation = await organisationOf(c, store);
      const lang = language(c);
      const nameOf = await deps.names.namer(lang);
      return reply(
        200,
        (await store.appraisals.distributions(organisation, year)).map((d) => distributionView(d, lang, nameOf)),
      );
    },
  );

  api.route(
    {
      method: 'get',
      path: '/api/rewards/:year/aggregates',
      tag: 'rewards',
      summary: 'The anonymised distribution of ratings and bonuses per category and band (d.lgs. 33/2013 art. 20): JSON, CSV open data or XLSX',
      roles: 'everyone',
      query: {
        organisation: ORGANISATION_QUERY,
        format: { description: 'json (default), csv or xlsx', values: ['json', 'csv', 'xlsx'] },
        lang: { description: 'language of the labels', values: ['it', 'en'] },
      },
      responses: {
        200: {
          description:
            'JSON {organisation, year, rows: [{category, band, coefficient (null: no SMVP), people, totalCents, meanCents, minCents, maxCents, withheld, withheldReason}], categories: [{category, fundCents, distributedCents, withheld, withheldReason}], message: what a body that distributed nothing that year says, else null}, or the CSV or XLSX file',
          schema: RewardAggregatesSchema,
        },
        400: 'unknown format',
      },
    },
    async (c, { reply }) => {
      const year = yearOf(c);
      const organisation = await organisationOf(c, store);
      const lang = language(c);
      const format = c.req.query('format') ?? 'json';
      if (!['json', 'csv', 'xlsx'].includes(format)) throw refuse(400, 'invalid-query', { field: 'format', values: ['json', 'csv', 'xlsx'], value: format });
      const document = await rewardAggregates(deps, organisation, year, lang);
      if (format === 'json') return reply(200, document);
      const rows = document.rows;
      // One table for both files: each band's row carries its category's fund and amount
      // distributed (art. 20 c. 1), repeated, as a flat file holds a figure of the group it belongs to.
      const totals = new Map(document.categories.map((t) => [t.category, t]));
      const totalOf = (r: AggregateRow): RewardCategoryTotal => totals.get(r.category)!;
      const headers =
        lang === 'it'
          ? [
              'Categoria',
              'Fascia',
              'Coefficiente di premio (%)',
              'Persone',
              'Totale premi (€)',
              'Premio medio (€)',
              'Premio minimo (€)',
              'Premio massimo (€)',
              'Importi non pubblicati',
              'Fondo della categoria (€)',
              'Premi distribuiti nella categoria (€)',
              'Importi della categoria non pubblicati',
            ]
          : [
              'Category',
              'Band',
              'Bonus coefficient (%)',
              'People',
              'Total bonuses (€)',
              'Mean bonus (€)',
              'Least bonus (€)',
              'Largest bonus (€)',
              'Amounts withheld',
              "Category's bonus fund (€)",
              "Category's bonuses distributed (€)",
              "Category's amounts withheld",
            ];
      const name = `premi-${year}.${format}`;
      if (format === 'csv') {
        // Open data: comma-separated, dot decimals, machine codes for the category (docs/open-data.md).
        const csvHeaders = [
          'anno',
          'categoria',
          'fascia',
          'coefficiente_premio',
          'persone',
          'totale_euro',
          'media_euro',
          'minimo_euro',
          'massimo_euro',
          'non_pubblicato',
          'fondo_categoria_euro',
          'distribuito_categoria_euro',
          'categoria_non_pubblicato',
        ];
        const quote = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
        const lines = [
          csvHeaders.join(','),
          ...rows.map((r) =>
            [
              String(year),
              r.category,
              // Open data: the row of the people with no band has an empty `fascia` (docs/open-data.md).
              r.noBand ? '' : r.band,
              r.coefficient === null ? '' : String(r.coefficient),
              String(r.people),
              dotEuros(r.totalCents),
              dotEuros(r.meanCents),
              dotEuros(r.minCents),
              dotEuros(r.maxCents),
              r.withheldReason === null ? '' : CSV_WITHHELD[r.withheldReason],
              dotEuros(totalOf(r).fundCents),
              dotEuros(totalOf(r).distributedCents),
              totalOf(r).withheldReason === null ? '' : CSV_WITHHELD[totalOf(r).withheldReason!],
            ]
              .map(quote)
              .join(','),
          ),
        ];
        return reply.made(new Response(`${lines.join('\n')}\n`, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` } }));
      }
      // Amounts as numbers in euros (empty where none, or withheld), shown in the reader's notation.
      const bytes = await writeTableXlsx(
        lang === 'it' ? `Premi ${year}` : `Bonuses ${year}`,
        headers,
        rows.map((r) => [
          r.categoryLabel,
          r.band,
          r.coefficient,
          r.people,
          euros(r.totalCents),
          euros(r.meanCents),
          euros(r.minCents),
          euros(r.maxCents),
          r.withheldReason === null ? '' : WITHHELD_WORDS[lang][r.withheldReason],
          euros(totalOf(r).fundCents),
          euros(totalOf(r).distributedCents),
          totalOf(r).withheldReason === null ? '' : CATEGORY_WITHHELD_WORDS[lang][totalOf(r).withheldReason!],
        ]),
        [undefined, undefined, undefined, undefined, EURO_FORMAT, EURO_FORMAT, EURO_FORMAT, EURO_FORMAT, undefined, EURO_FORMAT, EURO_FORMAT],
      );
      return reply.made(
        new Response(new Uint8Array(bytes), {
          headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'content-disposition': `attachment; filename="${name}"` },
        }),
      );
    },
  );
};
