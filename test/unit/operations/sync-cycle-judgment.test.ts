import { expect } from 'chai';
import { judgeSyncCycle } from '../../../src/operations/sync-cycle-judgment.js';

const AAD = { name: 'contoso.onmicrosoft.com - AAD', identifier: 'b891884f-051e-4a83-95af-2544101c9083', type: 'Extensible2', subtype: 'Windows Azure Active Directory (Microsoft)' };
const FOREST = { name: 'contoso.com', identifier: '1d7c8a30-0000-4000-8000-000000000001', type: 'AD', subtype: '' };

// One delta cycle as a real server runs it: Delta Import, Delta Synchronization, Export on every connector.
function cycle(results: Record<string, [string, string, string]>): { connectors: typeof FOREST[]; runResults: { connectorName: string; runProfileName: string; result: string; runHistoryId: string }[]; connectorsWithoutRun: string[] } {
  const runResults = Object.entries(results).flatMap(([connectorName, [importResult, syncResult, exportResult]]) => [
    { connectorName, runProfileName: 'Export', result: exportResult, runHistoryId: `${connectorName}-3` },
    { connectorName, runProfileName: 'Delta Synchronization', result: syncResult, runHistoryId: `${connectorName}-2` },
    { connectorName, runProfileName: 'Delta Import', result: importResult, runHistoryId: `${connectorName}-1` },
  ]);
  return { connectors: [FOREST, AAD], runResults, connectorsWithoutRun: [] };
}

describe('judging a delta cycle from every run profile', () => {
  it('a healthy server of today: no-objects, export errors and warnings all count as ran, and the errors are warned of', () => {
    const judgment = judgeSyncCycle(cycle({ 'contoso.com': ['completed-no-objects', 'completed-warnings', 'completed-no-objects'], [AAD.name]: ['success', 'completed-sync-errors', 'completed-export-errors'] }));
    expect(judgment.failed).to.deep.equal([]);
    expect(judgment.connectors.map((c) => c.verdict)).to.deep.equal(['Ran', 'Ran']);
    expect(judgment.warnings).to.have.length(1);
    expect(judgment.warnings[0]).to.include(AAD.name).and.include('Export completed-export-errors').and.include('Delta Synchronization completed-sync-errors');
  });

  it('an AD connector whose import is refused fails, named by the run and its result, even when its sync run succeeded', () => {
    const judgment = judgeSyncCycle(cycle({ 'contoso.com': ['no-start-credentials', 'success', 'completed-no-objects'], [AAD.name]: ['success', 'success', 'success'] }));
    expect(judgment.failed.map((c) => [c.connectorName, c.kind, c.verdict, c.failingRun?.runProfileName])).to.deep.equal([['contoso.com', 'AD', 'CredentialRejected', 'Delta Import']]);
  });

  it("the Azure AD connector's stopped-extension-dll-exception is a refused sign-in; a server that is down is unreachable, not refused", () => {
    const judgment = judgeSyncCycle(cycle({ 'contoso.com': ['stopped-server-down', 'success', 'stopped-server-down'], [AAD.name]: ['stopped-extension-dll-exception', 'success', 'completed-no-objects'] }));
    expect(judgment.failed.map((c) => [c.connectorName, c.kind, c.verdict])).to.deep.equal([['contoso.com', 'AD', 'Unreachable'], [AAD.name, 'AzureAD', 'CredentialRejected']]);
  });

  it('the Azure AD connector is known by its identifier, whatever its type says', () => {
    const judgment = judgeSyncCycle({ ...cycle({ [AAD.name]: ['stopped-extension-dll-exception', 'success', 'success'] }), connectors: [{ ...AAD, type: 'AD', subtype: '' }] });
    expect(judgment.failed[0]?.kind).to.equal('AzureAD');
  });

  it('a connector without any run of the cycle is NoRun, not a success', () => {
    const judgment = judgeSyncCycle({ ...cycle({ 'contoso.com': ['success', 'success', 'success'] }), connectorsWithoutRun: [AAD.name] });
    expect(judgment.connectors.find((c) => c.connectorName === AAD.name)?.verdict).to.equal('NoRun');
  });

  it('a stop that no password fixes is a warning, not a failure', () => {
    const judgment = judgeSyncCycle(cycle({ 'contoso.com': ['success', 'success', 'stopped-deletion-threshold-exceeded'], [AAD.name]: ['success', 'success', 'success'] }));
    expect(judgment.failed).to.deep.equal([]);
    expect(judgment.warnings.join('\n')).to.include('Export stopped-deletion-threshold-exceeded');
  });
});
