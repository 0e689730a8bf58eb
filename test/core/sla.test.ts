import { addServiceHours, serviceHoursBetween, subtractServiceHours } from '#core/sla.ts';

// WIB = UTC+7; service hours 08:00-20:00 WIB = 01:00-13:00 UTC
describe('addServiceHours', () => {
  it('adds within the same service day', () => {
    expect(addServiceHours('2024-03-11T02:00:00.000Z', 4)).toBe('2024-03-11T06:00:00.000Z'); // 09:00 → 13:00 WIB
  });

  it('carries over the night: 4 service hours from 18:00 WIB end at 10:00 WIB next day', () => {
    expect(addServiceHours('2024-03-11T11:00:00.000Z', 4)).toBe('2024-03-12T03:00:00.000Z');
  });

  it('starts the clock at 08:00 WIB for mail that arrives at night', () => {
    expect(addServiceHours('2024-03-11T20:00:00.000Z', 1)).toBe('2024-03-12T02:00:00.000Z'); // 03:00 WIB → 09:00 WIB
  });

  it('counts 24 service hours as two service days', () => {
    expect(addServiceHours('2024-03-11T01:00:00.000Z', 24)).toBe('2024-03-12T13:00:00.000Z'); // 08:00 WIB + 24 h → 20:00 WIB next day
  });

  it('treats a start exactly at closing as the next opening', () => {
    expect(addServiceHours('2024-03-11T13:00:00.000Z', 0.5)).toBe('2024-03-12T01:30:00.000Z');
  });
});

describe('serviceHoursBetween', () => {
  it('counts the hours within one service day', () => {
    expect(serviceHoursBetween('2024-03-11T02:00:00.000Z', '2024-03-11T06:30:00.000Z')).toBe(4.5); // 09:00 → 13:30 WIB
  });

  it('skips the night between two service days', () => {
    expect(serviceHoursBetween('2024-03-11T11:00:00.000Z', '2024-03-12T03:00:00.000Z')).toBe(4); // 18:00 → 10:00 WIB
  });

  it('counts nothing from night to the next opening', () => {
    expect(serviceHoursBetween('2024-03-11T14:00:00.000Z', '2024-03-12T01:00:00.000Z')).toBe(0); // 21:00 → 08:00 WIB
  });

  it('is zero when the end is not after the start', () => {
    expect(serviceHoursBetween('2024-03-12T03:00:00.000Z', '2024-03-11T03:00:00.000Z')).toBe(0);
  });

  it('undoes addServiceHours from any start', () => {
    for (const start of ['2024-03-11T00:15:00.000Z', '2024-03-11T05:40:00.000Z', '2024-03-11T16:00:00.000Z']) {
      for (const hours of [0.5, 4, 24, 48]) {
        const due = addServiceHours(start, hours);
        expect(serviceHoursBetween(start, due)).toBeCloseTo(hours, 9);
      }
    }
  });
});

describe('subtractServiceHours', () => {
  it('goes back over the nights between service days', () => {
    expect(subtractServiceHours('2024-03-12T03:00:00.000Z', 4)).toBe('2024-03-11T11:00:00.000Z'); // 10:00 → 18:00 WIB the day before
  });

  it('counts back from the last closing when the end is at night', () => {
    expect(subtractServiceHours('2024-03-11T16:00:00.000Z', 2)).toBe('2024-03-11T11:00:00.000Z'); // 23:00 WIB → 18:00 WIB
  });

  it('is the latest start from which the hours have run by the end', () => {
    for (const end of ['2024-03-14T00:15:00.000Z', '2024-03-14T05:40:00.000Z', '2024-03-14T16:00:00.000Z']) {
      for (const hours of [0.5, 4, 36, 84]) {
        const start = subtractServiceHours(end, hours);
        expect(serviceHoursBetween(start, end)).toBeCloseTo(hours, 9);
        expect(serviceHoursBetween(new Date(Date.parse(start) + 1000).toISOString(), end)).toBeLessThan(hours);
      }
    }
  });
});
