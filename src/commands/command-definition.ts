// What one cmdlet is, declared once: the generator emits the PowerShell function, its help, its view and its
// export entry from this; the core validates requests with its JSON Schema and runs its handler.

/**
 * PowerShell parameter types the generator knows how to declare and the bridge knows how to send. A 'path' is a
 * string the bridge resolves against the admin's current location (the core runs in another folder); a
 * 'PSCredential' travels as a credential, never as a parameter; a 'credentialMap' is a hashtable of name to
 * PSCredential whose entries travel as credentials named `<parameter>:<name>`.
 */
export type ParameterType =
  | 'string' | 'string[]' | 'int' | 'switch' | 'PSCredential' | 'credentialMap' | 'hashtable' | 'path'
  | 'PSSession[]' | 'AuthenticationMechanism';

/** One cmdlet parameter. */
export interface ParameterDefinition {
  readonly name: string;
  readonly type: ParameterType;
  readonly help: string;
  readonly mandatory?: boolean;
  readonly position?: number;
  readonly valueFromPipeline?: boolean;
  readonly valueFromPipelineByPropertyName?: boolean;
  readonly aliases?: readonly string[];
  readonly validateSet?: readonly string[];
  readonly validateRange?: readonly [number, number];
  /** The value when the parameter is not given: in the param block and the help, and filled in by the core. */
  readonly default?: number;
  /** The longest a string (or each string of a string[]) may be, in the request schema. */
  readonly maxLength?: number;
  /** A string[] whose values must differ. */
  readonly uniqueItems?: boolean;
  /** Parameter sets the parameter belongs to; none means all. */
  readonly parameterSets?: readonly string[];
}

/** A help example: the code and what it does. */
export interface ExampleDefinition {
  readonly title: string;
  readonly code: string;
  readonly remarks: string;
}

/** A column of the default table view. */
export interface ViewColumn {
  readonly label: string;
  /** A property name, or a PowerShell script block body for a computed column. */
  readonly property?: string;
  readonly script?: string;
  readonly width?: number;
}

/** The default view of an output type in the format file. */
export interface ViewDefinition {
  readonly typeName: string;
  readonly kind: 'table' | 'list';
  readonly columns: readonly ViewColumn[];
}

/** A cmdlet, as the generator and the core see it. */
export interface CommandDefinition {
  readonly name: string;
  readonly synopsis: string;
  readonly description: string;
  readonly parameters: readonly ParameterDefinition[];
  readonly defaultParameterSet?: string;
  readonly examples: readonly ExampleDefinition[];
  readonly outputTypes: readonly string[];
  readonly links: readonly string[];
  /** Commands that change the server (or write a file) support -WhatIf/-Confirm with this impact. */
  readonly confirmImpact?: 'Low' | 'Medium' | 'High';
  /**
   * Whether the command reaches the sync server, and so takes the remoting parameters (-ComputerName, -HostName,
   * -Session and the options New-PSSession has). Commands that read only the admin's own journals do not.
   */
  readonly remoting?: boolean;
  /** Whether the command runs under the server-wide lock; by default, every command with a confirmImpact does. */
  readonly locksServer?: boolean;
  readonly views: readonly ViewDefinition[];
  /**
   * Pipeline input of name/credential pairs, collected over the whole pipeline and merged into a credentialMap
   * parameter, so that the command runs once (in the end block) with all of them.
   */
  readonly collectPipeline?: { readonly nameParameter: string; readonly credentialParameter: string; readonly into: string };
}
