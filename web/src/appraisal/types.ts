/** The appraisal forms as the API answers them (src/server/appraisal/forms.ts `formView`). */
export type StaffCategory = 'dirigente' | 'eq' | 'personale';
export type FormState = 'draft' | 'assigned' | 'interview' | 'evaluated' | 'accepted' | 'contested' | 'final';
export type FormAction = 'acknowledge' | 'interview' | 'evaluate' | 'accept' | 'contest' | 'conciliate' | 'finalise' | 'reopen';
export type FormPart = 'objectives' | 'measurements' | 'ratings' | 'assignments' | 'evaluator';
export type ObjectiveState = 'measured' | 'not_achieved' | 'not_evaluable' | 'not_measured';
export type ObjectiveUnit = 'number' | 'percent' | 'date' | 'boolean';

export interface PersonRef {
  id: string;
  username: string | null;
  displayName: string;
}

export interface FormObjective {
  id: string;
  title: string;
  weight: number;
  comparator: '>=' | '<=' | '=';
  target: number | string | boolean | null;
  unit: ObjectiveUnit;
  scoring: 'on_off' | 'proportional' | null;
  state: ObjectiveState;
  actual: number | string | boolean | null;
  reason: string | null;
}

export interface FormMay {
  edit: FormPart[];
  actions: FormAction[];
  relations: string[];
}

export interface FormSummary {
  id: string;
  year: number;
  organisation: string;
  category: StaffCategory;
  categoryLabel: string;
  state: FormState;
  stateLabel: string;
  person: PersonRef;
  evaluator: PersonRef;
  score: number | null;
  band: string | null;
  complete: boolean;
  may: FormMay;
}

export interface FormResult {
  frozen: boolean;
  score: number | null;
  band: { label: string; min: number; max: number; share: number } | null;
  components: { kind: string; label: string; weight: number; share: number | null; score: number | null; points: number | null }[];
  objectives: { id: string; state: ObjectiveState; score: number | null; counted: boolean }[];
  behaviours: { code: string; rating: number | null; label: string | null; score: number | null }[];
  /** `unitId`: the registry's id; `unit`: its name. */
  units: { unitId: string; unit: string; from: string; to: string; days: number; effectiveDays: number | null; score: number | null }[];
  presenceDays: number | null;
  daysInYear: number;
  steps: { code: string; text: string }[];
  issues: { severity: string; code: string; message: string; location: { field?: string } | null }[];
  complete: boolean;
}

export interface AppraisalForm extends Omit<FormSummary, 'score' | 'band' | 'complete'> {
  version: number;
  planId: string | null;
  /** `unit`: the registry unit's name (null if the unit was deleted). */
  assignments: { unitId: string; unit: string | null; from: string; to: string; partTime: number }[];
  objectives: FormObjective[];
  ratings: Record<string, number>;
  record: {
    acknowledged: { person: string | null; evaluator: string | null };
    interview: { at: string; by: string; note: string } | null;
    evaluation: { at: string; by: string } | null;
    acceptance: { at: string } | null;
    contest: { at: string; reason: string } | null;
    conciliation: { at: string; by: string; outcome: string; note: string } | null;
    finalisedAt: string | null;
  };
  scale: { value: number; label: string; description: string; score: number }[];
  behaviours: { code: string; title: string; description: string; weight: number }[];
  result: FormResult | null;
}

export interface TrailEntry {
  id: number;
  at: string;
  user: string | null;
  action: string;
  reason: string | null;
}

export interface Distribution {
  category: StaffCategory;
  version: number;
  fund: string;
  fundCents: string;
  undistributedCents: string;
  rule: { it: string; en: string };
  people: { formId: string; displayName: string; score: string | null; band: string | null; coefficient: string; presenceDays: string; cents: string; extraCent: boolean }[];
}
