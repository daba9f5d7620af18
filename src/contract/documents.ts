/**
 * The contract's documents by the name the OpenAPI document gives them (`#/components/schemas/…`):
 * a route whose answer is one of them (or a list of them) states its schema in its spec, and
 * `server/api.ts` writes the JSON Schema of each from these zod schemas (`z.toJSONSchema`).
 */
import { AuditEntrySchema } from './audit.js';
import {
  AppraisalFormSchema,
  AppraisalPersonSchema,
  DistributionSchema,
  FormSummarySchema,
  FormTrailEntrySchema,
  RewardAggregatesSchema,
  SmvpNoneSchema,
  SmvpReadSchema,
  SmvpSavedSchema,
  SmvpSummarySchema,
  SmvpVersionSchema,
  StrandedAssignedSchema,
  StrandedBodySchema,
} from './appraisal.js';
import { BaselinesDocumentSchema, NextYearBaselinesSchema, NextYearPlanSchema } from './baselines.js';
import { DoneSchema, ExportJobSchema, HealthSchema, OidcOfferSchema } from './meta.js';
import { OutboxSchema, ReminderRunSchema } from './reminders.js';
import {
  AttachmentSchema,
  ClosingPreviewSchema,
  CommentSchema,
  DashboardSchema,
  ForecastSchema,
  ReviewStepSchema,
  ReviewThreadSchema,
  VarianceReportSchema,
  VarianceSchema,
  WorkDueSchema,
  WorklistSchema,
} from './campaign.js';
import { ChangesAnswerSchema, YearsDocumentSchema } from './changes.js';
import { ExplanationDocumentSchema } from './evaluation.js';
import { PlanImportedSchema, PlanImportPreviewSchema, PlanSummarySchema, RevisionEntrySchema, RevisionSchema } from './plans.js';
import { PublishedPeriodsSchema, RelazioneSchema } from './relazione.js';
import { IndicatorSavedSchema, ObjectiveSavedSchema, PeriodMovedSchema, PeriodSchema, SaveAnswerSchema, TreeDocumentSchema } from './tree.js';
import { OrgUnitSchema, PersonSchema, ReassignedSchema, UnitsImportedSchema } from './units.js';
import { SessionReadSchema, SessionSchema, UserSchema } from './users.js';

export const CONTRACT_DOCUMENTS = {
  TreeDocument: TreeDocumentSchema,
  SaveAnswer: SaveAnswerSchema,
  ObjectiveSaved: ObjectiveSavedSchema,
  IndicatorSaved: IndicatorSavedSchema,
  ExplanationDocument: ExplanationDocumentSchema,
  Period: PeriodSchema,
  PeriodMoved: PeriodMovedSchema,
  PublishedPeriods: PublishedPeriodsSchema,
  Relazione: RelazioneSchema,
  PlanSummary: PlanSummarySchema,
  PlanImported: PlanImportedSchema,
  PlanImportPreview: PlanImportPreviewSchema,
  Revision: RevisionSchema,
  RevisionEntry: RevisionEntrySchema,
  User: UserSchema,
  Session: SessionSchema,
  SessionRead: SessionReadSchema,
  AuditEntry: AuditEntrySchema,
  ChangesAnswer: ChangesAnswerSchema,
  YearsDocument: YearsDocumentSchema,
  BaselinesDocument: BaselinesDocumentSchema,
  NextYearBaselines: NextYearBaselinesSchema,
  NextYearPlan: NextYearPlanSchema,
  OrgUnit: OrgUnitSchema,
  Person: PersonSchema,
  UnitsImported: UnitsImportedSchema,
  Reassigned: ReassignedSchema,
  Worklist: WorklistSchema,
  WorkDue: WorkDueSchema,
  Dashboard: DashboardSchema,
  ReviewThread: ReviewThreadSchema,
  ReviewStep: ReviewStepSchema,
  ClosingPreview: ClosingPreviewSchema,
  Comment: CommentSchema,
  Attachment: AttachmentSchema,
  VarianceReport: VarianceReportSchema,
  Variance: VarianceSchema,
  Forecast: ForecastSchema,
  Outbox: OutboxSchema,
  ReminderRun: ReminderRunSchema,
  Health: HealthSchema,
  Done: DoneSchema,
  OidcOffer: OidcOfferSchema,
  ExportJob: ExportJobSchema,
  AppraisalPerson: AppraisalPersonSchema,
  FormSummary: FormSummarySchema,
  AppraisalForm: AppraisalFormSchema,
  FormTrailEntry: FormTrailEntrySchema,
  StrandedBody: StrandedBodySchema,
  StrandedAssigned: StrandedAssignedSchema,
  SmvpSummary: SmvpSummarySchema,
  SmvpVersion: SmvpVersionSchema,
  SmvpNone: SmvpNoneSchema,
  SmvpRead: SmvpReadSchema,
  SmvpSaved: SmvpSavedSchema,
  Distribution: DistributionSchema,
  RewardAggregates: RewardAggregatesSchema,
} as const;
