// A 412: what others saved since the user loaded the config, and the user's own edits, side by side; nothing is
// overwritten until the user chooses.
import Button from '@cloudscape-design/components/button';
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';
import SpaceBetween from '@cloudscape-design/components/space-between';
import { useEffect, useRef } from 'react';
import { differences } from '../logic/diff';
import type { FlowConfig } from '../logic/model';
import { DiffTable } from './DiffTable';

export function ConflictPanel({ base, mine, theirs, onReapply, onDiscardMine }:
  { base: FlowConfig; mine: FlowConfig; theirs: FlowConfig; onReapply: () => void; onDiscardMine: () => void }) {
  const heading = useRef<HTMLDivElement>(null);
  useEffect(() => { heading.current?.focus(); }, [theirs.version]);
  return <section id="conflict" aria-labelledby="conflict-heading">
    <Container header={<div ref={heading} tabIndex={-1} id="conflict-heading">
      <Header variant="h2" description={`You started from version ${base.version}. Nothing was overwritten and your`
        + ' changes are still here.'}>
        {`Version ${theirs.version} was saved by ${theirs.updatedBy || 'someone'} while you were editing`}</Header>
    </div>}>
      <SpaceBetween size="l">
        <DiffTable caption="Changed by others since you opened it" left={`Version ${base.version}`}
          right={`Version ${theirs.version}`} changes={differences(base, theirs)} />
        <DiffTable caption="Your unsaved changes" left={`Version ${base.version}`} right="Yours"
          changes={differences(base, mine)} />
        <SpaceBetween size="xs" direction="horizontal">
          <Button variant="primary" onClick={onReapply}>{`Re-apply my changes on version ${theirs.version}`}</Button>
          <Button onClick={onDiscardMine}>{`Discard mine and show version ${theirs.version}`}</Button>
        </SpaceBetween>
      </SpaceBetween>
    </Container>
  </section>;
}
