import { AADSyncKeyError } from '../errors/aadsynckey-error.js';
import type { JsonValue } from '../util/json.js';
import { objectSchema, resultSchema, runScript, type OperationContext } from './run-script.js';

/** A command the core will call on the server, with the parameters the call uses, and why. */
export interface CommandNeed {
  readonly command: string;
  readonly parameters: readonly string[];
  /** What needs it, in the administrator's words. */
  readonly purpose: string;
  /** The documented way to do the same when the server's command lacks it. */
  readonly alternative: string;
}

/** One command and parameter as the server has it. */
export interface SurfaceCheck {
  readonly command: string;
  readonly parameter: string | null;
  readonly present: boolean;
  readonly purpose: string;
  readonly alternative: string;
}

const validate = resultSchema(objectSchema({
  checks: { type: 'array', items: objectSchema({ command: { type: 'string' }, parameter: { type: ['string', 'null'] }, present: { type: 'boolean' } }) },
}));

const STORE_KNOWN_PASSWORD_ALTERNATIVE =
  "let an Enterprise Admin reset the account's password instead (-ResetConnector <names> -EnterpriseAdminCredential, Add-ADSyncADDSConnectorAccount), or enter the known password in Synchronization Service Manager (Connectors > Properties > Connect to Active Directory Forest) once the service runs";

/** The ADSync calls the module makes, by what needs them. `-ADConnectorCredential` is the one no public source documents. */
export const COMMAND_NEEDS = {
  readConnectors: { command: 'Get-ADSyncConnector', parameters: ['Name'], purpose: 'reading the connectors', alternative: 'Synchronization Service Manager > Connectors' },
  storeKnownPassword: { command: 'Add-ADSyncConnector', parameters: ['Connector', 'ADConnectorCredential'], purpose: 'storing a known AD DS connector password', alternative: STORE_KNOWN_PASSWORD_ALTERNATIVE },
  resetConnectorAccount: { command: 'Add-ADSyncADDSConnectorAccount', parameters: ['Name', 'EACredential'], purpose: "resetting an AD DS connector account's password", alternative: 'Synchronization Service Manager, with the known password' },
  resetAADServiceAccount: { command: 'Add-ADSyncAADServiceAccount', parameters: ['AADCredential'], purpose: 'reinitializing the Azure AD service account', alternative: 'the Azure AD Connect wizard (Configure > Change user sign-in or Troubleshoot)' },
  runSyncCycle: { command: 'Start-ADSyncSyncCycle', parameters: ['PolicyType'], purpose: 'the verifying delta cycle', alternative: 'Synchronization Service Manager > Operations' },
  readRunHistory: { command: 'Get-ADSyncRunProfileResult', parameters: ['NumberRequested', 'ConnectorId'], purpose: 'reading run results', alternative: 'Synchronization Service Manager > Operations' },
  testConnectorPassword: { command: 'Invoke-ADSyncRunProfile', parameters: ['ConnectorName', 'RunProfileName'], purpose: 'testing a stored password with a Delta Import run', alternative: 'Set-AADSyncConnectorCredential -SkipVerification, then Start-AADSyncService' },
} as const satisfies Record<string, CommandNeed>;

// What a session's server answered, per command and parameter: its commands do not change while it is connected.
const answered = new WeakMap<object, Map<string, boolean>>();

/** Reads whether the server's commands have what the given needs use (one round trip at most; no change, no service needed). */
export async function checkCommandSurface(context: OperationContext, needs: readonly CommandNeed[]): Promise<SurfaceCheck[]> {
  const known = answered.get(context.session) ?? new Map<string, boolean>();
  answered.set(context.session, known);
  const keyOf = (command: string, parameter: string | null): string => `${command} ${parameter ?? ''}`;
  const unknown = needs.filter((need) => (need.parameters.length === 0 ? [null] : need.parameters).some((p) => !known.has(keyOf(need.command, p))));
  if (unknown.length > 0) {
    const asked: JsonValue = unknown.map((need) => ({ command: need.command, parameters: [...need.parameters] }));
    const { checks } = await runScript(context, { script: 'Get-CommandSurface', arguments: { Needs: asked } }, validate);
    for (const check of checks) known.set(keyOf(check.command, check.parameter), check.present);
  }
  const checks = needs.flatMap((need) => (need.parameters.length === 0 ? [null] : need.parameters).map((parameter) => ({ command: need.command, parameter, present: known.get(keyOf(need.command, parameter)) ?? false })));
  return checks.map((answer) => {
    const need = needs.find((candidate) => candidate.command === answer.command);
    return { ...answer, purpose: need?.purpose ?? '', alternative: need?.alternative ?? '' };
  });
}

/** The preflight's refusal: what the server lacks, what needed it, and the documented way instead. */
export function missingCommandsError(missing: readonly SurfaceCheck[]): AADSyncKeyError {
  const lines = missing.map((check) => `${check.command}${check.parameter === null ? ' (the command)' : ` -${check.parameter}`}, needed for ${check.purpose}: ${check.alternative}`);
  return new AADSyncKeyError('ServerCommandMissing', `This server's ADSync module lacks what the plan needs, so nothing was changed. ${lines.join('. ')}.`, { target: missing.map((m) => `${m.command} -${m.parameter ?? ''}`).join(', ') });
}
