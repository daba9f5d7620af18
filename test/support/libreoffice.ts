/**
 * A workbook as an office opens it: LibreOffice saves its first sheet as CSV. Needs soffice
 * (installed by .ci/run): without it the test fails, it never skips.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';

/**
 * The workbook's sheet as LibreOffice saves it as CSV, in `dir`: `shown`, each cell as the locale
 * `locale` shows it, else its value as stored; every text cell in quotes, so a number is the only
 * thing unquoted.
 */
export function libreOfficeCsv(bytes: Uint8Array, dir: string, name: string, { shown, locale }: { shown: boolean; locale: string }): string[] {
  expect(existsSync('/usr/bin/soffice') || existsSync('/usr/bin/libreoffice'), 'apt-get install -y libreoffice-calc-nogui').toBe(true);
  const file = join(dir, `${name}.xlsx`);
  writeFileSync(file, bytes);
  const out = join(dir, `${name}-${locale}-${shown}`);
  execFileSync(
    'soffice',
    ['--headless', `-env:UserInstallation=file://${join(dir, `lo-${locale}`)}`, '--convert-to', `csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,${shown}`, '--outdir', out, file],
    { stdio: 'ignore', timeout: 120_000, env: { ...process.env, HOME: dir, LANG: locale, LC_ALL: locale } },
  );
  return readFileSync(join(out, `${name}.csv`), 'utf8')
    .trim()
    .split('\n');
}
