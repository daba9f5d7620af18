/**
 * What cannot be taken in a typed field, said beside it: the message, and the attributes that tie
 * the input to it. For the screens that read what is typed before sending (the appraisal forms).
 */

/** A field's message, beside it (its input says `aria-describedby` to it); nothing when there is none. */
export function FieldProblem({ id, message }: { id: string; message: string | null }) {
  return message === null ? null : (
    <div id={`${id}-error`} className="invalid-feedback d-block" data-testid={`${id}-error`}>
      {message}
    </div>
  );
}

/** The attributes of an input whose value may be refused: its problem read with it. */
export const invalidIf = (id: string, message: string | null) => (message === null ? {} : { 'aria-invalid': true as const, 'aria-describedby': `${id}-error` });
