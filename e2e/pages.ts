/**
 * What every browser test does with the app: open a page, sign in as one of the seeded accounts,
 * call the API as that page's session, import the fixture, open a plan, filter the tree, read a performance, run axe.
 * One set for every test file; each file passes its own server, browser and plan.
 */
import { readFileSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import { FIXTURE } from '../test/helpers.js';
import { tinyPdf } from '../test/support/files.js';
import { seriousViolations } from './axe.js';
import { launchChromium } from './browser.js';
import { ACCOUNTS, PASSWORD, startServer, type RunningServer } from './server.js';

export interface E2eWorld {
  server: RunningServer;
  browser: Browser;
  planId: string;
  /** What the content-security policy refused on any page of the file: checked empty after the file's tests. */
  cspViolations: string[];
  /**
   * Every console error of the file's pages, with the page's address: a failed request (a 4xx or 5xx
   * the browser logs), an uncaught error, a React warning. Tests that show a screen in a normal state
   * check it empty; a screen that shows a refusal logs the refused request, so it is not checked for all.
   */
  consoleErrors: string[];
  /** How many times the fixture was imported (see `importFixture`). */
  imports?: number;
  /** Every browser context the file's pages opened (`newPage`, and all that open through it): closed after its tests. */
  opened: BrowserContext[];
}

/**
 * A test file's world: the real server on a fresh database and Chromium, started before the file's
 * tests (with the fixture imported when asked, and `env` added to the server's environment) and stopped after them.
 * `env` may be a function, read when the server starts: for what an earlier `beforeAll` started (an identity provider's address).
 */
export function e2eWorld(options: { fixture?: boolean; env?: Readonly<Record<string, string>> | (() => Readonly<Record<string, string>>) } = {}): E2eWorld {
  const world = { cspViolations: [], consoleErrors: [], opened: [] } as unknown as E2eWorld;
  beforeAll(async () => {
    world.server = await startServer(typeof options.env === 'function' ? options.env() : options.env);
    world.browser = await launchChromium();
    if (options.fixture === true) world.planId = await pages(world).importFixture('Ente');
  }, 120_000);
  afterAll(async () => {
    // A context a test closed already is closed again as a no-op.
    for (const context of world.opened) await context.close();
    await world.browser?.close();
    await world.server?.stop();
    // The app works under its content-security policy: nothing it loads or runs is refused.
    expect(world.cspViolations).toEqual([]);
  });
  return world;
}

/** The focused element, as a test names it: its id, else its test id, else its tag and text; `body` when nothing has the focus. */
export function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (a === null || a === document.body) return 'body';
    return a.id || a.getAttribute('data-testid') || `${a.tagName.toLowerCase()}:${(a.textContent ?? '').trim()}`;
  });
}

