import type { CasePriority, CaseStatus, CreateCaseRequest, SupportCase } from '../../support/case.schema';
import type { SfCaseCreateBody, SfCaseRecordRaw } from './raw.schema';

const STATUSES: ReadonlySet<string> = new Set<CaseStatus>([
  'new',
  'working',
  'waiting_on_customer',
  'escalated',
  'closed',
]);
const PRIORITIES: ReadonlySet<string> = new Set<CasePriority>(['low', 'medium', 'high', 'critical']);

function slug(value: string | null): string {
  return (value ?? '')
    .trim()
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/** Case `Status` picklist value to Portico's: `New`, `Working`, `Escalated`, `Closed`, `Waiting on Customer`; else `unknown`. */
export function toCaseStatus(status: string | null): CaseStatus {
  const s = slug(status);
  return STATUSES.has(s) ? (s as CaseStatus) : 'unknown';
}

/** Case `Priority` picklist value: `Low`, `Medium`, `High`, `Critical`; else `unknown`. */
export function toCasePriority(priority: string | null): CasePriority {
  const p = slug(priority);
  return PRIORITIES.has(p) ? (p as CasePriority) : 'unknown';
}

/**
 * Maps a Case record.
 * - `id` <- `Id`; `number` <- `CaseNumber`; `subject` <- `Subject` (`""` when null); `description` <- `Description`
 * - `status` <- `Status`; `priority` <- `Priority`; `isClosed` <- `IsClosed` (else status is `closed`)
 * - `origin` <- `Origin`; `contactName` <- `Contact.Name`
 * - `createdAt` <- `CreatedDate`; `updatedAt` <- `LastModifiedDate`; `closedAt` <- `ClosedDate` (all ISO UTC)
 */
export function toSupportCase(raw: SfCaseRecordRaw): SupportCase {
  const status = toCaseStatus(raw.Status);
  return {
    id: raw.Id,
    number: raw.CaseNumber,
    subject: raw.Subject ?? '',
    description: raw.Description,
    status,
    priority: toCasePriority(raw.Priority),
    isClosed: raw.IsClosed ?? status === 'closed',
    origin: raw.Origin,
    contactName: raw.Contact,
    createdAt: raw.CreatedDate,
    updatedAt: raw.LastModifiedDate,
    closedAt: raw.ClosedDate,
  };
}

const PRIORITY_VALUES: Readonly<Record<CreateCaseRequest['priority'], SfCaseCreateBody['Priority']>> = {
  low: 'Low',
  medium: 'Medium',
  high: 'High',
};

/**
 * Builds the Case sObject body for `POST /sobjects/Case`: `Subject` <- `subject`, `Description` <- `description`,
 * `Priority` <- `priority` (`Low`/`Medium`/`High`), `Origin` `Web`, `Status` `New`, `AccountId` <- `accountId`.
 */
export function toSalesforceCaseCreate(
  req: CreateCaseRequest,
  context: { accountId: string },
): SfCaseCreateBody {
  return {
    Subject: req.subject,
    Description: req.description,
    Priority: PRIORITY_VALUES[req.priority],
    Origin: 'Web',
    Status: 'New',
    AccountId: context.accountId,
  };
}
