import { describe, expect, it } from 'vitest';
import { StringTable } from './string-table.js';

describe('StringTable', () => {
  it('finds what was set, by content, across growth', () => {
    const table = new StringTable<number>(2);
    const keys = Array.from({ length: 5000 }, (_, i) => `${i % 7 === 0 ? '-' : ''}${i},${i % 100}%`);
    keys.forEach((k, i) => table.set(k, i));
    expect(table.size).toBe(5000);
    // Equal strings built another way are the same key.
    keys.forEach((k, i) => expect(table.get(k.split('').join(''))).toBe(i));
    expect(table.get('nope')).toBeUndefined();
    expect(table.has('1,1%')).toBe(true);
    expect(table.has('-0,0%')).toBe(true);
    expect(table.has('0,0%')).toBe(false);
  });

  it('tells apart keys that look alike, and keeps null values', () => {
    const table = new StringTable<string | null>();
    for (const k of ['1.000', '1,000', '1000', '-1', '1', '', ' 1', '1 ', '0,035%', '0,035']) table.set(k, k);
    table.set('bad', null);
    for (const k of ['1.000', '1,000', '1000', '-1', '1', '', ' 1', '1 ', '0,035%', '0,035']) expect(table.get(k)).toBe(k);
    expect(table.get('bad')).toBeNull();
    table.set('1', 'one');
    expect(table.get('1')).toBe('one');
    expect(table.size).toBe(11);
  });
});
