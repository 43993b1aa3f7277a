import { supportCaseSchema } from '../../support/case.schema';
import { createCaseRequestSchema } from '../../support/case.schema';
import { sfCaseRecordSchema, sfQueryResultSchema, sfDateTimeToIso } from './raw.schema';
import { toCasePriority, toCaseStatus, toSalesforceCaseCreate, toSupportCase } from './case.mapper';

const record = {
  attributes: { type: 'Case', url: '/services/data/v62.0/sobjects/Case/500A0000001AbcdAAA' },
  Id: '500A0000001AbcdAAA',
  CaseNumber: '00001001',
  Subject: 'Site down',
  Description: null,
  Status: 'Waiting on Customer',
  Priority: 'High',
  IsClosed: false,
  Origin: 'Web',
  AccountId: '001A0000001AcmeAAA',
  Contact: {
    attributes: { type: 'Contact', url: '/services/data/v62.0/sobjects/Contact/003A0000001AbcdAAA' },
    Name: 'Jane Doe',
  },
  CreatedDate: '2026-01-05T10:00:00.000+0000',
  LastModifiedDate: '2026-01-05T12:30:00.000+0100',
  ClosedDate: null,
};

describe('toSupportCase', () => {
  it('maps a query result record (attributes, nulls, relationship, +0000 offsets)', () => {
    const page = sfQueryResultSchema(sfCaseRecordSchema).parse({
      totalSize: 1,
      done: true,
      records: [record],
    });
    const c = toSupportCase(page.records[0]!);
    expect(supportCaseSchema.parse(c)).toEqual(c);
    expect(c).toEqual({
      id: '500A0000001AbcdAAA',
      number: '00001001',
      subject: 'Site down',
      description: null,
      status: 'waiting_on_customer',
      priority: 'high',
      isClosed: false,
      origin: 'Web',
      contactName: 'Jane Doe',
      createdAt: '2026-01-05T10:00:00.000Z',
      updatedAt: '2026-01-05T11:30:00.000Z',
      closedAt: null,
    });
  });

  it('handles a null Contact relationship, absent optional fields and a closed case', () => {
    const { LastModifiedDate: _l, ...rest } = record;
    const c = toSupportCase(
      sfCaseRecordSchema.parse({
        ...rest,
        Contact: null,
        Status: 'Closed',
        IsClosed: null,
        ClosedDate: '2026-01-06T09:00:00Z',
      }),
    );
    expect(c).toMatchObject({
      contactName: null,
      status: 'closed',
      isClosed: true,
      updatedAt: null,
      closedAt: '2026-01-06T09:00:00.000Z',
    });
  });

  it('rejects a record with a malformed CreatedDate', () => {
    expect(sfCaseRecordSchema.safeParse({ ...record, CreatedDate: '05/01/2026' }).success).toBe(false);
  });

  it.each([
    ['New', 'new'],
    ['Working', 'working'],
    ['Escalated', 'escalated'],
    ['Closed', 'closed'],
    ['Waiting on Customer', 'waiting_on_customer'],
    ['On Hold', 'unknown'],
    [null, 'unknown'],
  ] as const)('status %s -> %s', (s, e) => expect(toCaseStatus(s)).toBe(e));

  it.each([
    ['Low', 'low'],
    ['Medium', 'medium'],
    ['High', 'high'],
    ['Critical', 'critical'],
    ['P1', 'unknown'],
  ] as const)('priority %s -> %s', (p, e) => expect(toCasePriority(p)).toBe(e));
});

describe('toSalesforceCaseCreate', () => {
  it('builds the Case body', () => {
    const req = createCaseRequestSchema.parse({
      subject: 'Need help',
      description: 'Details',
      priority: 'low',
    });
    expect(toSalesforceCaseCreate(req, { accountId: '001A0000001AcmeAAA' })).toEqual({
      Subject: 'Need help',
      Description: 'Details',
      Priority: 'Low',
      Origin: 'Web',
      Status: 'New',
      AccountId: '001A0000001AcmeAAA',
    });
  });
});

describe('sfDateTimeToIso', () => {
  it.each([
    ['2026-01-05T10:00:00.000+0000', '2026-01-05T10:00:00.000Z'],
    ['2026-01-05T10:00:00.000-0500', '2026-01-05T15:00:00.000Z'],
    ['2026-01-05T10:00:00Z', '2026-01-05T10:00:00.000Z'],
    ['2026-01-05T10:00:00+02:00', '2026-01-05T08:00:00.000Z'],
    ['not a date', null],
  ])('%s -> %s', (input, expected) => expect(sfDateTimeToIso(input)).toBe(expected));
});
