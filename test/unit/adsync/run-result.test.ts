import { expect } from 'chai';
import { hasObjectErrors, newestSignInRuns, runVerdict, signsInToDirectory } from '../../../src/adsync/run-result.js';

describe('what a run result says about a connector sign-in', () => {
  // Microsoft's status table (how-to-connect-sync-service-manager-ui-operations.md) and field reports.
  const table: ReadonlyArray<[string, 'AD' | 'AzureAD', string]> = [
    ['success', 'AD', 'Ran'],
    ['completed-no-objects', 'AD', 'Ran'],
    ['completed-export-errors', 'AzureAD', 'Ran'],
    ['completed-sync-errors', 'AD', 'Ran'],
    ['completed-warnings', 'AD', 'Ran'],
    ['completed-discovery-errors', 'AD', 'Ran'],
    ['no-start-credentials', 'AD', 'CredentialRejected'],
    ['no-start-credentials', 'AzureAD', 'CredentialRejected'],
    ['stopped-extension-dll-exception', 'AzureAD', 'CredentialRejected'],
    ['stopped-extension-dll-exception', 'AD', 'StoppedOtherwise'],
    ['stopped-server-down', 'AD', 'Unreachable'],
    ['stopped-connectivity', 'AzureAD', 'Unreachable'],
    ['no-start-connection', 'AD', 'Unreachable'],
    ['stopped-error-limit', 'AD', 'StoppedOtherwise'],
    ['stopped-deletion-threshold-exceeded', 'AzureAD', 'StoppedOtherwise'],
    ['Success', 'AD', 'Ran'],
    ['something-new', 'AD', 'Unrecognized'],
  ];
  for (const [result, kind, verdict] of table) {
    it(`${result} on an ${kind} connector: ${verdict}`, () => expect(runVerdict(result, kind)).to.equal(verdict));
  }

  it('object errors are completed-*-errors only', () => {
    expect(hasObjectErrors('completed-export-errors')).to.equal(true);
    expect(hasObjectErrors('completed-warnings')).to.equal(false);
    expect(hasObjectErrors('stopped-error-limit')).to.equal(false);
  });

  it('imports and exports sign in to the directory, a synchronization run does not', () => {
    expect(signsInToDirectory('Delta Import')).to.equal(true);
    expect(signsInToDirectory('Export')).to.equal(true);
    expect(signsInToDirectory('Delta Synchronization')).to.equal(false);
    const runs = [
      { connectorName: 'contoso.com', runProfileName: 'Delta Synchronization', result: 'success' },
      { connectorName: 'contoso.com', runProfileName: 'Delta Import', result: 'no-start-credentials' },
    ];
    expect(newestSignInRuns(runs, 'contoso.com').map((r) => r.result)).to.deep.equal(['no-start-credentials']);
    const later = [{ connectorName: 'contoso.com', runProfileName: 'Delta Import', result: 'success' }, { connectorName: 'contoso.com', runProfileName: 'Export', result: 'completed-no-objects' }, ...runs];
    expect(newestSignInRuns(later, 'contoso.com').map((r) => r.result)).to.deep.equal(['success', 'completed-no-objects']);
  });
});