/** The field `id` as a screen reader meets it: invalid, the words describing it, whether it has the focus. */
export const field = (page: Page, id: string) =>
  page.evaluate((id) => {
    const el = document.getElementById(id);
    const said = (el?.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((ref) => document.getElementById(ref)?.textContent ?? '')
      .join(' ')
      .trim();
    return { invalid: el?.getAttribute('aria-invalid') ?? null, said, focused: el !== null && document.activeElement === el };
  }, id);

/**
 * After an action pressed from the keyboard, the next Tab goes on from where the focus is, not from
 * the top of the page (the skip link) nor from the page's body: the focus was not dropped.
 */
export async function tabGoesOn(page: Page): Promise<void> {
  await page.keyboard.press('Tab');
  expect(await focused(page)).not.toBe('skip-link');
  expect(await focused(page)).not.toBe('body');
}

/** Presses Enter on the element `selector` has, focused first, as a keyboard user presses a button. */
export async function pressWithKeyboard(page: Page, selector: string): Promise<void> {
  await page.locator(selector).focus();
  await page.keyboard.press('Enter');
}

/** Where an action pressed from the keyboard must leave the focus (see `pressLandsOn`). */
export interface Landing {
  /** The element that takes it, as `focused` names it. */
  on: string;
  /** That element's text: the whole of it, or a pattern of it (the message saying what happened). */
  says?: string | RegExp;
  /** The screen's name for axe, which is run on it there when given. */
  axe?: string;
  /**
   * What the action must have done before the focus is looked at (a dialog gone, a row changed, a
   * file downloaded): where the focus is to come back to the control pressed, or to one it had
   * before, it is still there before the answer comes.
   */
  after?: () => Promise<unknown>;
}

/**
 * Presses `selector` from the keyboard, as a keyboard user presses a button, and checks that the
 * focus lands where `landing` says (its element, its words, axe clean there), not on the page's body;
 * then that the next Tab goes on from there.
 */
export async function pressLandsOn(page: Page, selector: string, landing: Landing): Promise<void> {
  await pressWithKeyboard(page, selector);
  await landing.after?.();
  await expect.poll(() => focused(page), { message: `the focus after pressing ${selector}` }).toBe(landing.on);
  if (landing.says !== undefined) {
    const text = await page.evaluate(() => (document.activeElement instanceof HTMLElement ? document.activeElement.innerText : ''));
    if (typeof landing.says === 'string') expect(text.trim()).toBe(landing.says);
    else expect(text).toMatch(landing.says);
  }
  if (landing.axe !== undefined) await expectAccessible(page, landing.axe);
  await tabGoesOn(page);
}

/** A dialog of the app's (its test id) opened from the keyboard, filled in and sent (see `throughDialog`). */
export interface DialogSteps {
  /** The control that opens it. */
  open: string;
  dialog: string;
  /** What is typed or chosen in it, or done meanwhile at another desk. */
  fill?: () => Promise<unknown>;
  /** The control that sends it. */
  send: string;
  /** It stays open once sent, to say a refusal. */
  stays?: boolean;
}

/**
 * A dialog opened from the keyboard, filled in and sent from it: where the focus lands, as
 * `pressLandsOn` checks it, once the dialog is gone (or, when it `stays`, once the answer is in it).
 */
export async function throughDialog(page: Page, steps: DialogSteps, landing: Landing): Promise<void> {
  await pressWithKeyboard(page, steps.open);
  await page.waitForSelector(`[data-testid=${steps.dialog}][open]`);
  await steps.fill?.();
  await pressLandsOn(page, steps.send, {
    ...landing,
    after: async () => {
      if (steps.stays !== true) await page.waitForSelector(`[data-testid=${steps.dialog}]`, { state: 'detached' });
      await landing.after?.();
    },
  });
}

/** No serious or critical WCAG finding of axe on the page as it is (`screen` names it in the failure). */
async function expectAccessible(page: Page, screen: string): Promise<void> {
  const found = await seriousViolations(page);
  expect(found, `${screen}: ${JSON.stringify(found, null, 1)}`).toEqual([]);
}

/**
 * The context's pages draw each frame the app asks for at once, in a task queued when it is asked:
 * before React commits what a request's answer brought, as a busy machine can order them (React
 * commits an answer's render in a task of its own, and a frame may come first). What an answer
 * puts in the page must still take the focus it is given (ui/Form.tsx, `focusSoon`): without
 * this, that order came only now and then, under load.
 */
export async function earlyFrames(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    let last = 0;
    const cancelled = new Set<number>();
    window.requestAnimationFrame = (callback) => {
      const id = ++last;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        if (!cancelled.delete(id)) callback(performance.now());
      };
      channel.port2.postMessage(null);
      return id;
    };
    window.cancelAnimationFrame = (id) => void cancelled.add(id);
  });
}

/**
 * Presses Tab from wherever the page is, without waiting for it to settle, until the element `wanted`
 * names (its id, as `focused` says it, or a pattern of its text) has the focus. Before the app has
 * drawn a thing to focus, a Tab leaves the focus on the body, whose text is the whole page's and is
 * never taken for a match; so the Tabs go on for as long as a loaded machine may take to draw the
 * page, not for a number of them.
 */
export async function tabTo(page: Page, wanted: string | RegExp, withinMs = 20_000): Promise<void> {
  const stops: string[] = [];
  for (const deadline = Date.now() + withinMs; Date.now() < deadline;) {
    await page.keyboard.press('Tab');
    const stop = await focused(page);
    stops.push(stop);
    if (typeof wanted === 'string' ? stop === wanted : stop !== 'body' && wanted.test(await page.evaluate(() => document.activeElement?.textContent ?? ''))) return;
  }
  throw new Error(`${String(wanted)} not reached by Tab in ${withinMs} ms; the last stops: ${stops.slice(-20).join(', ')}`);
}

