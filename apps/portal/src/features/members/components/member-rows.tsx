'use client';

import { useState } from 'react';
import { roleSchema, type Invite, type Member, type Role } from '@portico/domain';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import { formatDate } from '@/lib/format';
import type { ApiError } from '@/lib/api-client';
import { useManageMembersMutation, type MembersChange } from '../api/use-manage-members-mutation';
import { ROLE_LABEL } from './role-labels';

/** Shared props: who is looking, and where results are announced. */
interface RowsProps {
  accountId: string;
  myUserId: string;
  myRole: Role;
  canManage: boolean;
  onDone: (message: string) => void;
  onError: (error: ApiError) => void;
}

/** A button that asks "Sure?" in place before doing something that cannot be undone. */
function ConfirmButton({
  label,
  confirmLabel,
  disabled,
  onConfirm,
}: {
  label: string;
  confirmLabel: string;
  disabled: boolean;
  onConfirm: () => void;
}) {
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button
        type="button"
        className="button button--ghost button--small"
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className="confirm">
      <button
        type="button"
        className="button button--danger button--small"
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button type="button" className="button button--ghost button--small" onClick={() => setAsking(false)}>
        Cancel
      </button>
    </span>
  );
}

/** Members with their role (a select for managers) and a remove action. Owner rows are only editable by owners. */
export function MemberRows({ members, ...props }: RowsProps & { members: Member[] }) {
  const manage = useManageMembersMutation(props.accountId);
  const run = (change: MembersChange, message: string) =>
    manage.mutate(change, { onSuccess: () => props.onDone(message), onError: props.onError });
  return (
    <ul className="list members" data-testid="members">
      {members.map((m) => {
        const editable = props.canManage && (m.role !== 'owner' || props.myRole === 'owner');
        const roles = roleSchema.options.filter(
          (r) => r !== 'owner' || props.myRole === 'owner' || m.role === 'owner',
        );
        const isMe = m.userId === props.myUserId;
        return (
          <li key={m.userId} className="list__row member-row" data-testid="member-row" data-email={m.email}>
            <div className="list__main">
              <span className="strong">
                {m.name} {isMe ? <Badge tone="info">You</Badge> : null}
              </span>
              <span className="muted small break">
                {m.email} · joined {formatDate(m.joinedAt.slice(0, 10))}
              </span>
            </div>
            <div className="list__side member-row__actions">
              {editable ? (
                <label className="field field--inline">
                  <span className="visually-hidden">Role of {m.name}</span>
                  <select
                    value={m.role}
                    disabled={manage.isPending}
                    onChange={(e) =>
                      run(
                        { kind: 'role', userId: m.userId, role: e.target.value as Role },
                        `${m.name} is now ${ROLE_LABEL[e.target.value as Role]}.`,
                      )
                    }
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {ROLE_LABEL[r]}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <Badge tone={m.role === 'owner' ? 'success' : 'neutral'}>{ROLE_LABEL[m.role]}</Badge>
              )}
              {editable ? (
                <ConfirmButton
                  label={isMe ? 'Leave' : 'Remove'}
                  confirmLabel={isMe ? 'Leave this account' : `Remove ${m.name}`}
                  disabled={manage.isPending}
                  onConfirm={() =>
                    run(
                      { kind: 'remove', userId: m.userId },
                      isMe ? 'You left the account.' : `${m.name} was removed.`,
                    )
                  }
                />
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}

/** Pending invites with resend and revoke; expired ones say so and can be resent. */
export function InviteRows({ invites, ...props }: RowsProps & { invites: Invite[] }) {
  const manage = useManageMembersMutation(props.accountId);
  const run = (change: MembersChange, message: string) =>
    manage.mutate(change, { onSuccess: () => props.onDone(message), onError: props.onError });
  if (invites.length === 0)
    return <EmptyState title="No pending invites">Invite a colleague with the form above.</EmptyState>;
  return (
    <ul className="list" data-testid="invites">
      {invites.map((i) => {
        const allowed = props.canManage && (i.role !== 'owner' || props.myRole === 'owner');
        return (
          <li key={i.id} className="list__row" data-testid="invite-row" data-email={i.email}>
            <div className="list__main">
              <span className="strong break">{i.email}</span>
              <span className="muted small">
                {ROLE_LABEL[i.role]}
                {i.invitedBy ? ` · invited by ${i.invitedBy}` : ''} ·{' '}
                {i.expired ? 'expired' : `expires ${formatDate(i.expiresAt.slice(0, 10))}`}
              </span>
            </div>
            <div className="list__side member-row__actions">
              {i.expired ? <Badge tone="warning">Expired</Badge> : <Badge tone="info">Pending</Badge>}
              {allowed ? (
                <>
                  <button
                    type="button"
                    className="button button--secondary button--small"
                    disabled={manage.isPending}
                    onClick={() =>
                      run({ kind: 'resend', inviteId: i.id }, `A new invite link was sent to ${i.email}.`)
                    }
                  >
                    Resend
                  </button>
                  <ConfirmButton
                    label="Revoke"
                    confirmLabel="Revoke invite"
                    disabled={manage.isPending}
                    onConfirm={() =>
                      run({ kind: 'revoke', inviteId: i.id }, `The invite to ${i.email} was revoked.`)
                    }
                  />
                </>
              ) : null}
            </div>
          </li>
        );
      })}
    </ul>
  );
}
