/**
 * Versioned migrations, run on every start: each runs once, in its own transaction, and is
 * recorded in `schema_migrations`. A new version is appended, never edited (80 was amended once,
 * before any body's database ran it: reason-migration.ts says why). The two dialects differ
 * only where the databases do: decimals are TEXT in SQLite and NUMERIC in PostgreSQL (both reach
 * the store as strings), and the audit trail's serial key.
 */
import type { Db, Dialect, Queryable } from './db.js';
import { FORM_PLAN_MIGRATION, migrateAppraisalUnits, STRANDED_BODY_MIGRATION } from './appraisals.js';
import { separateSamePlans } from './plan-store.js';
import { migrateUnitTexts } from './units.js';
import { KEPT_MIGRATION } from './kept-records.js';
import { REMINDER_FAILURE_MIGRATION, REMINDER_MIGRATION, REMINDER_NEWS_MIGRATION } from './reminders.js';
import { REASON_MIGRATION } from './reason-migration.js';
import { COVER_MIGRATION } from './relazioni.js';
import { IDEMPOTENCY_MIGRATION } from './idempotency.js';

interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: (d: Dialect) => string[];
  /** Work that must read the database first (e.g. rebuild a table from its current definition), after `sql`. */
  readonly run?: (tx: Queryable, d: Dialect) => Promise<void>;
  /**
   * SQLite only: foreign keys off around the transaction, as SQLite's documented table rebuild
   * needs (a dropped parent table would otherwise cascade to its children); the migration checks
   * them itself (`PRAGMA foreign_key_check`) before it commits.
   */
  readonly sqliteForeignKeysOff?: boolean;
  /** Moves existing data after the statements, in the same transaction (optional). */
  readonly data?: (tx: Queryable, d: Dialect) => Promise<void>;
}

