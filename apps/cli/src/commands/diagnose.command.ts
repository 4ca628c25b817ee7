import { Command } from 'commander';
import { readFileSync } from 'node:fs';
import { CliError, CliErrorCode } from '../cli-error';
import type { ContextFactory } from './context';

interface Finding {
  problem: string;
  evidence: string[];
  remedy: string[] | string;
}
interface Diagnosis {
  findings: Finding[];
  checks?: Finding[];
}

function read(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new CliError(CliErrorCode.Usage, `cannot read ${file}: ${(err as Error).message}`);
  }
}

function render(d: Diagnosis): string {
  const block = (f: Finding) => [
    `Problem: ${f.problem}`,
    ...f.evidence.map((e) => `  Evidence: ${e}`),
    '  Remedy:',
    ...(Array.isArray(f.remedy) ? f.remedy : [f.remedy]).map((r) => `    ${r}`),
  ];
  const lines = d.findings.length ? d.findings.flatMap(block) : ['No known problem found.'];
  if (d.checks?.length) lines.push('', 'Cannot tell from these texts; check:', ...d.checks.flatMap(block));
  return lines.join('\n');
}

/** `fleetlic diagnose [--callhome f] [--status f]`: known problems (SPEC §11) in texts from a real switch. */
export function diagnoseCommand(ctx: ContextFactory): Command {
  return new Command('diagnose')
    .description('find known problems in "show running-config callhome" and "show license status" texts')
    .option('--callhome <file>', 'output of show running-config callhome')
    .option('--status <file>', 'output of show license status')
    .action(async (o: { callhome?: string; status?: string }) => {
      if (!o.callhome && !o.status) throw new CliError(CliErrorCode.Usage, 'give --callhome <file>, --status <file> or both');
      const c = ctx();
      const body = { ...(o.callhome ? { runningConfigCallhome: read(o.callhome) } : {}), ...(o.status ? { licenseStatus: read(o.status) } : {}) };
      c.print.either(await c.gateway.call<Diagnosis>('POST', '/diagnose', { body }), render);
    });
}
