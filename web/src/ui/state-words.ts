/**
 * An indicator's state in the screens' words. A value saved «non misurato» counts as entered (no
 * reminder asks for it again, the dashboard does not count it late), so it is said as declared, with
 * its reason; an indicator with nothing saved is «non ancora inserito», the one still missing. The
 * engine's explanation says them alike (core `notMeasuredText`).
 */
type Translate = (key: string, params?: Record<string, string>) => string;

/** `saved`: a value is stored (the tree's `version` above 0, a worklist row's `value`); `reason`: its reason, as the server says it. */
export function stateWord(i: { state: string; saved: boolean; reason: string | null }, t: Translate): string {
  if (i.state !== 'not_measured') return t(`state.${i.state}`);
  if (!i.saved) return t('state.notEntered');
  return i.reason ? t('state.declaredBecause', { reason: i.reason }) : t('state.declared');
}
