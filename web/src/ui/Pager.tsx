/**
 * A long list shown a page at a time: a plan's review list holds a row per indicator (19,000 in a
 * big body's plan), and drawing them all made every click on it wait seconds (bench/review-list.ts).
 * The rows of a page are ordinary rows, each reached by Tab as before; the pager's buttons and its
 * page field are reached by Tab too, and say where the reader is ("rows 201–400 of 18,718").
 */
import { useTranslation } from 'react-i18next';
import { formatNumber, useLang } from './format.js';

/** The page `page` (from 0) of `total` rows, `size` a page, clamped to the pages there are: its first row, its end, and how many pages. */
export function pageOf(total: number, page: number, size: number): { page: number; pages: number; from: number; to: number } {
  const pages = Math.max(1, Math.ceil(total / size));
  const at = Math.min(Math.max(0, page), pages - 1);
  return { page: at, pages, from: at * size, to: Math.min(total, (at + 1) * size) };
}

/** The pager of a list: `id` names its controls (one above the rows, one below them, each its own). */
export function Pager({ id, total, page, size, onPage }: { id: string; total: number; page: number; size: number; onPage: (page: number) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const at = pageOf(total, page, size);
  if (at.pages <= 1) return null;
  const number = (n: number) => formatNumber(n, lang, 0);
  return (
    // A group, not a landmark: a list has one above its rows and one below, both named alike.
    <div role="group" className="d-flex flex-wrap gap-2 align-items-center small my-2" aria-label={t('common.pagerLabel')} data-testid={id}>
      <button type="button" className="btn btn-sm btn-outline-primary" disabled={at.page === 0} onClick={() => onPage(at.page - 1)} data-testid={`${id}-previous`}>
        {t('common.pagePrevious')}
      </button>
      <label htmlFor={`${id}-page`} className="mb-0">
        {t('common.page')}
      </label>
      <select id={`${id}-page`} className="form-select form-select-sm w-auto" value={at.page} onChange={(e) => onPage(Number(e.target.value))}>
        {Array.from({ length: at.pages }, (_, n) => (
          <option key={n} value={n}>
            {number(n + 1)}
          </option>
        ))}
      </select>
      <span>{t('common.pageOf', { pages: number(at.pages) })}</span>
      <button type="button" className="btn btn-sm btn-outline-primary" disabled={at.page === at.pages - 1} onClick={() => onPage(at.page + 1)} data-testid={`${id}-next`}>
        {t('common.pageNext')}
      </button>
      <span data-testid={`${id}-rows`}>{t('common.pageRows', { from: number(at.from + 1), to: number(at.to), total: number(total) })}</span>
    </div>
  );
}
