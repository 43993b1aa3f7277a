import { addDays, sfDateTime, whmcsDateTime, ymd } from './time';
import {
  SF_CASE_COMMENT_MAX_BYTES,
  SF_CASE_PRIORITIES,
  SF_CASE_STATUSES,
  SF_OBJECTS,
  sfId,
  type SfRecord,
  type SfValue,
  type SfWriteErrorCode,
} from './salesforce.model';
import {
  invoiceTotals,
  type WhmcsCancelRequestRecord,
  type WhmcsClientRecord,
  type WhmcsCurrency,
  type WhmcsDomainRecord,
  type WhmcsInvoiceRecord,
  type WhmcsPayMethodRecord,
  type WhmcsServiceRecord,
  type WhmcsTransactionRecord,
} from './whmcs.model';

/** Thrown by store operations for a business error (mapped to each upstream's error format by the routes). */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  constructor(
    readonly code: 'not_found' | 'invalid' | 'conflict',
    message: string,
    /** Field names concerned, when any. */
    readonly fields: string[] = [],
    /** Salesforce `errorCode` of a rejected sObject write (absent for WHMCS operations). */
    readonly sfErrorCode?: SfWriteErrorCode,
  ) {
    super(message);
  }
}

/** Everything the two simulated upstreams hold. */
export interface SandboxData {
  currencies: WhmcsCurrency[];
  clients: WhmcsClientRecord[];
  services: WhmcsServiceRecord[];
  invoices: WhmcsInvoiceRecord[];
  domains: WhmcsDomainRecord[];
  payMethods: WhmcsPayMethodRecord[];
  cancelRequests: WhmcsCancelRequestRecord[];
  sobjects: Record<string, SfRecord[]>;
  counters: {
    invoice: number;
    invoiceItem: number;
    transaction: number;
    sobject: number;
    caseNumber: number;
    cancelRequest: number;
  };
}

/** The Salesforce user the sandbox's OAuth tokens act as (records created through the API are theirs). */
export const SANDBOX_INTEGRATION_USER = { id: '005A0000000IntgAAA', name: 'Portico Integration' } as const;

/** Escapes text the way WHMCS stores user input (`htmlspecialchars`). */
export function whmcsEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#039;');
}

