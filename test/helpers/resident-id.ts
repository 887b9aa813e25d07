// Test-side resident ID numbers (GB 11643-1999), written from the standard rather than imported from
// the server, so the tests that use them stay an independent oracle: ISO 7064 MOD 11-2, weights
// 2^(17-i) mod 11, the check character makes the weighted sum ≡ 1 (mod 11), X for 10.
export function withCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  for (let c = 0; c <= 10; c++) if ((sum + c) % 11 === 1) return first17 + (c === 10 ? 'X' : String(c));
  throw new Error('unreachable');
}
