import { describe, expect, it } from 'vitest';
import { OrdinalMarks } from '../../src/dedup/ordinal-marks.js';

describe('OrdinalMarks', () => {
  it('marks an ordinal once per round, and a new round starts with none marked', () => {
    const marks = new OrdinalMarks();
    marks.clear();
    expect(marks.has(3)).toBe(false);
    expect(marks.mark(3)).toBe(true);
    expect(marks.mark(3)).toBe(false);
    expect(marks.has(3)).toBe(true);
    expect(marks.has(4)).toBe(false);
    marks.clear();
    expect(marks.has(3)).toBe(false);
    expect(marks.mark(3)).toBe(true);
  });

  it('keeps its marks when an ordinal beyond its length is marked or asked about', () => {
    const marks = new OrdinalMarks();
    marks.clear();
    marks.mark(5);
    expect(marks.mark(100_000)).toBe(true);
    expect(marks.has(5)).toBe(true);
    expect(marks.has(100_000)).toBe(true);
    expect(marks.has(250_000)).toBe(false);
    marks.clear(300_000);
    expect(marks.has(5)).toBe(false);
    expect(marks.mark(299_999)).toBe(true);
  });
});
