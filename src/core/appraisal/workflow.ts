/**
 * The life of an appraisal form, as guideline n. 5/2019 describes it, in one table:
 *
 *   draft ─acknowledge (person and evaluator both)→ assigned ─interview→ interview ─evaluate→ evaluated
 *   evaluated ─accept→ accepted ─finalise→ final
 *   evaluated ─contest (with a reason)→ contested ─conciliate (outcome: confirmed | revised)→ final
 *   final ─reopen (administrator, with a reason)→ evaluated
 *
 * Who acts is a relation to the form, not only a role: the person appraised, their evaluator, or
 * HR (the `personale` role and the administrator). What may be edited depends on the state.
 */
export type FormState = 'draft' | 'assigned' | 'interview' | 'evaluated' | 'accepted' | 'contested' | 'final';
export const FORM_STATES: readonly FormState[] = ['draft', 'assigned', 'interview', 'evaluated', 'accepted', 'contested', 'final'];

export type FormAction = 'acknowledge' | 'interview' | 'evaluate' | 'accept' | 'contest' | 'conciliate' | 'finalise' | 'reopen';
export const FORM_ACTIONS: readonly FormAction[] = ['acknowledge', 'interview', 'evaluate', 'accept', 'contest', 'conciliate', 'finalise', 'reopen'];

/** How the user stands to the form. `admin` is HR too, and alone may reopen a final form. */
export type Relation = 'person' | 'evaluator' | 'hr' | 'admin';

export interface ActionRule {
  readonly from: readonly FormState[];
  readonly by: readonly Relation[];
  /** The state after; `acknowledge` stays in draft until both have acknowledged. */
  readonly to: FormState;
  /** A note the action must carry: the interview's notes, the reason for contesting or reopening, the conciliation's outcome. */
  readonly needs: 'note' | 'reason' | 'outcome' | null;
}

export const ACTION_RULES: Readonly<Record<FormAction, ActionRule>> = {
  acknowledge: { from: ['draft'], by: ['person', 'evaluator'], to: 'assigned', needs: null },
  interview: { from: ['assigned'], by: ['evaluator'], to: 'interview', needs: 'note' },
  evaluate: { from: ['interview'], by: ['evaluator'], to: 'evaluated', needs: null },
  accept: { from: ['evaluated'], by: ['person'], to: 'accepted', needs: null },
  contest: { from: ['evaluated'], by: ['person'], to: 'contested', needs: 'reason' },
  conciliate: { from: ['contested'], by: ['hr', 'admin'], to: 'final', needs: 'outcome' },
  finalise: { from: ['accepted'], by: ['hr', 'admin'], to: 'final', needs: null },
  reopen: { from: ['final'], by: ['admin'], to: 'evaluated', needs: 'reason' },
};

/** The parts of a form: its definition (objectives, weights, targets), the actuals, the ratings, the people and units. */
export type FormPart = 'objectives' | 'measurements' | 'ratings' | 'assignments' | 'evaluator';

/**
 * Who may change what, when. Objectives are set in draft (a change there withdraws the
 * acknowledgements); actuals and ratings during the year until the evaluation; in a conciliation
 * HR may revise actuals and ratings before recording the outcome. Evaluated, accepted and final
 * forms change only by the steps above.
 */
export function editableParts(state: FormState, relations: readonly Relation[]): FormPart[] {
  const hr = relations.includes('hr') || relations.includes('admin');
  const evaluator = relations.includes('evaluator');
  const parts = new Set<FormPart>();
  if (state === 'draft') {
    if (evaluator || hr) ['objectives', 'measurements', 'assignments'].forEach((p) => parts.add(p as FormPart));
    if (hr) parts.add('evaluator');
  }
  if (state === 'assigned' || state === 'interview') {
    if (evaluator || hr) ['measurements', 'ratings', 'assignments'].forEach((p) => parts.add(p as FormPart));
    if (hr) parts.add('evaluator');
  }
  if (state === 'contested' && hr) ['measurements', 'ratings'].forEach((p) => parts.add(p as FormPart));
  return [...parts];
}

/**
 * Whether the reader may change the plan a form takes its organisational results from: HR and the
 * administrator, while the form is not evaluated (draft, assigned, interview). An evaluated form
 * keeps the figures it froze and the plan they came from; the evaluator sets objectives, not plans.
 */
export function mayChangePlan(state: FormState, relations: readonly Relation[]): boolean {
  return (relations.includes('hr') || relations.includes('admin')) && PLAN_STATES.includes(state);
}
/** The states in which a form still reads its plan live (before the evaluation). */
export const PLAN_STATES: readonly FormState[] = ['draft', 'assigned', 'interview'];

/** Whether the relations allow the action from this state (the checks on the form's content are the caller's). */
export function mayAct(action: FormAction, state: FormState, relations: readonly Relation[]): boolean {
  const rule = ACTION_RULES[action];
  return rule.from.includes(state) && rule.by.some((r) => relations.includes(r));
}

export const STATE_LABEL: Readonly<Record<FormState, { it: string; en: string }>> = {
  draft: { it: 'Obiettivi da condividere', en: 'Objectives to acknowledge' },
  assigned: { it: 'Obiettivi assegnati', en: 'Objectives assigned' },
  interview: { it: 'Colloquio intermedio svolto', en: 'Mid-year interview held' },
  evaluated: { it: 'Valutata', en: 'Evaluated' },
  accepted: { it: 'Accettata', en: 'Accepted' },
  contested: { it: 'Contestata (in conciliazione)', en: 'Contested (in conciliation)' },
  final: { it: 'Definitiva', en: 'Final' },
};
