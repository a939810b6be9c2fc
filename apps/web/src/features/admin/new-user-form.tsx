import type { Role, User } from '@kalendaryo/contract';
import { roles } from '@kalendaryo/contract/values';
import { useMutation } from '@tanstack/react-query';
import { useId } from 'react';
import { ApiError, errorMessage, hasCode } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { SelectField, TextField } from '../../app/ui/field';
import { useCheckedForm } from '../../app/use-checked-form';
import { PASSWORD_MIN } from '../../app/validation';
import { roleLabels } from './format';
import { createUser } from './users-api';
import { validateNewUser } from './validation';

const fields = ['name', 'email', 'role', 'password'] as const;
export const roleOptions = roles.map((r) => ({ value: r, label: roleLabels[r] }));

interface NewUserFormProps {
  id: string;
  onCreated: (user: User) => void;
  onCancel: () => void;
}

export function NewUserForm({ id, onCreated, onCancel }: NewUserFormProps) {
  const headingId = useId();
  const { errors, setErrors, submitWith } = useCheckedForm(fields, validateNewUser);

  const mutation = useMutation({
    mutationFn: createUser,
    onSuccess: onCreated,
    onError: (e) => {
      if (hasCode(e, 'user.duplicate')) setErrors({ email: 'A user with this email already exists' });
      else if (e instanceof ApiError && e.errors.length > 0) setErrors(e.fields);
    },
  });

  const onSubmit = submitWith(mutation, (input) => ({
    name: input.name.trim(),
    email: input.email.trim(),
    role: input.role as Role,
    password: input.password,
  }));

  // Field-level problems are shown beside the fields; the summary only points at them.
  const summary = !mutation.isError
    ? null
    : mutation.error instanceof ApiError && mutation.error.errors.length > 0
      ? 'Check the highlighted fields.'
      : errorMessage(mutation.error);

  return (
    <section id={id} className="card new-user" aria-labelledby={headingId}>
      <h2 id={headingId}>New user</h2>
      <FormMessage tone="error">{summary}</FormMessage>
      <form className="form form--grid" noValidate onSubmit={onSubmit} aria-labelledby={headingId}>
        <TextField name="name" label="Name" autoComplete="off" required error={errors.name} />
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="off"
          inputMode="email"
          required
          error={errors.email}
        />
        <SelectField
          name="role"
          label="Role"
          defaultValue="staff"
          options={roleOptions}
          error={errors.role}
        />
        <TextField
          name="password"
          label="Initial password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters. Give it to the person privately; they can change it on their Account page.`}
          required
          error={errors.password}
        />
        <div className="form-actions">
          <button type="submit" className="button button--primary" disabled={mutation.isPending}>
            Create user
          </button>
          <button type="button" className="button button--ghost" onClick={onCancel}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
