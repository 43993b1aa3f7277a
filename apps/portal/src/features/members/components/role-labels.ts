import type { Role } from '@portico/domain';

/** How each role is named in the portal. */
export const ROLE_LABEL: Readonly<Record<Role, string>> = {
  owner: 'Owner',
  admin: 'Admin',
  billing: 'Billing',
  technical: 'Technical',
  viewer: 'Viewer',
};

/** What each role can do, in one line (mirrors the domain's permission matrix). */
export const ROLE_SUMMARY: Readonly<Record<Role, string>> = {
  owner: 'Everything, including account security and the owner role.',
  admin: 'Everything but account security; manages users.',
  billing: 'Invoices, payments and services.',
  technical: 'Services, usage and support cases.',
  viewer: 'Reads everything, changes nothing.',
};
