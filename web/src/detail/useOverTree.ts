/**
 * The detail as a modal while it is drawn over the tree (a phone's full-screen panel, styles.css):
 * everything outside it is made `inert` (out of the keyboard's reach and of the accessibility tree),
 * and Tab and Shift+Tab go round its own controls. Beside the tree (the wide layout) it is a side
 * panel and nothing changes. Escape and the ✕ close it as before; closing gives the focus back to
 * the row (useSelection), once the page is no longer inert.
 */
import { useLayoutEffect, useState, type KeyboardEvent, type RefObject } from 'react';

/** What the keyboard reaches with Tab, in the page's order. */
const TABBABLE = 'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), summary, [tabindex]:not([tabindex="-1"])';

/** True while `element` is drawn over the page (fixed, as the phone's stylesheet draws the detail). */
function drawnOver(element: HTMLElement): boolean {
  return getComputedStyle(element).position === 'fixed';
}

/**
 * Makes the page outside `element` inert: every sibling of it and of each of its ancestors up to
 * the body. Those already inert, and the app's own `<dialog>`s (the session's, opened over
 * anything), are left alone. Returns what undoes it.
 */
function inertAround(element: HTMLElement): () => void {
  const made: Element[] = [];
  for (let node: HTMLElement | null = element; node !== null && node !== document.body; node = node.parentElement) {
    for (const sibling of node.parentElement?.children ?? []) {
      if (sibling === node || sibling.hasAttribute('inert') || sibling instanceof HTMLDialogElement || sibling.tagName === 'SCRIPT') continue;
      sibling.setAttribute('inert', '');
      made.push(sibling);
    }
  }
  return () => made.forEach((e) => e.removeAttribute('inert'));
}

/**
 * `modal` tells whether the detail is drawn over the tree now (followed as the window is resized),
 * for its `role="dialog"` and `aria-modal`; `onKeyDown` keeps Tab inside it then.
 */
export function useOverTree(ref: RefObject<HTMLElement | null>): { modal: boolean; onKeyDown: (e: KeyboardEvent<HTMLElement>) => void } {
  const [modal, setModal] = useState(false);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const follow = () => setModal(drawnOver(element));
    follow();
    window.addEventListener('resize', follow);
    return () => window.removeEventListener('resize', follow);
  }, [ref]);
  // A layout effect: the page is given back before any frame, so the row can take the focus on closing.
  useLayoutEffect(() => (modal && ref.current !== null ? inertAround(ref.current) : undefined), [modal, ref]);

  const onKeyDown = (e: KeyboardEvent<HTMLElement>) => {
    const element = ref.current;
    // A dialog opened from the detail keeps the focus in itself.
    if (!modal || element === null || e.key !== 'Tab' || (e.target as HTMLElement).closest('dialog') !== null) return;
    const stops = [...element.querySelectorAll<HTMLElement>(TABBABLE)].filter((s) => s.getClientRects().length > 0 && s.closest('[inert]') === null);
    const active = document.activeElement;
    if (stops.length === 0 || !(active instanceof HTMLElement)) return;
    // Round from either end: no stop before the focus (the first control, or the heading the script
    // focused) goes to the last; none after it, to the first. Elsewhere the browser's own order.
    const before = (s: HTMLElement) => (s.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING) !== 0;
    const after = (s: HTMLElement) => (s.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_PRECEDING) !== 0;
    const next = e.shiftKey ? (stops.some(before) ? null : stops[stops.length - 1]) : stops.some(after) ? null : stops[0];
    if (next === null || next === undefined) return;
    e.preventDefault();
    next.focus();
  };
  return { modal, onKeyDown };
}
