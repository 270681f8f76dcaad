import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { runPwsh, SIMULATOR_MANIFEST } from '../helpers/pwsh.js';

// The baseline of the recovery benchmark: what a naive Node wrapper does, one new pwsh per PowerShell command.
// It runs the same commands the recovery runs, in the same order, on the same kind of server, and really recovers
// it. (Even this baseline keeps passwords off command lines: they go through standard input.)

const READ_SERVER = [
  "Get-CimInstance -ClassName Win32_ComputerSystem",
  "Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\AD Sync'",
  "Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\Azure AD Connect'",
  "Get-CimInstance -ClassName Win32_Service -Filter \"Name='ADSync'\"",
  "Get-WinEvent -FilterHashtable @{ LogName = 'System'; Id = 7036 } -MaxEvents 200",
  "Get-WinEvent -FilterHashtable @{ LogName = 'Application','System'; Id = 6028,7000,7024,7038,6000,6900,659,906 }",
];
// Get-ADSyncScheduler throws while the Sync_ account cannot sign in (just after the abandon): a wrapper must survive it.
const READ_RUNNING = ['Get-ADSyncConnector', 'try { Get-ADSyncScheduler } catch { $_ }', 'Get-ADSyncRunProfileResult -NumberRequested 50'];
const MIIISKMU = "& (Join-Path (Get-ItemProperty -Path 'HKLM:\\SOFTWARE\\Microsoft\\AD Sync').Location 'Bin/miiskmu.exe')";

/** Every command of a recovery of a server with these AD connectors, in order. */
export function recoveryCommands(forests: readonly string[]): string[] {
  const credential = "(New-Object System.Management.Automation.PSCredential ('CONTOSO\\MSOL_x', (ConvertTo-SecureString ([Console]::In.ReadLine()) -AsPlainText -Force)))";
  return [
    ...READ_SERVER,
    "Get-CimInstance -ClassName Win32_Service -Filter \"Name='ADSync'\"", 'Get-Service -Name ADSync',
    `${MIIISKMU} /a`, `${MIIISKMU} /c`,
    "Get-CimInstance -ClassName Win32_Service -Filter \"Name='ADSync'\"", 'Start-Service -Name ADSync', "Get-CimInstance -ClassName Win32_Service -Filter \"Name='ADSync'\"",
    "Get-WinEvent -FilterHashtable @{ LogName = 'Application'; Id = 6028 }",
    ...READ_SERVER, ...READ_RUNNING,
    ...forests.flatMap((forest) => [
      `Get-ADSyncConnector -Name ${quotePowerShellLiteral(forest)}`,
      `$c = Get-ADSyncConnector -Name ${quotePowerShellLiteral(forest)}; Add-ADSyncConnector -Connector $c -ADConnectorCredential ${credential}`,
      `Get-ADSyncConnector -Name ${quotePowerShellLiteral(forest)}`,
    ]),
    `Add-ADSyncAADServiceAccount -AADCredential (New-Object System.Management.Automation.PSCredential ('admin@contoso.onmicrosoft.com', (ConvertTo-SecureString ([Console]::In.ReadLine()) -AsPlainText -Force))) -Confirm:$false`,
    "Get-CimInstance -ClassName Win32_Service -Filter \"Name='ADSync'\"",
    "Get-WinEvent -FilterHashtable @{ LogName = 'Application'; Id = 6028 }",
    'Start-ADSyncSyncCycle -PolicyType Delta', 'Start-Sleep -Milliseconds 500; Get-ADSyncScheduler', 'Get-ADSyncRunProfileResult -NumberRequested 200',
  ];
}

/** Runs each command in a new pwsh (importing the server's module each time, as a fresh process must). */
export async function runNaiveRecovery(statePath: string, forests: readonly string[], password: string, globalAdminPassword: string): Promise<{ elapsedMs: number; commands: number }> {
  const commands = recoveryCommands(forests);
  const started = performance.now();
  for (const command of commands) {
    const run = await runPwsh(`Import-Module ${quotePowerShellLiteral(SIMULATOR_MANIFEST)}\nConnect-SimADSyncServer -Path ${quotePowerShellLiteral(statePath)}\n$null = ${command}`, {
      stdin: command.includes('AADCredential') ? `${globalAdminPassword}\n` : `${password}\n`,
    });
    if (run.exitCode !== 0) throw new Error(`The naive baseline failed at: ${command}\n${run.stderr}`);
  }
  return { elapsedMs: performance.now() - started, commands: commands.length };
}
