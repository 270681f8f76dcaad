import type { CommandDefinition, ViewDefinition } from '../commands/command-definition.js';
import { generatedHeader } from './generated-header.js';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function emitTable(view: ViewDefinition): string[] {
  const headers = view.columns.map((column) =>
    column.width === undefined
      ? `            <TableColumnHeader><Label>${xml(column.label)}</Label></TableColumnHeader>`
      : `            <TableColumnHeader><Label>${xml(column.label)}</Label><Width>${column.width}</Width></TableColumnHeader>`,
  );
  const items = view.columns.map((column) =>
    column.script !== undefined
      ? `                <TableColumnItem><ScriptBlock>${xml(column.script)}</ScriptBlock></TableColumnItem>`
      : `                <TableColumnItem><PropertyName>${xml(column.property ?? column.label)}</PropertyName></TableColumnItem>`,
  );
  return [
    '        <TableControl>',
    '          <TableHeaders>',
    ...headers,
    '          </TableHeaders>',
    '          <TableRowEntries>',
    '            <TableRowEntry>',
    '              <TableColumnItems>',
    ...items,
    '              </TableColumnItems>',
    '            </TableRowEntry>',
    '          </TableRowEntries>',
    '        </TableControl>',
  ];
}

function emitList(view: ViewDefinition): string[] {
  const items = view.columns.map((column) =>
    column.script !== undefined
      ? `                <ListItem><Label>${xml(column.label)}</Label><ScriptBlock>${xml(column.script)}</ScriptBlock></ListItem>`
      : `                <ListItem><Label>${xml(column.label)}</Label><PropertyName>${xml(column.property ?? column.label)}</PropertyName></ListItem>`,
  );
  return ['        <ListControl>', '          <ListEntries>', '            <ListEntry>', '              <ListItems>', ...items, '              </ListItems>', '            </ListEntry>', '          </ListEntries>', '        </ListControl>'];
}

/** Emits AADSyncKey.format.ps1xml: the default view of every output type. */
export function emitFormat(commands: readonly CommandDefinition[]): string {
  const views = commands.flatMap((command) => command.views);
  const body = views.flatMap((view) => [
    '    <View>',
    `      <Name>${xml(view.typeName)}</Name>`,
    `      <ViewSelectedBy><TypeName>${xml(view.typeName)}</TypeName></ViewSelectedBy>`,
    ...(view.kind === 'table' ? emitTable(view) : emitList(view)),
    '    </View>',
  ]);
  return ['<?xml version="1.0" encoding="utf-8"?>', `<!--\n${generatedHeader('  ')}\n-->`, '<Configuration>', '  <ViewDefinitions>', ...body, '  </ViewDefinitions>', '</Configuration>', ''].join('\n');
}
