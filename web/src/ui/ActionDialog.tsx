/**
 * Asks before an action (deleting a period, the OIV's validation of a period, removing an evidence
 * file) in the app's own dialog rather than the browser's `confirm`, which speaks the browser's
 * language and cannot say a refusal: a title, what will happen in plain words, the action's button
 * and «Annulla», which has the focus first (Enter on a dialog just opened does not act). Escape
 * cancels and the focus goes back to the button that opened it (ui/Form's Dialog).
 *
 * The action runs from the dialog: a refusal is said in it, in the reader's words (`refusal`, read
 * again on each render, so that words made by the screen follow a change of language), and takes
 * the focus; the dialog stays open for «Annulla» or another try. On success the caller closes it.
 */
import { useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert, Button } from 'design-react-kit';
import { Dialog, FIRST_FOCUS, focusSoon } from './Form.js';
import { useInLanguage } from './server-words.js';

interface Props {
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  /** The action's button. */
  action: string;
  /** Its colour: danger for what removes, primary for a step of the campaign. */
  tone?: 'danger' | 'primary';
  /** The dialog's test id; its refusal's is `${testId}-refusal`, its button's `${testId}-confirm`. */
  testId: string;
  /** Runs the action and closes the dialog; throws the server's refusal. */
  onConfirm: () => Promise<void>;
  /** A refusal in the reader's words. */
  refusal: (error: unknown) => ReactNode;
  onClose: () => void;
}

export function ActionDialog({ title, children, action, tone = 'danger', testId, onConfirm, refusal, onClose }: Props) {
  const { t } = useTranslation();
  // Held in an object: a refusal may be any value, and null is "none".
  const [refused, setRefused] = useState<{ error: unknown } | null>(null);
  const [busy, setBusy] = useState(false);
  // The server's words too follow a change of language (by the refusal's code and parameters).
  const said = useInLanguage();
  // A second press while the action is under way sends nothing (the button is not disabled: the focus would drop out of the dialog).
  const running = useRef(false);
  const refusalId = `${testId}-refusal`;

  async function confirm() {
    if (running.current) return;
    running.current = true;
    setBusy(true);
    setRefused(null);
    try {
      await onConfirm();
    } catch (error) {
      running.current = false;
      setBusy(false);
      setRefused({ error });
      focusSoon(refusalId);
    }
  }

  return (
    <Dialog title={title} onClose={onClose} testId={testId}>
      <div data-testid={`${testId}-text`}>{children}</div>
      {refused !== null && (
        <Alert color="danger" role="alert" id={refusalId} tabIndex={-1} data-testid={refusalId}>
          {refusal(said(refused.error))}
        </Alert>
      )}
      <div className="d-flex flex-wrap gap-2 mt-3">
        <Button color={tone} type="button" aria-disabled={busy} onClick={() => void confirm()} data-testid={`${testId}-confirm`}>
          {action}
        </Button>
        <Button color="secondary" outline type="button" onClick={onClose} {...FIRST_FOCUS} data-testid={`${testId}-cancel`}>
          {t('common.cancel')}
        </Button>
      </div>
    </Dialog>
  );
}
