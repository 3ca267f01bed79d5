import { expect } from 'vitest';

/** Every number inside `value`, with its path. */
function numbersIn(value: unknown, path = '$'): Array<[string, number]> {
  if (typeof value === 'number') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((item, index) => numbersIn(item, `${path}[${index}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => numbersIn(item, `${path}.${key}`));
  }
  return [];
}

/** The value survives a JSON round trip unchanged and holds no NaN or Infinity anywhere. */
export function expectJsonSafe(value: unknown): void {
  expect(JSON.parse(JSON.stringify(value))).toEqual(value);
  expect(numbersIn(value).filter(([, number]) => !Number.isFinite(number))).toEqual([]);
}
