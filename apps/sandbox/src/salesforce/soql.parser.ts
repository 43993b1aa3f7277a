/**
 * A small SOQL parser: `SELECT` fields (one relationship level such as `Contact.Name`) or `COUNT()`, `FROM` one
 * sObject, `WHERE` with `=`, `!=`, `<>`, `<`, `<=`, `>`, `>=`, `LIKE`, `IN`, `NOT IN`, `AND`, `OR`, `NOT` and
 * parentheses, `ORDER BY` field `ASC|DESC` `NULLS FIRST|LAST`, `LIMIT`, `OFFSET`. Literals: quoted strings (with SOQL
 * escape sequences), numbers, `true`/`false`, `null`, date-times (`2026-01-05T10:00:00Z`) and dates (`2026-01-05`).
 */

/** A query that does not parse; rendered as `MALFORMED_QUERY`. */
export class SoqlSyntaxError extends Error {
  override readonly name = 'SoqlSyntaxError';
}

export type SoqlLiteral =
  | {
      kind: 'string';
      value: string;
      /** Regex source for LIKE, with escaped wildcards kept literal. */ likeSource: string;
    }
  | { kind: 'number'; value: number }
  | { kind: 'boolean'; value: boolean }
  | { kind: 'null' }
  | { kind: 'datetime'; value: number; text: string }
  | { kind: 'date'; value: string };

export type SoqlCondition =
  | { kind: 'and' | 'or'; left: SoqlCondition; right: SoqlCondition }
  | { kind: 'not'; condition: SoqlCondition }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'like'; value: SoqlLiteral }
  | { kind: 'in'; field: string; negate: boolean; values: SoqlLiteral[] };

export interface SoqlOrder {
  field: string;
  direction: 'asc' | 'desc';
  nulls: 'first' | 'last';
}

export interface SoqlQuery {
  select: { kind: 'count' } | { kind: 'fields'; fields: string[] };
  from: string;
  where?: SoqlCondition;
  orderBy: SoqlOrder[];
  limit?: number;
  offset?: number;
}

type Token =
  | { type: 'ident'; text: string }
  | { type: 'string'; text: string; value: string; likeSource: string }
  | { type: 'number'; text: string; value: number }
  | { type: 'datetime'; text: string; value: number }
  | { type: 'date'; text: string }
  | { type: 'punct'; text: '(' | ')' | ',' }
  | { type: 'op'; text: '=' | '!=' | '<>' | '<' | '<=' | '>' | '>=' }
  | { type: 'eof'; text: '<EOF>' };

const KEYWORDS = new Set([
  'select',
  'from',
  'where',
  'and',
  'or',
  'not',
  'in',
  'like',
  'order',
  'by',
  'asc',
  'desc',
  'nulls',
  'first',
  'last',
  'limit',
  'offset',
  'true',
  'false',
  'null',
  'count',
]);

const ESCAPES: Readonly<Record<string, string>> = {
  n: '\n',
  r: '\r',
  t: '\t',
  b: '\b',
  f: '\f',
  '"': '"',
  "'": "'",
  '\\': '\\',
};

