import { defaultCallhome, DEVICE_PATHS } from '@fleetlic/contracts';
import { cssmMethod } from './cssm-method';

describe('cssmMethod', () => {
  const base = defaultCallhome('https://cssm.fleetlic.test');
  it('is 1 for the cloud path, 3 for the On-Prem path, 2 with an enabled proxy', () => {
    expect(cssmMethod(base)).toBe(1);
    expect(cssmMethod({ ...base, destinationUrl: `https://onprem.fleetlic.test${DEVICE_PATHS.onprem}` })).toBe(3);
    expect(cssmMethod({ ...base, proxy: { host: 'p', port: 3128, enabled: true } })).toBe(2);
    expect(cssmMethod({ ...base, proxy: { host: 'p', port: 3128, enabled: false } })).toBe(1);
    expect(cssmMethod({ ...base, destinationUrl: 'not a url' })).toBe(1);
  });
});
