// Look-ups in the state's records by an id that came from a request. A plain object inherits
// "constructor", "__proto__", "toString", … from Object.prototype: `tickets["constructor"]` is a
// function, not undefined. Only the record's own keys count.
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
