/**
 * HTML to PDF with headless Chromium (the Debian package, driven by playwright-core): A4
 * landscape, the table header repeated by the page's print CSS, the plan's title in the page
 * header and "Pagina N di M" in the footer. The browser is found at ALBERO_CHROMIUM or
 * /usr/bin/chromium; its absence is reported in plain words, not as a stack trace.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { escapeHtml } from './html.js';

export const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export class PdfEngineMissing extends Error {}

/** A4 landscape and its margins, in millimetres (the same as the page's print CSS). */
const PAGE_MM = { width: 297, height: 210, top: 14, bottom: 14, left: 10, right: 10 };
const MM_TO_CSS_PX = 96 / 25.4;
/** The printable area, in CSS pixels. */
const PRINTABLE = {
  width: Math.round((PAGE_MM.width - PAGE_MM.left - PAGE_MM.right) * MM_TO_CSS_PX),
  height: Math.round((PAGE_MM.height - PAGE_MM.top - PAGE_MM.bottom) * MM_TO_CSS_PX),
};

export function chromiumPath(): string {
  return process.env['ALBERO_CHROMIUM'] ?? '/usr/bin/chromium';
}

export async function launchChromium(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new PdfEngineMissing(`PDF needs Chromium, not found at ${executablePath} (install it with: apt-get install chromium, or set ALBERO_CHROMIUM)`);
  }
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

export interface PdfOptions {
  /** Printed in every page's header. */
  readonly title: string;
  /** Reuse a running browser (the server keeps one); otherwise one is started and closed. */
  readonly browser?: Browser;
  /**
   * A tagged PDF (structure for screen readers) with bookmarks from the headings. It costs about a
   * fifth more time, so callers turn it off for very big annexes.
   */
  readonly tagged?: boolean;
}

/** The PDF bytes of a report page. */
export async function renderPdf(html: string, options: PdfOptions): Promise<Uint8Array> {
  const browser = options.browser ?? (await launchChromium());
  try {
    // Loaded as it will be printed: print media, a window as wide as the page's printable area.
    // Chromium lays the page out while loading it, then twice more when printing (once to count
    // the pages, once to print them); with the same media and width those passes reuse the first
    // layout instead of redoing it (on 10,000 indicators about a third less of the renderer's
    // time: bench/exchange.ts).
    const page = await browser.newPage({ viewport: PRINTABLE });
    try {
      await page.emulateMedia({ media: 'print' });
      await page.setContent(html, { waitUntil: 'load', timeout: 120_000 });
      const small = 'font-family: DejaVu Sans, Arial, sans-serif; font-size: 8px; color: #444; width: 100%; padding: 0 10mm;';
      const pdf = await page.pdf({
        format: 'A4',
        tagged: options.tagged ?? true,
        outline: options.tagged ?? true,
        landscape: true,
        printBackground: true,
        displayHeaderFooter: true,
        headerTemplate: `<div style="${small} text-align: right;">${escapeHtml(options.title)}</div>`,
        footerTemplate: `<div style="${small} display: flex; justify-content: space-between;"><span>Albero della performance</span><span>Pagina <span class="pageNumber"></span> di <span class="totalPages"></span></span></div>`,
        margin: { top: `${PAGE_MM.top}mm`, bottom: `${PAGE_MM.bottom}mm`, left: `${PAGE_MM.left}mm`, right: `${PAGE_MM.right}mm` },
      });
      return new Uint8Array(pdf);
    } finally {
      await page.close();
    }
  } finally {
    if (options.browser === undefined) await browser.close();
  }
}
