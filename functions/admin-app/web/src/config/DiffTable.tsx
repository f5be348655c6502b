// Two versions side by side: one row per thing that differs.
import Box from '@cloudscape-design/components/box';
import Table from '@cloudscape-design/components/table';
import Header from '@cloudscape-design/components/header';
import { changeKind, describePath, type Change } from '../logic/diff';

export function DiffTable({ caption, left, right, changes }:
  { caption: string; left: string; right: string; changes: Change[] }) {
  if (changes.length === 0) return <Box>{caption}: no differences.</Box>;
  const cell = (value: string | undefined) => value === undefined ? <Box color="text-status-inactive">(none)</Box>
    : <pre>{value}</pre>;
  return <div className="config-diff">
    <Table variant="embedded" header={<Header variant="h3" counter={`(${changes.length})`}>{caption}</Header>}
      ariaLabels={{ tableLabel: caption }}
      items={changes} trackBy={change => describePath(change.path)} wrapLines
      columnDefinitions={[
        { id: 'what', header: 'What', cell: change => describePath(change.path), isRowHeader: true },
        { id: 'left', header: left, cell: change => cell(change.before) },
        { id: 'right', header: right, cell: change => cell(change.after) },
        { id: 'kind', header: 'Change', cell: change => changeKind(change) },
      ]} />
  </div>;
}
