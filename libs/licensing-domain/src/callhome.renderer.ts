import type { CallhomeConfig } from '@fleetlic/contracts';

/**
 * The configuration as `show running-config callhome` prints it, without the `!Command`,
 * `!Time` and `version` header lines: the global `ip http source-interface`, then the block.
 * Unknown lines from the parser are put back: global ones first, indented ones before `enable`.
 */
export function renderCallhomeConfig(config: CallhomeConfig, unknownLines: string[] = []): string {
  const globalUnknown = unknownLines.filter((l) => !/^\s/.test(l));
  const blockUnknown = unknownLines.filter((l) => /^\s/.test(l));
  const lines = [...globalUnknown];
  if (config.sourceInterface) lines.push(`ip http source-interface ${config.sourceInterface}`);
  lines.push('callhome');
  if (config.emailContact) lines.push(`  email-contact ${config.emailContact}`);
  if (config.phoneContact) lines.push(`  phone-contact ${config.phoneContact}`);
  if (config.streetAddress) lines.push(`  streetaddress ${config.streetAddress}`);
  lines.push('  destination-profile CiscoTAC-1 transport-method http');
  if (config.destinationUrl) lines.push(`  destination-profile CiscoTAC-1 index 1 http ${config.destinationUrl}`);
  lines.push(`  transport http use-vrf ${config.vrf}`);
  if (config.proxy) {
    lines.push(`  transport http proxy server ${config.proxy.host} port ${config.proxy.port}`);
    if (config.proxy.enabled) lines.push('  transport http proxy enable');
  }
  lines.push(...blockUnknown);
  if (config.enabled) lines.push('  enable');
  return lines.join('\n') + '\n';
}
