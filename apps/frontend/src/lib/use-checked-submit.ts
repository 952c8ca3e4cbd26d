import { type FormEvent, useState } from 'react';

export interface CheckedSubmitOptions<T> {
  /** What is wrong with the value, or undefined when it may be sent. */
  check: (value: string) => string | undefined;
  send: (value: string) => Promise<T>;
  onSent: (result: T) => void;
  /** Empties the field after a successful send, ready for the next one. */
  clearOnSent?: boolean;
}

export interface CheckedSubmit {
  value: string;
  setValue: (value: string) => void;
  sending: boolean;
  /** The check's complaint, shown only once the user has tried to submit. */
  problem: string | undefined;
  /** What sending answered when it failed; never swallowed. */
  error: Error | undefined;
  submit: (event: FormEvent<HTMLFormElement>) => void;
}

/**
 * One text field sent by a form: checked on submit (so the API's errors are for what only it can
 * know), one send at a time, and its failure kept for the form to show.
 */
export function useCheckedSubmit<T>({
  check,
  send,
  onSent,
  clearOnSent = false,
}: CheckedSubmitOptions<T>): CheckedSubmit {
  const [value, setValue] = useState('');
  const [submitted, setSubmitted] = useState(false);
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<Error | undefined>();
  const problem = submitted ? check(value) : undefined;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSubmitted(true);
    setError(undefined);
    if (check(value) !== undefined || sending) return;
    setSending(true);
    send(value).then(
      (result) => {
        setSending(false);
        if (clearOnSent) {
          setSubmitted(false);
          setValue('');
        }
        onSent(result);
      },
      (failure: unknown) => {
        setSending(false);
        setError(failure instanceof Error ? failure : new Error(String(failure)));
      },
    );
  };

  return { value, setValue, sending, problem, error, submit };
}
