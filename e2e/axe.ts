/** axe-core injected into the page (no network), WCAG 2.1 A/AA rules: what the app's screens and the exported pages are checked by. */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { launchChromium } from './browser.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  /** How many elements break the rule. */
  count: number;
  targets: string[];
}

/** Every WCAG 2.1 A/AA violation on the page, and how many rules it passes. */
export async function wcagResults(page: Page): Promise<{ violations: AxeFinding[]; passes: number }> {
  // Evaluated through the DevTools protocol, not as a <script>: the app's (and an exported page's)
  // content-security policy rightly refuses inline scripts, and axe is the test's, not the page's.
  await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (ctx: unknown, opts: unknown) => Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[] }> }>; passes: unknown[] }> };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return {
      violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, count: v.nodes.length, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) })),
      passes: r.passes.length,
    };
  });
}

/** The serious and critical findings on the page (what the app's screens must be free of). */
export async function seriousViolations(page: Page): Promise<AxeFinding[]> {
  return (await wcagResults(page)).violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** A file written by the program (an HTML report) opened in Chromium: every violation said in a line, and the rules passed. */
export async function fileAccessibility(file: string): Promise<{ violations: string[]; passes: number }> {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`file://${file}`);
    const { violations, passes } = await wcagResults(page);
    return { violations: violations.map((v) => `${v.id}: ${v.help} (${v.count}× e.g. ${v.targets[0] ?? ''})`), passes };
  } finally {
    await browser.close();
  }
}
