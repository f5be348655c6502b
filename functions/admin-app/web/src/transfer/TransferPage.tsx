import Header from '@cloudscape-design/components/header';

export function TransferPage() {
  return <Header variant="h1">Import and export</Header>;
}
