import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './styles.css';
import i18next from './i18n.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, holdSession } from './api/client.js';
import { periodOfAddress, planOfAddress } from './api/early.js';
import { keys, newQueryClient, readerOf, seedRead } from './api/queries.js';
import type { Session } from './api/types.js';
import { App, type FirstCache } from './App.js';
import { forgetStale } from './detail/drafts.js';

// Entry drafts past their lifetime leave the browser before anyone signs in (a shared office PC).
forgetStale();

const root = createRoot(document.getElementById('root')!);
// Usually the session, and on a plan's address the plan and its tree, are in by now: early.ts
// asked for them while this script arrived (issue 15 §4).
const session = api.session();
// Anything slower than that renders the app at once, which waits for it itself ("Caricamento…").
const WAIT_MS = 200;
const late = new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), WAIT_MS));

/**
 * The first render's cache: with the session known, a plan's address has its plan and tree put in
 * the reader's query cache, so the first render draws the tree rather than "Caricamento…" and then
 * the tree (one render and layout instead of two). Waits for them within the same WAIT_MS; a read
 * still under way is handed over as it is, and the screen takes it when it arrives.
 */
async function firstCache(known: Session | null): Promise<FirstCache | undefined> {
  const encoded = planOfAddress(window.location);
  if (encoded === null) return undefined;
  // As App.tsx reads the id from the address; the API client encodes it again into the same path as early.ts's.
  const planId = decodeURIComponent(encoded);
  const period = periodOfAddress(window.location);
  const client = newQueryClient();
  // In the language i18n.ts started in (the one early.ts asked the tree in), as the plan's screen reads it.
  const lang = i18next.language === 'en' ? 'en' : 'it';
  const reads = [seedRead(client, keys.plan(planId), api.plan(planId)), seedRead(client, keys.tree(planId, period, lang), api.tree(planId, period, lang))];
  await Promise.race([Promise.all(reads), late]);
  return { reader: readerOf(known?.user ?? null), client };
}

void Promise.race([
  session.then(
    (s) => {
      holdSession(s);
      return s;
    },
    () => null,
  ),
  late,
])
  .then(async (known) => [known, known === undefined ? undefined : await firstCache(known)] as const)
  .then(([known, first]) =>
    root.render(
      <StrictMode>
        <App session={session} known={known} first={first} />
      </StrictMode>,
    ),
  );
