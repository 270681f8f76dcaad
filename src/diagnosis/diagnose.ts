import { connectorKind, type ConnectorKind } from '../adsync/connector-kind.js';
import { newestSignInRuns, runVerdict, signsInToDirectory } from '../adsync/run-result.js';
import type { RunResultSnapshot, ServerEvent, ServerSnapshot } from '../adsync/server-snapshot.js';
import { afterAbandon, type AfterAbandon } from './after-abandon.js';
import { DiagnosisStatus, type Diagnosis, type Evidence } from './diagnosis-status.js';
import {
  BUILD_FLOOR_PAGE, BUILD_FLOOR_SINCE, compareBuilds, EVENT_AAD_TOKEN_FAILED, RUNBOOK_PAGE, SUPPORTED_BUILD_FLOOR, EVENT_CONNECTOR_CREDENTIALS_INVALID, EVENT_KEY_INACCESSIBLE, EVENT_LOGON_FAILED_PASSWORD,
  EVENT_LOGON_RIGHT_MISSING, EVENT_SERVICE_START_FAILED, LOGON_FAILURE_REASON,
  EVENTS_AAD_STALE_PASSWORD, KEY_SYMPTOM_CODES, LAST_BUILD_NEEDING_RUNBOOK, LOGON_FAILURE_EXIT_CODE,
  SERVICE_SPECIFIC_ERROR, STALE_PASSWORD_TEXT,
} from './key-symptoms.js';

function eventEvidence(event: ServerEvent): Evidence {
  return { source: 'Event', id: event.id, time: event.timeCreated, text: event.message };
}

/**
 * What to do about a logon failure, by the kind of account: a virtual account and a gMSA have no password an
 * administrator sets; a domain user's is set on the service.
 */
function logonAdvice(account: string): string {
  if (/^NT SERVICE\\/i.test(account)) {
    return `${account} is a virtual account, which has no password to set: a logon failure means the service's Log On was changed, or the account's local rights are broken. Set the Log On back to ${account} (services.msc > Microsoft Azure AD Sync > Log On), and check it holds "Log on as a service".`;
  }
  if (account.endsWith('$')) {
    return `${account} is a managed service account (gMSA or MSA) whose password Active Directory changes: check that this server may still retrieve it (Test-ADServiceAccount ${account.replace(/^.*\\/, '')}), and that the account is not disabled.`;
  }
  return `Set the current password of ${account} on the ADSync service (services.msc > Microsoft Azure AD Sync > Log On, or sc.exe config ADSync password=...; never in a script).`;
}

function abandonEvidence(abandoned: AfterAbandon): Evidence {
  return { source: 'Record', id: null, time: abandoned.abandonedAt, text: `AADSyncKey's record on the server: key abandoned (miiskmu.exe /a)${abandoned.recoveryId === '' ? '' : ` by recovery ${abandoned.recoveryId}`}` };
}

function latestSuccess(runs: readonly RunResultSnapshot[]): number | null {
  const times = runs.filter((run) => signsInToDirectory(run.runProfileName) && runVerdict(run.result, 'AzureAD') === 'Ran' && run.startDate !== null).map((run) => Date.parse(run.startDate ?? ''));
  return times.length === 0 ? null : Math.max(...times);
}

/** Whether a build still syncs: $null when the build could not be read. */
export function buildSupported(build: string | null): boolean | null {
  return build === null ? null : compareBuilds(build, SUPPORTED_BUILD_FLOOR) >= 0;
}

