import type { CommandDefinition, ParameterDefinition } from './command-definition.js';

/** The range every -TimeoutSeconds accepts. */
export const TIMEOUT_SECONDS_RANGE = [5, 3600] as const;

/** A -TimeoutSeconds parameter with its default; the help gets "Default N." from the default (help-text.ts). */
export function timeoutParameter<const Seconds extends number, const Help extends string>(defaultSeconds: Seconds, help: Help) {
  return { name: 'TimeoutSeconds', type: 'int', validateRange: TIMEOUT_SECONDS_RANGE, default: defaultSeconds, help } as const satisfies ParameterDefinition;
}

/** -TimeoutSeconds of a cmdlet that reads the server. */
export const READ_TIMEOUT_PARAMETER = timeoutParameter(120, 'How long reading the server may take before the read is ended (its PowerShell session is restarted).');

/** -TimeoutSeconds of a cmdlet whose ADSync calls may wait on the service or on Entra. */
export function commandTimeoutParameter<const Seconds extends number>(defaultSeconds: Seconds) {
  return timeoutParameter(defaultSeconds, 'How long the ADSync cmdlets may take before the command is ended (the session is restarted).');
}

/** -ThrottleLimit: Invoke-Command's own default of how many computers it reaches at once. */
export const THROTTLE_LIMIT_PARAMETER = {
  name: 'ThrottleLimit',
  type: 'int',
  validateRange: [1, 256],
  default: 32,
  help: 'How many servers are read at once when several are given, as Invoke-Command -ThrottleLimit. (A command that changes servers goes through them one after another.)',
} as const satisfies ParameterDefinition;

/**
 * The remoting parameters of every command that reaches the server, named as New-PSSession and Invoke-Command
 * name them. They choose the servers, so the module turns them into the request's targets; they are never
 * parameters of the command itself (its request schema and handler do not see them).
 */
export const REMOTING_PARAMETERS: readonly ParameterDefinition[] = [
  { name: 'ComputerName', type: 'string[]', aliases: ['Cn'], help: 'The sync servers to run on, over PowerShell remoting with WSMan (WinRM), as Invoke-Command -ComputerName. Several servers: each answers for itself, and output carries PSComputerName. Nothing is installed on a server. Without -ComputerName, -HostName or -Session, the command runs on this computer.' },
  { name: 'HostName', type: 'string[]', help: 'The sync servers to run on, over PowerShell remoting with SSH, as Invoke-Command -HostName (the server needs PowerShell 7 with its powershell SSH subsystem). Takes user@host as well.' },
  { name: 'Session', type: 'PSSession[]', help: 'PSSessions you opened with New-PSSession (with any credential or option), to the sync servers. The command runs in them and leaves them open.' },
  { name: 'Port', type: 'int', validateRange: [1, 65535], help: 'The port of WinRM (-ComputerName) or SSH (-HostName) on the servers.' },
  { name: 'UserName', type: 'string', help: 'The account to sign in to the servers with over SSH (-HostName); by default, yours.' },
  { name: 'KeyFilePath', type: 'string', help: 'The private key file that signs in over SSH (-HostName).' },
  { name: 'Options', type: 'hashtable', help: 'SSH options for -HostName, as New-PSSession -Options takes them, for example @{ UserKnownHostsFile = \'C:\\ssh\\known_hosts\' }.' },
  { name: 'UseSSL', type: 'switch', help: 'Connect with HTTPS to WinRM (-ComputerName).' },
  { name: 'Authentication', type: 'AuthenticationMechanism', help: 'How -ComputerName signs in to WinRM (Default, Kerberos, Negotiate, CredSSP...). For another account, open a PSSession with -Credential and pass it with -Session.' },
  { name: 'ConfigurationName', type: 'string', help: 'The session configuration (endpoint) on the servers, as New-PSSession -ConfigurationName.' },
];

/** The remoting parameters a cmdlet has: none unless it reaches the server; -ThrottleLimit only on reads. */
export function remotingParametersOf(command: CommandDefinition): readonly ParameterDefinition[] {
  if (command.remoting !== true) return [];
  return command.confirmImpact === undefined ? [...REMOTING_PARAMETERS, THROTTLE_LIMIT_PARAMETER] : REMOTING_PARAMETERS;
}

/** Every parameter of a cmdlet as PowerShell shows it: its own, then the remoting ones. */
export function cmdletParameters(command: CommandDefinition): readonly ParameterDefinition[] {
  return [...command.parameters, ...remotingParametersOf(command)];
}
