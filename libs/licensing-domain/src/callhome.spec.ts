import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { parseCallhomeConfig } from './callhome.parser';
import { renderCallhomeConfig } from './callhome.renderer';

const fixture = (dir: string) => readFileSync(join(__dirname, '../test/fixtures/known-problems', dir, 'running-config-callhome.txt'), 'utf8');
const withoutHeaders = (text: string) =>
  text
    .split('\n')
    .filter((l) => l && !l.startsWith('!') && !l.startsWith('version '))
    .join('\n') + '\n';

describe('Call Home parser and renderer (SPEC §10)', () => {
  it('parses the problem-1 block with the global source interface', () => {
    expect(parseCallhomeConfig(fixture('1-source-interface'))).toEqual({
      config: {
        enabled: true,
        emailContact: 'noc@example.com',
        phoneContact: '+31201234567',
        streetAddress: 'Main Street 1, Amsterdam',
        destinationUrl: 'https://tools.cisco.com/its/service/oddce/services/DDCEService',
        transportMethod: 'http',
        vrf: 'management',
        sourceInterface: 'Vlan27',
      },
      unknownLines: [],
    });
  });

  it.each(['1-source-interface', '2-http-destination', '3-untrusted-root-ca', '4-no-dns-response', 'healthy'])(
    'render(parse(%s)) is the block without the show header lines',
    (dir) => {
      const { config, unknownLines } = parseCallhomeConfig(fixture(dir));
      expect(renderCallhomeConfig(config, unknownLines)).toBe(withoutHeaders(fixture(dir)));
    },
  );

  it('parses proxy lines, the configure form of the destination, and keeps unknown lines', () => {
    const text = [
      'hostname sw1',
      'callhome',
      '  email-contact a@b.c',
      '  destination-profile CiscoTAC-1 http https://10.1.1.1/Transportgateway/services/DeviceRequestHandler',
      '  destination-profile CiscoTAC-1 index 2 http https://other/',
      '  transport http proxy server proxy.example.com port 3128',
      '  transport http proxy enable',
      '  site-id 42',
      '  enable',
      '',
    ].join('\r\n');
    const { config, unknownLines } = parseCallhomeConfig(text);
    expect(config).toMatchObject({ vrf: 'default', proxy: { host: 'proxy.example.com', port: 3128, enabled: true }, destinationUrl: 'https://10.1.1.1/Transportgateway/services/DeviceRequestHandler' });
    expect(unknownLines).toEqual(['hostname sw1', '  destination-profile CiscoTAC-1 index 2 http https://other/', '  site-id 42']);
    const rendered = renderCallhomeConfig(config, unknownLines);
    expect(rendered.split('\n')[0]).toBe('hostname sw1');
    expect(rendered).toContain('  site-id 42\n  enable\n');
  });

  it('a proxy without enable stays disabled; enable without server is unknown', () => {
    expect(parseCallhomeConfig('callhome\n  transport http proxy server p port 8080\n').config.proxy).toEqual({ host: 'p', port: 8080, enabled: false });
    expect(parseCallhomeConfig('callhome\n  transport http proxy enable\n').unknownLines).toEqual(['  transport http proxy enable']);
  });

  const word = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9.,+@-]{0,15}$/);
  const config = fc.record({
    enabled: fc.boolean(),
    emailContact: fc.option(word, { nil: '' }),
    phoneContact: fc.option(word, { nil: undefined }),
    streetAddress: fc.option(word, { nil: undefined }),
    destinationUrl: fc.option(word.map((w) => `https://${w}/its/service/oddce/services/DDCEService`), { nil: '' }),
    transportMethod: fc.constant('http' as const),
    vrf: word,
    sourceInterface: fc.option(word, { nil: undefined }),
    proxy: fc.option(fc.record({ host: word, port: fc.integer({ min: 1, max: 65535 }), enabled: fc.boolean() }), { nil: undefined }),
  });

  it('property: render(parse(x)) = x for any rendered Call Home block', () => {
    fc.assert(
      fc.property(config, (c) => {
        const x = renderCallhomeConfig(c);
        const parsed = parseCallhomeConfig(x);
        expect(parsed.unknownLines).toEqual([]);
        expect(renderCallhomeConfig(parsed.config, parsed.unknownLines)).toBe(x);
      }),
    );
  });
});
