import type { Command } from 'commander';
import { renderCoded, type Coded } from '../../messages/index.js';
import { commandLineActor } from '../actor.js';
import { terminalText } from '../terminal.js';
import { badInput, cliLanguage, DEFAULT_DATABASE, say, withDatabase } from '../shared.js';

/**
 * `albero reminders`: one reminder run on a database, for a cron job or by hand: queues the
 * reminders due today (each once, ever; of the plans adopted, or of `--plan` alone) and delivers
 * what the outbox holds (with `--plan`, that plan's messages alone: the other plans' stay queued for
 * a run of every plan), through the SMTP server of ALBERO_SMTP_* or, without one, to stdout. A
 * `--plan` not in force (a draft, or archived) queues nothing, and says so on stderr; unknown, it
 * is refused (exit 2). Exit 0 when nothing is left waiting (of that plan, with `--plan`), 1 when
 * some messages wait to be retried or were refused (see `GET /api/reminders`).
 */
export function registerReminders(program: Command): void {
  program
    .command('reminders')
    .description(say('cli-about-reminders', {}))
    .option('--database <location>', say('cli-about-database', {}))
    .option('--retry', say('cli-about-reminders-retry', {}))
    .option('--json', say('cli-about-reminders-json', {}))
    .option('--plan <id>', say('cli-about-reminders-plan', {}))
    .action(async (options: { database?: string; retry?: boolean; json?: boolean; plan?: string }) => {
      // The store, nodemailer and the server's campaign code are loaded by this command only.
      const [{ ReminderService, reminderSettingsFromEnv }, { smtpFromEnv }] = await Promise.all([import('../../server/reminders.js'), import('../../server/mailer.js')]);
      let settings;
      let smtp;
      try {
        settings = reminderSettingsFromEnv(process.env);
        smtp = smtpFromEnv(process.env);
      } catch (error) {
        // A setting out of range, by its code and in the language.
        return badInput('reminders', renderCoded(error as Coded, cliLanguage()));
      }
      await withDatabase(options.database ?? process.env.DATABASE_URL ?? DEFAULT_DATABASE, 'reminders', async (store) => {
        // A plan asked for by name: refused when there is none; not in force, it has no reminders, which is said (the plan's own outbox is delivered all the same).
        const plan = options.plan === undefined ? undefined : await store.getPlan(options.plan);
        if (options.plan !== undefined && plan === undefined) return badInput('reminders', say('not-found', { what: 'plan', id: options.plan }));
        const notInForce = plan === undefined ? null : plan.archivedAt !== null ? 'archived' : plan.status !== 'adopted' ? 'draft' : null;
        if (plan !== undefined && notInForce !== null) process.stderr.write(`albero reminders: ${terminalText(say('reminders-plan-not-in-force', { plan: plan.title, why: notInForce }))}\n`);
        // With --json the log mailer's messages go to stderr, so stdout stays one JSON document.
        const service = new ReminderService(store, { smtp, settings, log: (t) => (options.json === true ? process.stderr : process.stdout).write(t) });
        try {
          const run = await service.run(commandLineActor().username, { retryNow: options.retry === true, ...(plan === undefined ? {} : { planId: plan.id }) });
          // With --plan, the other plans' messages were left queued on purpose: only this plan's waiting ones count.
          const waiting = (await store.reminders.list({ status: 'queued', limit: 1, ...(plan === undefined ? {} : { planId: plan.id }) })).length;
          if (options.json === true) {
            process.stdout.write(
              `${JSON.stringify({ ...run, queued: run.queued.map((r) => ({ id: r.id, stage: r.stage, username: r.username, address: r.address, subject: r.subject, status: r.status, indicators: r.indicators })) }, null, 2)}\n`,
            );
          } else {
            process.stdout.write(
              `${say('reminders-run', { queued: run.queued.length, unaddressed: run.unaddressed, sent: run.sent, retrying: run.retrying, failed: run.failed, cancelled: run.cancelled, transport: service.transport })}\n`,
            );
          }
          if (waiting > 0 || run.failed > 0) process.exitCode = 1;
        } finally {
          await service.stop();
        }
      });
    });
}
