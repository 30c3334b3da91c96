// A labelled box of a form grid: the label in the first column, the box in the second, with a hint under it
// (or beside it in a short inline form) that a screen reader reads with the box. Whatever else an input takes
// (type, min, max, value, onChange, data-testid…) is passed on to it.
import type { InputHTMLAttributes, ReactNode } from 'react'

interface Props extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'children'> {
  id: string
  label: ReactNode
  /** A sentence about what the box takes. */
  hint?: ReactNode
  /** The hint's element id; the box's id followed by `-hint` unless given. */
  hintId?: string
  /** Box, hint and what follows on one line, as in a short form with its own button. */
  inline?: boolean
  /** What follows the box and its hint, such as that button. */
  children?: ReactNode
}

export function Field({ id, label, hint, hintId = `${id}-hint`, inline = false, children, ...box }: Props) {
  const input = <input id={id} aria-describedby={hint ? hintId : undefined} {...box} />
  return (
    <>
      <label htmlFor={id}>{label}</label>
      {hint || children ? (
        <div className={inline ? 'inline-form' : undefined}>
          {input}
          {hint &&
            (inline ? (
              <span id={hintId} className="muted">
                {hint}
              </span>
            ) : (
              <p className="hint" id={hintId}>
                {hint}
              </p>
            ))}
          {children}
        </div>
      ) : (
        input
      )}
    </>
  )
}
