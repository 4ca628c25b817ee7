import { parseApiKeys, roleAtLeast } from './roles.decorator';

describe('API key roles', () => {
  it('orders viewer < operator < admin', () => {
    expect(roleAtLeast('admin', 'operator')).toBe(true);
    expect(roleAtLeast('operator', 'operator')).toBe(true);
    expect(roleAtLeast('viewer', 'operator')).toBe(false);
  });

  it('parses FLEETLIC_API_KEYS, keeping the highest role of a key listed twice', () => {
    const keys = parseApiKeys('viewer:v1,operator:o1,admin:o1');
    expect(keys.get('v1')).toBe('viewer');
    expect(keys.get('o1')).toBe('admin');
    expect(parseApiKeys(undefined).size).toBe(0);
  });
});
