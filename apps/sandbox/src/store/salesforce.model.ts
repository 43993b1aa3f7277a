/** In-memory Salesforce records: plain field maps keyed by API field name, as the REST API returns them. */

/** A field value as stored: text, number, boolean or null (date-times are stored in Salesforce's text format). */
export type SfValue = string | number | boolean | null;
export type SfRecord = Record<string, SfValue>;

/** Field types the SOQL engine distinguishes. */
export type SfFieldType =
  'id' | 'reference' | 'string' | 'textarea' | 'picklist' | 'boolean' | 'datetime' | 'int';

/** Describes one sObject type. */
export interface SfObjectDescribe {
  name: string;
  keyPrefix: string;
  fields: Readonly<Record<string, SfFieldType>>;
  /** Parent relationships: name -> the sObject type and the reference field holding its id. */
  relationships: Readonly<Record<string, { type: string; field: string }>>;
}

const audit = {
  CreatedDate: 'datetime',
  LastModifiedDate: 'datetime',
  SystemModstamp: 'datetime',
  IsDeleted: 'boolean',
} as const;

/** The sObjects the sandbox serves. */
export const SF_OBJECTS: Readonly<Record<string, SfObjectDescribe>> = {
  User: {
    name: 'User',
    keyPrefix: '005',
    fields: {
      Id: 'id',
      Name: 'string',
      FirstName: 'string',
      LastName: 'string',
      Email: 'string',
      IsActive: 'boolean',
      UserType: 'picklist',
      ...audit,
    },
    relationships: {},
  },
  Account: {
    name: 'Account',
    keyPrefix: '001',
    fields: {
      Id: 'id',
      Name: 'string',
      Type: 'picklist',
      Industry: 'picklist',
      Website: 'string',
      Phone: 'string',
      BillingCity: 'string',
      BillingCountry: 'string',
      OwnerId: 'reference',
      ...audit,
    },
    relationships: { Owner: { type: 'User', field: 'OwnerId' } },
  },
  Contact: {
    name: 'Contact',
    keyPrefix: '003',
    fields: {
      Id: 'id',
      AccountId: 'reference',
      FirstName: 'string',
      LastName: 'string',
      Name: 'string',
      Email: 'string',
      Phone: 'string',
      Title: 'string',
      OwnerId: 'reference',
      ...audit,
    },
    relationships: {
      Account: { type: 'Account', field: 'AccountId' },
      Owner: { type: 'User', field: 'OwnerId' },
    },
  },
  Case: {
    name: 'Case',
    keyPrefix: '500',
    fields: {
      Id: 'id',
      CaseNumber: 'string',
      AccountId: 'reference',
      ContactId: 'reference',
      OwnerId: 'reference',
      Subject: 'string',
      Description: 'textarea',
      Status: 'picklist',
      Priority: 'picklist',
      Origin: 'picklist',
      Type: 'picklist',
      Reason: 'picklist',
      /** Custom External ID field (Text(36), unique): the key Portico upserts new cases on, so a retry never doubles one. */
      Portico_Request_Id__c: 'string',
      IsClosed: 'boolean',
      IsEscalated: 'boolean',
      ClosedDate: 'datetime',
      ...audit,
    },
    relationships: {
      Account: { type: 'Account', field: 'AccountId' },
      Contact: { type: 'Contact', field: 'ContactId' },
      Owner: { type: 'User', field: 'OwnerId' },
    },
  },
  CaseComment: {
    name: 'CaseComment',
    keyPrefix: '00a',
    fields: {
      Id: 'id',
      ParentId: 'reference',
      CommentBody: 'textarea',
      IsPublished: 'boolean',
      CreatedById: 'reference',
      LastModifiedById: 'reference',
      ...audit,
    },
    relationships: {
      Parent: { type: 'Case', field: 'ParentId' },
      CreatedBy: { type: 'User', field: 'CreatedById' },
    },
  },
};

/** Largest `CaseComment.CommentBody`, in bytes (UTF-8), as Salesforce documents it. */
export const SF_CASE_COMMENT_MAX_BYTES = 4000;

/** Case Status picklist: value -> whether it counts as closed. "Waiting on Customer" is a custom value. */
export const SF_CASE_STATUSES: Readonly<Record<string, boolean>> = {
  New: false,
  Working: false,
  Escalated: false,
  'Waiting on Customer': false,
  Closed: true,
};
/** Case Priority picklist. */
export const SF_CASE_PRIORITIES = ['Low', 'Medium', 'High', 'Critical'] as const;

/** `errorCode`s the sandbox answers when an sObject create or update is rejected. */
export type SfWriteErrorCode =
  | 'INVALID_FIELD'
  | 'INVALID_FIELD_FOR_INSERT_UPDATE'
  | 'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST'
  | 'REQUIRED_FIELD_MISSING'
  | 'MALFORMED_ID'
  | 'STRING_TOO_LONG'
  | 'FIELD_CUSTOM_VALIDATION_EXCEPTION';

/** A 15- or 18-character Salesforce record id. */
export const SF_ID_PATTERN = /^[a-zA-Z0-9]{15}(?:[a-zA-Z0-9]{3})?$/;

/** Builds an 18-character id: key prefix + `A` + zero-padded counter + `AAA`. */
export function sfId(keyPrefix: string, n: number): string {
  return `${keyPrefix}A${String(n).padStart(11, '0')}AAA`;
}
