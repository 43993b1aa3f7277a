import { contactSchema, crmAccountSchema } from '../../accounts/account.schema';
import {
  sfAccountRecordSchema,
  sfContactRecordSchema,
  sfErrorSchema,
  sfQueryResultSchema,
  SF_CASE_FIELDS,
} from './raw.schema';
import { toContact, toCrmAccount } from './account.mapper';
import { isSalesforceId, soqlQuote } from './soql.mapper';
import { sfWebhookSchema } from './webhook.schema';

describe('toCrmAccount / toContact', () => {
  it('maps an Account with an Owner relationship and null fields', () => {
    const raw = sfAccountRecordSchema.parse({
      attributes: { type: 'Account', url: '/services/data/v62.0/sobjects/Account/001A0000001AcmeAAA' },
      Id: '001A0000001AcmeAAA',
      Name: 'Acme Hosting Ltd',
      Type: 'Customer - Direct',
      Industry: null,
      Website: 'https://acme.example',
      Phone: '',
      Owner: { attributes: { type: 'User', url: '/x' }, Name: 'Sam Seller' },
    });
    const a = toCrmAccount(raw);
    expect(crmAccountSchema.parse(a)).toEqual(a);
    expect(a).toEqual({
      name: 'Acme Hosting Ltd',
      type: 'Customer - Direct',
      industry: null,
      website: 'https://acme.example',
      phone: null,
      accountManager: 'Sam Seller',
    });
  });

  it('maps Contacts from a paged query result', () => {
    const page = sfQueryResultSchema(sfContactRecordSchema).parse({
      totalSize: 3,
      done: false,
      nextRecordsUrl: '/services/data/v62.0/query/01gxx-2',
      records: [
        {
          attributes: { type: 'Contact', url: '/c' },
          Id: '003A0000001AbcdAAA',
          Name: 'Jane Doe',
          Email: 'jane@acme.example',
          Phone: null,
          Title: 'CTO',
        },
      ],
    });
    expect(page.nextRecordsUrl).toBe('/services/data/v62.0/query/01gxx-2');
    const c = toContact(page.records[0]!);
    expect(contactSchema.parse(c)).toEqual(c);
    expect(c).toEqual({
      id: '003A0000001AbcdAAA',
      name: 'Jane Doe',
      email: 'jane@acme.example',
      phone: null,
      title: 'CTO',
    });
  });

  it('rejects a record without attributes', () => {
    expect(sfContactRecordSchema.safeParse({ Id: '003A0000001AbcdAAA', Name: 'x' }).success).toBe(false);
  });
});

describe('errors, ids, quoting, webhooks', () => {
  it('parses the error array', () => {
    const errs = sfErrorSchema.parse([
      {
        message: 'Required fields are missing: [Subject]',
        errorCode: 'REQUIRED_FIELD_MISSING',
        fields: ['Subject'],
      },
    ]);
    expect(errs[0]?.errorCode).toBe('REQUIRED_FIELD_MISSING');
    expect(sfErrorSchema.safeParse({ message: 'x' }).success).toBe(false);
  });

  it('quotes SOQL literals', () => {
    expect(soqlQuote("O'Brien")).toBe("'O\\'Brien'");
    expect(soqlQuote('a\\b')).toBe("'a\\\\b'");
    expect(soqlQuote('line1\nline2\r\t"x"')).toBe('\'line1\\nline2\\r\\t\\"x\\"\'');
    expect(soqlQuote("' OR Name != '")).toBe("'\\' OR Name != \\''");
  });

  it('recognises 15 and 18 character ids', () => {
    expect(isSalesforceId('001A0000001AcmeAAA')).toBe(true);
    expect(isSalesforceId('001A0000001Acme')).toBe(true);
    expect(isSalesforceId('001A0000001AcmeAA')).toBe(false);
    expect(isSalesforceId("001A0000001Acme' OR")).toBe(false);
  });

  it('selects Contact.Name through one relationship level', () => {
    expect(SF_CASE_FIELDS).toContain('Contact.Name');
  });

  it('parses the webhook body', () => {
    const w = sfWebhookSchema.parse({
      event: 'CaseChanged',
      occurredAt: '2026-01-05T10:00:00.000Z',
      sobject: 'Case',
      recordId: '500A0000001AbcdAAA',
      accountId: '001A0000001AcmeAAA',
    });
    expect(w.recordId).toBe('500A0000001AbcdAAA');
    expect(sfWebhookSchema.safeParse({ ...w, recordId: 'nope' }).success).toBe(false);
  });
});
