import { ClockError } from './clock.error';
import { formatInstant, parseInstant, parseIsoDuration } from './duration';
import { laterOf, RealClock } from './clock';

const H = 3_600_000;
const D = 24 * H;

describe('parseIsoDuration', () => {
  it.each([
    ['P30D', 30 * D],
    ['PT6H', 6 * H],
    ['P1Y', 365 * D],
    ['P1M', 30 * D],
    ['P2W', 14 * D],
    ['P1DT2H30M', D + 2 * H + 30 * 60_000],
    ['PT15M', 15 * 60_000],
    ['PT1.5S', 1500],
    ['90d', 90 * D],
    ['6h', 6 * H],
    ['15m', 15 * 60_000],
    ['1y', 365 * D],
    ['1d12h', 36 * H],
  ])('%s', (text, ms) => expect(parseIsoDuration(text)).toBe(ms));

  it.each(['', 'P', 'PT', '30', 'P30', 'soon', '-1d', 'P1DT'])('refuses %j', (text) => {
    expect(() => parseIsoDuration(text)).toThrow(ClockError);
  });
});

describe('instants', () => {
  it('formats as ISO UTC with milliseconds and parses back', () => {
    expect(formatInstant(0)).toBe('1970-01-01T00:00:00.000Z');
    expect(parseInstant('2025-01-01T00:00:00+01:00')).toBe(Date.UTC(2024, 11, 31, 23));
    expect(() => parseInstant('tomorrow')).toThrow(ClockError);
  });
});

describe('RealClock', () => {
  it('acts at the later of its time and the header', () => {
    const clock = new RealClock();
    const before = Date.now();
    expect(clock.now()).toBeGreaterThanOrEqual(before);
    expect(clock.at(before + D)).toBe(before + D);
    expect(clock.at(0)).toBeGreaterThanOrEqual(before);
    expect(laterOf(5, undefined)).toBe(5);
    expect(laterOf(5, Number.NaN)).toBe(5);
  });
});
