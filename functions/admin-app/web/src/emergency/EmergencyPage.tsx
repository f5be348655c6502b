import Header from '@cloudscape-design/components/header';

export function EmergencyPage() {
  return <Header variant="h1">Emergency</Header>;
}