function regexEscape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/** Splits SOQL text into tokens. @throws {SoqlSyntaxError} */
export function tokenize(soql: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < soql.length) {
    const ch = soql.charAt(i);
    if (/\s/.test(ch)) {
      i += 1;
      continue;
    }
    if (ch === "'") {
      let value = '';
      let likeSource = '';
      let j = i + 1;
      let closed = false;
      while (j < soql.length) {
        const c = soql.charAt(j);
        if (c === '\\') {
          const next = soql.charAt(j + 1);
          if (next === '_' || next === '%') {
            value += next;
            likeSource += regexEscape(next);
          } else if (next in ESCAPES) {
            const decoded = ESCAPES[next] ?? next;
            value += decoded;
            likeSource += regexEscape(decoded);
          } else {
            throw new SoqlSyntaxError(
              `Invalid string literal '${soql.slice(i, j + 2)}'. Illegal escape sequence: '\\${next}'`,
            );
          }
          j += 2;
          continue;
        }
        if (c === "'") {
          closed = true;
          break;
        }
        value += c;
        likeSource += c === '%' ? '.*' : c === '_' ? '.' : regexEscape(c);
        j += 1;
      }
      if (!closed) throw new SoqlSyntaxError(`line 1:${i} mismatched character '<EOF>' expecting '''`);
      tokens.push({ type: 'string', text: soql.slice(i, j + 1), value, likeSource });
      i = j + 1;
      continue;
    }
    const rest = soql.slice(i);
    const dt = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,3})?(?:Z|[+-]\d{2}:\d{2})/.exec(rest);
    if (dt) {
      const ms = Date.parse(dt[0]);
      if (Number.isNaN(ms))
        throw new SoqlSyntaxError(`line 1:${i} no viable alternative at character '${dt[0]}'`);
      tokens.push({ type: 'datetime', text: dt[0], value: ms });
      i += dt[0].length;
      continue;
    }
    const date = /^\d{4}-\d{2}-\d{2}(?![\dT])/.exec(rest);
    if (date) {
      tokens.push({ type: 'date', text: date[0] });
      i += date[0].length;
      continue;
    }
    const num = /^-?\d+(?:\.\d+)?/.exec(rest);
    if (num) {
      tokens.push({ type: 'number', text: num[0], value: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    const ident = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*/.exec(rest);
    if (ident) {
      tokens.push({ type: 'ident', text: ident[0] });
      i += ident[0].length;
      continue;
    }
    const op = /^(<=|>=|!=|<>|=|<|>)/.exec(rest);
    if (op) {
      tokens.push({ type: 'op', text: op[0] as '=' });
      i += op[0].length;
      continue;
    }
    if (ch === '(' || ch === ')' || ch === ',') {
      tokens.push({ type: 'punct', text: ch });
      i += 1;
      continue;
    }
    throw new SoqlSyntaxError(`line 1:${i} no viable alternative at character '${ch}'`);
  }
  tokens.push({ type: 'eof', text: '<EOF>' });
  return tokens;
}

class Parser {
  private pos = 0;
  constructor(private readonly tokens: Token[]) {}

  private peek(): Token {
    return this.tokens[this.pos] ?? { type: 'eof', text: '<EOF>' };
  }

  private next(): Token {
    const t = this.peek();
    this.pos += 1;
    return t;
  }

  private unexpected(t: Token = this.peek()): SoqlSyntaxError {
    return new SoqlSyntaxError(`unexpected token: '${t.text}'`);
  }

  private isKeyword(word: string, t: Token = this.peek()): boolean {
    return t.type === 'ident' && t.text.toLowerCase() === word;
  }

  private expectKeyword(word: string): void {
    if (!this.isKeyword(word)) throw this.unexpected();
    this.pos += 1;
  }

  private expectPunct(p: '(' | ')' | ','): void {
    const t = this.next();
    if (t.type !== 'punct' || t.text !== p) throw this.unexpected(t);
  }

  private field(): string {
    const t = this.next();
    if (t.type !== 'ident' || KEYWORDS.has(t.text.toLowerCase())) throw this.unexpected(t);
    return t.text;
  }

  private integer(): number {
    const t = this.next();
    if (t.type !== 'number' || !Number.isInteger(t.value) || t.value < 0) throw this.unexpected(t);
    return t.value;
  }

  parse(): SoqlQuery {
    this.expectKeyword('select');
    let select: SoqlQuery['select'];
    if (this.isKeyword('count') && this.tokens[this.pos + 1]?.text === '(') {
      this.pos += 2;
      const t = this.peek();
      if (t.type === 'ident') this.pos += 1;
      this.expectPunct(')');
      select = { kind: 'count' };
    } else {
      const fields = [this.field()];
      while (this.peek().text === ',') {
        this.pos += 1;
        fields.push(this.field());
      }
      select = { kind: 'fields', fields };
    }
    this.expectKeyword('from');
    const from = this.field();
    const query: SoqlQuery = { select, from, orderBy: [] };
    if (this.isKeyword('where')) {
      this.pos += 1;
      query.where = this.orCondition();
    }
    if (this.isKeyword('order')) {
      this.pos += 1;
      this.expectKeyword('by');
      do {
        if (this.peek().text === ',') this.pos += 1;
        const field = this.field();
        let direction: 'asc' | 'desc' = 'asc';
        if (this.isKeyword('asc') || this.isKeyword('desc'))
          direction = this.next().text.toLowerCase() as 'asc' | 'desc';
        let nulls: 'first' | 'last' = direction === 'asc' ? 'first' : 'last';
        if (this.isKeyword('nulls')) {
          this.pos += 1;
          if (!this.isKeyword('first') && !this.isKeyword('last')) throw this.unexpected();
          nulls = this.next().text.toLowerCase() as 'first' | 'last';
        }
        query.orderBy.push({ field, direction, nulls });
      } while (this.peek().text === ',');
    }
    if (this.isKeyword('limit')) {
      this.pos += 1;
      query.limit = this.integer();
    }
    if (this.isKeyword('offset')) {
      this.pos += 1;
      query.offset = this.integer();
    }
    if (this.peek().type !== 'eof') throw this.unexpected();
    return query;
  }

  private orCondition(): SoqlCondition {
    let left = this.andCondition();
    while (this.isKeyword('or')) {
      this.pos += 1;
      left = { kind: 'or', left, right: this.andCondition() };
    }
    return left;
  }

  private andCondition(): SoqlCondition {
    let left = this.notCondition();
    while (this.isKeyword('and')) {
      this.pos += 1;
      left = { kind: 'and', left, right: this.notCondition() };
    }
    return left;
  }

  private notCondition(): SoqlCondition {
    if (this.isKeyword('not')) {
      this.pos += 1;
      return { kind: 'not', condition: this.notCondition() };
    }
    if (this.peek().text === '(') {
      this.pos += 1;
      const inner = this.orCondition();
      this.expectPunct(')');
      return inner;
    }
    const field = this.field();
    const t = this.peek();
    if (t.type === 'op') {
      this.pos += 1;
      const op = t.text === '<>' ? '!=' : t.text;
      return { kind: 'compare', field, op, value: this.literal() };
    }
    if (this.isKeyword('like')) {
      this.pos += 1;
      const value = this.literal();
      if (value.kind !== 'string') throw new SoqlSyntaxError('LIKE needs a string literal');
      return { kind: 'compare', field, op: 'like', value };
    }
    let negate = false;
    if (this.isKeyword('not')) {
      this.pos += 1;
      negate = true;
    }
    if (this.isKeyword('in')) {
      this.pos += 1;
      this.expectPunct('(');
      const values = [this.literal()];
      while (this.peek().text === ',') {
        this.pos += 1;
        values.push(this.literal());
      }
      this.expectPunct(')');
      return { kind: 'in', field, negate, values };
    }
    throw this.unexpected();
  }

  private literal(): SoqlLiteral {
    const t = this.next();
    switch (t.type) {
      case 'string':
        return { kind: 'string', value: t.value, likeSource: t.likeSource };
      case 'number':
        return { kind: 'number', value: t.value };
      case 'datetime':
        return { kind: 'datetime', value: t.value, text: t.text };
      case 'date':
        return { kind: 'date', value: t.text };
      case 'ident': {
        const word = t.text.toLowerCase();
        if (word === 'true' || word === 'false') return { kind: 'boolean', value: word === 'true' };
        if (word === 'null') return { kind: 'null' };
        throw this.unexpected(t);
      }
      default:
        throw this.unexpected(t);
    }
  }
}

/** Parses one SOQL statement. @throws {SoqlSyntaxError} */
export function parseSoql(soql: string): SoqlQuery {
  return new Parser(tokenize(soql)).parse();
}
