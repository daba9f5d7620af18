import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, Suspense, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { actualText, amountText, percent, useLang, weight, type Lang } from '../ui/format.js';
import type { Row } from './rows.js';
import type { Overrides } from '../plan/overrides.js';
import { ownValue } from '../../../src/core/text-keys.js';
import { planTextLanguage } from '../../../src/core/words.js';
import { WhatIfInput } from '../plan/lazy.js';
import { PerformanceText } from '../ui/Band.js';
import { ValidatedPerformance, type ValidatedObjective } from '../periods/Validation.js';
import { expectedRect, observeRectAfterLayout, scrollAfterMount } from './mount-quietly.js';
import { stateWord } from '../ui/state-words.js';

export type Selection = { kind: 'objective'; code: string } | { kind: 'indicator'; id: string; code: string } | null;

/** How a row was opened: from the keyboard (Enter) the focus follows into the detail. */
export type SelectHow = 'pointer' | 'keyboard';

/** What the plan view asks of the tree: bring a row into view and give it the focus. */
export interface TreeHandle {
  focusRow(key: string): void;
  scrollToRow(key: string): void;
}

/** The row key of a selection (`o:CODE`, `i:ID`), as `visibleRows` names rows. */
export function selectionKey(s: NonNullable<Selection>): string {
  return s.kind === 'objective' ? `o:${s.code}` : `i:${s.id}`;
}

interface Props {
  rows: Row[];
  selection: Selection;
  onSelect: (s: Selection, how?: SelectHow) => void;
  handle?: RefObject<TreeHandle | null>;
  onToggle: (code: string) => void;
  whatIf: boolean;
  overrides: Overrides;
  onOverride: (id: string, field: 'actual' | 'target' | 'weight', value: number | string | boolean | null) => void;
  /** Objective codes and indicator ids whose numbers differ from the stored ones. */
  changed: ReadonlySet<string>;
  /** The public reading a period still taking values (`publicTargetsOnly`): no indicator said "Non misurato", no "n.d." performance. */
  targetsOnly?: boolean;
  /** The OIV's validated figures by objective code (the tree's `validation`), stated beside the reported ones; none in what-if. */
  validated?: ReadonlyMap<string, ValidatedObjective>;
}

const ROW_HEIGHT = 60;
/** Rows drawn beyond the view on each side: enough for ↑/↓ and a wheel step; each one more is drawn on every jump (bench/web.ts). */
const OVERSCAN = 4;

/**
 * The tree as an ARIA treegrid, virtualised: only the rows in view are in the DOM, so a plan with
 * 10,000 indicators scrolls as smoothly as the 49-objective fixture. Columns are the fixture's.
 */
