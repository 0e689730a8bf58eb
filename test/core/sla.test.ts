import { addServiceHours } from '#core/sla.ts';

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