const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'plans, tree, periods, measurements, users, sessions, audit trail',
    sql: (d) => {
      const num = d === 'postgres' ? 'NUMERIC' : 'TEXT';
      const serial = d === 'postgres' ? 'SERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
      return [
        `CREATE TABLE organisations (id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)`,
        `CREATE TABLE plans (
          id TEXT PRIMARY KEY,
          organisation_id TEXT NOT NULL REFERENCES organisations(id),
          title TEXT NOT NULL,
          year INTEGER NOT NULL,
          version TEXT NOT NULL CHECK (version IN ('plan', 'revision', 'final')),
          published INTEGER NOT NULL DEFAULT 0,
          settings TEXT NOT NULL,
          data_version INTEGER NOT NULL DEFAULT 0,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL)`,
        `CREATE TABLE nodes (
          plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
          code TEXT NOT NULL,
          position INTEGER NOT NULL,
          parent TEXT,
          title TEXT NOT NULL,
          level TEXT,
          weight ${num},
          owner TEXT,
          unit TEXT,
          version INTEGER NOT NULL DEFAULT 1,
          PRIMARY KEY (plan_id, code))`,
        `CREATE TABLE indicators (
          plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
          id TEXT NOT NULL,
          node_code TEXT NOT NULL,
          position INTEGER NOT NULL,
          name TEXT NOT NULL,
          weight ${num} NOT NULL,
          comparator TEXT NOT NULL,
          tolerance ${num},
          target TEXT,
          unit TEXT NOT NULL,
          scoring TEXT,
          formula TEXT,
          baseline TEXT,
          source TEXT,
          owner TEXT,
          notes TEXT,
          version INTEGER NOT NULL DEFAULT 1,
          PRIMARY KEY (plan_id, id),
          FOREIGN KEY (plan_id, node_code) REFERENCES nodes(plan_id, code) ON DELETE CASCADE)`,
        `CREATE INDEX indicators_by_node ON indicators (plan_id, node_code, position)`,
        `CREATE TABLE periods (
          plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
          id TEXT NOT NULL,
          label TEXT NOT NULL,
          ends_on TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('open', 'collecting', 'closed', 'validated')),
          updated_at TEXT NOT NULL,
          PRIMARY KEY (plan_id, id))`,
        `CREATE TABLE measurements (
          plan_id TEXT NOT NULL,
          indicator_id TEXT NOT NULL,
          period_id TEXT NOT NULL,
          state TEXT NOT NULL CHECK (state IN ('measured', 'not_achieved', 'not_evaluable', 'not_measured')),
          actual TEXT,
          inputs TEXT,
          reason TEXT,
          evidence TEXT,
          source TEXT,
          notes TEXT,
          entered_by TEXT,
          entered_at TEXT NOT NULL,
          version INTEGER NOT NULL,
          PRIMARY KEY (plan_id, indicator_id, period_id),
          FOREIGN KEY (plan_id, indicator_id) REFERENCES indicators(plan_id, id) ON DELETE CASCADE,
          FOREIGN KEY (plan_id, period_id) REFERENCES periods(plan_id, id) ON DELETE CASCADE)`,
        `CREATE TABLE users (
          id TEXT PRIMARY KEY,
          username TEXT NOT NULL UNIQUE,
          display_name TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('admin', 'controller', 'referente', 'oiv')),
          units TEXT NOT NULL,
          password_hash TEXT NOT NULL,
          active INTEGER NOT NULL DEFAULT 1,
          created_at TEXT NOT NULL)`,
        `CREATE TABLE sessions (
          id TEXT PRIMARY KEY,
          user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          csrf_token TEXT NOT NULL,
          created_at TEXT NOT NULL,
          expires_at TEXT NOT NULL)`,
        `CREATE TABLE audit (
          id ${serial},
          at TEXT NOT NULL,
          user_id TEXT,
          username TEXT,
          action TEXT NOT NULL,
          entity TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          plan_id TEXT,
          node_code TEXT,
          indicator_id TEXT,
          before TEXT,
          after TEXT,
          reason TEXT)`,
        `CREATE INDEX audit_by_plan ON audit (plan_id, id)`,
      ];
    },
  },
  {
    version: 2,
    name: 'the audit trail is append-only, enforced by the database',
    sql: (d) =>
      d === 'postgres'
        ? [
            `CREATE FUNCTION audit_append_only() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'the audit trail is append-only'; END $$ LANGUAGE plpgsql`,
            `CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()`,
          ]
        : [
            `CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`,
            `CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`,
          ],
  },
  {
    version: 3,
    name: 'frozen copies of a period at each closing, to show what a reopening changed',
    sql: () => [
      `CREATE TABLE period_closings (
          plan_id TEXT NOT NULL,
          period_id TEXT NOT NULL,
          seq INTEGER NOT NULL,
          closed_at TEXT NOT NULL,
          closed_by TEXT,
          plan TEXT NOT NULL,
          PRIMARY KEY (plan_id, period_id, seq),
          FOREIGN KEY (plan_id, period_id) REFERENCES periods(plan_id, id) ON DELETE CASCADE)`,
    ],
  },
  {
    version: 4,
    name: 'failed sign-ins counted in the database, shared by every server and kept across restarts',
    sql: () => [
      `CREATE TABLE login_failures (
          key TEXT PRIMARY KEY,
          count INTEGER NOT NULL,
          first_at BIGINT NOT NULL,
          until_at BIGINT NOT NULL)`,
    ],
  },
  {
    version: 10,
    name: 'adoption of a plan by its act, revisions (variazioni) with their changes, archived plans, metadata frozen with each closing',
    sql: () => [
      `ALTER TABLE plans ADD COLUMN status TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'adopted'))`,
      `ALTER TABLE plans ADD COLUMN act_kind TEXT`,
      `ALTER TABLE plans ADD COLUMN act_number TEXT`,
      `ALTER TABLE plans ADD COLUMN act_date TEXT`,
      `ALTER TABLE plans ADD COLUMN adopted_at TEXT`,
      `ALTER TABLE plans ADD COLUMN adopted_by TEXT`,
      `ALTER TABLE plans ADD COLUMN archived_at TEXT`,
      `CREATE TABLE plan_revisions (
          plan_id TEXT NOT NULL REFERENCES plans(id) ON DELETE CASCADE,
          seq INTEGER NOT NULL,
          kind TEXT NOT NULL CHECK (kind IN ('variazione', 'rimodulazione')),
          reason TEXT NOT NULL,
          decided_on TEXT NOT NULL,
          act_kind TEXT,
          act_number TEXT,
          act_date TEXT,
          status TEXT NOT NULL CHECK (status IN ('open', 'approved')),
          opened_at TEXT NOT NULL,
          opened_by TEXT,
          approved_at TEXT,
          approved_by TEXT,
          PRIMARY KEY (plan_id, seq))`,
      // One open revision per plan, held by the database itself.
      `CREATE UNIQUE INDEX plan_revisions_one_open ON plan_revisions (plan_id) WHERE status = 'open'`,
      `CREATE TABLE plan_revision_changes (
          plan_id TEXT NOT NULL,
          revision_seq INTEGER NOT NULL,
          seq INTEGER NOT NULL,
          at TEXT NOT NULL,
          username TEXT,
          action TEXT NOT NULL,
          entity TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          node_code TEXT,
          indicator_id TEXT,
          before TEXT,
          after TEXT,
          PRIMARY KEY (plan_id, revision_seq, seq),
          FOREIGN KEY (plan_id, revision_seq) REFERENCES plan_revisions(plan_id, seq) ON DELETE CASCADE)`,
      // Owners, units, versions and the evidence of each value as they stood at the closing: the
      // closed period's tree is read from the closing, the same document as when it was closed.
      `ALTER TABLE period_closings ADD COLUMN meta TEXT`,
    ],
  },
  {
    version: 15,
    name: "the three-year horizon (baseline and its year, targets of the next two years) and each plan's lineage to last year's",
    sql: () => [
      `ALTER TABLE indicators ADD COLUMN baseline_year INTEGER`,
      `ALTER TABLE indicators ADD COLUMN next_targets TEXT`,
      `ALTER TABLE plans ADD COLUMN predecessor_id TEXT REFERENCES plans(id) ON DELETE SET NULL`,
      // Each objective and indicator of a plan made by next-year names the one it continues: kept by
      // code and id, which renames and revisions do not change.
      `CREATE TABLE node_lineage (
          plan_id TEXT NOT NULL,
          code TEXT NOT NULL,
          predecessor_plan_id TEXT NOT NULL,
          predecessor_code TEXT NOT NULL,
          PRIMARY KEY (plan_id, code),
          FOREIGN KEY (plan_id, code) REFERENCES nodes(plan_id, code) ON DELETE CASCADE,
          FOREIGN KEY (predecessor_plan_id, predecessor_code) REFERENCES nodes(plan_id, code) ON DELETE CASCADE)`,
      `CREATE INDEX node_lineage_by_predecessor ON node_lineage (predecessor_plan_id, predecessor_code)`,
      `CREATE TABLE indicator_lineage (
          plan_id TEXT NOT NULL,
          indicator_id TEXT NOT NULL,
          predecessor_plan_id TEXT NOT NULL,
          predecessor_indicator_id TEXT NOT NULL,
          PRIMARY KEY (plan_id, indicator_id),
          FOREIGN KEY (plan_id, indicator_id) REFERENCES indicators(plan_id, id) ON DELETE CASCADE,
          FOREIGN KEY (predecessor_plan_id, predecessor_indicator_id) REFERENCES indicators(plan_id, id) ON DELETE CASCADE)`,
      `CREATE INDEX indicator_lineage_by_predecessor ON indicator_lineage (predecessor_plan_id, predecessor_indicator_id)`,
    ],
  },
  {
    version: 16,
    name: "baselines taken from last year's plan follow its later corrections until the office types its own",
    sql: () => [
      // 1: the indicator's baseline is the one next-year took from its predecessor's year end, so a
      // later correction of that actual is shown against it and can be taken over; 0: typed by the office.
      `ALTER TABLE indicator_lineage ADD COLUMN baseline_follows INTEGER NOT NULL DEFAULT 1`,
      // Plans made before this: an indicator edited since next-year may have had its baseline typed,
      // and a typed baseline must never be offered for replacement, so those count as typed.
      `UPDATE indicator_lineage SET baseline_follows = 0 WHERE EXISTS (SELECT 1 FROM indicators i WHERE i.plan_id = indicator_lineage.plan_id AND i.id = indicator_lineage.indicator_id AND i.version > 1)`,
    ],
  },
  {
    version: 20,
    name: 'organisation units as records; users, objectives and indicators assigned to units by id and to a person',
    sql: () => [
      `CREATE TABLE org_units (
          id TEXT PRIMARY KEY,
          code TEXT NOT NULL UNIQUE,
          name TEXT NOT NULL,
          name_key TEXT NOT NULL UNIQUE,
          kind TEXT NOT NULL,
          parent_id TEXT REFERENCES org_units(id),
          head_user_id TEXT REFERENCES users(id),
          version INTEGER NOT NULL DEFAULT 1,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL)`,
      `CREATE TABLE user_units (
          user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
          unit_id TEXT NOT NULL REFERENCES org_units(id) ON DELETE CASCADE,
          PRIMARY KEY (user_id, unit_id))`,
      `CREATE INDEX user_units_by_unit ON user_units (unit_id)`,
      `ALTER TABLE nodes ADD COLUMN unit_id TEXT REFERENCES org_units(id)`,
      `ALTER TABLE nodes ADD COLUMN person_id TEXT REFERENCES users(id)`,
      `ALTER TABLE indicators ADD COLUMN unit_id TEXT REFERENCES org_units(id)`,
      `ALTER TABLE indicators ADD COLUMN person_id TEXT REFERENCES users(id)`,
      `CREATE INDEX nodes_by_unit ON nodes (unit_id)`,
      `CREATE INDEX indicators_by_unit ON indicators (unit_id)`,
    ],
    // Today's unit texts (on users, objectives, and indicator owners naming a unit) become units,
    // matched trimmed and case-insensitively: "Ufficio internazionalizzazione " finds its unit.
    data: (tx) => migrateUnitTexts(tx),
  },
  {
    version: 21,
    name: "a period's data-entry deadline; temporary passwords to change at the next sign-in",
    sql: () => [`ALTER TABLE periods ADD COLUMN deadline TEXT`, `ALTER TABLE users ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0`],
  },
  {
    version: 22,
    name: 'review of entered values: approvals, requests for more (richieste di integrazione) and answers',
    sql: (d) => [
      `CREATE TABLE measurement_reviews (
          id ${d === 'postgres' ? 'SERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT'},
          plan_id TEXT NOT NULL,
          indicator_id TEXT NOT NULL,
          period_id TEXT NOT NULL,
          measurement_version INTEGER NOT NULL,
          action TEXT NOT NULL CHECK (action IN ('approve', 'return', 'answer')),
          note TEXT,
          user_id TEXT,
          username TEXT NOT NULL,
          at TEXT NOT NULL,
          FOREIGN KEY (plan_id, indicator_id) REFERENCES indicators(plan_id, id) ON DELETE CASCADE,
          FOREIGN KEY (plan_id, period_id) REFERENCES periods(plan_id, id) ON DELETE CASCADE)`,
      `CREATE INDEX measurement_reviews_by_period ON measurement_reviews (plan_id, period_id, id)`,
    ],
  },
  {
    version: 25,
    name: 'evidence files attached to a measurement, kept in the database with their SHA-256',
    sql: (d) => [
      `CREATE TABLE attachments (
          id TEXT PRIMARY KEY,
          plan_id TEXT NOT NULL,
          indicator_id TEXT NOT NULL,
          period_id TEXT NOT NULL,
          name TEXT NOT NULL,
          media_type TEXT NOT NULL,
          size BIGINT NOT NULL,
          sha256 TEXT NOT NULL,
          uploaded_by TEXT,
          uploaded_at TEXT NOT NULL,
          content ${d === 'postgres' ? 'BYTEA' : 'BLOB'} NOT NULL,
          FOREIGN KEY (plan_id, indicator_id) REFERENCES indicators(plan_id, id) ON DELETE CASCADE,
          FOREIGN KEY (plan_id, period_id) REFERENCES periods(plan_id, id) ON DELETE CASCADE)`,
      `CREATE INDEX attachments_by_measurement ON attachments (plan_id, indicator_id, period_id, uploaded_at)`,
    ],
  },
  {
    version: 26,
    name: 'comment threads per indicator and period',
    sql: () => [
      `CREATE TABLE comments (
          id TEXT PRIMARY KEY,
          seq INTEGER NOT NULL,
          plan_id TEXT NOT NULL,
          indicator_id TEXT NOT NULL,
          period_id TEXT NOT NULL,
          author TEXT NOT NULL,
          author_name TEXT NOT NULL,
          author_role TEXT NOT NULL,
          body TEXT NOT NULL,
          created_at TEXT NOT NULL,
          UNIQUE (plan_id, indicator_id, period_id, seq),
          FOREIGN KEY (plan_id, indicator_id) REFERENCES indicators(plan_id, id) ON DELETE CASCADE,
          FOREIGN KEY (plan_id, period_id) REFERENCES periods(plan_id, id) ON DELETE CASCADE)`,
    ],
  },
  {
    version: 27,
    name: 'variances (cause and corrective action) per objective and period, forecasts per indicator at mid-year',
    sql: () => [
      `CREATE TABLE variances (
          plan_id TEXT NOT NULL,
          node_code TEXT NOT NULL,
          period_id TEXT NOT NULL,
          cause TEXT NOT NULL CHECK (cause IN ('external', 'internal', 'indicator')),
          explanation TEXT NOT NULL,
          corrective_action TEXT NOT NULL,
          updated_by TEXT,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL,
          PRIMARY KEY (plan_id, node_code, period_id),
          FOREIGN KEY (plan_id, node_code) REFERENCES nodes(plan_id, code) ON DELETE CASCADE,
          FOREIGN KEY (plan_id, period_id) REFERENCES periods(plan_id, id) ON DELETE CASCADE)`,
      `CREATE TABLE forecasts (
          plan_id TEXT NOT NULL,
          indicator_id TEXT NOT NULL,
          period_id TEXT NOT NULL,
          reachable TEXT NOT NULL CHECK (reachable IN ('yes', 'no', 'at_risk')),
          note TEXT NOT NULL,
          updated_by TEXT,
          updated_at TEXT NOT NULL,
          version INTEGER NOT NULL,
          PRIMARY KEY (plan_id, indicator_id, period_id),
          FOREIGN KEY (plan_id, indicator_id) REFERENCES indicators(plan_id, id) ON DELETE CASCADE,
          FOREIGN KEY (plan_id, period_id) REFERENCES periods(plan_id, id) ON DELETE CASCADE)`,
    ],
  },
  {
    version: 28,
    name: "an account's email: reminders go to it, and a sign-in through the identity provider may be matched by it",
    sql: () => [`ALTER TABLE users ADD COLUMN email TEXT`, `CREATE UNIQUE INDEX users_by_email ON users (email)`],
  },
  {
    version: 62,
    name: "an account's language (it/en): the emails sent to it are written in it",
    sql: () => [`ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'it'`],
  },
  {
    version: 30,
    name: "the year's Relazione: the office's texts, the OIV's validation (state, checklist, note, reservations, validated values), publication; periods published to the public",
    sql: () => [
      `CREATE TABLE relazioni (
          plan_id TEXT PRIMARY KEY REFERENCES plans(id) ON DELETE CASCADE,
          state TEXT NOT NULL CHECK (state IN ('draft', 'transmitted', 'validated', 'validated_with_reservations', 'not_validated')),
          texts TEXT NOT NULL,
          note TEXT NOT NULL,
          reservations TEXT NOT NULL,
          checklist TEXT NOT NULL,
          validated_values TEXT NOT NULL,
          frozen_plan TEXT,
          published INTEGER NOT NULL DEFAULT 0,
          published_at TEXT,
          transmitted_at TEXT,
          decided_at TEXT,
          decided_by TEXT,
          version INTEGER NOT NULL,
          updated_at TEXT NOT NULL,
          updated_by TEXT)`,
      `CREATE TABLE published_periods (
          plan_id TEXT NOT NULL,
          period_id TEXT NOT NULL,
          published_at TEXT NOT NULL,
          published_by TEXT,
          PRIMARY KEY (plan_id, period_id),
          FOREIGN KEY (plan_id, period_id) REFERENCES periods(plan_id, id) ON DELETE CASCADE)`,
    ],
  },
  {
    version: 55,
    name: 'browsers that signed in to an account (device cookies): failures elsewhere never lock them out',
    sql: () => [
      // Only the SHA-256 of the cookie is kept, as for sessions: a leaked database trusts no browser.
      `CREATE TABLE login_devices (
          id TEXT PRIMARY KEY,
          username TEXT NOT NULL,
          created_at BIGINT NOT NULL,
          used_at BIGINT NOT NULL)`,
      `CREATE INDEX login_devices_by_username ON login_devices (username, used_at)`,
    ],
  },
];

