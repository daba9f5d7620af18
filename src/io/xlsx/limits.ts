import { english, type Coded } from '../../messages/index.js';

/**
 * Limits that keep one upload from taking the machine: far above any real plan (10,000 indicators
 * ≈ 1 MB). A deployment that imports bigger tables raises them with `ALBERO_XLSX_MAX_BYTES`,
 * `ALBERO_XLSX_MAX_INFLATED_BYTES` and `ALBERO_XLSX_MAX_ROWS` (read once, at start). A bad value
 * stops the CLI and the server at start with its own message (`xlsxSettingProblem`, checked before
 * any workbook is read); this module may load before that check, so it does not throw itself.
 */
const XLSX_SETTINGS = [
  { name: 'ALBERO_XLSX_MAX_BYTES', what: 'bytes', fallback: 50 * 1024 * 1024 },
  { name: 'ALBERO_XLSX_MAX_INFLATED_BYTES', what: 'bytes', fallback: 400 * 1024 * 1024 },
  { name: 'ALBERO_XLSX_MAX_ROWS', what: 'rows', fallback: 200_000 },
] as const;
type XlsxSetting = (typeof XLSX_SETTINGS)[number];

export const XLSX_LIMITS = {
  bytes: limitFromEnv(XLSX_SETTINGS[0]),
  inflatedBytes: limitFromEnv(XLSX_SETTINGS[1]),
  rows: limitFromEnv(XLSX_SETTINGS[2]),
  columns: 60,
  entries: 10_000,
} as const;

function envText(name: string): string {
  return (typeof process === 'undefined' ? undefined : process.env[name])?.trim() ?? '';
}

/** The setting's value; its default when unset, or when bad (refused at start by `xlsxSettingProblem`). */
function limitFromEnv(setting: XlsxSetting): number {
  const text = envText(setting.name);
  const value = Number(text);
  return text !== '' && Number.isSafeInteger(value) && value > 0 ? value : setting.fallback;
}

/** The first `ALBERO_XLSX_MAX_*` given a value that is not a whole number above 0, said by code (`setting-invalid`); null when all are fine. */
export function xlsxSettingProblem(): (Error & Coded) | null {
  for (const setting of XLSX_SETTINGS) {
    const text = envText(setting.name);
    const value = Number(text);
    if (text === '' || (Number.isSafeInteger(value) && value > 0)) continue;
    const params = { name: setting.name, value: text.slice(0, 80), what: setting.what };
    return Object.assign(new Error(english('setting-invalid', params)), { code: 'setting-invalid', params });
  }
  return null;
}
