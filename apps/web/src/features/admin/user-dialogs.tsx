import type { Role, User } from '@kalendaryo/contract';
import { isOneOf, roles } from '@kalendaryo/contract/values';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { errorMessage } from '../../app/api';
import { FormMessage } from '../../app/ui/alert';
import { Dialog } from '../../app/ui/dialog';
import { SelectField } from '../../app/ui/field';
import { roleLabels } from './format';
import { roleOptions } from './new-user-form';
import { changeRole, setActive } from './users-api';

interface DialogProps {
  user: User;
  onDone: (updated: User) => void;
  onClose: () => void;
}

export function ChangeRoleDialog({ user, onDone, onClose }: DialogProps) {
  const [role, setRole] = useState<Role>(user.role);
  const mutation = useMutation({ mutationFn: changeRole, onSuccess: onDone });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (role === user.role) {
      onClose();
      return;
    }
    mutation.mutate({ id: user.id, role });
  };

  return (
    <Dialog title={`Change role for ${user.name}`} open onClose={onClose}>
      <form className="form" onSubmit={onSubmit}>
        <SelectField
          name="role"
          label="New role"
          value={role}
          onChange={(e) => isOneOf(roles, e.target.value) && setRole(e.target.value)}
          options={roleOptions}
        />
        <p className="muted">
          {role === user.role
            ? `${user.name} is a ${roleLabels[user.role]}. Choose another role.`
            : `${user.name} will change from ${roleLabels[user.role]} to ${roleLabels[role]}. This takes effect on their next request.`}
        </p>
        <FormMessage tone="error">{mutation.isError ? errorMessage(mutation.error) : null}</FormMessage>
        <div className="form-actions">
          <button
            type="submit"
            className="button button--primary"
            disabled={mutation.isPending || role === user.role}
          >
            Save role
          </button>
          <button type="button" className="button button--ghost" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

export function ToggleActiveDialog({ user, onDone, onClose }: DialogProps) {
  const activating = !user.active;
  const mutation = useMutation({ mutationFn: setActive, onSuccess: onDone });
  const verb = activating ? 'Activate' : 'Deactivate';

  return (
    <Dialog title={`${verb} ${user.name}?`} open onClose={onClose}>
      <p>
        {activating
          ? `${user.name} (${user.email}) will be able to sign in again with their existing password.`
          : `${user.name} (${user.email}) will be signed out and will no longer be able to sign in. Their calendar items and history are kept, and you can activate the account again later.`}
      </p>
      <FormMessage tone="error">{mutation.isError ? errorMessage(mutation.error) : null}</FormMessage>
      <div className="form-actions">
        <button
          type="button"
          className={activating ? 'button button--primary' : 'button button--danger'}
          disabled={mutation.isPending}
          onClick={() => mutation.mutate({ id: user.id, active: activating })}
        >
          {verb} account
        </button>
        <button type="button" className="button button--ghost" onClick={onClose} data-autofocus>
          Cancel
        </button>
      </div>
    </Dialog>
  );
}
