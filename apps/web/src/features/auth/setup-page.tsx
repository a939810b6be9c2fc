import type { SetupStatus } from '@kalendaryo/contract';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { TextField } from '../../app/ui/field';
import { useCheckedForm } from '../../app/use-checked-form';
import { useDocumentTitle } from '../../app/use-document-title';
import { PASSWORD_MIN } from '../../app/validation';
import { createFirstAdmin, sessionKey, setupKey } from './auth-api';
import { validateSetup } from './validation';

const fields = ['name', 'email', 'password', 'confirmPassword'] as const;

/** First run: creates the first administrator, who is then signed in. */
export function SetupPage() {
  useDocumentTitle('Set up Kalendaryo');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const { errors, setErrors, submitWith } = useCheckedForm(fields, validateSetup);

  const mutation = useMutation({
    mutationFn: createFirstAdmin,
    onSuccess: async (session) => {
      queryClient.setQueryData<SetupStatus>(setupKey, { needsSetup: false });
      queryClient.setQueryData(sessionKey, session);
      await navigate('/calendar', { replace: true });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.errors.length > 0) setErrors(e.fields);
      if (e instanceof ApiError && e.code === 'setup.already_done') {
        queryClient.setQueryData<SetupStatus>(setupKey, { needsSetup: false });
      }
    },
  });

  const onSubmit = submitWith(mutation, (input) => ({
    name: input.name.trim(),
    email: input.email.trim(),
    password: input.password,
  }));

  const alreadyDone = mutation.error instanceof ApiError && mutation.error.code === 'setup.already_done';

  return (
    <>
      <h1>Set up Kalendaryo</h1>
      <p className="muted">
        Welcome. Create the first administrator account; you can add your colleagues once you are signed in.
      </p>
      <FormMessage tone="error">
        {alreadyDone ? (
          <>
            Kalendaryo has already been set up. <Link to="/signin">Sign in</Link> instead.
          </>
        ) : mutation.isError ? (
          errorMessage(mutation.error)
        ) : null}
      </FormMessage>
      <form className="form" noValidate onSubmit={onSubmit} aria-label="Create the first administrator">
        <TextField name="name" label="Name" autoComplete="name" required error={errors.name} />
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="email"
          inputMode="email"
          required
          error={errors.email}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters. A few unrelated words make a strong password.`}
          required
          error={errors.password}
        />
        <TextField
          name="confirmPassword"
          label="Confirm password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword}
        />
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          Create administrator
        </button>
      </form>
    </>
  );
}
