import { expect } from 'chai';
import { AADSyncKeyError, PowerShellCommandError } from '../../../src/errors/aadsynckey-error.js';
import { ALL_ERROR_CODES, ERROR_CODES } from '../../../src/errors/error-codes.js';
import { toErrorRecordData } from '../../../src/cli/request-runner.js';

describe('error mapping', () => {
  it('keeps the code, category, target and advice of an AADSyncKeyError', () => {
    const data = toErrorRecordData(new AADSyncKeyError('SyncNotInstalled', 'not here', { target: 'ADSync' }));
    expect(data).to.deep.equal({
      code: 'SyncNotInstalled',
      category: 'NotInstalled',
      message: 'not here',
      target: 'ADSync',
      recommendedAction: ERROR_CODES.SyncNotInstalled.whatToDo,
      powerShellErrorId: null,
      exceptionType: 'AADSyncKey.ServerException',
    });
  });

  it("keeps PowerShell's FullyQualifiedErrorId and category of a failed server command", () => {
    const error = new PowerShellCommandError(
      {
        fullyQualifiedErrorId: 'CouldNotStartService,Microsoft.PowerShell.Commands.StartServiceCommand',
        category: 'OpenError',
        message: "Service 'Microsoft Azure AD Sync (ADSync)' cannot be started",
        targetObject: 'ADSync',
        exceptionType: 'System.InvalidOperationException',
      },
      'Start-Service',
    );
    const data = toErrorRecordData(error);
    expect(data.code).to.equal('PowerShellCommandFailed');
    expect(data.category).to.equal('OpenError');
    expect(data.powerShellErrorId).to.equal('CouldNotStartService,Microsoft.PowerShell.Commands.StartServiceCommand');
    expect(data.target).to.equal('ADSync');
    expect(data.message).to.include('cannot be started');
  });

  it('maps a PowerShell category the module does not raise to NotSpecified', () => {
    const error = new PowerShellCommandError({ fullyQualifiedErrorId: 'X', category: 'DeadlockDetected', message: 'm', targetObject: null, exceptionType: 'E' }, 'S');
    expect(error.category).to.equal('NotSpecified');
  });

  it('reports an unexpected exception as InternalError', () => {
    expect(toErrorRecordData(new TypeError('boom'))).to.include({ code: 'InternalError', category: 'NotSpecified' });
  });

  it('documents every code with a category, a meaning and advice', () => {
    for (const code of ALL_ERROR_CODES) {
      expect(ERROR_CODES[code].meaning, code).to.have.length.greaterThan(10);
      expect(ERROR_CODES[code].whatToDo, code).to.have.length.greaterThan(10);
    }
  });
});
