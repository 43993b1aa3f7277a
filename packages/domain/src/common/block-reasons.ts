// No zod here: the portal's first page load imports these without the schema library.

/** `reason` of a block whose account is not linked to the block's upstream (no WHMCS client or CRM account id). */
export const NOT_LINKED_REASON = 'not linked';

/**
 * `reason` of a block the member's role may not read (see `STATUS_BLOCK_PERMISSION`): the block is `unavailable`
 * with `data: null`, and the portal hides it instead of showing an error.
 */
export const FORBIDDEN_REASON = 'forbidden';