/** The sandbox's in-memory state with the operations shared by the API routes and the admin controls. */
export class SandboxStore {
  constructor(
    public data: SandboxData,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  now(): Date {
    return this.clock();
  }

  /* ------------------------------------------------------------------ WHMCS */

  client(id: number): WhmcsClientRecord | undefined {
    return this.data.clients.find((c) => c.id === id);
  }

  clientByEmail(email: string): WhmcsClientRecord | undefined {
    return this.data.clients.find((c) => c.email.toLowerCase() === email.toLowerCase());
  }

  currencyOf(client: WhmcsClientRecord): WhmcsCurrency {
    const currency = this.data.currencies.find((c) => c.id === client.currencyId) ?? this.data.currencies[0];
    if (!currency) throw new Error('no currency configured');
    return currency;
  }

  invoice(id: number): WhmcsInvoiceRecord | undefined {
    return this.data.invoices.find((i) => i.id === id);
  }

  /**
   * Updates an invoice like `UpdateInvoice`. Marking it `Paid` records a payment for the balance and sets
   * `datepaid` (given or now).
   * @returns whether the status changed to Paid.
   * @throws {StoreError} `not_found` for an unknown invoice.
   */
  updateInvoice(
    id: number,
    changes: { status?: string; datepaid?: string; duedate?: string; notes?: string; paymentmethod?: string },
  ): { becamePaid: boolean } {
    const inv = this.invoice(id);
    if (!inv) throw new StoreError('not_found', 'Invoice ID Not Found');
    const wasPaid = inv.status === 'Paid';
    if (changes.duedate !== undefined) inv.duedate = changes.duedate;
    if (changes.notes !== undefined) inv.notes = whmcsEscape(changes.notes);
    if (changes.paymentmethod !== undefined) inv.paymentmethod = changes.paymentmethod;
    if (changes.datepaid !== undefined)
      inv.datepaid = changes.datepaid.length === 10 ? `${changes.datepaid} 00:00:00` : changes.datepaid;
    if (changes.status !== undefined) {
      inv.status = changes.status;
      if (changes.status === 'Paid') {
        const now = this.now();
        if (changes.datepaid === undefined) inv.datepaid = whmcsDateTime(now);
        const { balance } = invoiceTotals(inv);
        if (balance > 0) {
          inv.transactions.push(this.newTransaction(inv, balance, now));
        }
      } else if (
        changes.datepaid === undefined &&
        (changes.status === 'Unpaid' || changes.status === 'Draft')
      ) {
        inv.datepaid = '0000-00-00 00:00:00';
      }
    }
    return { becamePaid: !wasPaid && inv.status === 'Paid' };
  }

  private newTransaction(inv: WhmcsInvoiceRecord, amountCents: number, at: Date): WhmcsTransactionRecord {
    const id = ++this.data.counters.transaction;
    return {
      id,
      userid: inv.userid,
      gateway: inv.paymentmethod || 'banktransfer',
      date: whmcsDateTime(at),
      description: `Invoice Payment (#${inv.id})`,
      amountinCents: amountCents,
      feesCents: 0,
      amountoutCents: 0,
      transid: `SBX${String(id).padStart(8, '0')}`,
      invoiceid: inv.id,
    };
  }

  /**
   * Creates an Unpaid invoice for a client with the given lines (`amountCents` in the client's currency).
   * @throws {StoreError} `not_found` for an unknown client, `invalid` without lines.
   */
  createInvoice(
    userid: number,
    items: Array<{ description: string; amountCents: number; taxed?: boolean }>,
    duedate?: string,
  ): WhmcsInvoiceRecord {
    const client = this.client(userid);
    if (!client) throw new StoreError('not_found', 'Client ID Not Found');
    if (items.length === 0) throw new StoreError('invalid', 'At least one line item is required');
    const now = this.now();
    // The client's tax rates, as on its other invoices (WHMCS applies the client's tax rules).
    const previous = this.data.invoices.filter((i) => i.userid === userid).at(-1);
    const inv: WhmcsInvoiceRecord = {
      id: ++this.data.counters.invoice,
      userid,
      invoicenum: '',
      date: ymd(now),
      duedate: duedate ?? ymd(addDays(now, 14)),
      datepaid: '0000-00-00 00:00:00',
      status: 'Unpaid',
      paymentmethod: 'stripe',
      notes: '',
      taxrate: previous?.taxrate ?? 0,
      creditCents: 0,
      items: items.map((i) => ({
        id: ++this.data.counters.invoiceItem,
        type: '',
        relid: 0,
        description: whmcsEscape(i.description),
        amountCents: i.amountCents,
        taxed: i.taxed ?? false,
      })),
      transactions: [],
      taxrate2: previous?.taxrate2 ?? 0,
      lastCaptureAttempt: '0000-00-00 00:00:00',
    };
    this.data.invoices.push(inv);
    return inv;
  }

  /**
   * Adds an active monthly service (`amountCents` a month) to a client.
   * @throws {StoreError} `not_found` for an unknown client
   */
  createService(userid: number, name: string, amountCents: number): WhmcsServiceRecord {
    if (!this.client(userid)) throw new StoreError('not_found', 'Client ID Not Found');
    const now = this.now();
    const id = Math.max(0, ...this.data.services.map((s) => s.id)) + 1;
    const service: WhmcsServiceRecord = {
      id,
      clientid: userid,
      pid: 90,
      orderid: 9000 + id,
      name,
      groupname: 'Shared Hosting',
      domain: '',
      username: '',
      regdate: ymd(now),
      nextduedate: ymd(addDays(now, 30)),
      billingcycle: 'Monthly',
      firstpaymentCents: amountCents,
      recurringCents: amountCents,
      paymentmethod: 'stripe',
      status: 'Active',
      servername: 'saturn',
      diskusage: 0,
      disklimit: 0,
      bwusage: 0,
      bwlimit: 0,
      lastupdate: '0000-00-00 00:00:00',
    };
    this.data.services.push(service);
    return service;
  }

  service(id: number): WhmcsServiceRecord | undefined {
    return this.data.services.find((s) => s.id === id);
  }

  /**
   * Records a cancellation request like `AddCancelRequest`. An `Immediate` one is carried out at once (as WHMCS's
   * next cron run would): the service becomes `Cancelled`; `End of Billing Period` leaves it active until then.
   * @throws {StoreError} `not_found` for an unknown service, `conflict` when one is already requested
   */
  addCancelRequest(
    serviceId: number,
    type: WhmcsCancelRequestRecord['type'],
    reason: string,
  ): { service: WhmcsServiceRecord; request: WhmcsCancelRequestRecord } {
    const service = this.service(serviceId);
    if (!service) throw new StoreError('not_found', 'Service ID Not Found');
    if (this.data.cancelRequests.some((r) => r.relid === serviceId))
      throw new StoreError('conflict', 'Existing Cancellation Request Exists');
    const request: WhmcsCancelRequestRecord = {
      id: ++this.data.counters.cancelRequest,
      relid: serviceId,
      reason: whmcsEscape(reason),
      type,
      date: whmcsDateTime(this.now()),
    };
    this.data.cancelRequests.push(request);
    if (type === 'Immediate') {
      service.status = 'Cancelled';
      service.nextduedate = '0000-00-00';
    }
    return { service, request };
  }

  /** Records a failed automatic capture on an invoice (`last_capture_attempt` = now); it stays unpaid. */
  failCapture(invoiceId: number): WhmcsInvoiceRecord {
    const inv = this.invoice(invoiceId);
    if (!inv) throw new StoreError('not_found', 'Invoice ID Not Found');
    inv.lastCaptureAttempt = whmcsDateTime(this.now());
    return inv;
  }

  /* ------------------------------------------------------------------ Salesforce */

  sobjects(type: string): SfRecord[] {
    return this.data.sobjects[type] ?? [];
  }

  /** Finds a record by 15- or 18-character id. */
  sobject(type: string, id: string): SfRecord | undefined {
    const key = id.length === 15 ? id : id.slice(0, 15);
    return this.sobjects(type).find(
      (r) => typeof r.Id === 'string' && (r.Id === id || (id.length === 15 && r.Id.slice(0, 15) === key)),
    );
  }

  /**
   * Creates a Case from an sObject body (field names as the API takes them).
   * @throws {StoreError} `invalid` for unknown or read-only fields, bad picklist values, or a missing Subject/Status.
   */
  createCase(body: Record<string, unknown>): SfRecord {
    const describe = SF_OBJECTS.Case;
    if (!describe) throw new Error('Case not described');
    const writable = new Set([
      'AccountId',
      'ContactId',
      'Subject',
      'Description',
      'Status',
      'Priority',
      'Origin',
      'Type',
      'Reason',
      'OwnerId',
      'Portico_Request_Id__c',
    ]);
    for (const key of Object.keys(body)) {
      if (key === 'attributes') continue;
      if (!(key in describe.fields))
        throw new StoreError(
          'invalid',
          `No such column '${key}' on sobject of type Case`,
          [key],
          'INVALID_FIELD',
        );
      if (!writable.has(key))
        throw new StoreError(
          'invalid',
          `Unable to create/update fields: ${key}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          [key],
          'INVALID_FIELD_FOR_INSERT_UPDATE',
        );
    }
    const str = (k: string): string | null => {
      const v = body[k];
      if (v === undefined || v === null) return null;
      if (typeof v !== 'string')
        throw new StoreError(
          'invalid',
          `${k}: value not of required type: ${JSON.stringify(v)}`,
          [k],
          'FIELD_CUSTOM_VALIDATION_EXCEPTION',
        );
      return v;
    };
    const status = str('Status') ?? 'New';
    if (!(status in SF_CASE_STATUSES))
      throw new StoreError(
        'invalid',
        `Status: bad value for restricted picklist field: ${status}`,
        ['Status'],
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      );
    const subject = str('Subject');
    if (subject === null || subject.trim() === '')
      throw new StoreError(
        'invalid',
        'Required fields are missing: [Subject]',
        ['Subject'],
        'REQUIRED_FIELD_MISSING',
      );
    const accountId = str('AccountId');
    if (accountId !== null && !this.sobject('Account', accountId))
      throw new StoreError(
        'invalid',
        `Account ID: id value of incorrect type: ${accountId}`,
        ['AccountId'],
        'MALFORMED_ID',
      );
    const contactId = str('ContactId');
    if (contactId !== null && !this.sobject('Contact', contactId))
      throw new StoreError(
        'invalid',
        `Contact ID: id value of incorrect type: ${contactId}`,
        ['ContactId'],
        'MALFORMED_ID',
      );
    const priority = str('Priority') ?? 'Medium';
    if (!(SF_CASE_PRIORITIES as readonly string[]).includes(priority)) {
      throw new StoreError(
        'invalid',
        `Priority: bad value for restricted picklist field: ${priority}`,
        ['Priority'],
        'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
      );
    }
    const now = sfDateTime(this.now());
    const closed = SF_CASE_STATUSES[status] === true;
    const record: SfRecord = {
      Id: sfId(describe.keyPrefix, ++this.data.counters.sobject),
      CaseNumber: String(++this.data.counters.caseNumber).padStart(8, '0'),
      AccountId: accountId === null ? null : (this.sobject('Account', accountId)?.Id ?? null),
      ContactId: contactId === null ? null : (this.sobject('Contact', contactId)?.Id ?? null),
      OwnerId: str('OwnerId') ?? this.sobjects('User')[0]?.Id ?? null,
      Subject: subject,
      Description: str('Description'),
      Status: status,
      Priority: priority,
      Origin: str('Origin'),
      Type: str('Type'),
      Reason: str('Reason'),
      Portico_Request_Id__c: str('Portico_Request_Id__c'),
      IsClosed: closed,
      IsEscalated: status === 'Escalated',
      ClosedDate: closed ? now : null,
      CreatedDate: now,
      LastModifiedDate: now,
      SystemModstamp: now,
      IsDeleted: false,
    };
    (this.data.sobjects.Case ??= []).push(record);
    return record;
  }

  /**
   * Upsert of a Case on an External ID field (`PATCH /sobjects/Case/<field>/<value>`): creates the case with
   * `field = value` when none has it, else answers the one that has it (Salesforce updates it with the body's values;
   * Portico only upserts to make a retried create safe, with the same values).
   * @returns the record and whether it was created
   * @throws {StoreError} `invalid` for a field that is not an External ID field, or what create or update throw
   */
  upsertCase(
    field: string,
    value: string,
    body: Record<string, unknown>,
  ): { record: SfRecord; created: boolean } {
    if (field !== 'Portico_Request_Id__c') {
      throw new StoreError(
        'invalid',
        `Provided external ID field does not exist or is not accessible: ${field}`,
        [field],
        'INVALID_FIELD',
      );
    }
    const { [field]: _ignored, ...fields } = body;
    const existing = this.sobjects('Case').find((c) => c[field] === value && c.IsDeleted !== true);
    // A retry carries the same field values, so writing them again changes nothing: the stored case is the answer.
    if (existing) return { record: existing, created: false };
    return { record: this.createCase({ ...fields, [field]: value }), created: true };
  }

  /**
   * Adds a CaseComment (API field names) written by `createdById`.
   * @throws {StoreError} `invalid` for a missing or unknown ParentId, a body over 4,000 bytes or unknown fields
   */
  createCaseComment(body: Record<string, unknown>, createdById: string): SfRecord {
    const writable = new Set(['ParentId', 'CommentBody', 'IsPublished']);
    for (const key of Object.keys(body)) {
      if (key === 'attributes') continue;
      if (!writable.has(key))
        throw new StoreError(
          'invalid',
          `Unable to create/update fields: ${key}.`,
          [key],
          'INVALID_FIELD_FOR_INSERT_UPDATE',
        );
    }
    const parentId = body.ParentId;
    if (typeof parentId !== 'string' || parentId === '')
      throw new StoreError(
        'invalid',
        'Required fields are missing: [ParentId]',
        ['ParentId'],
        'REQUIRED_FIELD_MISSING',
      );
    const parent = this.sobject('Case', parentId);
    if (!parent)
      throw new StoreError(
        'invalid',
        `Parent ID: id value of incorrect type: ${parentId}`,
        ['ParentId'],
        'MALFORMED_ID',
      );
    const text = body.CommentBody ?? null;
    if (text !== null && typeof text !== 'string')
      throw new StoreError(
        'invalid',
        'Body: value not of required type',
        ['CommentBody'],
        'FIELD_CUSTOM_VALIDATION_EXCEPTION',
      );
    if (text !== null && Buffer.byteLength(text, 'utf8') > SF_CASE_COMMENT_MAX_BYTES) {
      throw new StoreError(
        'invalid',
        `Body: data value too large: ${text.slice(0, 20)}... (max length=${SF_CASE_COMMENT_MAX_BYTES})`,
        ['CommentBody'],
        'STRING_TOO_LONG',
      );
    }
    const now = sfDateTime(this.now());
    const record: SfRecord = {
      Id: sfId(SF_OBJECTS.CaseComment?.keyPrefix ?? '00a', ++this.data.counters.sobject),
      ParentId: parent.Id ?? parentId,
      CommentBody: text,
      IsPublished: body.IsPublished === true,
      CreatedById: createdById,
      LastModifiedById: createdById,
      CreatedDate: now,
      LastModifiedDate: now,
      SystemModstamp: now,
      IsDeleted: false,
    };
    (this.data.sobjects.CaseComment ??= []).push(record);
    return record;
  }

  /**
   * Updates fields of a Case (Status keeps IsClosed/ClosedDate consistent).
   * @throws {StoreError} `not_found` for an unknown case, `invalid` for bad values.
   */
  updateCase(id: string, changes: Record<string, SfValue>): SfRecord {
    const record = this.sobject('Case', id);
    if (!record) throw new StoreError('not_found', 'The requested resource does not exist');
    const allowed = new Set([
      'Subject',
      'Description',
      'Status',
      'Priority',
      'Origin',
      'ContactId',
      'Type',
      'Reason',
    ]);
    for (const [key, value] of Object.entries(changes)) {
      if (!allowed.has(key))
        throw new StoreError(
          'invalid',
          `Unable to create/update fields: ${key}.`,
          [key],
          'INVALID_FIELD_FOR_INSERT_UPDATE',
        );
      if (key === 'Status') {
        if (typeof value !== 'string' || !(value in SF_CASE_STATUSES))
          throw new StoreError(
            'invalid',
            `Status: bad value for restricted picklist field: ${String(value)}`,
            ['Status'],
            'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
          );
        const closed = SF_CASE_STATUSES[value] === true;
        if (closed && record.IsClosed !== true) record.ClosedDate = sfDateTime(this.now());
        if (!closed) record.ClosedDate = null;
        record.IsClosed = closed;
        record.IsEscalated = value === 'Escalated' || record.IsEscalated === true;
      }
      record[key] = value;
    }
    const now = sfDateTime(this.now());
    record.LastModifiedDate = now;
    record.SystemModstamp = now;
    return record;
  }
}