/** A check that refuses a value outside a list, as both databases write it. */
const inList = (values: readonly string[]): string => `(${values.map((v) => `'${v}'`).join(', ')})`;
const ROLES_BEFORE_PERSONALE = ['admin', 'controller', 'referente', 'oiv'];
/** A revision's statuses as migration 88 allows them (written out: a migration never changes with the code). */
const REVISION_STATUSES = ['open', 'approved', 'discarded'];
/** The reminders' statuses from migration 89 (cancelled: its plan or period stopped taking values before it went). */
const REMINDER_STATUSES_89 = ['queued', 'sending', 'sent', 'failed', 'no-address', 'cancelled'];

MIGRATIONS.push(
  {
    version: 40,
    name: 'individual performance: the SMVP per body and year (versioned), appraisal forms, their own audit trail, bonus distributions',
    sql: (d) => {
      const serial = d === 'postgres' ? 'SERIAL PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
      return [
        `CREATE TABLE smvp (
          organisation TEXT NOT NULL,
          year INTEGER NOT NULL,
          version INTEGER NOT NULL,
          document TEXT NOT NULL,
          reason TEXT,
          created_at TEXT NOT NULL,
          created_by TEXT,
          PRIMARY KEY (organisation, year, version))`,
        `CREATE TABLE appraisal_forms (
          id TEXT PRIMARY KEY,
          organisation TEXT NOT NULL,
          year INTEGER NOT NULL,
          person_id TEXT NOT NULL REFERENCES users(id),
          evaluator_id TEXT NOT NULL REFERENCES users(id),
          category TEXT NOT NULL CHECK (category IN ('dirigente', 'eq', 'personale')),
          plan_id TEXT,
          state TEXT NOT NULL CHECK (state IN ('draft', 'assigned', 'interview', 'evaluated', 'accepted', 'contested', 'final')),
          document TEXT NOT NULL,
          version INTEGER NOT NULL DEFAULT 1,
          created_at TEXT NOT NULL,
          updated_at TEXT NOT NULL,
          UNIQUE (organisation, year, person_id))`,
        `CREATE INDEX appraisal_forms_by_evaluator ON appraisal_forms (evaluator_id, year)`,
        // Appraisals are personal data: their trail is kept apart from the plan's (which every
        // signed-in account may read) and shown only to those who may see the form.
        `CREATE TABLE appraisal_audit (
          id ${serial},
          at TEXT NOT NULL,
          user_id TEXT,
          username TEXT,
          action TEXT NOT NULL,
          entity TEXT NOT NULL,
          entity_id TEXT NOT NULL,
          before TEXT,
          after TEXT,
          reason TEXT)`,
        `CREATE INDEX appraisal_audit_by_entity ON appraisal_audit (entity, entity_id, id)`,
        `CREATE TABLE bonus_distributions (
          organisation TEXT NOT NULL,
          year INTEGER NOT NULL,
          category TEXT NOT NULL CHECK (category IN ('dirigente', 'eq', 'personale')),
          version INTEGER NOT NULL,
          fund_cents TEXT NOT NULL,
          document TEXT NOT NULL,
          created_at TEXT NOT NULL,
          created_by TEXT,
          PRIMARY KEY (organisation, year, category, version))`,
        ...(d === 'postgres'
          ? [`CREATE TRIGGER appraisal_audit_no_change BEFORE UPDATE OR DELETE ON appraisal_audit FOR EACH ROW EXECUTE FUNCTION audit_append_only()`]
          : [
              `CREATE TRIGGER appraisal_audit_no_update BEFORE UPDATE ON appraisal_audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`,
              `CREATE TRIGGER appraisal_audit_no_delete BEFORE DELETE ON appraisal_audit BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`,
            ]),
      ];
    },
  },
  {
    version: 41,
    name: 'the HR role personale',
    sql: (d) =>
      d === 'postgres'
        ? [`ALTER TABLE users DROP CONSTRAINT users_role_check`, `ALTER TABLE users ADD CONSTRAINT users_role_check CHECK (role IN ${inList([...ROLES_BEFORE_PERSONALE, 'personale'])})`]
        : [],
    sqliteForeignKeysOff: true,
    run: async (tx, d) => {
      if (d !== 'sqlite') return;
      // SQLite cannot change a CHECK in place: the table is rebuilt from its current definition
      // (whatever columns later migrations gave it), the documented way, with foreign keys off.
      const row = (await tx.all<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'`))[0];
      if (row === undefined) throw new Error('migration 41: no users table');
      const before = `role IN ${inList(ROLES_BEFORE_PERSONALE)}`;
      if (!row.sql.includes(before)) throw new Error('migration 41: the users table does not have the expected role check');
      const rebuilt = row.sql.replace(before, `role IN ${inList([...ROLES_BEFORE_PERSONALE, 'personale'])}`).replace(/^CREATE TABLE "?users"?/, 'CREATE TABLE users_with_personale');
      await tx.run(rebuilt);
      await tx.run(`INSERT INTO users_with_personale SELECT * FROM users`);
      await tx.run(`DROP TABLE users`);
      await tx.run(`ALTER TABLE users_with_personale RENAME TO users`);
      const broken = await tx.all(`PRAGMA foreign_key_check`);
      if (broken.length > 0) throw new Error(`migration 41: foreign keys broken: ${JSON.stringify(broken.slice(0, 3))}`);
    },
  },
  {
    version: 75,
    name: 'appraisal forms name their units by the registry id: assignments and the unit results frozen at the evaluation',
    sql: () => [],
    data: (tx) => migrateAppraisalUnits(tx),
  },
  {
    version: 76,
    name: 'accounts record how they sign in: their password or the identity provider',
    sql: () => [`ALTER TABLE users ADD COLUMN sign_in TEXT NOT NULL DEFAULT 'password' CHECK (sign_in IN ('password', 'provider'))`],
    // The existing accounts, from what they have: until now every account was created with a
    // password (password_hash NOT NULL, the API asked for one), and Albero kept neither the
    // provider's subject nor how a session was opened, so a hash is all there is to go by: an
    // account with one stays `password` and signs in as before (the administrator moves those who
    // use the provider); one with an empty hash (written outside the API) has no password that
    // could work, so it is `provider`.
    data: async (tx) => {
      await tx.run(`UPDATE users SET sign_in = 'provider' WHERE password_hash = ''`);
    },
  },
  {
    version: 77,
    name: "each change of a revision keeps its indicator's unit, so its amounts are said as the published table prints them",
    // Older changes keep none (null): the unit an indicator has today may not be the one it had
    // then, so they are said by their value, as before.
    sql: () => [`ALTER TABLE plan_revision_changes ADD COLUMN unit TEXT`],
  },
  {
    version: 78,
    name: 'one plan per body, year, version and title: a next-year asked twice at once made two; those stored twice are told apart by their titles',
    sql: () => [],
    // The index comes after the titles are told apart (in the data step, which runs last).
    data: (tx) => separateSamePlans(tx),
  },
  {
    version: 81,
    name: "a plan's own fields, a period and a revision each carry the version a save names, and who changed them last: a stale save is refused, not silently over another desk's",
    // The plan's `version` is its kind (plan / revision / final), so its edit count is `edit_version`;
    // its `updated_at` follows every value entered (the cache key's bump), so who and when of its own
    // fields are kept apart. Rows stored before start at 1, by nobody known.
    sql: () => [
      `ALTER TABLE plans ADD COLUMN edit_version INTEGER NOT NULL DEFAULT 1`,
      `ALTER TABLE plans ADD COLUMN edited_by TEXT`,
      `ALTER TABLE plans ADD COLUMN edited_at TEXT`,
      `ALTER TABLE periods ADD COLUMN version INTEGER NOT NULL DEFAULT 1`,
      `ALTER TABLE periods ADD COLUMN updated_by TEXT`,
      `ALTER TABLE plan_revisions ADD COLUMN version INTEGER NOT NULL DEFAULT 1`,
      `ALTER TABLE plan_revisions ADD COLUMN updated_by TEXT`,
      `ALTER TABLE plan_revisions ADD COLUMN updated_at TEXT`,
    ],
  },
  {
    version: 85,
    name: 'a period keeps when it became validated on its own row: the public read it from the audit trail, up to 10,000 entries a read',
    // A validated period's latest validation, from the trail that was its only record (by the OIV's move, or with the
    // Relazione it validated: both say the period's new state); one validated with no such entry stays unknown (null).
    sql: () => [
      `ALTER TABLE periods ADD COLUMN validated_at TEXT`,
      `UPDATE periods SET validated_at = (SELECT MAX(a.at) FROM audit a WHERE a.plan_id = periods.plan_id AND a.entity = 'period' AND a.entity_id = periods.id AND (a.action = 'validate' OR a.after LIKE '%"state":"validated"%')) WHERE state = 'validated'`,
    ],
  },
  {
    version: 86,
    name: 'a plan keeps the last revision number it gave: a discarded revision stays on the record (the trail, the history), so its number is never given again',
    // A discarded revision's row is deleted, so the highest row alone would hand its number out
    // again. The plans stored before count what the trail (append-only) says was ever opened too.
    sql: () => [`ALTER TABLE plans ADD COLUMN revisions_numbered INTEGER NOT NULL DEFAULT 0`],
    data: async (tx) => {
      const numbered = new Map<string, number>();
      const count = (planId: unknown, number: unknown) => {
        const n = Number(number);
        if (Number.isInteger(n) && n > (numbered.get(String(planId)) ?? 0)) numbered.set(String(planId), n);
      };
      for (const r of await tx.all(`SELECT plan_id, MAX(seq) AS seq FROM plan_revisions GROUP BY plan_id`)) count(r.plan_id, r.seq);
      for (const r of await tx.all(`SELECT plan_id, entity_id FROM audit WHERE entity = 'revision' AND action = 'create' AND plan_id IS NOT NULL`)) count(r.plan_id, r.entity_id);
      for (const [planId, n] of numbered) await tx.run(`UPDATE plans SET revisions_numbered = ? WHERE id = ?`, [n, planId]);
    },
  },
  {
    version: 87,
    name: "a period keeps its latest reopening on its own row (when, who, why): whether the validated year end was reopened since the OIV's decision was read from the audit trail, up to 10,000 entries a read",
    sql: () => [`ALTER TABLE periods ADD COLUMN reopened_at TEXT`, `ALTER TABLE periods ADD COLUMN reopened_by TEXT`, `ALTER TABLE periods ADD COLUMN reopen_reason TEXT`],
    // The periods stored before: their latest move back to collecting from closed or validated, as the
    // trail (their only record) says it, its before and after read as JSON rather than matched as text.
    // Oldest first, so the latest of each period is written last; none on the trail: never reopened.
    data: async (tx) => {
      const moves = await tx.all(
        `SELECT plan_id, entity_id, at, username, before, after, reason FROM audit WHERE entity = 'period' AND plan_id IS NOT NULL AND after LIKE '%"collecting"%' ORDER BY id`,
      );
      const stateOf = (json: unknown): unknown => {
        const v = typeof json === 'string' ? (JSON.parse(json) as unknown) : null;
        return v !== null && typeof v === 'object' && 'state' in v ? v.state : undefined;
      };
      const latest = new Map<string, { planId: string; periodId: string; at: string; user: unknown; reason: unknown }>();
      for (const m of moves) {
        if (stateOf(m.after) !== 'collecting' || !['closed', 'validated'].includes(String(stateOf(m.before)))) continue;
        latest.set(`${String(m.plan_id)}\u0000${String(m.entity_id)}`, { planId: String(m.plan_id), periodId: String(m.entity_id), at: String(m.at), user: m.username, reason: m.reason });
      }
      for (const r of latest.values()) {
        await tx.run(`UPDATE periods SET reopened_at = ?, reopened_by = ?, reopen_reason = ? WHERE plan_id = ? AND id = ?`, [
          r.at,
          r.user == null ? null : String(r.user),
          r.reason == null ? null : String(r.reason),
          r.planId,
          r.periodId,
        ]);
      }
    },
  },
  {
    version: 88,
    name: 'a discarded revision stays on the record: its row and its steps are kept, with who discarded it, when and why, under the new status discarded',
    // Until now a discard deleted the revision's row and, by cascade, its steps: those discarded before
    // this migration cannot come back (the trail keeps each step and the discarding, and migration 86
    // kept their numbers). The revisions stored are open or approved and stay as they are.
    sql: (d) => [
      `ALTER TABLE plan_revisions ADD COLUMN discarded_at TEXT`,
      `ALTER TABLE plan_revisions ADD COLUMN discarded_by TEXT`,
      `ALTER TABLE plan_revisions ADD COLUMN discard_reason TEXT`,
      ...(d === 'postgres'
        ? [
            `ALTER TABLE plan_revisions DROP CONSTRAINT plan_revisions_status_check`,
            `ALTER TABLE plan_revisions ADD CONSTRAINT plan_revisions_status_check CHECK (status IN ${inList(REVISION_STATUSES)})`,
          ]
        : []),
    ],
    sqliteForeignKeysOff: true,
    run: async (tx, d) => {
      if (d !== 'sqlite') return;
      // SQLite cannot change a CHECK in place: rebuilt from its current definition, as migration 41
      // rebuilt users; its steps (plan_revision_changes) name it by name and are kept as they are.
      const row = (await tx.all<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'plan_revisions'`))[0];
      if (row === undefined) throw new Error('migration 88: no plan_revisions table');
      const before = `status IN ${inList(['open', 'approved'])}`;
      if (!row.sql.includes(before)) throw new Error('migration 88: the plan_revisions table does not have the expected status check');
      const rebuilt = row.sql.replace(before, `status IN ${inList(REVISION_STATUSES)}`).replace(/^CREATE TABLE "?plan_revisions"?/, 'CREATE TABLE plan_revisions_kept');
      await tx.run(rebuilt);
      await tx.run(`INSERT INTO plan_revisions_kept SELECT * FROM plan_revisions`);
      await tx.run(`DROP TABLE plan_revisions`);
      await tx.run(`ALTER TABLE plan_revisions_kept RENAME TO plan_revisions`);
      await tx.run(`CREATE UNIQUE INDEX plan_revisions_one_open ON plan_revisions (plan_id) WHERE status = 'open'`);
      const broken = await tx.all(`PRAGMA foreign_key_check`);
      if (broken.length > 0) throw new Error(`migration 88: foreign keys broken: ${JSON.stringify(broken.slice(0, 3))}`);
    },
  },
  {
    version: 89,
    name: 'a reminder whose plan was archived or deleted, or whose period was closed or deleted, before it went is cancelled, not sent: the new status cancelled and its reason',
    // The lists are written out as they stand now: a later status is a later migration's.
    sql: (d) => [
      `ALTER TABLE reminders ADD COLUMN cancel_reason TEXT`,
      ...(d === 'postgres'
        ? [`ALTER TABLE reminders DROP CONSTRAINT reminders_status_check`, `ALTER TABLE reminders ADD CONSTRAINT reminders_status_check CHECK (status IN ${inList(REMINDER_STATUSES_89)})`]
        : []),
    ],
    run: async (tx, d) => {
      if (d !== 'sqlite') return;
      // SQLite cannot change a CHECK in place: rebuilt from its current definition, as migration 88
      // rebuilt plan_revisions (no foreign key points to the outbox or from it).
      const row = (await tx.all<{ sql: string }>(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'reminders'`))[0];
      if (row === undefined) throw new Error('migration 89: no reminders table');
      const before = `status IN ${inList(REMINDER_STATUSES_89.filter((s) => s !== 'cancelled'))}`;
      if (!row.sql.includes(before)) throw new Error('migration 89: the reminders table does not have the expected status check');
      const rebuilt = row.sql.replace(before, `status IN ${inList(REMINDER_STATUSES_89)}`).replace(/^CREATE TABLE "?reminders"?/, 'CREATE TABLE reminders_kept');
      await tx.run(rebuilt);
      await tx.run(`INSERT INTO reminders_kept SELECT * FROM reminders`);
      await tx.run(`DROP TABLE reminders`);
      await tx.run(`ALTER TABLE reminders_kept RENAME TO reminders`);
      await tx.run(`CREATE INDEX reminders_due ON reminders (status, next_attempt_at)`);
      await tx.run(`CREATE INDEX reminders_by_plan ON reminders (plan_id, created_at)`);
    },
  },
);
// The reminders' outbox (60) is defined beside its store (reminders.ts), and so are a deletion's kept records (79, kept-records.ts)
// and the program's reasons as codes (80, reason-migration.ts), and a validated Relazione's cover (82, relazioni.ts), and the
// forms left naming a deleted plan (83, appraisals.ts), and the records a body correction left behind (84, appraisals.ts), and what a
// reminder was about (90, reminders.ts), and the idempotency keys of writes sent again (91, idempotency.ts), and a reminder's failure by code (92, reminders.ts).
MIGRATIONS.push(
  REMINDER_MIGRATION,
  KEPT_MIGRATION,
  REASON_MIGRATION,
  COVER_MIGRATION,
  FORM_PLAN_MIGRATION,
  STRANDED_BODY_MIGRATION,
  REMINDER_NEWS_MIGRATION,
  IDEMPOTENCY_MIGRATION,
  REMINDER_FAILURE_MIGRATION,
);

