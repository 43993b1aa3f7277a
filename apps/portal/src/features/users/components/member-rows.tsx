'use client';

import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { roleSchema, type Invite, type Member, type Role } from '@portico/domain';
import { Badge } from '@/components/ui/badge';
import { EmptyState } from '@/components/ui/empty-state';
import type { ApiError } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { useManageMembersMutation, type MembersChange } from '../api/use-manage-members-mutation';
import { cx } from '@/lib/cx';
import buttonStyles from '@/components/ui/button.module.css';
import styles from './member-rows.module.css';
import listStyles from '@/components/ui/list.module.css';
import fieldStyles from '@/components/ui/field.module.css';

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
  const common = useTranslations('common');
  if (!asking) {
    return (
      <button
        type="button"
        className={cx(buttonStyles.button, buttonStyles.ghost, buttonStyles.small)}
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </button>
    );
  }
  return (
    <span className={styles.confirm}>
      <button
        type="button"
        className={cx(buttonStyles.button, buttonStyles.danger, buttonStyles.small)}
        disabled={disabled}
        onClick={() => {
          setAsking(false);
          onConfirm();
        }}
      >
        {confirmLabel}
      </button>
      <button
        type="button"
        className={cx(buttonStyles.button, buttonStyles.ghost, buttonStyles.small)}
        onClick={() => setAsking(false)}
      >
        {common('cancel')}
      </button>
    </span>
  );
}

/** Members with their role (a select for managers) and a remove action. Owner rows are only editable by owners. */
export function MemberRows({ members, ...props }: RowsProps & { members: Member[] }) {
  const manage = useManageMembersMutation(props.accountId);
  const t = useTranslations('users.rows');
  const roleLabel = useTranslations('roles');
  const f = useFormat();
  const run = (change: MembersChange, message: string) =>
    manage.mutate(change, { onSuccess: () => props.onDone(message), onError: props.onError });
  return (
    <ul className={listStyles.list} data-testid="members">
      {members.map((m) => {
        const editable = props.canManage && (m.role !== 'owner' || props.myRole === 'owner');
        const roles = roleSchema.options.filter(
          (r) => r !== 'owner' || props.myRole === 'owner' || m.role === 'owner',
        );
        const isMe = m.userId === props.myUserId;
        return (
          <li key={m.userId} className={listStyles.row} data-testid="member-row" data-email={m.email}>
            <div className={listStyles.main}>
              <span className="strong">
                {m.name} {isMe ? <Badge tone="info">{t('you')}</Badge> : null}
              </span>
              <span className="muted small break">
                {m.email} · {t('joined', { date: f.date(m.joinedAt.slice(0, 10)) })}
              </span>
            </div>
            <div className={cx(listStyles.side, styles.actions)}>
              {editable ? (
                <label className={cx(fieldStyles.field, fieldStyles.inline)}>
                  <span className="visually-hidden">{t('roleOf', { name: m.name })}</span>
                  <select
                    value={m.role}
                    disabled={manage.isPending}
                    onChange={(e) =>
                      run(
                        { kind: 'role', userId: m.userId, role: e.target.value as Role },
                        t('roleChanged', { name: m.name, role: roleLabel(e.target.value as Role) }),
                      )
                    }
                  >
                    {roles.map((r) => (
                      <option key={r} value={r}>
                        {roleLabel(r)}
                      </option>
                    ))}
                  </select>
                </label>
              ) : (
                <Badge tone={m.role === 'owner' ? 'success' : 'neutral'}>{roleLabel(m.role)}</Badge>
              )}
              {editable ? (
                <ConfirmButton
                  label={isMe ? t('leave') : t('remove')}
                  confirmLabel={isMe ? t('leaveConfirm') : t('removeConfirm', { name: m.name })}
                  disabled={manage.isPending}
                  onConfirm={() =>
                    run(
                      { kind: 'remove', userId: m.userId },
                      isMe ? t('left') : t('removed', { name: m.name }),
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
  const t = useTranslations('users.rows');
  const roleLabel = useTranslations('roles');
  const f = useFormat();
  const run = (change: MembersChange, message: string) =>
    manage.mutate(change, { onSuccess: () => props.onDone(message), onError: props.onError });
  if (invites.length === 0) return <EmptyState title={t('noInvites')}>{t('noInvitesBody')}</EmptyState>;
  return (
    <ul className={listStyles.list} data-testid="invites">
      {invites.map((i) => {
        const allowed = props.canManage && (i.role !== 'owner' || props.myRole === 'owner');
        return (
          <li key={i.id} className={listStyles.row} data-testid="invite-row" data-email={i.email}>
            <div className={listStyles.main}>
              <span className="strong break">{i.email}</span>
              <span className="muted small">
                {roleLabel(i.role)}
                {i.invitedBy ? ` · ${t('invitedBy', { name: i.invitedBy })}` : ''} ·{' '}
                {i.expired
                  ? t('inviteExpired')
                  : t('inviteExpires', { date: f.date(i.expiresAt.slice(0, 10)) })}
              </span>
            </div>
            <div className={cx(listStyles.side, styles.actions)}>
              {i.expired ? (
                <Badge tone="warning">{t('expired')}</Badge>
              ) : (
                <Badge tone="info">{t('pending')}</Badge>
              )}
              {allowed ? (
                <>
                  <button
                    type="button"
                    className={cx(buttonStyles.button, buttonStyles.secondary, buttonStyles.small)}
                    disabled={manage.isPending}
                    onClick={() => run({ kind: 'resend', inviteId: i.id }, t('resent', { email: i.email }))}
                  >
                    {t('resend')}
                  </button>
                  <ConfirmButton
                    label={t('revoke')}
                    confirmLabel={t('revokeConfirm')}
                    disabled={manage.isPending}
                    onConfirm={() =>
                      run({ kind: 'revoke', inviteId: i.id }, t('revoked', { email: i.email }))
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
