import { USAGE } from './agent-harness';
import { Simulation } from './simulation';

const start = () => {
  const sim = new Simulation();
  for (const u of USAGE) sim.cssm.addLicenses(u.tag, 100);
  return sim;
};
const only = (log: string[], ...names: string[]) => log.filter((l) => names.some((n) => l.endsWith(` ${n}`)));

describe('simulation: an agent against an in-memory license server', () => {
  it('a healthy year', () => {
    const sim = start().command({ type: 'set-usage', entitlements: USAGE }).command({ type: 'register', idToken: 'tok' });
    sim.runUntil(sim.day(365));
    const renewals = [30, 60, 90, 120, 150, 180, 210, 240, 270, 300, 330, 360].map((d) => `d${d}+00:00 AUTH_RENEW_SUCCESS`);
    expect(sim.log).toEqual([
      'd0+00:00 EVAL_START',
      'd0+00:00 AGENT_REG_SUCCESS',
      'd0+00:00 AUTH_RENEW_SUCCESS',
      ...renewals.slice(0, 5),
      'd180+00:00 ID_CERT_RENEW_SUCCESS',
      ...renewals.slice(5, 11),
      'd360+00:00 ID_CERT_RENEW_SUCCESS',
      renewals[11],
    ]);
    expect(sim.state.authorization).toMatchObject({ status: 'AUTHORIZED', nextAttemptAt: sim.day(390), deadline: sim.day(450) });
    expect(sim.state.registration).toMatchObject({ nextRenewalAt: sim.day(540), certificate: { notAfter: sim.day(725) } });
  });

  it('an outage from day 10 to day 110', () => {
    const sim = start().command({ type: 'set-usage', entitlements: USAGE }).command({ type: 'register', idToken: 'tok' });
    sim.reachable = (now) => now < sim.day(10) || now >= sim.day(110);
    sim.runUntil(sim.day(111));
    const failures = only(sim.log, 'AUTH_RENEW_FAILED');
    const before = Array.from({ length: 63 }, (_, k) => 30 * 24 + 23 * k).map((h) => `d${Math.floor(h / 24)}+${String(h % 24).padStart(2, '0')}:00 AUTH_RENEW_FAILED`);
    const after = Array.from({ length: 479 }, (_, k) => 90 * 24 + k + 1).map((h) => `d${Math.floor(h / 24)}+${String(h % 24).padStart(2, '0')}:00 AUTH_RENEW_FAILED`);
    expect(failures).toEqual([...before, ...after]);
    expect(only(sim.log, 'COMM_FAILED')).toHaveLength(63 + 479);
    expect(only(sim.log, 'AUTHORIZATION_EXPIRED', 'COMM_RESTORED', 'AUTH_RENEW_SUCCESS').slice(1)).toEqual([
      'd90+00:00 AUTHORIZATION_EXPIRED',
      'd110+00:00 COMM_RESTORED',
      'd110+00:00 AUTH_RENEW_SUCCESS',
    ]);
    expect(sim.state.authorization).toMatchObject({ status: 'AUTHORIZED', since: sim.day(110), nextAttemptAt: sim.day(140), deadline: sim.day(200) });
  });

  it('out of compliance until licenses are added on day 40', () => {
    const sim = new Simulation();
    sim.cssm.addLicenses('LAN_ENTERPRISE_SERVICES_PKG', 10);
    sim.command({ type: 'set-usage', entitlements: USAGE }).command({ type: 'register', idToken: 'tok' });
    sim.runUntil(sim.day(40, -1));
    sim.cssm.addLicenses('NXOS_ADVANTAGE_XF', 5);
    sim.runUntil(sim.day(80));
    const daily = Array.from({ length: 40 }, (_, d) => [`d${d}+00:00 AUTH_RENEW_SUCCESS`, `d${d}+00:00 OUT_OF_COMPLIANCE`]).flat();
    expect(sim.log).toEqual(['d0+00:00 EVAL_START', 'd0+00:00 AGENT_REG_SUCCESS', ...daily, 'd40+00:00 AUTH_RENEW_SUCCESS', 'd70+00:00 AUTH_RENEW_SUCCESS']);
    expect(sim.events.find((e) => e.name.endsWith('OUT_OF_COMPLIANCE'))?.data).toEqual({ tags: ['NXOS_ADVANTAGE_XF'] });
    expect(sim.state.authorization.compliance).toEqual([
      { tag: 'NXOS_ADVANTAGE_XF', count: 1, status: 'AUTHORIZED' },
      { tag: 'LAN_ENTERPRISE_SERVICES_PKG', count: 1, status: 'AUTHORIZED' },
    ]);
  });

  it('certificate renewal failing from day 170 until expiry', () => {
    const sim = start().command({ type: 'set-usage', entitlements: USAGE }).command({ type: 'register', idToken: 'tok' });
    sim.reachable = (now) => now < sim.day(170);
    sim.runUntil(sim.day(400));
    const certFailures = only(sim.log, 'ID_CERT_RENEW_FAILED');
    expect(certFailures).toHaveLength((365 - 180) * 24);
    expect(certFailures[0]).toBe('d180+00:00 ID_CERT_RENEW_FAILED');
    expect(certFailures.at(-1)).toBe('d364+23:00 ID_CERT_RENEW_FAILED');
    expect(only(sim.log, 'AUTHORIZATION_EXPIRED', 'ID_CERT_EXPIRED', 'EVAL_START', 'EVAL_EXPIRY_WARNING')).toEqual([
      'd0+00:00 EVAL_START',
      'd240+00:00 AUTHORIZATION_EXPIRED',
      'd365+00:00 ID_CERT_EXPIRED',
      'd365+00:00 EVAL_START',
      'd395+00:00 EVAL_EXPIRY_WARNING',
    ]);
    const authFailures = only(sim.log, 'AUTH_RENEW_FAILED');
    expect(authFailures[0]).toBe('d180+00:00 AUTH_RENEW_FAILED');
    expect(authFailures.at(-1)).toBe('d364+23:00 AUTH_RENEW_FAILED');
    expect(sim.state.registration.status).toBe('UNREGISTERED');
    expect(sim.state.pending).toEqual([]);
  });

  it('deregistration with the server unreachable', () => {
    const sim = start().command({ type: 'set-usage', entitlements: USAGE }).command({ type: 'register', idToken: 'tok' });
    sim.reachable = (now) => now < sim.day(5);
    sim.runUntil(sim.day(10)).command({ type: 'deregister' });
    expect(sim.log.slice(-2)).toEqual(['d10+00:00 AGENT_DEREG_SUCCESS', 'd10+00:00 EVAL_START']);
    expect(sim.events.at(-2)?.data).toEqual({ cssmReached: false, reason: 'Fail to send out Call Home HTTP message' });
    expect(sim.log.at(-3)).toBe('d10+00:00 COMM_FAILED');
    expect(sim.state.registration.status).toBe('UNREGISTERED');
    expect(sim.state.authorization.status).toBe('EVAL MODE');
    // the server still counts the usage until 90 days of silence, and forgets the instance at notAfter
    expect(sim.cssm.inUse('NXOS_ADVANTAGE_XF', sim.day(89))).toBe(1);
    expect(sim.cssm.inUse('NXOS_ADVANTAGE_XF', sim.day(90))).toBe(0);
    expect(sim.cssm.instances.size).toBe(1);
    sim.cssm.housekeeping(sim.day(365));
    expect(sim.cssm.instances.size).toBe(0);
    sim.runUntil(sim.day(120));
    expect(only(sim.log, 'EVAL_EXPIRY_WARNING')[0]).toBe('d40+00:00 EVAL_EXPIRY_WARNING');
  });

  it('evaluation consumed across restarts', () => {
    const sim = start().command({ type: 'set-usage', entitlements: USAGE });
    sim.runUntil(sim.day(20)).restart().command({ type: 'set-usage', entitlements: [] });
    sim.runUntil(sim.day(25)).restart().command({ type: 'set-usage', entitlements: USAGE });
    sim.runUntil(sim.day(200));
    const warnings = only(sim.log, 'EVAL_EXPIRY_WARNING');
    expect(sim.log.slice(0, 3)).toEqual(['d0+00:00 EVAL_START', 'd25+00:00 EVAL_START', 'd35+00:00 EVAL_EXPIRY_WARNING']);
    expect(warnings).toHaveLength(34);
    expect(warnings.slice(-2)).toEqual(['d94+22:00 EVAL_EXPIRY_WARNING', 'd94+23:00 EVAL_EXPIRY_WARNING']);
    expect(sim.log.at(-1)).toBe('d95+00:00 EVAL_EXPIRED');
    expect(sim.state.authorization).toMatchObject({ status: 'EVAL EXPIRED', since: sim.day(95) });
  });
});
