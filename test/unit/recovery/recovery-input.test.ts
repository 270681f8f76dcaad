import { expect } from 'chai';
import { errorCodeOf } from '../../helpers/error-code.js';
import { buildPlan } from '../../../src/recovery/plan.js';
import { readRecoveryInput } from '../../../src/recovery/recovery-input.js';
import { Secret } from '../../../src/session/secret.js';

const credential = (userName: string, password: string) => ({ userName, password: new Secret(password) });

describe('recovery input and plan', () => {
  it('reads connector credentials from the ConnectorCredential:<name> entries, names with any characters', () => {
    const input = readRecoveryInput({
      parameters: {},
      credentials: { 'ConnectorCredential:contoso.com': credential('CONTOSO\\a', 'x'), 'ConnectorCredential:odd:name; $x': credential('ODD\\b', 'y'), AADCredential: credential('admin@t', 'z') },
    });
    expect([...input.connectorCredentials.keys()]).to.deep.equal(['contoso.com', 'odd:name; $x']);
    expect(input.aadCredential?.userName).to.equal('admin@t');
  });

  it('refuses an empty password, a reset without an Enterprise Admin, and a connector given both ways', () => {
    expect(errorCodeOf(() => readRecoveryInput({ parameters: {}, credentials: { 'ConnectorCredential:a': credential('A\\a', '') } }))).to.equal('EmptyPassword');
    expect(errorCodeOf(() => readRecoveryInput({ parameters: { ResetConnector: ['a'] }, credentials: {} }))).to.equal('InvalidRequest');
    expect(errorCodeOf(() => readRecoveryInput({ parameters: { ResetConnector: ['a'] }, credentials: { 'ConnectorCredential:a': credential('A\\a', 'x'), EnterpriseAdminCredential: credential('A\\ea', 'y') } }))).to.equal('InvalidRequest');
  });

  it('plans the corrected runbook order: the service starts before any credential is re-entered', () => {
    const input = readRecoveryInput({ parameters: { ResetConnector: ['b.com'] }, credentials: { 'ConnectorCredential:a.com': credential('A\\a', 'x'), EnterpriseAdminCredential: credential('B\\ea', 'y') } });
    const plan = buildPlan(['a.com', 'b.com'], input);
    expect(plan.map((step) => step.id)).to.deep.equal(['stop-service', 'abandon-key', 'start-service', 'check-connectors', 'connector:a.com', 'connector:b.com', 'aad-service-account', 'verify-sync']);
    expect(plan.find((step) => step.id === 'connector:b.com')?.mode).to.equal('Reset');
    expect(plan.every((step) => step.status === 'Pending' && step.attempts === 0)).to.equal(true);
    expect(plan.find((step) => step.kind === 'AADServiceAccount')?.description).to.include('only if it signs in with one');
    const rollback = readRecoveryInput({ parameters: { RollbackToServiceAccount: true }, credentials: { 'ConnectorCredential:a.com': credential('A\\a', 'x') } });
    expect(rollback.rollbackToServiceAccount).to.equal(true);
    expect(buildPlan(['a.com'], rollback).find((step) => step.kind === 'AADServiceAccount')?.description).to.include('-RollbackToServiceAccount');
  });
});
