import type { CallhomeConfig } from '@fleetlic/contracts';

/** The configuration and every line that was not understood (kept raw, never dropped). */
export interface ParsedCallhome {
  config: CallhomeConfig;
  /** Raw lines: an indented one was inside the `callhome` block, otherwise it was global. */
  unknownLines: string[];
}

/** Header lines of `show running-config` that are output, not configuration: skipped. */
const isHeader = (line: string) => line.trim() === '' || line.startsWith('!') || /^version\s/.test(line);

type BlockRule = [RegExp, (c: CallhomeConfig, m: RegExpExecArray) => boolean];

/** Each rule returns false when the line repeats something already set, so it is kept as unknown. */
const BLOCK_RULES: BlockRule[] = [
  [/^email-contact (.+)$/, (c, m) => ((c.emailContact = m[1]), true)],
  [/^phone-contact (.+)$/, (c, m) => ((c.phoneContact = m[1]), true)],
  [/^streetaddress (.+)$/, (c, m) => ((c.streetAddress = m[1]), true)],
  [/^destination-profile CiscoTAC-1 transport-method http$/, () => true],
  [/^destination-profile CiscoTAC-1 (?:index 1 )?http (\S+)$/, (c, m) => c.destinationUrl === '' && ((c.destinationUrl = m[1]), true)],
  [/^transport http use-vrf (\S+)$/, (c, m) => ((c.vrf = m[1]), true)],
  [
    /^transport http proxy server (\S+) port (\d+)$/,
    (c, m) => ((c.proxy = { host: m[1], port: Number(m[2]), enabled: c.proxy?.enabled ?? false }), true),
  ],
  [/^transport http proxy enable$/, (c) => !!c.proxy && ((c.proxy.enabled = true), true)],
  [/^enable$/, (c) => ((c.enabled = true), true)],
];

/**
 * Parses `show running-config callhome` (plus the global `ip http source-interface`), as pasted
 * from a switch. Call Home without `transport http use-vrf` uses VRF `default`, as NX-OS does.
 */
export function parseCallhomeConfig(text: string): ParsedCallhome {
  const config: CallhomeConfig = { enabled: false, emailContact: '', destinationUrl: '', transportMethod: 'http', vrf: 'default' };
  const unknownLines: string[] = [];
  let inBlock = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '').trimEnd();
    if (isHeader(line)) continue;
    const indented = /^\s/.test(line);
    if (!indented) inBlock = false;
    const body = line.trim();
    if (!indented && body === 'callhome') {
      inBlock = true;
      continue;
    }
    if (!indented) {
      const m = /^ip http source-interface (\S+)$/.exec(body);
      if (m) config.sourceInterface = m[1];
      else unknownLines.push(line);
      continue;
    }
    const rule = inBlock ? BLOCK_RULES.find(([re]) => re.test(body)) : undefined;
    const applied = rule ? rule[1](config, rule[0].exec(body) as RegExpExecArray) : false;
    if (!applied) unknownLines.push(line);
  }
  if (config.proxy && !config.proxy.enabled) config.proxy = { ...config.proxy, enabled: false };
  return { config, unknownLines };
}
