import { type FormEvent, useState } from 'react';
import { readForm } from './form-data';
import { rejectInvalid } from './ui/field';
import type { FieldErrors } from './validation';

/**
 * An uncontrolled form whose named `fields` are checked with `validate` on submit: the errors are
 * shown beside the fields (also those the server returns, through `setErrors`) and the first
 * invalid one gets the focus. `submitWith(mutation, toBody)` makes the submit handler: it clears
 * the mutation's last result and, when the checks pass, sends `toBody(input)`.
 */
export function useCheckedForm<F extends string>(
  fields: readonly F[],
  validate: (input: Record<F, string>) => FieldErrors<F>,
) {
  const [errors, setErrors] = useState<FieldErrors<F>>({});
  const submitWith =
    <B>(mutation: { reset(): void; mutate(body: B): void }, toBody: (input: Record<F, string>) => B) =>
    (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const input = readForm(event.currentTarget, fields);
      const found = validate(input);
      setErrors(found);
      mutation.reset();
      if (rejectInvalid(event.currentTarget, found, fields)) return;
      mutation.mutate(toBody(input));
    };
  return { errors, setErrors, submitWith };
}
