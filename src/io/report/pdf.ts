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
    const page = await browser.newPage();
    try {
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
        margin: { top: '14mm', bottom: '14mm', left: '10mm', right: '10mm' },
      });
      return new Uint8Array(pdf);
    } finally {
      await page.close();
    }
  } finally {
    if (options.browser === undefined) await browser.close();
  }
}
