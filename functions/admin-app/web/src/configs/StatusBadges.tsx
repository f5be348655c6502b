// What a customer meets now, from the list's status (contract C3): in emergency (until when), schedule active, closed.
import Box from '@cloudscape-design/components/box';
import SpaceBetween from '@cloudscape-design/components/space-between';
import StatusIndicator from '@cloudscape-design/components/status-indicator';
import { formatInstant } from '../app/time';
import type { ConfigStatus } from './configList';

export function StatusBadges({ status }: { status: ConfigStatus | null | undefined }) {
  if (!status) return <Box color="text-status-inactive"><span title="Not known until the config is next saved">—</span></Box>;
  const badges = [];
  if (status.emergency) {
    badges.push(<StatusIndicator key="emergency" type="error">
      {status.emergency.until ? `Emergency until ${formatInstant(status.emergency.until)}` : 'Emergency until ended'}
    </StatusIndicator>);
  }
  const planned = status.activeSchedules.filter(name => name !== 'emergency');
  if (planned.length) {
    badges.push(<StatusIndicator key="schedule" type="info">{`Schedule active: ${planned.join(', ')}`}</StatusIndicator>);
  }
  if (status.closed) badges.push(<StatusIndicator key="closed" type="stopped">Closed</StatusIndicator>);
  if (!badges.length) return <StatusIndicator type="success">Normal</StatusIndicator>;
  return <SpaceBetween size="xxs">{badges}</SpaceBetween>;
}
