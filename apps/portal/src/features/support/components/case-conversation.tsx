'use client';

import { useState, type FormEvent } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import {
  CASE_COMMENT_MAX_BYTES,
  utf8ByteLength,
  type CaseDetail,
  type CreatedCaseComment,
} from '@portico/domain';
import { caseCommentsQuery } from '@/features/support/api/support.queries';
import { supportKeys } from '@/features/support/api/keys';
import { statusKeys } from '@/features/dashboard/api/keys';
import { Freshness } from '@/features/dashboard/components/freshness';
import { ErrorState } from '@/components/ui/error-state';
import { SkeletonLines } from '@/components/ui/skeleton';
import { accountApiPath } from '@/lib/account-paths';
import { browserApiClient, type ApiError } from '@/lib/api-client';
import { useFormat } from '@/lib/use-format';
import { useErrorText } from '@/lib/use-error-text';
import { cx } from '@/lib/cx';
import cardStyles from '@/components/ui/card.module.css';
import styles from './case-conversation.module.css';
import alertStyles from '@/components/ui/alert.module.css';
import fieldStyles from '@/components/ui/field.module.css';
import buttonStyles from '@/components/ui/button.module.css';
import { domainSchema } from '@/lib/schemas';

/**
 * The public conversation of a case, oldest first (support's replies and the customer's), updated live when the CRM
 * adds a comment, and the reply box: a reply to a case support closed reopens it within the reopen window.
 */
export function CaseConversation({
  accountId,
  supportCase,
  canWrite,
}: {
  accountId: string;
  supportCase: CaseDetail;
  canWrite: boolean;
}) {
  const queryClient = useQueryClient();
  const comments = useQuery(caseCommentsQuery(browserApiClient, accountId, supportCase.id));
  const [body, setBody] = useState('');
  const t = useTranslations('support.conversation');
  const errorText = useErrorText();
  const f = useFormat();
  const reply = useMutation<CreatedCaseComment, ApiError, string>({
    mutationFn: (text) =>
      browserApiClient.request(
        accountApiPath(accountId, 'cases', supportCase.id, 'comments'),
        domainSchema((d) => d.createdCaseCommentSchema),
        { method: 'POST', body: { body: text } },
      ),
    onSuccess: async () => {
      setBody('');
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: supportKeys.cases(accountId) }),
        queryClient.invalidateQueries({ queryKey: statusKeys.detail(accountId) }),
      ]);
    },
  });
  const bytes = utf8ByteLength(body.trim());
  const tooLong = bytes > CASE_COMMENT_MAX_BYTES;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (body.trim() === '' || tooLong) return;
    reply.mutate(body.trim());
  };
  const policy = supportCase.reply;
  return (
    <section className={cx(cardStyles.card, styles.conversation)} aria-labelledby="conversation-title">
      <div className={cardStyles.head}>
        <h2 className={cardStyles.title} id="conversation-title">
          {t('title')}
        </h2>
        {comments.data ? <Freshness meta={comments.data.meta} /> : null}
      </div>
      {comments.isPending ? (
        <SkeletonLines lines={4} label={t('loading')} />
      ) : comments.isError ? (
        <ErrorState
          title={t('loadFailed')}
          error={comments.error}
          onRetry={() => void comments.refetch()}
          retrying={comments.isFetching}
        />
      ) : comments.data.items.length === 0 ? (
        <p className="muted">{t('empty')}</p>
      ) : (
        <ol className={styles.messages} data-testid="case-comments">
          {comments.data.items.map((c) => (
            <li key={c.id} className={cx(styles.message, styles[c.authorType])} data-author={c.authorType}>
              <div className={styles.meta}>
                <span className="strong">
                  {c.authorType === 'support'
                    ? (c.authorName ?? t('support'))
                    : (c.authorName ?? t('yourTeam'))}
                </span>
                {c.authorType === 'support' ? <span className="muted small">{t('support')}</span> : null}
                <time className="muted small" dateTime={c.createdAt} suppressHydrationWarning>
                  {f.dateTime(c.createdAt)}
                </time>
              </div>
              <p className={cx(styles.body, 'pre-line')}>{c.body}</p>
            </li>
          ))}
        </ol>
      )}
      {!canWrite ? null : policy.canReply ? (
        <form className={styles.replyForm} onSubmit={submit} noValidate>
          <label className={cx(fieldStyles.field, tooLong && fieldStyles.invalid)}>
            <span>{policy.reopensOnReply ? t('replyToReopen') : t('yourReply')}</span>
            <textarea
              name="body"
              rows={4}
              value={body}
              onChange={(e) => setBody(e.target.value)}
              aria-describedby="reply-hint"
              aria-invalid={tooLong || undefined}
              data-testid="reply-body"
            />
            <span id="reply-hint" className={tooLong ? fieldStyles.error : fieldStyles.hint}>
              {tooLong
                ? t('tooLong', {
                    over: f.number(bytes - CASE_COMMENT_MAX_BYTES, 0),
                    max: f.number(CASE_COMMENT_MAX_BYTES, 0),
                  })
                : policy.reopensOnReply && policy.reopenableUntil
                  ? t('reopenHint', { until: f.dateTime(policy.reopenableUntil) })
                  : `${f.number(bytes, 0)} / ${f.number(CASE_COMMENT_MAX_BYTES, 0)}`}
            </span>
          </label>
          {reply.isError ? (
            <p className={cx(alertStyles.alert, alertStyles.danger)} role="alert">
              {errorText(reply.error)}
            </p>
          ) : null}
          <div className={fieldStyles.actions}>
            <button
              type="submit"
              className={cx(buttonStyles.button, buttonStyles.primary)}
              disabled={reply.isPending || body.trim() === '' || tooLong}
              data-testid="send-reply"
            >
              {reply.isPending ? t('sending') : policy.reopensOnReply ? t('sendReopen') : t('send')}
            </button>
          </div>
        </form>
      ) : (
        <p className="muted" data-testid="reply-closed">
          {policy.reopenableUntil
            ? t('closedUntil', { until: f.dateTime(policy.reopenableUntil) })
            : t('closed')}
        </p>
      )}
    </section>
  );
}