MIGRATIONS.sort((a, b) => a.version - b.version);

export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;

/** Brings the database up to the latest version (or to `upTo`, for tests of a migration); returns the versions it applied. */
export async function migrate(db: Db, upTo = Number.POSITIVE_INFINITY): Promise<number[]> {
  const applied: number[] = [];
  for (const migration of MIGRATIONS.filter((m) => m.version <= upTo)) {
    const keysOff = migration.sqliteForeignKeysOff === true && db.dialect === 'sqlite';
    if (keysOff) await db.run('PRAGMA foreign_keys = OFF');
    const done = await db
      .transaction(async (tx) => {
        // Two servers starting at once on one PostgreSQL: the second waits, then sees it applied
        // (even CREATE TABLE IF NOT EXISTS races there, so it runs under the lock too).
        if (db.dialect === 'postgres') await tx.all(`SELECT pg_advisory_xact_lock(4242)`);
        await tx.run(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
        const rows = await tx.all(`SELECT version FROM schema_migrations WHERE version = ?`, [migration.version]);
        if (rows.length > 0) return false;
        for (const statement of migration.sql(db.dialect)) await tx.run(statement);
        if (migration.run !== undefined) await migration.run(tx, db.dialect);
        await migration.data?.(tx, db.dialect);
        await tx.run(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`, [migration.version, migration.name, new Date().toISOString()]);
        return true;
      })
      .finally(async () => {
        if (keysOff) await db.run('PRAGMA foreign_keys = ON');
      });
    if (done) applied.push(migration.version);
  }
  return applied;
}
