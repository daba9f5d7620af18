/**
 * The set-up the screens of appraisal forms and their plans share (appraisal-plan-gone,
 * appraisal-plan-relink, appraisal-plan-change, appraisal-trail, appraisal-removed-account): HR and
 * the administrator signed in, the body's SMVP of 2024, a form of one account evaluated by another
 * on a plan, another plan of the body and year, the pages of those who read the form, statements
 * written past the store on the server's own file, and the keyboard's moves (Tab to a field, arrows
 * to an option).
 */
import type { BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { exampleSmvpJson } from '../src/core/appraisal/index.js';
import type { Db } from '../src/store/db.js';
import { openStore } from '../src/store/index.js';
import { appraisalSettled, pages, type E2eWorld } from './pages.js';
import { ACCOUNTS } from './server.js';

type Account = keyof typeof ACCOUNTS;
export const OBJECTIVES = [{ title: 'Pratiche evase', weight: 100, target: 100, state: 'measured', actual: 120 }];

/** The helpers for `world`'s file; the browser contexts its openers open are closed after the file's tests (`E2eWorld.opened`). */
export function appraisalPlans(world: E2eWorld) {
  const { apiAs, signedIn, loggedIn } = pages(world);
  /** Statements on the server's own file, past the store (what migration 83, or another program, wrote). */
  async function pastTheStore(statements: readonly [string, unknown[]][]): Promise<void> {
    const store = await openStore(world.server.database);
    try {
      const db = (store as unknown as { db: Db }).db;
      for (const [sql, params] of statements) await db.run(sql, params as never);
    } finally {
      await store.close();
    }
  }
  /** The fixture plan's body, with its SMVP of 2024 adopted by HR. */
  async function bodyWithSmvp(hr: BrowserContext): Promise<{ organisation: string; title: string }> {
    const main = (await apiAs(hr, 'GET', `/api/plans/${encodeURIComponent(world.planId)}`)).body as { organisation: string; title: string; year: number };
    expect(main.year).toBe(2024);
    expect((await apiAs(hr, 'PUT', '/api/smvp/2024', { document: exampleSmvpJson(main.organisation, 2024) })).status).toBe(200);
    return main;
  }
  /** A form of 2024 of `person` evaluated by `evaluator` (category personale) on `planId`, made by HR: its answer. */
  async function formOf(hr: BrowserContext, person: Account, evaluator: Account, planId: string = world.planId): Promise<{ status: number; body: Record<string, any> }> {
    const people = (await apiAs(hr, 'GET', '/api/appraisals/people')).body as { id: string; username: string }[];
    const idOf = (username: string): string => people.find((p) => p.username === username)!.id;
    const form = await apiAs(hr, 'POST', '/api/appraisals', {
      year: 2024,
      personId: idOf(ACCOUNTS[person].username),
      evaluatorId: idOf(ACCOUNTS[evaluator].username),
      category: 'personale',
      planId,
      objectives: OBJECTIVES,
    });
    expect(form.status, JSON.stringify(form.body)).toBe(201);
    return form;
  }
  /** HR's and the administrator's contexts, signed in through the API, and the fixture plan's body with its SMVP of 2024 (`bodyWithSmvp`). */
  async function hrAndAdmin(): Promise<{ hr: BrowserContext; admin: BrowserContext; main: { organisation: string; title: string } }> {
    const [hr, admin] = [await signedIn('personale'), await signedIn('admin')];
    return { hr, admin, main: await bodyWithSmvp(hr) };
  }
  /**
   * How the screens of a form's plan begin (`hrAndAdmin`): a second plan of the body and year,
   * titled `title`, made by the administrator (its id, `secondId`), and a form of 2024 of `person`
   * (by default the controller) evaluated by the dirigente on the file's plan (`formOf`).
   */
  async function formBesideSecondPlan(title: string, person: Account = 'controller') {
    const { hr, admin, main } = await hrAndAdmin();
    const second = await apiAs(admin, 'POST', '/api/plans', { title, year: 2024, organisation: main.organisation });
    expect(second.status, JSON.stringify(second.body)).toBe(201);
    const form = await formOf(hr, person, 'dirigente');
    return { hr, admin, main, secondId: second.body.id as string, form, id: form.body.id as string };
  }
  /** A page where `who` signed in through the sign-in form; with `route`, then opened at it (`/appraisals/…`) and settled (`appraisalSettled`). */
  async function screenAs(who: Account, route?: string): Promise<{ context: BrowserContext; page: Page }> {
    const { context, page } = await loggedIn(who);
    if (route !== undefined) {
      await page.goto(`${world.server.url}/#${route}`);
      await appraisalSettled(page);
    }
    return { context, page };
  }
  return { pastTheStore, bodyWithSmvp, formOf, hrAndAdmin, formBesideSecondPlan, screenAs };
}

/** The keyboard alone: Tab until the element with `id` has the focus. */
export async function tabTo(page: Page, id: string): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < 60; i++) {
    const at = await page.evaluate(() => `${document.activeElement?.tagName}#${document.activeElement?.id ?? ''}:${(document.activeElement?.textContent ?? '').slice(0, 20)}`);
    if (at.split(':')[0]!.endsWith(`#${id}`)) return;
    seen.push(at);
    await page.keyboard.press('Tab');
  }
  throw new Error(`#${id} never took the focus by Tab (${seen.join(' | ')})`);
}

/** Picks the option whose text starts with `title` in the focused choice, by arrow keys alone. */
export async function arrowTo(page: Page, title: string): Promise<void> {
  for (let i = 0; i < 10; i++) {
    const shown = await page.evaluate(() => {
      const s = document.activeElement as HTMLSelectElement;
      return s.options[s.selectedIndex]?.text ?? '';
    });
    if (shown.startsWith(title)) return;
    await page.keyboard.press('ArrowDown');
  }
  throw new Error(`no option «${title}»`);
}
