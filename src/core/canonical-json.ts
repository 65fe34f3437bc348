/**
 * JSON with object keys in sorted order, so that equal values always give the same text whatever
 * order their keys were written or stored in (PostgreSQL's jsonb does not keep key order). Keys are
 * sorted by UTF-16 code units, as RFC 8785 does; JavaScript itself puts keys that are array indices
 * ("0", "1", …) first, in numeric order, and our records use no such keys. Undefined members are left out.
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    // A plain loop: the audit chain runs this over every event, so it is kept cheap.
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      const member = (value as Record<string, unknown>)[key];
      if (member !== undefined) out[key] = sortKeys(member);
    }
    return out;
  }
  return value;
}
