import type { Role } from '@portico/domain';

/** The authenticated user of a request (from the access token). */
export interface SessionUser {
  userId: string;
  email: string;
  /** The session (refresh-token family) the access token belongs to: claim `sid`. */
  sessionId: string;
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
}

/** Request properties set by the auth guards. */
export interface AuthenticatedRequestState {
  user?: SessionUser;
  account?: AccountContext;
}
