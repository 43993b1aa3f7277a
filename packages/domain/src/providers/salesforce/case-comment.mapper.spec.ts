import { caseCommentSchema, createCaseCommentRequestSchema } from '../../support/case-comment.schema';
import { sfCaseCommentRecordSchema, sfQueryResultSchema } from './raw.schema';
import { toCaseComment, toSalesforceCaseCommentCreate, userIdOfIdentityUrl } from './case-comment.mapper';
import { skippedRecordsOf } from '../lenient-list.schema';

const INTEGRATION = '005A0000000IntgAAA';
const record = (over: Record<string, unknown> = {}) => ({
  attributes: { type: 'CaseComment', url: '/services/data/v62.0/sobjects/CaseComment/00aA0000000001AAA' },
  Id: '00aA0000000001AAA',
  ParentId: '500A0000001AbcdAAA',
  CommentBody: 'We restarted the web server.',
  IsPublished: true,
  CreatedById: '005A0000000002AAA',
  CreatedBy: { attributes: { type: 'User', url: '/x' }, Name: 'Dana Support', UserType: 'Standard' },
  CreatedDate: '2026-01-05T10:00:00.000+0000',
  ...over,
});
const context = { integrationUserId: INTEGRATION, postedByMembers: new Map<string, string>() };

describe('toCaseComment', () => {
  it('maps a support agent comment from a query page', () => {
    const page = sfQueryResultSchema(sfCaseCommentRecordSchema).parse({
      totalSize: 1,
      done: true,
      records: [record()],
    });
    const c = toCaseComment(page.records[0]!, context);
    expect(caseCommentSchema.parse(c)).toEqual(c);
    expect(c).toEqual({
      id: '00aA0000000001AAA',
      body: 'We restarted the web server.',
      authorType: 'support',
      authorName: 'Dana Support',
      createdAt: '2026-01-05T10:00:00.000Z',
    });
  });

  it('treats comments of the integration user (15- or 18-character id) as the customer, named when Portico knows who', () => {
    const raw = sfCaseCommentRecordSchema.parse(
      record({
        CreatedById: INTEGRATION.slice(0, 15),
        CreatedBy: { Name: 'Portico Integration', UserType: 'Standard' },
      }),
    );
    expect(toCaseComment(raw, context)).toMatchObject({ authorType: 'customer', authorName: null });
    expect(
      toCaseComment(raw, { ...context, postedByMembers: new Map([[raw.Id, 'Alice Owner']]) }),
    ).toMatchObject({ authorType: 'customer', authorName: 'Alice Owner' });
  });

  it('treats portal users as the customer and tolerates a null body, author and flag', () => {
    const portal = sfCaseCommentRecordSchema.parse(
      record({ CreatedBy: { Name: 'Bob O', UserType: 'PowerCustomerSuccess' } }),
    );
    expect(toCaseComment(portal, context)).toMatchObject({ authorType: 'customer', authorName: 'Bob O' });
    const sparse = sfCaseCommentRecordSchema.parse(
      record({ CommentBody: null, CreatedBy: null, CreatedById: null, IsPublished: null }),
    );
    expect(sparse.IsPublished).toBe(false);
    expect(toCaseComment(sparse, { integrationUserId: null, postedByMembers: new Map() })).toMatchObject({
      body: '',
      authorType: 'support',
      authorName: null,
    });
  });

  it('skips a record with a malformed date and keeps the others; an empty page is fine', () => {
    const page = sfQueryResultSchema(sfCaseCommentRecordSchema).parse({
      totalSize: 2,
      done: true,
      records: [record(), record({ Id: 'bad', CreatedDate: 'yesterday' })],
    });
    expect(page.records).toHaveLength(1);
    expect(skippedRecordsOf(page.records)).toHaveLength(1);
    expect(
      sfQueryResultSchema(sfCaseCommentRecordSchema).parse({ totalSize: 0, done: true, records: [] }).records,
    ).toEqual([]);
  });
});

describe('comment bodies and identity URLs', () => {
  it('builds a published comment', () => {
    expect(toSalesforceCaseCommentCreate('500A0000001AbcdAAA', 'Thanks')).toEqual({
      ParentId: '500A0000001AbcdAAA',
      CommentBody: 'Thanks',
      IsPublished: true,
    });
  });

  it('limits the body to 4,000 bytes, not characters', () => {
    expect(createCaseCommentRequestSchema.safeParse({ body: '   ' }).success).toBe(false);
    expect(createCaseCommentRequestSchema.safeParse({ body: 'a'.repeat(4000) }).success).toBe(true);
    expect(createCaseCommentRequestSchema.safeParse({ body: 'é'.repeat(2001) }).success).toBe(false);
  });

  it('reads the user id of an identity URL', () => {
    expect(userIdOfIdentityUrl('https://login.salesforce.com/id/00DA0000000SbxPAAQ/005A0000000IntgAAA')).toBe(
      INTEGRATION,
    );
    expect(userIdOfIdentityUrl('https://x/id/nope')).toBeNull();
    expect(userIdOfIdentityUrl(undefined)).toBeNull();
  });
});
