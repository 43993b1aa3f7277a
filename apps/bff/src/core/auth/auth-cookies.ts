/** Cookie holding the access token (JWT), path `/`. */
export const ACCESS_COOKIE = 'portico_at';
/** Cookie holding the opaque refresh token, path {@link REFRESH_COOKIE_PATH}. */
export const REFRESH_COOKIE = 'portico_rt';
/** The refresh cookie is only sent to the auth routes. */
export const REFRESH_COOKIE_PATH = '/api/v1/auth';