export function TreeTable(props: Props) {
  const { t } = useTranslation();
  const lang = useLang();
  const scroller = useRef<HTMLDivElement>(null);
  // Mounted without a layout forced inside the render, the first render drawing the rows in view (mount-quietly.ts).
  const [scrollToFn] = useState(() => scrollAfterMount<HTMLDivElement>());
  const [initialRect] = useState(expectedRect);
  const virtualizer = useVirtualizer({
    count: props.rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: OVERSCAN,
    initialRect,
    observeElementRect: observeRectAfterLayout,
    scrollToFn,
  });
  const hasRows = props.rows.length > 0;
  // Roving tabindex: the tree is one Tab stop, the row last focused (else the first one drawn).
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const rowIndex = useMemo(() => new Map(props.rows.map((r, n) => [r.key, n])), [props.rows]);
  const items = virtualizer.getVirtualItems();
  const activeIndex = activeKey === null ? undefined : rowIndex.get(activeKey);
  const tabRow = activeIndex !== undefined && items.some((v) => v.index === activeIndex) ? activeIndex : items[0]?.index;

  function focusIndex(index: number): void {
    virtualizer.scrollToIndex(index);
    const focus = (tries: number) => {
      const el = scroller.current?.querySelector<HTMLElement>(`[data-index="${index}"] .tree-link`);
      if (el) el.focus();
      else if (tries > 0) requestAnimationFrame(() => focus(tries - 1));
    };
    focus(10);
  }
  if (props.handle) {
    props.handle.current = {
      focusRow(key) {
        const index = rowIndex.get(key);
        if (index === undefined) return;
        setActiveKey(key);
        focusIndex(index);
      },
      scrollToRow(key) {
        const index = rowIndex.get(key);
        if (index === undefined) return;
        setActiveKey(key);
        virtualizer.scrollToIndex(index);
      },
    };
  }
  useEffect(() => {
    // The first frame with rows on screen: what bench/web.ts reports as time to first render.
    if (hasRows && performance.getEntriesByName('albero:tree-rendered').length === 0) requestAnimationFrame(() => performance.mark('albero:tree-rendered'));
  }, [hasRows]);

  /**
   * Tree keyboard model: ↑/↓ move between rows (scrolling the virtual list), → expands, ← collapses
   * an objective, Home/End jump to the ends. Focus sits on each row's main button.
   */
  function onKeyDown(e: React.KeyboardEvent<HTMLDivElement>) {
    const target = e.target as HTMLElement;
    if (target.tagName === 'INPUT') return;
    const current = Number(target.closest<HTMLElement>('[data-index]')?.dataset.index ?? NaN);
    if (Number.isNaN(current)) return;
    const row = props.rows[current];
    if (e.key === 'Enter' && target.classList.contains('tree-link') && row !== undefined) {
      // Enter opens the detail and moves the focus into it (an indicator's entry form); Escape comes back.
      e.preventDefault();
      setActiveKey(row.key);
      props.onSelect(row.kind === 'objective' ? { kind: 'objective', code: row.objective.code } : { kind: 'indicator', id: row.indicator.id, code: row.objective.code }, 'keyboard');
      return;
    }
    let next: number | null = null;
    if (e.key === 'ArrowDown') next = Math.min(current + 1, props.rows.length - 1);
    else if (e.key === 'ArrowUp') next = Math.max(current - 1, 0);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = props.rows.length - 1;
    else if (row?.kind === 'objective' && e.key === 'ArrowRight' && row.hasChildren && !row.expanded) props.onToggle(row.objective.code);
    else if (row?.kind === 'objective' && e.key === 'ArrowLeft' && row.expanded && row.hasChildren) props.onToggle(row.objective.code);
    else return;
    e.preventDefault();
    if (next === null || next === current) return;
    setActiveKey(props.rows[next]!.key);
    focusIndex(next);
  }

  function onFocus(e: React.FocusEvent<HTMLDivElement>) {
    const index = Number((e.target as HTMLElement).closest<HTMLElement>('[data-index]')?.dataset.index ?? NaN);
    const key = props.rows[index]?.key;
    if (key !== undefined && key !== activeKey) setActiveKey(key);
  }

  return (
    <div role="treegrid" aria-label={t('tree.title')} aria-rowcount={props.rows.length + 1} aria-readonly={!props.whatIf} className="tree-grid" data-testid="tree">
      <div role="rowgroup">
        <div role="row" aria-rowindex={1} className="tree-row tree-head">
          <div role="columnheader">{t('tree.objective')}</div>
          <div role="columnheader">{t('tree.indicator')}</div>
          <div role="columnheader" className="num">
            {t('tree.weight')}
          </div>
          <div role="columnheader" className="num">
            {t('tree.target')}
          </div>
          <div role="columnheader" className="num">
            {t('tree.actual')}
          </div>
          <div role="columnheader" className="num">
            {t('tree.kpi')}
          </div>
          <div role="columnheader">{t('tree.performance')}</div>
        </div>
      </div>
      <div ref={scroller} className="tree-scroll" role="rowgroup" onKeyDown={onKeyDown} onFocus={onFocus}>
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {items.map((v) => {
            const row = props.rows[v.index]!;
            return (
              <div key={row.key} className="tree-vrow" data-index={v.index} style={{ transform: `translateY(${v.start}px)`, height: v.size }}>
                {row.kind === 'objective' ? (
                  <ObjectiveRow
                    t={t}
                    lang={lang}
                    row={row}
                    index={v.index + 2}
                    tabbable={v.index === tabRow}
                    selected={props.selection?.kind === 'objective' && props.selection.code === row.objective.code}
                    changed={props.changed.has(row.objective.code)}
                    targetsOnly={props.targetsOnly === true}
                    validated={props.validated?.get(row.objective.code)}
                    onSelect={props.onSelect}
                    onToggle={props.onToggle}
                  />
                ) : (
                  <IndicatorRow
                    t={t}
                    lang={lang}
                    row={row}
                    index={v.index + 2}
                    tabbable={v.index === tabRow}
                    selected={props.selection?.kind === 'indicator' && props.selection.id === row.indicator.id}
                    changed={props.changed.has(row.indicator.id)}
                    whatIf={props.whatIf}
                    override={ownValue(props.overrides.indicators, row.indicator.id)}
                    targetsOnly={props.targetsOnly === true}
                    onSelect={props.onSelect}
                    onOverride={props.onOverride}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

/** The table's translation, passed to each row (one language subscription for the table, not one per row). */
type T = (key: string, options?: Record<string, unknown>) => string;

const ObjectiveRow = memo(function ObjectiveRow({
  t,
  lang,
  row,
  index,
  tabbable,
  selected,
  changed,
  targetsOnly,
  validated,
  onSelect,
  onToggle,
}: {
  t: T;
  lang: Lang;
  row: Extract<Row, { kind: 'objective' }>;
  index: number;
  tabbable: boolean;
  selected: boolean;
  changed: boolean;
  targetsOnly: boolean;
  validated: ValidatedObjective | undefined;
  onSelect: Props['onSelect'];
  onToggle: Props['onToggle'];
}) {
  const o = row.objective;
  return (
    <div
      role="row"
      aria-rowindex={index}
      aria-level={row.depth + 1}
      aria-expanded={row.hasChildren ? row.expanded : undefined}
      aria-selected={selected}
      className={`tree-row tree-objective depth-${Math.min(row.depth, 4)}${selected ? ' selected' : ''}`}
      data-code={o.code}
      // The OIV's validated figure gives the row its band, as on the public plan page.
      data-band={(validated === undefined ? o.band : validated.band) ?? 'none'}
    >
      <div role="gridcell" className="cell-objective" style={{ paddingLeft: `${0.5 + row.depth * 1.1}rem` }}>
        {row.hasChildren ? (
          <button type="button" className="tree-toggle" tabIndex={-1} aria-label={t(row.expanded ? 'tree.collapse' : 'tree.expand', { code: o.code })} onClick={() => onToggle(o.code)}>
            <span aria-hidden="true">{row.expanded ? '▾' : '▸'}</span>
          </button>
        ) : (
          <span className="tree-toggle-spacer" />
        )}
        {/* The plan's texts are Italian (core's PLAN_TEXT_LANGUAGE): on an English screen a screen reader says them so. */}
        <button type="button" className="tree-link" tabIndex={tabbable ? 0 : -1} onClick={() => onSelect({ kind: 'objective', code: o.code }, 'pointer')} title={o.title} lang={planTextLanguage(lang)}>
          <span className="code">{o.code}</span> <span className="title">{o.title}</span>
        </button>
      </div>
      <div role="gridcell" />
      <div role="gridcell" className="num">
        {o.weight === null ? '' : weight(o.weight, lang)}
      </div>
      <div role="gridcell" />
      <div role="gridcell" />
      <div role="gridcell" />
      <div role="gridcell" className="cell-performance" data-testid={`perf-${o.code}`}>
        {!targetsOnly &&
          (validated === undefined ? (
            <PerformanceText value={o.performance} band={o.band} simulated={changed} t={t} lang={lang} />
          ) : (
            <ValidatedPerformance objective={o} validated={validated} t={t} lang={lang} />
          ))}
      </div>
    </div>
  );
});

const IndicatorRow = memo(function IndicatorRow({
  t,
  lang,
  row,
  index,
  tabbable,
  selected,
  changed,
  whatIf,
  override,
  targetsOnly,
  onSelect,
  onOverride,
}: {
  t: T;
  lang: Lang;
  row: Extract<Row, { kind: 'indicator' }>;
  index: number;
  tabbable: boolean;
  selected: boolean;
  changed: boolean;
  whatIf: boolean;
  override: Overrides['indicators'][string] | undefined;
  targetsOnly: boolean;
  onSelect: Props['onSelect'];
  onOverride: Props['onOverride'];
}) {
  const i = row.indicator;
  const editable = whatIf && !i.derived;
  const target = amountText(i.target, i.unit, lang);
  const baseline = amountText(i.baseline, i.unit, lang);
  const actual = actualText(i, lang);
  return (
    <div role="row" aria-rowindex={index} aria-level={row.depth + 1} aria-selected={selected} className={`tree-row tree-indicator${selected ? ' selected' : ''}`} data-indicator={i.id}>
      <div role="gridcell" className="cell-objective muted small" style={{ paddingLeft: `${0.5 + row.depth * 1.1}rem` }}>
        {row.objective.code}
      </div>
      <div role="gridcell" className="cell-indicator">
        <button
          type="button"
          className="tree-link"
          tabIndex={tabbable ? 0 : -1}
          onClick={() => onSelect({ kind: 'indicator', id: i.id, code: row.objective.code }, 'pointer')}
          title={i.name}
          lang={planTextLanguage(lang)}
        >
          <span className="title">{i.name}</span>
        </button>
        {i.state !== 'measured' && <span className={`state state-${i.state}`}>{stateWord({ state: i.state, saved: i.version > 0, reason: i.reason }, t)}</span>}
      </div>
      <div role="gridcell" className="num">
        {editable ? (
          <Suspense fallback={weight(i.weight, lang)}>
            <WhatIfInput tabbable={tabbable} indicator={i} field="weight" value={override?.weight ?? i.weight} onOverride={onOverride} />
          </Suspense>
        ) : (
          weight(i.weight, lang)
        )}
      </div>
      <div role="gridcell" className="num" data-testid={`target-${i.id}`}>
        {editable ? (
          <Suspense fallback={target}>
            <WhatIfInput tabbable={tabbable} indicator={i} field="target" value={override && 'target' in override ? (override.target ?? null) : i.target} onOverride={onOverride} />
          </Suspense>
        ) : (
          <>
            {baseline !== '' && (
              <span className="muted baseline" data-testid={`baseline-${i.id}`} title={t('years.baselineArrow', { baseline, year: i.baselineYear ?? '—', target: target || '—' })}>
                {baseline} ({i.baselineYear ?? '—'}) →{' '}
              </span>
            )}
            {i.comparator !== '>=' && <span className="muted">{i.comparator === '<=' ? '≤ ' : '= '}</span>}
            {target}
          </>
        )}
      </div>
      <div role="gridcell" className="num" data-testid={`actual-${i.id}`}>
        {editable ? (
          <Suspense fallback={actual}>
            <WhatIfInput tabbable={tabbable} indicator={i} field="actual" value={override && 'actual' in override ? (override.actual ?? null) : i.actual} onOverride={onOverride} />
          </Suspense>
        ) : (
          actual
        )}
      </div>
      <div role="gridcell" className={`num${changed ? ' changed' : ''}`} data-testid={`kpi-${i.id}`}>
        {targetsOnly ? null : i.performance === null ? <span className="muted">{t('tree.noPerformance')}</span> : percent(i.performance, lang)}
      </div>
      <div role="gridcell" />
    </div>
  );
});
