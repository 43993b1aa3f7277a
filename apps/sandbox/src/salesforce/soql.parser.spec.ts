import { parseSoql, SoqlSyntaxError, tokenize } from './soql.parser';

describe('parseSoql', () => {
  it('parses fields, relationship fields, WHERE with AND/OR/NOT/IN, ORDER BY, LIMIT, OFFSET', () => {
    const q = parseSoql(
      "select Id, Contact.Name FROM Case WHERE AccountId = '001A0000001AcmeAAA' AND (IsClosed = false OR Status IN ('New', 'Working')) AND NOT Priority = null ORDER BY CreatedDate DESC NULLS LAST, CaseNumber LIMIT 10 OFFSET 5",
    );
    expect(q.select).toEqual({ kind: 'fields', fields: ['Id', 'Contact.Name'] });
    expect(q.from).toBe('Case');
    expect(q.orderBy).toEqual([
      { field: 'CreatedDate', direction: 'desc', nulls: 'last' },
      { field: 'CaseNumber', direction: 'asc', nulls: 'first' },
    ]);
    expect(q.limit).toBe(10);
    expect(q.offset).toBe(5);
    expect(q.where).toMatchObject({
      kind: 'and',
      left: {
        kind: 'and',
        left: { kind: 'compare', field: 'AccountId', op: '=' },
        right: { kind: 'or', right: { kind: 'in', negate: false } },
      },
      right: { kind: 'not', condition: { kind: 'compare', value: { kind: 'null' } } },
    });
  });

  it('parses COUNT(), NOT IN, <> and date-time literals', () => {
    const q = parseSoql(
      "SELECT COUNT() FROM Case WHERE Status NOT IN ('Closed') AND CreatedDate > 2026-01-05T10:00:00Z AND Origin <> 'Web'",
    );
    expect(q.select).toEqual({ kind: 'count' });
    expect(q.where).toMatchObject({
      left: {
        left: { kind: 'in', negate: true },
        right: {
          kind: 'compare',
          op: '>',
          value: { kind: 'datetime', value: Date.parse('2026-01-05T10:00:00Z') },
        },
      },
      right: { op: '!=' },
    });
  });

  it('decodes SOQL string escapes and keeps escaped LIKE wildcards literal', () => {
    const [, , , , , , , lit] = tokenize("SELECT Id FROM Contact WHERE Name = 'O\\'Brien \\\\ \\n 50\\%'");
    expect(lit).toMatchObject({ type: 'string', value: "O'Brien \\ \n 50%" });
    const q = parseSoql("SELECT Id FROM Contact WHERE Name LIKE 'a\\_b%'");
    expect(q.where).toMatchObject({ kind: 'compare', op: 'like', value: { likeSource: 'a_b.*' } });
  });

  it.each([
    ['SELECT FROM Case', "unexpected token: 'FROM'"],
    ['SELECT Id Case', "unexpected token: 'Case'"],
    ['SELECT Id FROM', "unexpected token: '<EOF>'"],
    ["SELECT Id FROM Case WHERE Subject = 'open", "expecting '''"],
    ['SELECT Id FROM Case WHERE Subject = ', "unexpected token: '<EOF>'"],
    ['SELECT Id FROM Case LIMIT x', "unexpected token: 'x'"],
    ["SELECT Id FROM Case WHERE Subject = 'a\\q'", 'Illegal escape sequence'],
    ['SELECT Id FROM Case WHERE Id = #', 'no viable alternative'],
  ])('rejects %s', (soql, message) => {
    expect(() => parseSoql(soql)).toThrow(SoqlSyntaxError);
    expect(() => parseSoql(soql)).toThrow(message);
  });
});
