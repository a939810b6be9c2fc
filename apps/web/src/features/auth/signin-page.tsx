import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useNavigate, useSearchParams } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { TextField } from '../../app/ui/field';
import { useCheckedForm } from '../../app/use-checked-form';
import { useDocumentTitle } from '../../app/use-document-title';
import { sessionKey, signIn } from './auth-api';
import { safeNextPath } from './next-path';
import { validateSignIn } from './validation';

const fields = ['email', 'password'] as const;

export function SignInPage() {
  useDocumentTitle('Sign in');
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const formRef = useRef<HTMLFormElement>(null);
  const { errors, setErrors, submitWith } = useCheckedForm(fields, validateSignIn);
  const next = params.get('next');

  const mutation = useMutation({
    mutationFn: signIn,
    onSuccess: async (session) => {
      queryClient.setQueryData(sessionKey, session);
      await navigate(safeNextPath(next), { replace: true });
    },
    onError: (e) => {
      if (e instanceof ApiError && e.errors.length > 0) setErrors(e.fields);
      // After a wrong password, put the person back in the password field to try again.
      const password = formRef.current?.elements.namedItem('password');
      if (password instanceof HTMLInputElement) password.select();
    },
  });

  const onSubmit = submitWith(mutation, (input) => ({ email: input.email.trim(), password: input.password }));

  return (
    <>
      <h1>Sign in</h1>
      {next && safeNextPath(next) === next ? (
        <p className="muted">Sign in to continue to that page.</p>
      ) : null}
      <FormMessage tone="error">{mutation.isError ? errorMessage(mutation.error) : null}</FormMessage>
      <form ref={formRef} className="form" noValidate onSubmit={onSubmit} aria-label="Sign in">
        <TextField
          name="email"
          label="Email"
          type="email"
          autoComplete="username"
          inputMode="email"
          required
          error={errors.email}
        />
        <TextField
          name="password"
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.password}
        />
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          Sign in
        </button>
      </form>
    </>
  );
}