/** The language picked in the open dialog's own selector (the header's is out of reach under it). */
export async function dialogLanguage(page: Page, lang: 'it' | 'en'): Promise<void> {
  await page.selectOption('dialog[open] [data-testid=dialog-language]', lang);
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
}

/**
 * The plan's screen settled (PlanView's `data-ready`): the tree drawn is the one the screen stays on
 * — of `period` when given, else of whichever period the screen chose — and nothing of it or of the
 * plan's summary is still being read. Opened without a period, the office's screen first draws the
 * server's default and then switches to the period collecting (or the latest closed), reading the
 * tree again: what is pressed before that acts on a tree about to be replaced (an entry form, keyed
 * by its period, starts again; a button pressed may go with the screen it was on), and a wait for
 * what that press was to bring can wait in vain. Acting after this, never after a pause.
 */
export async function planSettled(page: Page, period?: string): Promise<void> {
  await page.waitForSelector(`[data-testid=plan-screen][data-ready=true]${period === undefined ? '' : `[data-period="${period}"]`}`);
}

/**
 * Period `period` picked in the plan's selector, and its tree in: the selector names it at once, while
 * the tree before it stays on screen until the new one is read (an entry form opened meanwhile is the
 * other period's, and starts again when the tree comes).
 */
export async function pickPeriod(page: Page, period: string): Promise<void> {
  await page.selectOption('#period', period);
  await planSettled(page, period);
}

/** The plan's screen settled (`planSettled`), its tree drawn from the first area. */
export async function planDrawn(page: Page, period?: string): Promise<void> {
  await planSettled(page, period);
  await page.waitForSelector('[data-testid=tree] [data-code="A"]');
}

/**
 * An appraisal screen settled: the list of a year or a form (`data-ready` on its root, `useSettled`),
 * its own read in and nothing else of the page being read; or a form that cannot be read, which says
 * so and stays. Before it, a Tab or a click may land on a screen still filling in (the trail, the
 * plans of the relink control, HR's records coming in above the list) and a check read a list about to change.
 */
export async function appraisalSettled(page: Page): Promise<void> {
  await page.waitForSelector('[data-testid=appraisals-page][data-ready=true], [data-testid=appraisal-form][data-ready=true], [data-testid=form-read-error]');
}