// What Microsoft's page says of its abandon steps, quoted as it stands, and the build floor.
function buildGuidance(build: string | null): string {
  if (build === null) return 'The installed build could not be read.';
  const floor = buildSupported(build) === true ? '' : ` Builds below ${SUPPORTED_BUILD_FLOOR} stopped syncing on ${BUILD_FLOOR_SINCE} (${BUILD_FLOOR_PAGE}): upgrade this server once it is recovered.`;
  if (compareBuilds(build, LAST_BUILD_NEEDING_RUNBOOK) <= 0) {
    return `Build ${build} is ${LAST_BUILD_NEEDING_RUNBOOK} or older: after any change of the service account password the key must be abandoned and credentials re-entered (the runbook).${floor}`;
  }
  return `Build ${build} is newer than ${LAST_BUILD_NEEDING_RUNBOOK}. Microsoft's page (${RUNBOOK_PAGE}) says its abandon steps "only apply to Microsoft Entra Connect build 1.1.443.0 or older", as newer builds handle the key themselves on a password change, and also that they "should also be used if you need to abandon the encryption key for any reason". A key that is unreadable anyway is such a reason; the page says nothing of an application identity's certificate after an abandon.${floor}`;
}

/**
 * Tells the look-alike failures apart from one read of the server. Order matters: a logon failure is checked
 * before key loss, so a wrong service password is never taken for a lost key (that would throw away every
 * stored credential for nothing).
 */
