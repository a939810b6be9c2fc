import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../app/api';
import { formatDateTime } from '../../app/time';
import { FormMessage } from '../../app/ui/alert';
import { TextField } from '../../app/ui/field';
import { useCheckedForm } from '../../app/use-checked-form';
import { useDocumentTitle } from '../../app/use-document-title';
import { PASSWORD_MIN } from '../../app/validation';
import { roleLabels } from '../admin/format';
import { changePassword, sessionKey } from './auth-api';
import { useSession } from './session';
import { validateChangePassword } from './validation';

const fields = ['currentPassword', 'newPassword', 'confirmPassword'] as const;

function ChangePasswordForm() {
  const queryClient = useQueryClient();
  const { errors, setErrors, submitWith } = useCheckedForm(fields, validateChangePassword);
  const [formKey, setFormKey] = useState(0);

  const mutation = useMutation({
    mutationFn: changePassword,
    onSuccess: async () => {
      setFormKey((k) => k + 1); // a fresh, empty form
      // The server may rotate the session (and its CSRF token) on a password change.
      await queryClient.invalidateQueries({ queryKey: sessionKey });
    },
    onError: (e) => {
      if (!(e instanceof ApiError)) return;
      if (e.code === 'auth.wrong_password') setErrors({ currentPassword: e.friendly });
      else if (e.errors.length > 0) setErrors(e.fields);
    },
  });

  const onSubmit = submitWith(mutation, (input) => ({
    currentPassword: input.currentPassword,
    newPassword: input.newPassword,
  }));

  const wrongPassword = mutation.error instanceof ApiError && mutation.error.code === 'auth.wrong_password';

  return (
    <section className="card" aria-labelledby="change-password-heading">
      <h2 id="change-password-heading">Change password</h2>
      <FormMessage tone="success">
        {mutation.isSuccess ? 'Your password has been changed.' : null}
      </FormMessage>
      <FormMessage tone="error">
        {mutation.isError && !wrongPassword ? errorMessage(mutation.error) : null}
      </FormMessage>
      <form
        key={formKey}
        className="form"
        noValidate
        onSubmit={onSubmit}
        aria-labelledby="change-password-heading"
      >
        <TextField
          name="currentPassword"
          label="Current password"
          type="password"
          autoComplete="current-password"
          required
          error={errors.currentPassword}
        />
        <TextField
          name="newPassword"
          label="New password"
          type="password"
          autoComplete="new-password"
          hint={`At least ${PASSWORD_MIN} characters.`}
          required
          error={errors.newPassword}
        />
        <TextField
          name="confirmPassword"
          label="Confirm new password"
          type="password"
          autoComplete="new-password"
          required
          error={errors.confirmPassword}
        />
        <button type="submit" className="button button--primary" disabled={mutation.isPending}>
          Change password
        </button>
      </form>
    </section>
  );
}

export function AccountPage() {
  useDocumentTitle('Account');
  const { user } = useSession();
  return (
    <>
      <div className="page-header">
        <h1>Account</h1>
      </div>
      <div className="stack">
        <section className="card" aria-labelledby="profile-heading">
          <h2 id="profile-heading">Your profile</h2>
          <dl className="details">
            <dt>Name</dt>
            <dd>{user.name}</dd>
            <dt>Email</dt>
            <dd>{user.email}</dd>
            <dt>Role</dt>
            <dd>{roleLabels[user.role]}</dd>
            <dt>Last sign-in</dt>
            <dd>{formatDateTime(user.lastSignInAt, user.timeZone, 'Never')}</dd>
          </dl>
        </section>
        <section className="card" aria-labelledby="notifications-heading">
          <h2 id="notifications-heading">Notifications</h2>
          <p>
            Choose where messages reach you, your default reminders, quiet hours and the daily digest:{' '}
            <Link to="/settings/notifications">notification preferences</Link>.
          </p>
        </section>
        <ChangePasswordForm />
      </div>
    </>
  );
}
