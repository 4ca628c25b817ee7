import { replaySchedule, type ReplayEvent } from './schedule-replay';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.parse('2022-06-22T16:15:41Z');
const END = T0 + 370 * DAY;

const at = (name: string, t: number): ReplayEvent => ({ name: `SMART_LIC-6-${name}`, at: t });
/** The log of a fault-free year: registered at T0, authorized every 30 days, certificate at 180 and 360. */
function faultFreeYear(): ReplayEvent[] {
  const events = [at('AGENT_REG_SUCCESS', T0), at('AUTH_RENEW_SUCCESS', T0)];
  for (let d = 30; d <= 360; d += 30) events.push(at('AUTH_RENEW_SUCCESS', T0 + d * DAY));
  events.push(at('ID_CERT_RENEW_SUCCESS', T0 + 180 * DAY), at('ID_CERT_RENEW_SUCCESS', T0 + 360 * DAY));
  return events;
}

describe('replaySchedule', () => {
  it('finds nothing wrong in a fault-free year and tells what comes next', () => {
    const r = replaySchedule(faultFreeYear(), T0, END);
    expect(r).toEqual({ registeredAt: T0, lastAuthSuccess: T0 + 360 * DAY, nextAuthAt: T0 + 390 * DAY, nextCertAt: T0 + 540 * DAY, failures: 0, violations: [] });
  });

  it('follows a switch whose attempts failed and were retried on the SPEC schedules', () => {
    const first = T0 + 15 * 60_000;
    const events = [
      // Registration failed at T0 and succeeded at its first retry (15 min); the first authorization went at once.
      at('AGENT_REG_FAILED', T0),
      at('AGENT_REG_SUCCESS', first),
      at('AUTH_RENEW_SUCCESS', first),
      // Authorization: day 30 fine, day 60 fails twice (retries 23 h apart), then every 30 days from the success.
      at('AUTH_RENEW_SUCCESS', first + 30 * DAY),
      at('AUTH_RENEW_FAILED', first + 60 * DAY),
      at('AUTH_RENEW_FAILED', first + 60 * DAY + 23 * HOUR),
    ];
    let t = first + 60 * DAY + 46 * HOUR;
    for (; t <= END; t += 30 * DAY) events.push(at('AUTH_RENEW_SUCCESS', t));
    // Certificate renewals: 180 days after the registration, an hourly retry once.
    events.push(at('ID_CERT_RENEW_FAILED', first + 180 * DAY), at('ID_CERT_RENEW_SUCCESS', first + 180 * DAY + HOUR), at('ID_CERT_RENEW_SUCCESS', first + 360 * DAY + HOUR));
    const r = replaySchedule(events, T0, END);
    expect(r.violations).toEqual([]);
    expect(r).toMatchObject({ registeredAt: first, failures: 4, lastAuthSuccess: t - 30 * DAY, nextAuthAt: t, nextCertAt: first + 540 * DAY + HOUR });
  });

  it('reports a missed wake, a wake delivered twice, a late retry and work left undone at the end', () => {
    const year = faultFreeYear();
    const missed = year.filter((e) => !(e.name.includes('AUTH_RENEW') && e.at === T0 + 90 * DAY));
    expect(replaySchedule(missed, T0, END).violations[0]).toBe(`AUTH_RENEW_SUCCESS at ${new Date(T0 + 120 * DAY).toISOString()}: due at ${new Date(T0 + 90 * DAY).toISOString()}`);

    const twice = [...year, at('AUTH_RENEW_SUCCESS', T0 + 90 * DAY)];
    expect(replaySchedule(twice, T0, END).violations).toEqual([`AUTH_RENEW_SUCCESS at ${new Date(T0 + 90 * DAY).toISOString()}: due at ${new Date(T0 + 120 * DAY).toISOString()}`]);

    const late = [...year.filter((e) => e.at < T0 + 60 * DAY), at('AUTH_RENEW_FAILED', T0 + 60 * DAY), at('AUTH_RENEW_SUCCESS', T0 + 60 * DAY + 24 * HOUR)];
    expect(replaySchedule(late, T0, T0 + 61 * DAY).violations).toEqual([`AUTH_RENEW_SUCCESS at ${new Date(T0 + 60 * DAY + 24 * HOUR).toISOString()}: due at ${new Date(T0 + 60 * DAY + 23 * HOUR).toISOString()}`]);

    const stopped = year.filter((e) => e.at < T0 + 300 * DAY);
    expect(replaySchedule(stopped, T0, END).violations).toEqual([
      `missed: authorization due at ${new Date(T0 + 300 * DAY).toISOString()}, nothing came by ${new Date(END).toISOString()}`,
      `missed: certificate renewal due at ${new Date(T0 + 360 * DAY).toISOString()}, nothing came by ${new Date(END).toISOString()}`,
    ]);

    expect(replaySchedule([at('AGENT_REG_FAILED', T0)], T0, END).violations).toEqual([`never registered: a retry was due at ${new Date(T0 + 15 * 60_000).toISOString()}`]);
  });
});
