/**
 * The tree's virtualizer, mounted without forcing a layout inside the first render (issue 15 §4).
 * As it mounts, @tanstack/virtual-core reads the scroller's size (`clientHeight`) and writes its
 * scroll position (`scrollTo(0)`); each makes the browser style and lay out the whole page in the
 * middle of React's commit, and the size it starts from is 0, so the first render drew only the
 * overscan rows and a second render and layout followed. Here the first render starts from the
 * size the stylesheet gives the scroller, the size is read when the ResizeObserver reports it (after
 * the browser's own layout, before the frame is painted) and a fresh scroller is not told to go
 * where it already is.
 */
import { elementScroll, observeElementRect, type Rect, type Virtualizer } from '@tanstack/react-virtual';

/** The scroller's height in the stylesheet (styles.css, `.tree-scroll { height: 62vh }`). */
const SCROLLER_VH = 62;

/** The scroller's size before it is measured: the window's width, 62 % of its height (reading them forces no layout). */
export function expectedRect(): Rect {
  return { width: window.innerWidth, height: Math.round((window.innerHeight * SCROLLER_VH) / 100) };
}

/**
 * `observeElementRect` reading the scroller's size only when the ResizeObserver reports it: at the
 * mount, once the browser has laid the page out (the observer's first report), not during the commit.
 */
export function observeRectAfterLayout<T extends Element>(instance: Virtualizer<T, Element>, cb: (rect: Rect) => void): (() => void) | undefined {
  const element = instance.scrollElement;
  const view = instance.targetWindow;
  if (element === null || view === null || typeof view.ResizeObserver !== 'function') return observeElementRect(instance, cb);
  const observer = new view.ResizeObserver(() => cb({ width: element.clientWidth, height: element.clientHeight }));
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}

/**
 * `elementScroll` for one virtualizer, leaving out its mount's write of the offset 0: a scroller
 * just put in the page is at 0 already, and `scrollTo` would lay the page out to clamp the offset.
 * Every later write (scrolling to a row, keeping a row in place) goes through.
 */
export function scrollAfterMount<T extends Element>(): typeof elementScroll<T> {
  let mounted = false;
  return (offset, options, instance) => {
    const mount = !mounted;
    mounted = true;
    if (mount && offset === 0 && (options.adjustments ?? 0) === 0) return;
    elementScroll(offset, options, instance);
  };
}
