import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { runPwshJson, SIMULATOR_MANIFEST } from './pwsh.js';

/** How to build a simulated server for a test. */
export interface SimServerSpec {
  readonly scenario?: readonly string[];
  readonly forestCount?: number;
  readonly forestNames?: readonly string[];
  readonly build?: string;
  /** The server's display language (Service Control Manager messages). */
  readonly language?: 'en-US' | 'de-DE';
  /** Log other services' and providers' events with the same ids beside ADSync's (Add-SimEventNoise). */
  readonly noise?: boolean;
}

/** What New-SimADSyncServer reported. */
export interface SimServerInfo {
  readonly Path: string;
  readonly Connectors: string[];
  readonly Forests: string[];
}

/** Builds a simulated server in `path` through the simulator's own PowerShell command, in a real pwsh. */
export function createSimServer(path: string, spec: SimServerSpec = {}): Promise<SimServerInfo> {
  const args = [`-Path ${quotePowerShellLiteral(path)}`];
  if (spec.scenario !== undefined) args.push(`-Scenario ${spec.scenario.map(quotePowerShellLiteral).join(',')}`);
  if (spec.forestCount !== undefined) args.push(`-ForestCount ${spec.forestCount}`);
  if (spec.forestNames !== undefined) args.push(`-ForestName @(${spec.forestNames.map(quotePowerShellLiteral).join(',')})`);
  if (spec.build !== undefined) args.push(`-Build ${quotePowerShellLiteral(spec.build)}`);
  if (spec.language !== undefined) args.push(`-Language ${spec.language}`);
  return runPwshJson<SimServerInfo>(
    `Import-Module ${quotePowerShellLiteral(SIMULATOR_MANIFEST)}\n$server = New-SimADSyncServer ${args.join(' ')}\n${spec.noise === true ? 'Add-SimEventNoise\n' : ''}$server | ConvertTo-Json -Depth 5`,
  );
}
