import { describe, expect, it } from 'vitest';
import { formatTime, parseStartTime, parseUrlTime } from './time.js';

describe('parseStartTime', () => {
  it.each([
    ['2:12:30', 7950],
    ['12:30', 750],
    ['0:05', 5],
    ['90', 90],
    ['0', 0],
    [' 1:00:00 ', 3600],
    ['75:00', 4500],
    ['2h12m30s', 7950],
    ['45s', 45],
  ])('reads %s as %i seconds', (value, seconds) => {
    expect(parseStartTime(value)).toBe(seconds);
  });

  it.each(['xyz', '', '1:2:3', '12:60', '1:60:00', '-5', '1.5', '2:12:30:00', ':30', '12:', 'h'])(
    'rejects %j',
    (value) => {
      expect(parseStartTime(value)).toBeNull();
    },
  );
});

describe('parseUrlTime', () => {
  it.each([
    ['7950', 7950],
    ['7950s', 7950],
    ['2h12m30s', 7950],
    ['12m', 720],
    ['npt:120', 120],
    ['120,200', 120],
    ['12.7', 12],
  ])('reads %s as %i seconds', (value, seconds) => {
    expect(parseUrlTime(value)).toBe(seconds);
  });

  it('rejects junk', () => {
    expect(parseUrlTime('soon')).toBeNull();
  });
});

describe('formatTime', () => {
  it.each([
    [7950, '2:12:30'],
    [750, '12:30'],
    [5, '0:05'],
    [3600, '1:00:00'],
  ])('formats %i as %s', (seconds, text) => {
    expect(formatTime(seconds)).toBe(text);
  });
});
