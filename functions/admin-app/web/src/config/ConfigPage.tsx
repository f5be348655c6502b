// Placeholder until the config page (tabs, action bar, history, preview) lands: owned by the config-page work.
import Container from '@cloudscape-design/components/container';
import Header from '@cloudscape-design/components/header';

export function ConfigPage({ id }: { id: string }) {
  return <Container header={<Header variant="h1">{id}</Header>}>The config page is being rebuilt.</Container>;
}

export default ConfigPage;
