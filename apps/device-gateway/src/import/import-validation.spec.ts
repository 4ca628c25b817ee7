import { validate } from './import.runner';

const row = (line: number, name: string, serialNumber = `SN${line}`, extra: Record<string, unknown> = {}) => ({ line, value: { name, pid: 'N9K-C93180YC-FX', serialNumber, nxosVersion: '9.3(5)', ...extra } });

it('reports every bad row with its line, name and reason before anything is sent', () => {
  const { good, bad } = validate([row(2, 'a'), row(3, 'bad name!'), row(4, 'b', 'SN2'), row(5, 'a'), { line: 6, value: { name: 'c' } }, row(7, 'd')]);
  expect(good.map((g) => g.line)).toEqual([2, 7]);
  expect(bad).toEqual([
    { line: 3, name: 'bad name!', reason: expect.stringContaining('name') },
    { line: 4, name: 'b', reason: 'UDI PID:N9K-C93180YC-FX,SN:SN2 is also on line 2' },
    { line: 5, name: 'a', reason: 'name a is also on line 2' },
    { line: 6, name: 'c', reason: expect.stringContaining('pid') },
  ]);
  expect(new Set(good.map((g) => g.switchId)).size).toBe(2);
});
