'use client';

import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { roleSchema } from '@portico/domain';
import { meQuery } from '@/features/auth/api/auth.queries';
import { memberListQuery } from '@/features/users/api/users.queries';
import { InviteForm } from '@/features/users/components/invite-form';
import { InviteRows, MemberRows } from '@/features/users/components/member-rows';
import { ErrorState } from '@/components/ui/error-state';
import { PageHeader } from '@/components/ui/page-header';
import { SkeletonLines } from '@/components/ui/skeleton';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { useAccountPermissions } from '@/lib/use-account-permissions';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import cardStyles from '@/components/ui/card.module.css';
import layoutStyles from '@/components/ui/layout.module.css';
import styles from './users-view.module.css';
import alertStyles from '@/components/ui/alert.module.css';

/** The account's users: members with their roles, pending invites, and (for owners and admins) the invite form. */
export function UsersView({ accountId }: { accountId: string }) {
  const list = useQuery(memberListQuery(browserApiClient, accountId));
  const me = useQuery(meQuery(browserApiClient));
  const permissions = useAccountPermissions(accountId);
  const t = useTranslations('users');
  const roles = useTranslations('roles');
  const roleSummary = useTranslations('roleSummary');
  const errorText = useErrorText();
  const [notice, setNotice] = useState<{ tone: 'success' | 'danger'; text: string } | null>(null);
  const canManage = permissions.can('members:manage');
  const myRole = permissions.role ?? 'viewer';
  const onDone = (text: string) => setNotice({ tone: 'success', text });
  const onError = (error: ApiError) =>
    setNotice({ tone: 'danger', text: errorText(error, t('changeFailed')) });
  // What the member rows and the invite rows both need to offer (or hide) their actions.
  const rowProps = { accountId, myUserId: me.data?.user.id ?? '', myRole, canManage, onDone, onError };

  return (
    <>
      <PageHeader title={t('title')} description={t('description')} />
      {notice ? (
        <div
          className={cx(alertStyles.alert, alertStyles[notice.tone])}
          role={notice.tone === 'danger' ? 'alert' : 'status'}
          data-testid="users-notice"
        >
          {notice.text}
        </div>
      ) : null}
      {canManage ? (
        <section className={cx(cardStyles.card, layoutStyles.sectionGap)} aria-labelledby="invite-title">
          <h2 className={layoutStyles.sectionTitle} id="invite-title">
            {t('inviteTitle')}
          </h2>
          <p className="muted small">{t('inviteBody')}</p>
          <div className={layoutStyles.sectionGap}>
            <InviteForm
              accountId={accountId}
              myRole={myRole}
              onInvited={(email) => onDone(t('inviteSent', { email }))}
            />
          </div>
        </section>
      ) : null}
      {list.isPending ? (
        <section className={cx(cardStyles.card, layoutStyles.sectionGap)}>
          <SkeletonLines lines={4} label={t('loading')} />
        </section>
      ) : list.isError ? (
        <div className={layoutStyles.sectionGap}>
          <ErrorState
            title={t('loadFailed')}
            error={list.error}
            onRetry={() => void list.refetch()}
            retrying={list.isFetching}
          />
        </div>
      ) : (
        <>
          <section className={cx(cardStyles.card, layoutStyles.sectionGap)} aria-labelledby="members-title">
            <h2 className={layoutStyles.sectionTitle} id="members-title">
              {t('members', { count: list.data.members.length })}
            </h2>
            <MemberRows members={list.data.members} {...rowProps} />
          </section>
          <section className={cx(cardStyles.card, layoutStyles.sectionGap)} aria-labelledby="invites-title">
            <h2 className={layoutStyles.sectionTitle} id="invites-title">
              {t('invites', { count: list.data.invites.length })}
            </h2>
            <InviteRows invites={list.data.invites} {...rowProps} />
          </section>
        </>
      )}
      <section className={cx(cardStyles.card, layoutStyles.sectionGap)} aria-labelledby="roles-title">
        <h2 className={layoutStyles.sectionTitle} id="roles-title">
          {t('roles')}
        </h2>
        <dl className={styles.roleLegend}>
          {roleSchema.options.map((r) => (
            <div key={r} style={{ display: 'contents' }}>
              <dt>{roles(r)}</dt>
              <dd>{roleSummary(r)}</dd>
            </div>
          ))}
        </dl>
        <p className={cx('muted small', layoutStyles.sectionGap)}>{t('ownerRule')}</p>
      </section>
    </>
  );
}
