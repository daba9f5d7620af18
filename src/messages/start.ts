/**
 * What the server says when it starts (`npm start`, `albero serve`; server/main.ts): where it
 * serves, the demo accounts or how to create the first one, and a setting of the environment it
 * cannot use. In the starter's language: Italian when the locale is Italian, as the CLI.
 */
import { defineMessages, message } from '../core/messages/index.js';

/** What each kind of setting takes. */
const EXPECTED = {
  it: {
    megabytes: 'un numero positivo di megabyte',
    minutes: 'un numero di minuti (0: mai)',
    bytes: 'un numero intero di byte maggiore di 0',
    rows: 'un numero intero di righe maggiore di 0',
    milliseconds: 'un numero intero di millisecondi (0: nessuna attesa)',
  },
  en: {
    megabytes: 'a positive number of megabytes',
    minutes: 'a number of minutes (0: off)',
    bytes: 'a whole number of bytes greater than 0',
    rows: 'a whole number of rows greater than 0',
    milliseconds: 'a whole number of milliseconds (0: no wait)',
  },
} as const;

export const START_MESSAGES = defineMessages({
  /** A size, a count or an interval from the environment that is not one (ALBERO_MAX_*_MB, ALBERO_XLSX_MAX_*, ALBERO_REMINDERS_EVERY_MINUTES, ALBERO_SQLITE_BUSY_TIMEOUT_MS). */
  'setting-invalid': message<{ name: string; value: string; what: 'megabytes' | 'minutes' | 'bytes' | 'rows' | 'milliseconds' }>({
    it: (p) => `${p.name} deve essere ${EXPECTED.it[p.what]}, non «${p.value}»`,
    en: (p) => `${p.name} must be ${EXPECTED.en[p.what]}, not “${p.value}”`,
  }),
  /**
   * `--database` / DATABASE_URL names a database that cannot be used, or one found so while a
   * command works: damaged, locked, the disk full (store/index.ts `databaseProblem`).
   */
  'database-unusable': message<{
    database: string;
    reason:
      'folder' | 'cannot-open' | 'not-a-database' | 'damaged' | 'read-only' | 'busy' | 'full' | 'io-error' | 'unreachable' | 'bad-url' | 'no-such-database' | 'wrong-password' | 'user-not-allowed';
    /**
     * PostgreSQL's server (host:port), database and user, for its refusals and a server that does
     * not answer (store/index.ts `postgresTarget`): the location hides the user with the password.
     */
    server?: string;
    name?: string;
    user?: string;
  }>({
    it: (p) =>
      `il database ${p.database} non si può usare: ${
        {
          folder: 'è una cartella, non un file',
          'cannot-open': 'il file non si può aprire (permessi o percorso)',
          'not-a-database': 'il file non è un database SQLite',
          damaged: 'il database SQLite è danneggiato',
          'read-only': 'il file, o la cartella che lo contiene, è di sola lettura',
          busy: 'un altro programma lo tiene bloccato; riprovare tra poco',
          full: 'il disco è pieno',
          'io-error': 'il disco non si è potuto leggere o scrivere',
          unreachable: `il server PostgreSQL ${p.server ?? ''} non risponde (utente «${p.user ?? ''}», database «${p.name ?? ''}»)`,
          'bad-url': "l'indirizzo non si legge: si scrive postgres://utente:password@host:porta/database, con i caratteri speciali codificati (% come %25, @ come %40)",
          'no-such-database': `sul server PostgreSQL ${p.server ?? ''} non esiste un database «${p.name ?? ''}»`,
          'wrong-password': `il server PostgreSQL ${p.server ?? ''} non accetta la password dell'utente «${p.user ?? ''}»`,
          'user-not-allowed': `il server PostgreSQL ${p.server ?? ''} non fa entrare l'utente «${p.user ?? ''}» nel database «${p.name ?? ''}» (l'utente non esiste, o pg_hba.conf non lo ammette da qui)`,
        }[p.reason]
      }`,
    en: (p) =>
      `the database ${p.database} cannot be used: ${
        {
          folder: 'it is a folder, not a file',
          'cannot-open': 'the file cannot be opened (permissions or path)',
          'not-a-database': 'the file is not a SQLite database',
          damaged: 'the SQLite database is damaged',
          'read-only': 'the file, or the folder holding it, is read-only',
          busy: 'another program holds it locked; try again shortly',
          full: 'the disk is full',
          'io-error': 'the disk could not be read or written',
          unreachable: `the PostgreSQL server ${p.server ?? ''} does not answer (user “${p.user ?? ''}”, database “${p.name ?? ''}”)`,
          'bad-url': 'its address cannot be read: it is written postgres://user:password@host:port/database, special characters encoded (% as %25, @ as %40)',
          'no-such-database': `the PostgreSQL server ${p.server ?? ''} has no database “${p.name ?? ''}”`,
          'wrong-password': `the PostgreSQL server ${p.server ?? ''} does not accept the password of user “${p.user ?? ''}”`,
          'user-not-allowed': `the PostgreSQL server ${p.server ?? ''} does not let user “${p.user ?? ''}” into database “${p.name ?? ''}” (no such user, or pg_hba.conf does not admit it from here)`,
        }[p.reason]
      }`,
  }),
  /** A change the database itself refused while a command worked (a constraint or trigger of its own): the driver's words as detail. */
  'database-refused': message<{ database: string; detail: string }>({
    it: (p) => `il database ${p.database} ha rifiutato la modifica: ${p.detail}`,
    en: (p) => `the database ${p.database} refused the change: ${p.detail}`,
  }),
  /** Any other error of the database driver while a command works: a statement of ours it could not run (said as an internal error). */
  'database-failed': message<{ database: string; detail: string; code: string }>({
    it: (p) => `il database ${p.database} non ha potuto eseguire un'istruzione: ${p.detail} (${p.code})`,
    en: (p) => `the database ${p.database} could not run a statement: ${p.detail} (${p.code})`,
  }),
  /**
   * The port or the address the server was told to listen on cannot be had (server/server.ts
   * `listenProblem`): another program holds the port, the port needs the administrator's rights,
   * the address is not this machine's. Bad input (exit 2 from `albero serve`), not a fault of the program.
   */
  'server-cannot-listen': message<{ host: string; port: number; reason: 'in-use' | 'denied' | 'no-address' }>({
    it: (p) =>
      ({
        'in-use': `la porta ${p.port} di ${p.host} è già in uso da un altro programma: sceglierne un'altra con --port (o PORT), oppure fermare quel programma`,
        denied: `la porta ${p.port} di ${p.host} si apre solo con i permessi di amministratore: sceglierne una sopra 1023 con --port (o PORT)`,
        'no-address': `l'indirizzo ${p.host} non è di questa macchina: indicarne uno suo con --host (o HOST), oppure 0.0.0.0 per tutti`,
      })[p.reason],
    en: (p) =>
      ({
        'in-use': `port ${p.port} of ${p.host} is already in use by another program: choose another with --port (or PORT), or stop that program`,
        denied: `port ${p.port} of ${p.host} opens only with the administrator's rights: choose one above 1023 with --port (or PORT)`,
        'no-address': `the address ${p.host} is not this machine's: give one of its own with --host (or HOST), or 0.0.0.0 for all`,
      })[p.reason],
  }),
  'server-serving': message<{ url: string; database: string }>({
    it: (p) => `Albero è in servizio su ${p.url} (database: ${p.database})`,
    en: (p) => `Albero is serving on ${p.url} (database: ${p.database})`,
  }),
  'server-demo-accounts': message<{ url: string }>({
    it: (p) => `Piano dimostrativo caricato. Accedere a ${p.url}/ con uno di questi account (le password sono mostrate solo ora):`,
    en: (p) => `Demo plan loaded. Sign in at ${p.url}/ with one of these accounts (passwords shown only now):`,
  }),
  'server-no-accounts': message<{ command: string }>({
    it: (p) => `Nessun account: creare il primo amministratore con\n  ${p.command}`,
    en: (p) => `No accounts yet: create the first administrator with\n  ${p.command}`,
  }),
  'server-sign-in': message<{ url: string }>({
    it: (p) => `Accedere a ${p.url}/`,
    en: (p) => `Sign in at ${p.url}/`,
  }),
  'server-api-docs': message<{ url: string }>({
    it: (p) => `Documentazione dell’API: ${p.url}/api/openapi.json`,
    en: (p) => `API documentation: ${p.url}/api/openapi.json`,
  }),
  'server-cannot-start': message<{ reason: string }>({
    it: (p) => `albero server: impossibile avviare: ${p.reason}`,
    en: (p) => `albero server: cannot start: ${p.reason}`,
  }),
});
