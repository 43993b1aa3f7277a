import type { Contact, CrmAccount } from '../../accounts/account.schema';
import type { SfAccountRecordRaw, SfContactRecordRaw } from './raw.schema';

/**
 * Maps an Account record.
 * - `name` <- `Name`; `type` <- `Type`; `industry` <- `Industry`; `website` <- `Website`; `phone` <- `Phone`
 * - `accountManager` <- `Owner.Name` (null when not selected or no owner)
 */
export function toCrmAccount(raw: SfAccountRecordRaw): CrmAccount {
  return {
    name: raw.Name,
    type: raw.Type,
    industry: raw.Industry,
    website: raw.Website,
    phone: raw.Phone,
    accountManager: raw.Owner,
  };
}

/** Maps a Contact record: `id` <- `Id`, `name` <- `Name`, `email` <- `Email`, `phone` <- `Phone`, `title` <- `Title`. */
export function toContact(raw: SfContactRecordRaw): Contact {
  return { id: raw.Id, name: raw.Name, email: raw.Email, phone: raw.Phone, title: raw.Title };
}
