// Freezes a value and everything it reaches: in strict-mode code (every ES module), a write to any
// part of it then throws. How the tests check that a function leaves its input as it was, without
// keeping a copy to compare with.
export function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  } else if (value && typeof value === 'object') {
    // Already frozen (a shared empty bucket): its children may not be.
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
