import 'bootstrap-italia/dist/css/bootstrap-italia.min.css';
import './styles.css';
import './i18n.js';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { api, setCsrfToken } from './api/client.js';
import type { Session } from './api/types.js';
import { App } from './App.js';

const root = createRoot(document.getElementById('root')!);
// Usually the session is in by now: early.ts asked for it while this script arrived (issue 15 §4).
const session = api.session();
const render = (known: Session | null | undefined) =>
  root.render(
    <StrictMode>
      <App session={session} known={known} />
    </StrictMode>,
  );
// A session slower than that renders the app at once, which waits for it itself ("Caricamento…").
const WAIT_MS = 200;
void Promise.race([
  session.then(
    (s) => {
      setCsrfToken(s.csrfToken);
      return s;
    },
    () => null,
  ),
  new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), WAIT_MS)),
]).then(render);
