import { expect } from 'chai';
import { COMMAND_DEFINITIONS } from '../../src/commands/registry.js';
import { runPwshFileJson, testScript } from '../helpers/pwsh.js';

// What Get-Help and Get-Command show of each generated cmdlet in a real pwsh: the help an administrator reads at
// a bad moment, and the -WhatIf/-Confirm support that the definitions promise.
interface CommandFacts {
  synopsis: string;
  description: string;
  parameters: Array<{ name: string; description: string; defaultValue: string; position: string }>;
  examples: Array<{ code: string; remarks: string }>;
  exampleHelpCount: number;
  outputs: string[];
  links: string[];
  supportsWhatIf: boolean;
  supportsConfirm: boolean;
  confirmImpact: string;
  outputTypes: string[];
}

// Commands that change the server, a journal, or write a file: the ones that must offer -WhatIf and -Confirm.
const SERVER_CHANGING = new Set(['Start-AADSyncService', 'Remove-AADSyncEncryptionKey', 'Set-AADSyncConnectorCredential', 'Reset-AADSyncAADServiceAccount', 'Backup-AADSyncEncryptionKey', 'Invoke-AADSyncKeyRecovery', 'Stop-AADSyncKeyRecovery', 'Export-AADSyncServerSurface', 'Export-AADSyncKeyRecoveryReport']);

describe('help and ShouldProcess of every cmdlet (real pwsh)', function () {
  this.timeout(120_000);
  let facts: Record<string, CommandFacts>;
  let topics: { about: string; unresolvedLinks: string[] };

  before(async () => {
    facts = await runPwshFileJson<Record<string, CommandFacts>>(testScript('Get-CommandHelpFacts.ps1'), []);
    const links = [...new Set(COMMAND_DEFINITIONS.flatMap((definition) => definition.links))];
    topics = await runPwshFileJson<typeof topics>(testScript('Get-HelpTopicFacts.ps1'), [], { stdin: links.join('\n') });
  });

  it('shows each default the definition declares in Get-Help, positions only where defined, and describes -WhatIf and -Confirm', () => {
    for (const definition of COMMAND_DEFINITIONS) {
      const help = facts[definition.name]!;
      for (const parameter of definition.parameters) {
        const shown = help.parameters.find((p) => p.name === parameter.name);
        if (parameter.default !== undefined) expect(shown?.defaultValue, `${definition.name} -${parameter.name}`).to.equal(String(parameter.default));
        // Get-Help counts positions from 1.
        expect(shown?.position, `${definition.name} -${parameter.name}`).to.equal(parameter.position === undefined ? 'named' : String(parameter.position + 1));
      }
      if (definition.confirmImpact !== undefined) {
        for (const name of ['WhatIf', 'Confirm']) expect(help.parameters.find((p) => p.name === name)?.description, `${definition.name} -${name}`).to.match(/\S.{20,}/);
      }
    }
  });

  it('has an about topic without generator comments that holds the error reference itself', () => {
    expect(topics.about).not.to.include('auto-generated').and.not.to.include('docs/reference');
    expect(topics.about).to.include('KeyAbandonInFlight').and.include('What to do:');
  });

  it('has an about_AADSyncKey topic that names every cmdlet, and every related link resolves in Get-Help', () => {
    expect(topics.about).to.include('about_AADSyncKey').and.include('miiskmu.exe /a').and.include('AADSYNCKEY_DATA_DIR');
    for (const definition of COMMAND_DEFINITIONS) expect(topics.about).to.include(definition.name);
    expect(topics.unresolvedLinks).to.deep.equal([]);
  });

  for (const definition of COMMAND_DEFINITIONS) {
    describe(definition.name, () => {
      const of = (): CommandFacts => {
        const found = facts[definition.name];
        if (found === undefined) throw new Error(`${definition.name} is not exported`);
        return found;
      };

      it('has a synopsis, a description, and help for every parameter', () => {
        const help = of();
        expect(help.synopsis).to.equal(definition.synopsis);
        expect(help.description.length).to.be.greaterThan(40);
        const documented = new Map(help.parameters.map((p) => [p.name, p.description]));
        for (const parameter of definition.parameters) {
          expect(documented.get(parameter.name), `-${parameter.name}`).to.be.a('string').and.not.equal('');
        }
      });

      it('shows at least two examples with Get-Help -Examples, each with remarks', () => {
        const help = of();
        expect(help.exampleHelpCount).to.be.at.least(2);
        expect(help.examples.length).to.equal(help.exampleHelpCount);
        for (const example of help.examples) {
          expect(example.code).to.include(definition.name);
          expect(example.remarks.trim()).to.not.equal('');
        }
      });

      it('names its output types and related links', () => {
        const help = of();
        expect(help.outputTypes).to.deep.equal([...definition.outputTypes]);
        expect(help.outputs.join(' ')).to.include(definition.outputTypes[0] ?? '');
        expect(help.links.length).to.be.at.least(1);
      });

      it(SERVER_CHANGING.has(definition.name) ? 'supports -WhatIf and -Confirm' : 'only reads, so offers no -WhatIf', () => {
        const help = of();
        expect(help.supportsWhatIf).to.equal(SERVER_CHANGING.has(definition.name));
        expect(help.supportsConfirm).to.equal(SERVER_CHANGING.has(definition.name));
      });
    });
  }

  it('asks before abandoning a key or running a recovery even when $ConfirmPreference is left at High', () => {
    expect(facts['Remove-AADSyncEncryptionKey']?.confirmImpact).to.equal('High');
    expect(facts['Invoke-AADSyncKeyRecovery']?.confirmImpact).to.equal('High');
  });
});
