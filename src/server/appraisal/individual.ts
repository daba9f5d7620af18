/**
 * What the Relazione's §5 reports of a body's year of appraisals (core/appraisal/individual.ts): its
 * forms by category and state, the final ones' bands as the form computes them (the SMVP's bands, as
 * the bonus fund is shared by), and the art. 20 table of bonuses as the public reads it
 * (appraisal/rewards.ts `rewardAggregates`, amounts withheld by the same rule).
 */
import { individualFigures, schemeOf, STAFF_CATEGORIES, type BonusRow, type FormFigure, type IndividualFigures, type StaffCategory } from '../../core/appraisal/index.js';
import { officeDay } from '../../core/messages/index.js';
import type { Store } from '../../store/index.js';
import type { TreeService } from '../tree.js';
import { computeRecord, OrgCache, smvpFor } from './forms.js';
import { rewardAggregates } from './rewards.js';

/** The figures of `organisation`'s forms of `year` as they stand today; null: no form and no bonus to report. */
export async function individualOf(store: Store, trees: TreeService, organisation: string, year: number): Promise<IndividualFigures | null> {
  const records = (await store.appraisals.listForms({ year })).filter((f) => f.organisation === organisation);
  const published = await rewardAggregates({ store, trees }, organisation, year, 'it');
  if (records.length === 0 && published.rows.length === 0) return null;
  const orgs = new OrgCache(trees);
  const forms: FormFigure[] = [];
  for (const f of records) {
    // Only a final form's band is a rating: before, the score may still change.
    const band = f.state === 'final' ? ((await computeRecord(store, orgs, f)).result?.band?.label ?? null) : null;
    forms.push({ category: f.category, state: f.state, band });
  }
  const found = await smvpFor(store, organisation, year);
  const bandOrder: Partial<Record<StaffCategory, readonly string[]>> = {};
  if (found !== null)
    for (const c of STAFF_CATEGORIES) {
      const bands = schemeOf(found.smvp, c)?.bands ?? [];
      // Highest first, as the art. 20 table lists them.
      if (bands.length > 0) bandOrder[c] = [...bands].sort((a, b) => b.min.comparedTo(a.min)).map((b) => b.label);
    }
  const bonuses: BonusRow[] | null =
    published.rows.length === 0 ? null : published.rows.map((r) => ({ category: r.category, band: r.noBand ? null : r.band, people: r.people, totalCents: r.totalCents, meanCents: r.meanCents }));
  return individualFigures({ at: officeDay(), forms, bandOrder, bonuses });
}
