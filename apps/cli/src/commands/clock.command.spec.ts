import { isoOf } from './clock.command';

describe('isoOf', () => {
  it('writes the ISO 8601 duration the gateway takes', () => {
    expect(isoOf(90 * 86_400_000)).toBe('P90D');
    expect(isoOf(6 * 3_600_000)).toBe('PT6H');
    expect(isoOf(86_400_000 + 90_000)).toBe('P1DT1M30S');
    expect(isoOf(0)).toBe('PT0S');
  });
});
