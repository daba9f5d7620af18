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
import { listScores, OrgCache, smvpFor } from './forms.js';
import { rewardAggregates } from './rewards.js';
import { relazioneReads } from '../relazione-reads.js';

/**
 * The figures of `organisation`'s forms of `year` as they stand today; null: no form and no bonus to
 * report. Kept beside the Relazione's other reads (`relazioneReads`) while the appraisals' trail has
 * not moved (`AppraisalStore.changes`: every form, SMVP and distribution is changed with an entry)
 * and the day is the same (the figures say it): scoring a year's final forms costs about a second
 * for 5,000 (docs/benchmarks.md, "The Relazione's §5"). A final form was frozen at its evaluation
 * (its SMVP version and organisational results: the reopening keeps them), so its band reads no
 * plan: a value entered in the tree does not move it.
 */
export async function individualOf(store: Store, trees: TreeService, organisation: string, year: number): Promise<IndividualFigures | null> {
  // Read before the forms: a change made meanwhile moves it past the key kept, and the next read makes them again.
  const changes = await store.appraisals.changes();
  const at = officeDay();
  return relazioneReads(trees).keep(`${organisation}\u0000${year}\u0000individual`, [changes, at], () => figuresOf(store, trees, organisation, year, at));
}

async function figuresOf(store: Store, trees: TreeService, organisation: string, year: number, at: string): Promise<IndividualFigures | null> {
  const records = (await store.appraisals.listForms({ year })).filter((f) => f.organisation === organisation);
  const published = await rewardAggregates({ store, trees }, organisation, year, 'it');
  if (records.length === 0 && published.rows.length === 0) return null;
  const orgs = new OrgCache(trees);
  // The band as HR's list computes it (no explanation), kept per form while the form is the same: after
  // one form changed, only it is scored again.
  const scores = listScores(trees);
  const forms: FormFigure[] = [];
  for (const f of records) {
    // Only a final form's band is a rating: before, the score may still change.
    const band = f.state === 'final' ? (await scores.of(store, orgs, f)).band : null;
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
  return individualFigures({ at, forms, bandOrder, bonuses });
}
