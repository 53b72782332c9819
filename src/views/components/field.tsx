/** A labelled form field with its error message tied to it for screen readers. */
import { cloneElement, isValidElement, toChildArray } from 'preact';
import type { ComponentChildren } from 'preact';

export interface FieldProps {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: string;
  children: ComponentChildren;
}

export function Field({ id, label, error, hint, children }: FieldProps) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  // Tie the hint and the error to the control so screen readers announce them with it.
  const controls = toChildArray(children).map((child) =>
    isValidElement(child) &&
    typeof child.type === 'string' &&
    ['input', 'textarea', 'select'].includes(child.type)
      ? cloneElement(child, {
          'aria-describedby': describedBy || undefined,
          'aria-invalid': error ? 'true' : undefined,
        })
      : child,
  );
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <label for={id}>{label}</label>
      {hint ? (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {controls}
      {error ? (
        <p class="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The hidden CSRF input every form carries. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

/** A summary of problems at the top of a form. */
export function ErrorSummary({
  message,
  problems,
}: {
  message?: string | undefined;
  problems?: readonly { field: string; message: string }[];
}) {
  if (!message && (!problems || problems.length === 0)) return null;
  return (
    <div class="error-summary" role="alert" tabIndex={-1}>
      {message ? <p>{message}</p> : null}
      {problems && problems.length > 0 ? (
        <ul>
          {problems.map((p) => (
            <li>
              <a href={`#${p.field}`}>{p.message}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
