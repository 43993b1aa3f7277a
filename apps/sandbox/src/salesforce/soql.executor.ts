import type { SandboxStore } from '../store/sandbox.store';
import {
  SF_ID_PATTERN,
  SF_OBJECTS,
  type SfFieldType,
  type SfObjectDescribe,
  type SfRecord,
  type SfValue,
} from '../store/salesforce.model';
import type { SoqlCondition, SoqlLiteral, SoqlQuery } from './soql.parser';

/** A Salesforce API error with its HTTP status and `errorCode` (rendered as `[{ message, errorCode }]`). */
export class SalesforceApiError extends Error {
  override readonly name = 'SalesforceApiError';
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
  ) {
    super(message);
  }
}

/** A JSON record as the REST API returns it. */
export type SfJsonRecord = { attributes: { type: string; url: string } } & Record<string, unknown>;

interface ResolvedField {
  /** Canonical spelling, e.g. `Contact.Name`. */
  path: string;
  relationship?: { name: string; type: string; field: string };
  field: string;
  type: SfFieldType;
}

const CUSTOM_HINT =
  "If you are attempting to use a custom field, be sure to append the '__c' after the custom field name. Please reference your WSDL or the describe call for the appropriate names.";

/** Finds an sObject describe case-insensitively. @throws {SalesforceApiError} INVALID_TYPE */
export function describeObject(name: string): SfObjectDescribe {
  const found = Object.values(SF_OBJECTS).find((o) => o.name.toLowerCase() === name.toLowerCase());
  if (!found) {
    throw new SalesforceApiError(
      400,
      'INVALID_TYPE',
      `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name. Please reference your WSDL or the describe call for the appropriate names.`,
    );
  }
  return found;
}

function fieldOf(
  describe: SfObjectDescribe,
  name: string,
  path: string,
): { field: string; type: SfFieldType } {
  const key = Object.keys(describe.fields).find((f) => f.toLowerCase() === name.toLowerCase());
  const type = key === undefined ? undefined : describe.fields[key];
  if (key === undefined || type === undefined) {
    throw new SalesforceApiError(
      400,
      'INVALID_FIELD',
      `No such column '${path}' on entity '${describe.name}'. ${CUSTOM_HINT}`,
    );
  }
  return { field: key, type };
}

/** Resolves `Field` or `Relationship.Field` (one level). @throws {SalesforceApiError} INVALID_FIELD */
export function resolveField(describe: SfObjectDescribe, path: string): ResolvedField {
  const parts = path.split('.');
  if (parts.length === 1) {
    const { field, type } = fieldOf(describe, path, path);
    return { path: field, field, type };
  }
  // A field qualified with the queried object's own name (`Case.Subject`) is allowed.
  if (parts.length === 2 && parts[0]?.toLowerCase() === describe.name.toLowerCase())
    return resolveField(describe, parts[1] ?? '');
  if (parts.length > 2) {
    throw new SalesforceApiError(
      400,
      'INVALID_FIELD',
      `The sandbox supports one relationship level; '${path}' has ${parts.length - 1}.`,
    );
  }
  const [relName = '', fieldName = ''] = parts;
  const relKey = Object.keys(describe.relationships).find((r) => r.toLowerCase() === relName.toLowerCase());
  const rel = relKey === undefined ? undefined : describe.relationships[relKey];
  if (relKey === undefined || rel === undefined) {
    throw new SalesforceApiError(
      400,
      'INVALID_FIELD',
      `Didn't understand relationship '${relName}' in field path. ${CUSTOM_HINT}`,
    );
  }
  const parent = describeObject(rel.type);
  const { field, type } = fieldOf(parent, fieldName, path);
  return { path: `${relKey}.${field}`, relationship: { name: relKey, ...rel }, field, type };
}