export function pages(world: E2eWorld) {
  /** The file's plan's address in the API. */
  const planApi = (): string => `/api/plans/${encodeURIComponent(world.planId)}`;

  /** A page of a browser context of its own, closed after the file's tests (`E2eWorld.opened`). */
  async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
    // Reduced motion: the app's Bootstrap scrolls smoothly otherwise (`scroll-behavior: smooth`),
    // so the page could still be gliding under a click's pointer between its press and release.
    const context = await world.browser.newContext({ viewport: { width: 1440, height: 1000 }, acceptDownloads: true, locale: 'it-IT', reducedMotion: 'reduce' });
    world.opened.push(context);
    const page = await context.newPage();
    page.on('pageerror', (e) => {
      console.error(`page error: ${e.message}`);
      (world.consoleErrors ??= []).push(`${page.url()}: page error: ${e.message}`);
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) (world.cspViolations ??= []).push(m.text());
      if (m.type() === 'error') (world.consoleErrors ??= []).push(`${page.url()}: ${m.text()}${m.location().url === '' ? '' : ` (${m.location().url})`}`);
    });
    return { context, page };
  }

  async function login(page: Page, who: keyof typeof ACCOUNTS | { username: string }, password = PASSWORD): Promise<void> {
    await page.goto(`${world.server.url}/`);
    await page.fill('#username', typeof who === 'string' ? ACCOUNTS[who].username : who.username);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.waitForSelector('[data-testid=signed-in]');
  }

  /** A page where `who` signed in through the sign-in form (`newPage`, `login`). */
  async function loggedIn(who: keyof typeof ACCOUNTS): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await newPage();
    await login(opened.page, who);
    return opened;
  }

  /** The API as the logged-in browser context (its cookie, and the CSRF token from the session). */
  async function apiAs(context: BrowserContext, method: 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE', path: string, data?: unknown) {
    const session = await (await context.request.get(`${world.server.url}/api/session`)).json();
    const r = await context.request.fetch(`${world.server.url}${path}`, {
      method,
      headers: { 'X-CSRF-Token': session.csrfToken, 'Content-Type': 'application/json' },
      ...(data === undefined ? {} : { data: JSON.stringify(data) }),
    });
    return { status: r.status(), body: await r.json().catch(() => null) };
  }

  /** Ends the page's session on the server, as an expiry does (its sign-out, called from elsewhere with its cookie); the page keeps its now dead cookie. */
  async function endSession(context: BrowserContext): Promise<void> {
    const elsewhere = await world.browser.newContext();
    await elsewhere.addCookies(await context.cookies());
    const { csrfToken } = await (await elsewhere.request.get(`${world.server.url}/api/session`)).json();
    expect((await elsewhere.request.delete(`${world.server.url}/api/session`, { headers: { 'X-CSRF-Token': csrfToken } })).status()).toBe(200);
    await elsewhere.close();
    expect(await (await context.request.get(`${world.server.url}/api/session`)).json()).toBeNull();
  }

  /** The plan `planId` (by default the file's plan) opened, its tree drawn and settled on the period the screen stays on. */
  async function openPlan(page: Page, planId = world.planId): Promise<void> {
    await page.goto(`${world.server.url}/#/plans/${encodeURIComponent(planId)}`);
    await planDrawn(page);
  }

  /** The entry form of indicator `indicatorId` (of objective `code`) in the period ending `period`, the file's plan opened. */
  async function openEntryForm(page: Page, code: string, indicatorId: string, period: string): Promise<void> {
    await openPlan(page);
    // The row pressed in the period's own tree: the form opened on the one before it would start again.
    await pickPeriod(page, period);
    await search(page, code);
    await page.click(`[data-indicator="${indicatorId}"] .tree-link`);
    await page.waitForSelector('#entry-actual');
  }

  /** The appraisal form `id` opened at its address (without one, the list of forms), settled (`appraisalSettled`). */
  async function openAppraisal(page: Page, id?: string): Promise<void> {
    await page.goto(`${world.server.url}/#/appraisals${id === undefined ? '' : `/${encodeURIComponent(id)}`}`);
    await appraisalSettled(page);
  }

  /** Indicator `indicatorId` of objective `code` in the period ending `period`, as the server's tree has it (through the API). */
  async function storedIndicator(context: BrowserContext, code: string, indicatorId: string, period: string): Promise<{ actual: unknown; state: string } | undefined> {
    const doc = (await apiAs(context, 'GET', `${planApi()}/tree?period=${period}`)).body as {
      objectives: Array<{ code: string; indicators: Array<{ id: string; actual: unknown; state: string }> }>;
    };
    return doc.objectives.find((o) => o.code === code)?.indicators.find((i) => i.id === indicatorId);
  }

  /** Rows are virtualised: filter the tree so the one wanted is drawn. */
  async function search(page: Page, text: string): Promise<void> {
    await page.fill('#f-search', text);
  }

  /**
   * Picks the screen's language in the header and waits until the app has switched (`<html lang>`)
   * and the screen's settled marker, whichever it has (`planSettled`, `appraisalSettled`), says it
   * settled in that language.
   */
  async function chooseLanguage(page: Page, lang: 'it' | 'en'): Promise<void> {
    // The selector is labelled in the screen's language.
    await page.selectOption('select[aria-label=Lingua], select[aria-label=Language]', lang);
    await expect.poll(() => page.locator('html').getAttribute('lang')).toBe(lang);
    // A screen with a settled marker (`data-ready`: the plan's, an appraisal list's or form's) reads
    // its data again in the new language, the old one on screen meanwhile: waited for settled in it.
    if ((await page.locator('[data-ready]').count()) > 0) {
      await page.waitForFunction((lang) => {
        const markers = Array.from(document.querySelectorAll('[data-ready]'));
        return markers.length > 0 && markers.every((m) => m.getAttribute('data-lang') === lang && m.getAttribute('data-ready') === 'true');
      }, lang);
    }
  }

  /** The words of objective `code`'s performance cell in the tree, white space folded. */
  async function performanceCell(page: Page, code: string): Promise<string> {
    return (await page.locator(`[data-testid="perf-${code}"]`).innerText()).replace(/\s+/g, ' ').trim();
  }

  async function objectivePerformance(page: Page, code: string) {
    const cell = page.locator(`[data-code="${code}"] [data-testid="perf-${code}"]`);
    await cell.waitFor();
    return { text: (await cell.innerText()).replace(/\s+/g, ' '), band: await page.locator(`[data-code="${code}"]`).getAttribute('data-band') };
  }

  /** A browser context signed in as `who` through the API, with no page drawn: for a test's set-up through `apiAs`. */
  async function signedIn(who: keyof typeof ACCOUNTS): Promise<BrowserContext> {
    return (await signedInPage(who, null)).context;
  }

  /**
   * The values of objective `code` in the period ending `period` opened to the referente, as the
   * entry tests begin: the objective given to the referente's unit and the period set collecting by
   * the controller, whose context (signed in through the API) is returned for `apiAs`.
   */
  async function openToReferente(code: string, period: string): Promise<BrowserContext> {
    const controller = await signedIn('controller');
    const plan = planApi();
    expect((await apiAs(controller, 'PATCH', `${plan}/nodes/${code}`, { unit: ACCOUNTS.referente.units[0] })).status).toBe(200);
    expect((await apiAs(controller, 'POST', `${plan}/periods/${period}/transition`, { to: 'collecting' })).status).toBe(200);
    return controller;
  }

  /**
   * The referente signs in on `page` through the sign-in form and opens the file's plan; with
   * `period`, the screen is checked to offer that period first.
   */
  async function referenteOpensPlan(page: Page, period?: string): Promise<void> {
    await login(page, 'referente');
    await openPlan(page);
    // The selector names the period asked for before its tree is in: the tree's own period is waited for.
    if (period !== undefined) {
      await planSettled(page, period);
      expect(await page.inputValue('#period')).toBe(period);
    }
  }

  /** Indicator `indicatorId`'s detail (titled `title`) and its entry form, the tree filtered to its objective. */
  async function pickIndicator(page: Page, indicatorId: string, title: string): Promise<void> {
    await search(page, indicatorId.slice(0, indicatorId.indexOf(':')));
    await page.click(`[data-indicator="${indicatorId}"] .tree-link`);
    await expect.poll(() => page.locator('#detail-title').innerText()).toContain(title);
    await page.waitForSelector('#entry-actual');
  }

  /**
   * A page signed in as `who` through the API, then opened at `url` (by default the app's first
   * screen) and drawn for that account; with `url` null, left blank (its context for `apiAs` first).
   * The sign-in form's steps left out where the test is not about signing in: each costs seconds of
   * a loaded machine's browser.
   */
  async function signedInPage(who: keyof typeof ACCOUNTS, url: string | null = `${world.server.url}/`): Promise<{ context: BrowserContext; page: Page }> {
    const opened = await newPage();
    const r = await opened.context.request.post(`${world.server.url}/api/session`, { data: { username: ACCOUNTS[who].username, password: PASSWORD } });
    expect(r.status(), await r.text()).toBe(200);
    if (url !== null) {
      await opened.page.goto(url);
      await opened.page.waitForSelector('[data-testid=signed-in]');
    }
    return opened;
  }

  /**
   * The referente at an indicator's detail (its evidence panel drawn), the indicator's objective
   * first given to the referente's unit by the controller, whose context is returned for `apiAs`.
   */
  async function referenteAtIndicator(indicator = 'B.2.2:3'): Promise<{ page: Page; controller: BrowserContext }> {
    const controller = await signedIn('controller');
    const objective = indicator.slice(0, indicator.indexOf(':'));
    expect((await apiAs(controller, 'PATCH', `${planApi()}/nodes/${objective}`, { unit: ACCOUNTS.referente.units[0] })).status).toBe(200);
    const { page } = await loggedIn('referente');
    await openPlan(page);
    await search(page, objective);
    await page.click(`[data-indicator="${indicator}"] .tree-link`);
    await page.waitForSelector('[data-testid=evidence-files]');
    return { page, controller };
  }

  /** A one-page PDF named `name`, reading `text`, attached by `context`'s account to the value at `value` (its API path). */
  async function attachPdf(context: BrowserContext, value: string, name: string, text: string): Promise<void> {
    const { csrfToken } = await (await context.request.get(`${world.server.url}/api/session`)).json();
    const uploaded = await context.request.post(`${world.server.url}${value}/attachments`, {
      headers: { 'X-CSRF-Token': csrfToken },
      multipart: { file: { name, mimeType: 'application/pdf', buffer: tinyPdf(text) } },
    });
    expect(uploaded.status(), await uploaded.text()).toBe(201);
  }

  /**
   * The fixture imported as the controller, through the API, for `organisation`: the plan's id. A
   * body holds one plan per year and title, so each import is for a body of its own unless told
   * (`Ente 1`, `Ente 2`, …; the world's own fixture, and the app's import screen, are `Ente`'s).
   */
  async function importFixture(organisation = `Ente ${(world.imports = (world.imports ?? 0) + 1)}`): Promise<string> {
    const context = await signedIn('controller');
    const { csrfToken } = await (await context.request.get(`${world.server.url}/api/session`)).json();
    const r = await context.request.post(`${world.server.url}/api/plans/import`, {
      headers: { 'X-CSRF-Token': csrfToken },
      multipart: {
        file: { name: 'albero-performance-2024.txt', mimeType: 'text/plain', buffer: readFileSync(FIXTURE) },
        year: '2024',
        organisation,
      },
    });
    expect(r.status(), await r.text()).toBe(201);
    const id = String((await r.json()).plan.id);
    await context.close();
    return id;
  }

  /** A new objective below the area `area`, added through the dialog and selected in the tree: its code. */
  async function addObjective(page: Page, area: string, title: string): Promise<string> {
    await page.selectOption('#f-area', area);
    await page.click(`[data-code="${area}"] .tree-link`);
    await page.click('[data-testid=open-child]');
    await page.waitForSelector('[data-testid=node-dialog][open]');
    const code = await page.inputValue('#node-code');
    await page.fill('#node-title', title);
    await page.click('[data-testid=dialog-submit]');
    await page.waitForSelector('[data-testid=node-dialog]', { state: 'detached' });
    await search(page, code);
    await page.click(`[data-code="${code}"] .tree-link`);
    return code;
  }

  /**
   * The API reads (GET) the page asks for from now on, each as path and query
   * (`/api/plans?archived=true`): a screen that reads through the cache asks once.
   */
  function readsOf(page: Page): string[] {
    const reads: string[] = [];
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (r.method() === 'GET' && url.pathname.startsWith('/api/')) reads.push(url.pathname + url.search);
    });
    return reads;
  }

  /** Marks the page's document: the answer says whether it is still that one (no reload since). */
  async function sameDocument(page: Page): Promise<() => Promise<boolean>> {
    await page.evaluate(() => Object.assign(window, { albero_e2e_mark: true }));
    return () => page.evaluate(() => 'albero_e2e_mark' in window);
  }

  /**
   * The file's plan's body given the example SMVP of 2024 by HR, and a 2024 form of the referente
   * (staff, the referente's unit all year, the plan's results) with the dirigente as evaluator, as HR
   * creates it: the form as the server answered (its `id` and `version`).
   */
  async function staffForm(hr: BrowserContext): Promise<{ id: string; version: number }> {
    const organisation = (await apiAs(hr, 'GET', planApi())).body.organisation as string;
    expect((await apiAs(hr, 'PUT', '/api/smvp/2024', { document: exampleSmvpJson(organisation, 2024), reason: 'Delibera n. 5/2024' })).status).toBe(200);
    const people = (await apiAs(hr, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const id = (username: string): string => people.find((p) => p.username === username)!.id;
    const unit = ACCOUNTS.referente.units[0]!;
    const unitId = ((await apiAs(hr, 'GET', '/api/units')).body as { id: string; name: string }[]).find((u) => u.name === unit)!.id;
    const created = await apiAs(hr, 'POST', '/api/appraisals', {
      year: 2024,
      personId: id(ACCOUNTS.referente.username),
      evaluatorId: id(ACCOUNTS.dirigente.username),
      category: 'personale',
      planId: world.planId,
      assignments: [{ unitId, from: '2024-01-01', to: '2024-12-31', partTime: 100 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    return created.body;
  }

  /**
   * A `staffForm` taken by the API up to the dirigente's evaluation, as the referente meets it to
   * contest: its objective set, acknowledged by both, the interview held (`interviewNote`), the
   * objective measured at 92 against 90 and the behaviours rated. The form's `id`.
   */
  async function evaluatedStaffForm(hr: BrowserContext, boss: BrowserContext, person: BrowserContext, interviewNote: string): Promise<{ id: string }> {
    const created = await staffForm(hr);
    const form = `/api/appraisals/${encodeURIComponent(created.id)}`;
    let version = created.version;
    const take = async (by: BrowserContext, method: 'POST' | 'PATCH', path: string, body: Record<string, unknown>) => {
      const r = await apiAs(by, method, path, { ...body, version });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      version = r.body.version;
    };
    const objective = { title: 'Pratiche evase entro 30 giorni', weight: 100, comparator: '>=', target: 90, unit: 'number', scoring: null, reason: null };
    await take(boss, 'PATCH', form, { objectives: [{ ...objective, state: 'not_measured', actual: null }] });
    await take(boss, 'POST', `${form}/actions`, { action: 'acknowledge' });
    await take(person, 'POST', `${form}/actions`, { action: 'acknowledge' });
    await take(boss, 'POST', `${form}/actions`, { action: 'interview', note: interviewNote });
    await take(boss, 'PATCH', form, { objectives: [{ ...objective, state: 'measured', actual: 92 }], ratings: { C1: 4, C2: 4, C3: 3 } });
    await take(boss, 'POST', `${form}/actions`, { action: 'evaluate' });
    return { id: created.id };
  }

  /**
   * The controller's and the OIV's pages signed in, the fixture plan's year end closed and its
   * Relazione transmitted, every checkpoint answered yes by the OIV with `note`: the OIV is about to decide.
   * Both pages are closed after the file's tests.
   */
  async function relazioneWithTheOiv(note: string): Promise<{ office: Awaited<ReturnType<typeof newPage>>; oiv: Awaited<ReturnType<typeof newPage>> }> {
    const office = await loggedIn('controller');
    const oiv = await loggedIn('oiv');
    const plan = planApi();
    for (const to of ['collecting', 'closed']) expect((await apiAs(office.context, 'POST', `${plan}/periods/2024-12-31/transition`, { to, acknowledgeUnreviewed: true })).status).toBe(200);
    expect((await apiAs(office.context, 'POST', `${plan}/relazione/transition`, { to: 'transmitted', confirmEmpty: true })).status).toBe(200);
    const current = (await apiAs(oiv.context, 'GET', `${plan}/relazione`)).body;
    const checklist = current.checklist.map((p: { label: string }) => ({ ...p, outcome: 'yes' }));
    expect((await apiAs(oiv.context, 'PUT', `${plan}/relazione/review`, { note, reservations: '', checklist, values: [], version: current.version })).status).toBe(200);
    return { office, oiv };
  }

  /**
   * Last year's figures corrected after this year's plan was made, as the baselines' tests begin: the
   * 2025 plan made from the file's 2024 plan (next-year), then two of 2024's year-end actuals
   * corrected (A.3:1 206 → 210, the sportello's A.2.1:2 50% → 55%), then the 2025 plan adopted;
   * all as the controller signed in on `context`. Gives the 2025 plan's id.
   */
  async function nextYearCorrected(context: BrowserContext): Promise<string> {
    const plan = planApi();
    const made = await apiAs(context, 'POST', `${plan}/next-year`, { year: 2025 });
    expect(made.status).toBe(201);
    const next = made.body.id as string;
    const before = (await apiAs(context, 'GET', `${plan}/tree?period=2024-12-31`)).body as { objectives: Array<{ indicators: Array<{ id: string; version: number }> }> };
    for (const [id, actual] of [
      ['A.3:1', 210],
      ['A.2.1:2', 55],
    ] as const) {
      const { version } = before.objectives.flatMap((o) => o.indicators).find((i) => i.id === id)!;
      const put = await apiAs(context, 'PUT', `${plan}/indicators/${encodeURIComponent(id)}/measurements/2024-12-31?tree=false`, { state: 'measured', actual, version });
      expect(put.status).toBe(200);
    }
    expect((await apiAs(context, 'POST', `/api/plans/${encodeURIComponent(next)}/adopt`, { act: { kind: 'Delibera di Giunta', number: '7', date: '2025-01-28' } })).status).toBe(200);
    return next;
  }

  return {
    planApi,
    newPage,
    login,
    loggedIn,
    signedIn,
    signedInPage,
    openToReferente,
    referenteOpensPlan,
    pickIndicator,
    apiAs,
    endSession,
    importFixture,
    openPlan,
    openEntryForm,
    openAppraisal,
    storedIndicator,
    search,
    referenteAtIndicator,
    chooseLanguage,
    addObjective,
    objectivePerformance,
    performanceCell,
    readsOf,
    sameDocument,
    staffForm,
    attachPdf,
    evaluatedStaffForm,
    relazioneWithTheOiv,
    nextYearCorrected,
    expectAccessible,
  };
}
