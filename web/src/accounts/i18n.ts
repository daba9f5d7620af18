/** The words of the account screens (own password, temporary password, email, deactivation), Italian first. */
import i18next from '../i18n.js';
import '../campaign/i18n-work.js';

const it = {
  account: {
    nav: 'Cambia la password',
    title: 'Cambia la tua password',
    forcedTitle: 'Scegli una nuova password',
    intro: 'Per cambiare la password serve quella attuale. Le altre sessioni aperte con il tuo account si chiudono.',
    forcedIntro: 'L’amministratore ti ha dato una password temporanea: per continuare scegline una tua. Finché non la cambi non puoi fare altro.',
    confirm: 'Ripeti la nuova password',
    submit: 'Cambia la password',
    changed: 'Password cambiata.',
    back: 'Torna ai piani',
    errors: {
      mismatch: 'Le due password non coincidono.',
      same: 'La nuova password deve essere diversa da quella attuale.',
      current: 'Indicare la password attuale.',
      field: { next: 'La nuova password deve avere almeno 8 caratteri (al massimo 200).', current: 'Indicare la password attuale.' },
      'wrong-password': 'La password attuale non è corretta.',
      'password-change-required': 'La password è temporanea: cambiarla prima di continuare.',
    },
  },
  accounts: {
    email: 'Email',
    emailHint: 'Riceve i promemoria delle scadenze; vuota se non serve.',
    noEmail: 'nessuna',
    language: 'Lingua delle email',
    languageHint: 'La lingua dei promemoria che Albero invia a questo account.',
    languageIt: 'Italiano',
    languageEn: 'Inglese',
    ownLanguage: 'Lingua delle email che ricevi',
    ownLanguageHint: 'I promemoria delle scadenze ti arrivano in questa lingua.',
    ownLanguageSave: 'Salva la lingua',
    ownLanguageSaved: 'Lingua delle email salvata.',
    temporary: 'Password temporanea',
    temporaryLabel: 'Imposta una password temporanea per {{name}}',
    temporaryTitle: 'Password temporanea per {{name}}',
    temporaryIntro: '{{name}} dovrà cambiarla al prossimo accesso; le sue sessioni aperte si chiudono ora. Comunicagliela per un canale sicuro.',
    temporarySubmit: 'Imposta la password temporanea',
    temporaryDone: 'Password temporanea impostata per «{{name}}»: dovrà cambiarla al prossimo accesso.',
    mustChange: 'Deve cambiare la password',
    deactivateTitle: 'Disattivare {{name}}?',
    deactivateText: '{{name}} ({{username}}) non potrà più accedere e le sue sessioni aperte si chiudono subito. I suoi dati e le modifiche registrate restano; l’account si può riattivare.',
    deactivateConfirm: 'Disattiva l’account',
    errors: { field: { email: 'Indirizzo email non valido (es. nome.cognome@ente.it) o già usato da un altro account.', password: 'La password deve avere almeno 8 caratteri (al massimo 200).' } },
  },
  users: { errors: { field: { email: 'Indirizzo email non valido (es. nome.cognome@ente.it) o già usato da un altro account.' } } },
};

const en: typeof it = {
  account: {
    nav: 'Change password',
    title: 'Change your password',
    forcedTitle: 'Choose a new password',
    intro: 'Changing the password needs the current one. Your other open sessions are closed.',
    forcedIntro: 'The administrator gave you a temporary password: choose your own to continue. Until you change it you can do nothing else.',
    confirm: 'Repeat the new password',
    submit: 'Change the password',
    changed: 'Password changed.',
    back: 'Back to the plans',
    errors: {
      mismatch: 'The two passwords differ.',
      same: 'The new password must differ from the current one.',
      current: 'Give the current password.',
      field: { next: 'The new password needs at least 8 characters (at most 200).', current: 'Give the current password.' },
      'wrong-password': 'The current password is not right.',
      'password-change-required': 'Your password is temporary: change it first.',
    },
  },
  accounts: {
    email: 'Email',
    emailHint: 'Receives the deadline reminders; leave empty if not needed.',
    noEmail: 'none',
    language: 'Email language',
    languageHint: 'The language of the reminders Albero sends this account.',
    languageIt: 'Italian',
    languageEn: 'English',
    ownLanguage: 'Language of the emails you receive',
    ownLanguageHint: 'The deadline reminders reach you in this language.',
    ownLanguageSave: 'Save the language',
    ownLanguageSaved: 'Email language saved.',
    temporary: 'Temporary password',
    temporaryLabel: 'Set a temporary password for {{name}}',
    temporaryTitle: 'Temporary password for {{name}}',
    temporaryIntro: '{{name}} must change it at the next sign-in; their open sessions end now. Tell it to them through a safe channel.',
    temporarySubmit: 'Set the temporary password',
    temporaryDone: 'Temporary password set for “{{name}}”: they must change it at the next sign-in.',
    mustChange: 'Must change the password',
    deactivateTitle: 'Deactivate {{name}}?',
    deactivateText: '{{name}} ({{username}}) will no longer sign in and their open sessions end at once. Their data and recorded changes stay; the account can be reactivated.',
    deactivateConfirm: 'Deactivate the account',
    errors: { field: { email: 'Not a valid email address (e.g. nome.cognome@ente.it), or another account has it.', password: 'The password needs at least 8 characters (at most 200).' } },
  },
  users: { errors: { field: { email: 'Not a valid email address (e.g. nome.cognome@ente.it), or another account has it.' } } },
};

i18next.addResourceBundle('it', 'translation', it, true, false);
i18next.addResourceBundle('en', 'translation', en, true, false);

export {};