export function diagnose(snapshot: ServerSnapshot): Diagnosis {
  const guidance = buildGuidance(snapshot.build);
  const base = { buildGuidance: guidance, affectedConnectors: [] as string[] };
  if (!snapshot.installed || snapshot.service === null) {
    return { ...base, status: DiagnosisStatus.NotInstalled, summary: 'Azure AD Connect (the ADSync service) is not installed here.', recommendedAction: 'Run this on the Azure AD Connect server.', abandonKeyRunbookApplies: false, evidence: [] };
  }
  const service = snapshot.service;
  const events = snapshot.events;
  const withId = (...ids: number[]): ServerEvent[] => events.filter((event) => ids.includes(event.id));
  const exitEvidence: Evidence = { source: 'ExitCode', id: service.exitCode, time: null, text: `Win32_Service ExitCode ${service.exitCode}, ServiceSpecificExitCode 0x${(service.serviceSpecificExitCode >>> 0).toString(16).toUpperCase().padStart(8, '0')}` };
  const running = service.status === 'Running';

  // 7038 (a wrong password) and 7041 (no right to log on as a service) are logon failures' own events (the read
  // keeps only ADSync's); 7000 is one when its data holds %%1069, the same in every language (its text is not read).
  const rightEvents = withId(EVENT_LOGON_RIGHT_MISSING);
  const logonEvents = [...withId(EVENT_LOGON_FAILED_PASSWORD), ...rightEvents,
    ...withId(EVENT_SERVICE_START_FAILED).filter((event) => (event.data ?? []).includes(LOGON_FAILURE_REASON))];
  if (!running && (service.exitCode === LOGON_FAILURE_EXIT_CODE || logonEvents.length > 0)) {
    const rightOnly = rightEvents.length > 0 && withId(EVENT_LOGON_FAILED_PASSWORD).length === 0;
    return {
      ...base,
      status: DiagnosisStatus.ServiceLogonFailure,
      summary: rightOnly
        ? `The service cannot log on as ${service.account}: the account lacks the right "Log on as a service" (event 7041). The encryption key is not the problem.`
        : `The service cannot log on as ${service.account}: the password stored in the Service Control Manager is wrong. The encryption key is not the problem.`,
      recommendedAction: rightOnly
        ? `Grant ${service.account} "Log on as a service" (secpol.msc > Local Policies > User Rights Assignment, or the Group Policy that sets that right on this server). Then Start-AADSyncService. Do not abandon the key.`
        : `${logonAdvice(service.account)} Then Start-AADSyncService. Do not abandon the key.`,
      abandonKeyRunbookApplies: false,
      evidence: [exitEvidence, ...logonEvents.map(eventEvidence)],
    };
  }

  const keyEvents = withId(EVENT_KEY_INACCESSIBLE);
  const abandoned = afterAbandon(snapshot);
  // After a recorded abandon the old key's symptoms (exit code, earlier 6028) stay until the next start; only a
  // 6028 logged after the abandon means the key is unreadable again. A service that has started since (7036) made
  // its new key: stopped again later, it is just stopped.
  const startedSinceAbandon = abandoned !== null && snapshot.lastServiceStart !== null && Date.parse(snapshot.lastServiceStart) > Date.parse(abandoned.abandonedAt);
  if (!running && abandoned !== null && !startedSinceAbandon && !keyEvents.some((e) => e.timeCreated !== null && Date.parse(e.timeCreated) > Date.parse(abandoned.abandonedAt))) {
    return {
      ...base,
      status: DiagnosisStatus.KeyAbandoned,
      summary: `The encryption key was abandoned at ${abandoned.abandonedAt}${abandoned.recoveryId === '' ? '' : ` (recovery ${abandoned.recoveryId})`}, and the service has not started since to make its new key. Every stored credential is unreadable until entered again.`,
      recommendedAction: 'Do not abandon the key again. Run Invoke-AADSyncKeyRecovery with the connector and Azure AD credentials (it starts the service and continues), or by hand: Start-AADSyncService -SkipSyncCycle, Set-AADSyncConnectorCredential for each AD connector, Reset-AADSyncAADServiceAccount, then Start-AADSyncService.',
      abandonKeyRunbookApplies: false,
      evidence: [abandonEvidence(abandoned)],
    };
  }
  const keyExit = service.exitCode === SERVICE_SPECIFIC_ERROR && KEY_SYMPTOM_CODES.has(service.serviceSpecificExitCode);
  if (!running && (keyExit || keyEvents.length > 0)) {
    return {
      ...base,
      status: DiagnosisStatus.KeyInaccessible,
      summary: 'The service cannot read its encryption key (event 6028, service-specific error 0x80231000), so it cannot start.',
      recommendedAction: "Recover the key with Invoke-AADSyncKeyRecovery -AADCredential (Get-Credential) -ConnectorCredential @{ '<forest>' = (Get-Credential) } (one entry per AD connector). It runs the runbook: stop the service, abandon the key (miiskmu.exe /a), start the service, re-enter the password of every AD DS connector account, reinitialize the Azure AD account, and run a delta sync.",
      abandonKeyRunbookApplies: true,
      evidence: [...(keyExit ? [exitEvidence] : []), ...keyEvents.map(eventEvidence)],
    };
  }

  if (!running) {
    return {
      ...base,
      status: service.exitCode === 0 ? DiagnosisStatus.ServiceStopped : DiagnosisStatus.Unknown,
      summary: service.exitCode === 0 ? 'The service is stopped; nothing says its key is unreadable.' : `The service is ${service.status} with exit code ${service.exitCode}, which is not a known key or logon symptom.`,
      recommendedAction: service.exitCode === 0 ? 'Start the service and verify a delta sync: Start-AADSyncService.' : 'Read the System and Application logs around the last start attempt (Get-AADSyncServerState shows the events it read).',
      abandonKeyRunbookApplies: false,
      evidence: [exitEvidence],
    };
  }

  if (abandoned !== null && (abandoned.connectorsToDo.length > 0 || abandoned.azureADAccountToDo)) {
    const toDo = [...abandoned.connectorsToDo, ...(abandoned.azureADAccountToDo ? ['the Azure AD service account'] : [])];
    const commands = [
      ...abandoned.connectorsToDo.map((name) => `Set-AADSyncConnectorCredential -ConnectorName '${name}' -Credential (Get-Credential)`),
      ...(abandoned.azureADAccountToDo ? ['Reset-AADSyncAADServiceAccount -AADCredential (Get-Credential)'] : []),
    ];
    return {
      ...base,
      status: DiagnosisStatus.CredentialsNotReentered,
      summary: `The key was abandoned at ${abandoned.abandonedAt} and the service made a new one, but these credentials have not been entered again under it and cannot be read: ${toDo.join(', ')}.`,
      recommendedAction: `Enter them again: ${commands.join('; ')}; then Start-AADSyncService. (An unfinished Invoke-AADSyncKeyRecovery continues the same when run again.)`,
      abandonKeyRunbookApplies: false,
      affectedConnectors: abandoned.connectorsToDo,
      evidence: [abandonEvidence(abandoned)],
    };
  }

  const adNames = new Set((snapshot.connectors ?? []).filter((c) => connectorKind(c) === 'AD').map((c) => c.name));
  // Each connector's newest import and export decide: an older failure of the same kind has been fixed since.
  const kindOf = (name: string): ConnectorKind => (adNames.has(name) ? 'AD' : 'AzureAD');
  const failedRuns = (snapshot.connectors ?? []).flatMap((c) => newestSignInRuns(snapshot.runResults, c.name)
    .filter((run) => runVerdict(run.result, kindOf(run.connectorName)) === 'CredentialRejected').slice(0, 1));
  const failedAd = failedRuns.filter((run) => adNames.has(run.connectorName));
  if (failedAd.length > 0) {
    return {
      ...base,
      status: DiagnosisStatus.ConnectorCredentialInvalid,
      summary: `The AD DS connector account credentials of ${failedAd.map((r) => `${r.connectorName} (${r.runProfileName} ${r.result})`).join(', ')} are wrong or unreadable.`,
      recommendedAction: `Enter the current AD DS connector account password for each of these connectors: ${failedAd.map((r) => `Set-AADSyncConnectorCredential -ConnectorName '${r.connectorName}' -Credential (Get-Credential)`).join('; ')}.`,
      abandonKeyRunbookApplies: false,
      affectedConnectors: failedAd.map((r) => r.connectorName),
      evidence: [...failedAd.map((r): Evidence => ({ source: 'RunResult', id: null, time: r.startDate, text: `${r.connectorName}: ${r.runProfileName} ${r.result}` })), ...withId(EVENT_CONNECTOR_CREDENTIALS_INVALID).map(eventEvidence)],
    };
  }

  // An Azure AD sign-in error logged before the Azure AD connector's latest successful run has been fixed since.
  const aadFixedAt = latestSuccess(snapshot.runResults.filter((run) => !adNames.has(run.connectorName)));
  const unresolved = (event: ServerEvent): boolean => aadFixedAt === null || event.timeCreated === null || Date.parse(event.timeCreated) > aadFixedAt;
  const staleEvents = withId(...EVENTS_AAD_STALE_PASSWORD).filter((e) => e.message.includes(STALE_PASSWORD_TEXT)).filter(unresolved);
  const failedAad = failedRuns.filter((run) => !adNames.has(run.connectorName));
  // A blocked sign-in (906) fails the Azure AD connector's runs the same way a stale password does
  // (stopped-extension-dll-exception): without a stale-password event, the 906 says which it is.
  const tokenEvents = withId(EVENT_AAD_TOKEN_FAILED).filter(unresolved);
  if (staleEvents.length > 0 || (failedAad.length > 0 && tokenEvents.length === 0)) {
    return {
      ...base,
      status: DiagnosisStatus.AzureADCredentialStale,
      summary: 'The Azure AD service account password stored on this server is stale or unreadable.',
      recommendedAction: 'Reinitialize the Azure AD service account with a Global Administrator credential: Reset-AADSyncAADServiceAccount -AADCredential (Get-Credential) (it runs Add-ADSyncAADServiceAccount).',
      abandonKeyRunbookApplies: false,
      affectedConnectors: failedAad.map((r) => r.connectorName),
      evidence: [...staleEvents.map(eventEvidence), ...failedAad.map((r): Evidence => ({ source: 'RunResult', id: null, time: r.startDate, text: `${r.connectorName}: ${r.result}` }))],
    };
  }

  if (tokenEvents.length > 0) {
    return {
      ...base,
      status: DiagnosisStatus.AzureADSignInBlocked,
      summary: 'The Sync_ account cannot get a token: multi-factor authentication or Conditional Access applies to it.',
      recommendedAction: 'Exclude the Sync_ service account from MFA and Conditional Access policies; resetting passwords will not help.',
      abandonKeyRunbookApplies: false,
      evidence: tokenEvents.map(eventEvidence),
    };
  }

  return { ...base, status: DiagnosisStatus.Healthy, summary: 'The service runs and no key, logon or credential symptom was found.', recommendedAction: 'None.', abandonKeyRunbookApplies: false, evidence: [] };
}
