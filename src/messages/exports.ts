/** The refusals of export jobs (server/exports) in Italian and English. */
import { defineMessages, message } from '../core/messages/index.js';

export const EXPORT_MESSAGES = defineMessages({
  'export-not-found': message<{ id: string }>({
    it: (p) => `non c'è un'esportazione ${p.id} (se ne conserva il file per dieci minuti, solo per chi l'ha chiesta)`,
    en: (p) => `there is no export ${p.id} (its file is kept for ten minutes, for the account that asked for it only)`,
  }),
  'export-not-ready': message<{ id: string; done: number; total: number }>({
    it: (p) => `l'esportazione ${p.id} non è ancora pronta (${p.done} obiettivi su ${p.total})`,
    en: (p) => `the export ${p.id} is not ready yet (${p.done} of ${p.total} objectives)`,
  }),
  'export-failed': message<{ id: string }>({
    it: (p) => `l'esportazione ${p.id} non è riuscita: riprovare; se si ripete, avvisare l'amministratore`,
    en: (p) => `the export ${p.id} failed: try again; if it happens again, tell the administrator`,
  }),
});