/** Epoch milliseconds of a stored date-time (`2026-01-05T10:00:00.000+0000`). */
function sfTimeMs(value: SfValue): number {
  return Date.parse(String(value).replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
}

/** The REST URL of a record. */
export function recordUrl(version: string, type: string, id: SfValue): string {
  return `/services/data/v${version}/sobjects/${type}/${String(id)}`;
}

/** Executes a parsed query against the store. */
export class SoqlExecutor {
  constructor(private readonly store: SandboxStore) {}

  /** The parent record a relationship points to, if any. */
  private parentOf(record: SfRecord, relationship: { type: string; field: string }): SfRecord | undefined {
    const parentId = record[relationship.field];
    return typeof parentId === 'string' ? this.store.sobject(relationship.type, parentId) : undefined;
  }

  private valueOf(record: SfRecord, f: ResolvedField): SfValue {
    const source = f.relationship ? this.parentOf(record, f.relationship) : record;
    return source?.[f.field] ?? null;
  }

  private checkLiteral(f: ResolvedField, lit: SoqlLiteral): void {
    if (lit.kind === 'null') return;
    const bad = (expected: string) =>
      new SalesforceApiError(
        400,
        'INVALID_FIELD',
        `value of filter criterion for field '${f.path}' must be of type ${expected} and should not be enclosed in quotes`,
      );
    switch (f.type) {
      case 'boolean':
        if (lit.kind !== 'boolean') throw bad('boolean');
        return;
      case 'datetime':
        if (lit.kind !== 'datetime') throw bad('dateTime');
        return;
      case 'int':
        if (lit.kind !== 'number') throw bad('double');
        return;
      case 'id':
      case 'reference':
        if (lit.kind !== 'string')
          throw new SalesforceApiError(
            400,
            'INVALID_FIELD',
            `value of filter criterion for field '${f.path}' must be of type id and should be enclosed in quotes`,
          );
        if (!SF_ID_PATTERN.test(lit.value)) {
          throw new SalesforceApiError(
            400,
            'INVALID_QUERY_FILTER_OPERATOR',
            `invalid ID field: ${lit.value}`,
          );
        }
        return;
      default:
        if (lit.kind !== 'string')
          throw new SalesforceApiError(
            400,
            'INVALID_FIELD',
            `value of filter criterion for field '${f.path}' must be of type string and should be enclosed in quotes`,
          );
    }
  }

  private equals(f: ResolvedField, value: SfValue, lit: SoqlLiteral): boolean {
    if (lit.kind === 'null') return value === null;
    if (value === null) return false;
    switch (lit.kind) {
      case 'string':
        if ((f.type === 'id' || f.type === 'reference') && lit.value.length === 15)
          return String(value).slice(0, 15) === lit.value;
        return String(value).toLowerCase() === lit.value.toLowerCase();
      case 'boolean':
        return value === lit.value;
      case 'number':
        return Number(value) === lit.value;
      case 'datetime':
        return sfTimeMs(value) === lit.value;
      case 'date':
        return String(value).slice(0, 10) === lit.value;
    }
  }

  private order(value: SfValue, lit: SoqlLiteral): number | null {
    if (value === null || lit.kind === 'null' || lit.kind === 'boolean') return null;
    if (lit.kind === 'datetime') return sfTimeMs(value) - lit.value;
    if (lit.kind === 'number') return Number(value) - lit.value;
    const a = String(value).toLowerCase();
    const b = lit.value.toLowerCase();
    return a < b ? -1 : a > b ? 1 : 0;
  }

  private test(describe: SfObjectDescribe, record: SfRecord, cond: SoqlCondition): boolean {
    switch (cond.kind) {
      case 'and':
        return this.test(describe, record, cond.left) && this.test(describe, record, cond.right);
      case 'or':
        return this.test(describe, record, cond.left) || this.test(describe, record, cond.right);
      case 'not':
        return !this.test(describe, record, cond.condition);
      case 'in': {
        const f = resolveField(describe, cond.field);
        cond.values.forEach((v) => this.checkLiteral(f, v));
        const value = this.valueOf(record, f);
        const found = cond.values.some((v) => this.equals(f, value, v));
        return cond.negate ? !found && value !== null : found;
      }
      case 'compare': {
        const f = resolveField(describe, cond.field);
        this.checkLiteral(f, cond.value);
        const value = this.valueOf(record, f);
        if (cond.op === '=') return this.equals(f, value, cond.value);
        if (cond.op === '!=') return !this.equals(f, value, cond.value);
        if (cond.op === 'like') {
          return (
            value !== null &&
            cond.value.kind === 'string' &&
            new RegExp(`^${cond.value.likeSource}$`, 'is').test(String(value))
          );
        }
        const c = this.order(value, cond.value);
        if (c === null) return false;
        return cond.op === '<' ? c < 0 : cond.op === '<=' ? c <= 0 : cond.op === '>' ? c > 0 : c >= 0;
      }
    }
  }

  /**
   * Runs a query and returns every matching record as JSON (the caller pages them).
   * @throws {SalesforceApiError} INVALID_TYPE, INVALID_FIELD, INVALID_QUERY_FILTER_OPERATOR, NUMBER_OUTSIDE_VALID_RANGE
   */
  execute(query: SoqlQuery, version: string): { totalSize: number; records: SfJsonRecord[] } {
    const describe = describeObject(query.from);
    const selected =
      query.select.kind === 'fields' ? query.select.fields.map((f) => resolveField(describe, f)) : [];
    const order = query.orderBy.map((o) => ({ ...o, f: resolveField(describe, o.field) }));
    if (query.offset !== undefined && query.offset > 2000) {
      throw new SalesforceApiError(400, 'NUMBER_OUTSIDE_VALID_RANGE', 'Maximum SOQL offset allowed is 2000');
    }
    let rows = this.store.sobjects(describe.name).filter((r) => r.IsDeleted !== true);
    if (query.where) {
      const where = query.where;
      // Validate once even when there are no rows, so a bad field fails like Salesforce does.
      this.test(describe, {}, where);
      rows = rows.filter((r) => this.test(describe, r, where));
    }
    if (order.length > 0) {
      rows = [...rows].sort((a, b) => {
        for (const o of order) {
          const va = this.valueOf(a, o.f);
          const vb = this.valueOf(b, o.f);
          if (va === vb) continue;
          if (va === null) return o.nulls === 'first' ? -1 : 1;
          if (vb === null) return o.nulls === 'first' ? 1 : -1;
          const sa = typeof va === 'string' ? va.toLowerCase() : va;
          const sb = typeof vb === 'string' ? vb.toLowerCase() : vb;
          if (sa === sb) continue;
          const c = sa < sb ? -1 : 1;
          return o.direction === 'asc' ? c : -c;
        }
        return 0;
      });
    }
    const offset = query.offset ?? 0;
    rows = rows.slice(offset, query.limit === undefined ? undefined : offset + query.limit);
    if (query.select.kind === 'count') return { totalSize: rows.length, records: [] };
    return { totalSize: rows.length, records: rows.map((r) => this.project(describe, r, selected, version)) };
  }

  /** Builds the JSON of one record with the selected fields (relationship fields nested, null parent -> null). */
  project(
    describe: SfObjectDescribe,
    record: SfRecord,
    fields: ResolvedField[],
    version: string,
  ): SfJsonRecord {
    const out: SfJsonRecord = {
      attributes: { type: describe.name, url: recordUrl(version, describe.name, record.Id ?? null) },
    };
    for (const f of fields) {
      if (!f.relationship) {
        out[f.field] = record[f.field] ?? null;
        continue;
      }
      const parent = this.parentOf(record, f.relationship);
      if (!parent) {
        out[f.relationship.name] = null;
        continue;
      }
      const existing = out[f.relationship.name];
      const nested = (
        existing && typeof existing === 'object'
          ? existing
          : {
              attributes: {
                type: f.relationship.type,
                url: recordUrl(version, f.relationship.type, parent.Id ?? null),
              },
            }
      ) as Record<string, unknown>;
      nested[f.field] = parent[f.field] ?? null;
      out[f.relationship.name] = nested;
    }
    return out;
  }
}
