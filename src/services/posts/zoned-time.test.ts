import { describe, expect, it } from 'vitest';
import { effectiveTimeZone, formatZoned, instantToZoned, zonedToInstant } from './zoned-time.js';

const utc = (local: string, zone: string) => zonedToInstant(local, zone)?.toISOString() ?? null;

describe('zoned time', () => {
  it('reads Berlin wall clocks in winter and summer time', () => {
    expect(utc('2027-01-15T09:00', 'Europe/Berlin')).toBe('2027-01-15T08:00:00.000Z');
    expect(utc('2027-07-15T09:00', 'Europe/Berlin')).toBe('2027-07-15T07:00:00.000Z');
  });

  it('moves a Berlin time skipped by the spring change forward by the gap', () => {
    // 28 March 2027: 02:00 CET becomes 03:00 CEST; 02:30 never happens.
    expect(utc('2027-03-28T01:59', 'Europe/Berlin')).toBe('2027-03-28T00:59:00.000Z');
    expect(utc('2027-03-28T02:30', 'Europe/Berlin')).toBe('2027-03-28T01:30:00.000Z');
    expect(utc('2027-03-28T03:00', 'Europe/Berlin')).toBe('2027-03-28T01:00:00.000Z');
  });

  it('takes the earlier of a Berlin hour repeated by the autumn change', () => {
    // 31 October 2027: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    expect(utc('2027-10-31T02:30', 'Europe/Berlin')).toBe('2027-10-31T00:30:00.000Z');
    expect(utc('2027-10-31T03:30', 'Europe/Berlin')).toBe('2027-10-31T02:30:00.000Z');
  });

  it('follows Buenos Aires across its 2008–2009 summer time and without it now', () => {
    // 19 October 2008: 00:00 −03 became 01:00 −02 (00:30 never happened).
    expect(utc('2008-10-18T23:30', 'America/Argentina/Buenos_Aires')).toBe(
      '2008-10-19T02:30:00.000Z',
    );
    expect(utc('2008-10-19T00:30', 'America/Argentina/Buenos_Aires')).toBe(
      '2008-10-19T03:30:00.000Z',
    );
    // 15 March 2009: 00:00 −02 went back to 23:00 −03; 23:30 on the 14th happened twice.
    expect(utc('2009-03-14T23:30', 'America/Argentina/Buenos_Aires')).toBe(
      '2009-03-15T01:30:00.000Z',
    );
    expect(utc('2027-06-01T09:00', 'America/Argentina/Buenos_Aires')).toBe(
      '2027-06-01T12:00:00.000Z',
    );
  });

  it('round-trips to datetime-local values', () => {
    for (const zone of ['Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Asia/Kolkata', 'UTC']) {
      for (const local of ['2027-03-28T04:15', '2027-10-31T01:45', '2027-12-31T23:59']) {
        const at = zonedToInstant(local, zone);
        expect(at && instantToZoned(at, zone)).toBe(local);
      }
    }
  });

  it('refuses what is not a wall time or a zone', () => {
    expect(zonedToInstant('2027-02-30T10:00', 'UTC')).toBeNull();
    expect(zonedToInstant('tomorrow', 'UTC')).toBeNull();
    expect(zonedToInstant('2027-01-01T10:00', 'Mars/Olympus')).toBeNull();
    expect(effectiveTimeZone('Mars/Olympus')).toBe('UTC');
    expect(effectiveTimeZone('Europe/Berlin')).toBe('Europe/Berlin');
  });

  it('names the zone when formatting', () => {
    expect(formatZoned('2027-07-15T07:00:00.000Z', 'de', 'Europe/Berlin')).toMatch(/09:00 MESZ$/);
    expect(formatZoned('2027-07-15T07:00:00.000Z', 'en', 'America/Argentina/Buenos_Aires')).toMatch(
      /4:00\s?AM GMT-3$/,
    );
  });
});
