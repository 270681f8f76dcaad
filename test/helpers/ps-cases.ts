import { quotePowerShellLiteral } from '../../src/session/quoting.js';
import { MODULE_MANIFEST, SIMULATOR_MANIFEST } from './pwsh.js';

/** What one case of a PowerShell test script reported. */
export interface CaseOutcome {
  readonly ok: boolean;
  readonly output: unknown;
  readonly errorId?: string;
  readonly category?: string;
  readonly message?: string;
  readonly target?: string;
  readonly recommendedAction?: string;
  /** Whether the simulated server's state.json changed during the case. */
  readonly stateChanged: boolean;
  readonly keyState: string;
  readonly keyGeneration: number;
  readonly serviceStatus: string;
  readonly verbose: string[];
  readonly warnings: string[];
  readonly abandonCount: number;
}

/**
 * A PowerShell function for test scripts: New-TestCredential <user> <password> makes a PSCredential from a
 * password the script read on standard input (test passwords are never written into a script file).
 */
export const NEW_TEST_CREDENTIAL = `function New-TestCredential([string] $User, [string] $Password) {
    $secure = New-Object System.Security.SecureString
    foreach ($char in $Password.ToCharArray()) { $secure.AppendChar($char) }
    New-Object System.Management.Automation.PSCredential ($User, $secure)
}`;

/**
 * The prelude of a test script: imports the simulator and the module, defines credentials from passwords read on
 * standard input (never written in the script), and Invoke-Case, which runs a block against one simulated server
 * and records its output or ErrorRecord, its verbose messages, and whether the server's state file changed.
 */
export function casePrelude(dataFolder: string): string {
  return `Import-Module ${quotePowerShellLiteral(SIMULATOR_MANIFEST)}
Import-Module ${quotePowerShellLiteral(MODULE_MANIFEST)}
$env:AADSYNCKEY_DATA_DIR = ${quotePowerShellLiteral(dataFolder)}
${NEW_TEST_CREDENTIAL}
$outcomes = [ordered]@{}
function Invoke-Case([string] $Name, [string] $Server, [scriptblock] $Body) {
    $env:AADSYNCKEY_SIMULATOR = $Server
    $stateFile = Join-Path $Server 'state.json'
    $before = (Get-FileHash -LiteralPath $stateFile).Hash
    $outcome = [ordered]@{ ok = $true; output = $null }
    $verbose = New-Object System.Collections.Generic.List[string]
    $warnings = New-Object System.Collections.Generic.List[string]
    # Streamed, so the warnings and verbose records written before a terminating error are kept too.
    $all = New-Object System.Collections.Generic.List[object]
    try {
        & $Body 4>&1 3>&1 | ForEach-Object { $all.Add($_) }
        $outcome.output = @($all | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] -and $_ -isnot [System.Management.Automation.WarningRecord] })
    }
    catch {
        $outcome.ok = $false
        $outcome.errorId = $_.FullyQualifiedErrorId.Split(',')[0]
        $outcome.category = [string]$_.CategoryInfo.Category
        $outcome.message = $_.Exception.Message
        $outcome.target = [string]$_.TargetObject
        if ($_.ErrorDetails) { $outcome.recommendedAction = $_.ErrorDetails.RecommendedAction }
    }
    foreach ($record in @($all | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })) { $verbose.Add($record.Message) }
    foreach ($record in @($all | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })) { $warnings.Add($record.Message) }
    $outcome.stateChanged = $before -ne (Get-FileHash -LiteralPath $stateFile).Hash
    Connect-SimADSyncServer -Path $Server
    $state = Get-SimADSyncState
    $outcome.keyState = $state.key.state
    $outcome.keyGeneration = $state.key.generation
    $outcome.serviceStatus = $state.service.status
    $outcome.abandonCount = [int]$state.key['abandonCount']
    $outcome.verbose = $verbose.ToArray()
    $outcome.warnings = $warnings.ToArray()
    $outcomes[$Name] = $outcome
}
`;
}

/** The end of a test script: every case's outcome as JSON. */
export const CASES_JSON = '$outcomes | ConvertTo-Json -Depth 8';

/** One named case's outcome; a missing one fails the test that asked for it. */
export function caseOutcome(outcomes: Readonly<Record<string, CaseOutcome>>, name: string): CaseOutcome {
  const found = outcomes[name];
  if (found === undefined) throw new Error(`no outcome for ${name}`);
  return found;
}

/** The first object a case wrote. */
export function firstOutput<T>(outcomes: Readonly<Record<string, CaseOutcome>>, name: string): T {
  return (caseOutcome(outcomes, name).output as T[])[0] as T;
}

/** An AADSyncKey.RecoveryResult (or RecoveryPlan) as a test reads it from JSON. */
export interface RecoveryOutput {
  readonly Outcome: string;
  readonly Resumed: boolean;
  readonly KeyAbandonCount: number;
  readonly StepsDone: number;
  readonly StepCount: number;
  readonly StoppedAt: string | null;
  readonly JournalPath: string | null;
  readonly Steps: Array<{ Step: string; Status: string; Attempts: number; Verified: string | null; Error: string | null }>;
}
