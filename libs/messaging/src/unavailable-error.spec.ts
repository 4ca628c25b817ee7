import { isUnavailableError } from './unavailable-error';

describe('isUnavailableError', () => {
  it('recognises a database that is down, restarting or dropped the connection', () => {
    const sys = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code });
    expect(isUnavailableError(sys('ECONNREFUSED'))).toBe(true);
    expect(isUnavailableError(sys('ECONNRESET'))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error('the database system is starting up'), { code: '57P03' }))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01' }))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error('x'), { code: '08006' }))).toBe(true);
    expect(isUnavailableError(new Error('Connection terminated unexpectedly'))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error('Query runner already released. Cannot run queries anymore.'), { name: 'QueryRunnerAlreadyReleasedError' }))).toBe(true);
    // TypeORM's QueryFailedError keeps the driver's error; a wrapper may keep it as its cause.
    expect(isUnavailableError(Object.assign(new Error('failed'), { driverError: sys('ECONNREFUSED') }))).toBe(true);
    expect(isUnavailableError(new Error('wrapped', { cause: sys('EPIPE') }))).toBe(true);
  });

  it('recognises a service error marked as a dependency that is down', () => {
    expect(isUnavailableError(Object.assign(new Error('the cssm-adapter did not answer'), { dependencyUnavailable: true }))).toBe(true);
    expect(isUnavailableError(Object.assign(new Error('x'), { dependencyUnavailable: false }))).toBe(false);
  });

  it('leaves every other failure to the delivery budget', () => {
    expect(isUnavailableError(new Error('license server unreachable'))).toBe(false);
    expect(isUnavailableError(Object.assign(new Error('duplicate key'), { code: '23505' }))).toBe(false);
    expect(isUnavailableError(Object.assign(new Error('invalid byte sequence'), { code: '22021' }))).toBe(false);
    expect(isUnavailableError(Object.assign(new Error('could not serialize access'), { code: '40001' }))).toBe(false);
    expect(isUnavailableError('ECONNREFUSED')).toBe(false);
    expect(isUnavailableError(undefined)).toBe(false);
  });
});
