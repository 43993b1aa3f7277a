import type { Role } from '@portico/domain';

/** RFC 4122-shaped UUID (any version, any case): the ids of users, accounts, memberships and sessions. */
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The authenticated user of a request (from the access token). */
export interface SessionUser {
  userId: string;
  email: string;
  /** The session (refresh-token family) the access token belongs to: claim `sid`. */
  sessionId: string;
  /**
   * The account whose identity provider asserted a second factor (`amr`) when this session signed in (claim
   * `mfa_acct`): that account's two-factor requirement counts as met. Absent for every other sign-in.
   */
  mfaAccountId?: string;
}

/** The account a request is scoped to, set by {@link AccountMemberGuard} after the membership check. */
export interface AccountContext {
  accountId: string;
  accountName: string;
  /** The session user's role in this account. */
  role: Role;
  /** WHMCS client id (`userid`), null when the account is not linked to WHMCS. */
  whmcsClientId: number | null;
  /** Salesforce Account Id, null when the account is not linked to Salesforce. */
  salesforceAccountId: string | null;
  /** The account requires two-factor authentication of every member. */
  mfaRequired?: boolean;
  /** The session user has two-factor authentication enabled. */
  memberMfaEnabled?: boolean;
}

/** Claims of an access token. */
export interface AccessTokenClaims {
  sub: string;
  email: string;
  /** Session id (refresh-token family), so revoking a session stops its access tokens at once. */
  sid: string;
  /** See {@link SessionUser.mfaAccountId}. */
  mfa_acct?: string;
}

/**
 * Whether the member meets the account's two-factor requirement: none is required, they enrolled TOTP, or this
 * session signed in through the account's identity provider with a second factor asserted.
 */
export function meetsAccountMfaRequirement(account: AccountContext, user: SessionUser): boolean {
  return (
    account.mfaRequired !== true ||
    account.memberMfaEnabled === true ||
    user.mfaAccountId === account.accountId
  );
}

/** Request properties set by the auth guards. */
export interface AuthenticatedRequestState {
  user?: SessionUser;
  account?: AccountContext;
}
