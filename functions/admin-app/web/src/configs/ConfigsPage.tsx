// The configs table: sorting, counts, a property filter (id prefix asked of the server; text, schedules and
// emergency over what is loaded), status badges, ticks for the emergency page, and creating a config (Full).
import { useCollection } from '@cloudscape-design/collection-hooks';
import Alert from '@cloudscape-design/components/alert';
import Box from '@cloudscape-design/components/box';
import Button from '@cloudscape-design/components/button';
import Header from '@cloudscape-design/components/header';
import Link from '@cloudscape-design/components/link';
import PropertyFilter, { type PropertyFilterProps } from '@cloudscape-design/components/property-filter';
import SpaceBetween from '@cloudscape-design/components/space-between';
import Table, { type TableProps } from '@cloudscape-design/components/table';
import { useEffect, useMemo, useState } from 'react';
import { configHref, followLink, navigate } from '../app/router';
import { useSession, whyNot } from '../app/session';
import { formatInstant } from '../app/time';
import { CreateConfigModal } from './CreateConfigModal';
import { ensureListLoaded, loadList, loadMore, setTicked, useConfigList, type ConfigSummary } from './configList';
import { StatusBadges } from './StatusBadges';
import { matchesFilter, PREFIX_KEY, prefixOf } from './filter';

// Kept for the console's lifetime, like the list: coming back from a config shows the same filter and order.
let keptQuery: PropertyFilterProps.Query = { tokens: [], operation: 'and' };
let keptSorting: TableProps.SortingState<ConfigSummary> | undefined;
const FIRST_ROWS = 'configs-first-rows';

const FILTERING_PROPERTIES: PropertyFilterProps.FilteringProperty[] = [
  { key: PREFIX_KEY, propertyLabel: 'Id starts with', groupValuesLabel: 'Id prefixes', operators: ['^'],
    defaultOperator: '^' },
  { key: 'id', propertyLabel: 'Id', groupValuesLabel: 'Ids', operators: [':', '='] },
  { key: 'description', propertyLabel: 'Description', groupValuesLabel: 'Descriptions', operators: [':'] },
  { key: 'hasSchedules', propertyLabel: 'Has schedules', groupValuesLabel: 'Has schedules', operators: ['='] },
  { key: 'inEmergency', propertyLabel: 'In emergency', groupValuesLabel: 'In emergency', operators: ['='] },
];
const FILTERING_OPTIONS: PropertyFilterProps.FilteringOption[] = [
  { propertyKey: 'hasSchedules', value: 'yes' }, { propertyKey: 'hasSchedules', value: 'no' },
  { propertyKey: 'inEmergency', value: 'yes' }, { propertyKey: 'inEmergency', value: 'no' },
];

export function ConfigsPage() {
  const session = useSession();
  const list = useConfigList();
  const [query, setQuery] = useState(keptQuery);
  const [creating, setCreating] = useState(false);
  useEffect(ensureListLoaded, []);

  const filtered = useMemo(() => list.items.filter(item => matchesFilter(item, query)), [list.items, query]);
  const { items, collectionProps } = useCollection(filtered, {
    sorting: { defaultState: keptSorting ?? { sortingColumn: { sortingField: 'id' } } },
  });
  useEffect(() => { keptSorting = collectionProps.sortingColumn ? { sortingColumn: collectionProps.sortingColumn,
    isDescending: collectionProps.sortingDescending } : undefined; },
  [collectionProps.sortingColumn, collectionProps.sortingDescending]);

  // A mark the browser tests read: when the first rows reached the screen (ms since the page began loading).
  useEffect(() => {
    if (items.length > 0 && performance.getEntriesByName(FIRST_ROWS).length === 0) performance.mark(FIRST_ROWS);
  }, [items.length]);

  const changeQuery = (next: PropertyFilterProps.Query) => {
    keptQuery = next;
    setQuery(next);
    const prefix = prefixOf(next);
    if (prefix !== list.prefix) void loadList(prefix);
  };
  const ticking = session.holdsAnywhere('Edit');
  const cannotCreate = whyNot(session, 'Full');
  const selected = list.items.filter(item => list.ticked.includes(item.id));
  const counter = list.nextToken ? `(${list.items.length} loaded, more available)` : `(${list.items.length})`;

  if (list.errorCode === 'NO_ACCESS' || list.errorCode === 'FORBIDDEN') {
    return <Alert type="error" header="No access to flow configs" action={<Button onClick={session.signOut}>Sign out
      </Button>}>{list.error}</Alert>;
  }
  return <>
    <Table
      {...collectionProps}
      variant="full-page"
      stickyHeader
      trackBy="id"
      items={items}
      loading={!list.started}
      loadingText="Loading configs"
      selectionType={ticking ? 'multi' : undefined}
      selectedItems={selected}
      onSelectionChange={event => setTicked(event.detail.selectedItems.map(item => item.id))}
      ariaLabels={{
        selectionGroupLabel: 'Configs to pick for an emergency',
        allItemsSelectionLabel: () => 'Tick every loaded config',
        itemSelectionLabel: (_, item) => `Tick ${item.id}`,
        tableLabel: 'Configs',
      }}
      renderAriaLive={({ totalItemsCount }) => `${totalItemsCount ?? items.length} configs shown`}
      header={<Header variant="awsui-h1-sticky" counter={list.started ? counter : undefined}
        description="The values, prompts and schedules your contact flows read. Open one to change it."
        actions={<SpaceBetween direction="horizontal" size="xs">
          {ticking ? <Button disabled={selected.length === 0} disabledReason="Tick the configs first"
            onClick={() => navigate('#/emergency')}>{selected.length ? `Emergency for ${selected.length} ticked…`
              : 'Emergency for ticked…'}</Button> : null}
          <Button variant="primary" disabled={!!cannotCreate} disabledReason={cannotCreate ?? undefined}
            onClick={() => setCreating(true)}>Create config</Button>
        </SpaceBetween>}>Configs</Header>}
      filter={<PropertyFilter
        query={query}
        onChange={event => changeQuery(event.detail)}
        filteringProperties={FILTERING_PROPERTIES}
        filteringOptions={FILTERING_OPTIONS}
        filteringPlaceholder="Find configs: type text, or choose a property such as Id starts with"
        filteringAriaLabel="Find configs"
        countText={`${filtered.length} match${filtered.length === 1 ? '' : 'es'} of ${list.items.length} loaded`}
        expandToViewport
        i18nStrings={{ filteringAriaLabel: 'Find configs', clearFiltersText: 'Clear filters',
          operationAndText: 'and', operationOrText: 'or', applyActionText: 'Apply', cancelActionText: 'Cancel',
          dismissAriaLabel: 'Dismiss', groupPropertiesText: 'Properties', groupValuesText: 'Values',
          operatorsText: 'Operators', propertyText: 'Property', operatorText: 'Operator', valueText: 'Value',
          operatorContainsText: 'Contains', operatorEqualsText: 'Equals', operatorStartsWithText: 'Starts with',
          operatorDoesNotContainText: 'Does not contain', operatorDoesNotEqualText: 'Does not equal',
          editTokenHeader: 'Edit filter', allPropertiesLabel: 'All properties', tokenLimitShowMore: 'Show more',
          tokenLimitShowFewer: 'Show fewer', removeTokenButtonAriaLabel: token =>
            `Remove filter ${token.propertyKey ?? ''} ${token.operator} ${String(token.value)}`,
          enteredTextLabel: text => `Use: "${text}"` }}
      />}
      empty={<Box textAlign="center" color="inherit" padding="l">
        {list.error ? <Alert type="error" header="The list did not load">{list.error}</Alert>
          : list.items.length ? 'No loaded config matches the filter.' : 'No configs here yet.'}
      </Box>}
      footer={list.nextToken ? <Box textAlign="center">
        <Button onClick={() => void loadMore()} loading={list.loading}>Load more</Button></Box> : null}
      columnDefinitions={[
        { id: 'id', header: 'Id', sortingField: 'id', isRowHeader: true,
          cell: item => <Link href={configHref(item.id)} onFollow={followLink}>{item.id}</Link> },
        { id: 'status', header: 'Status', cell: item => <StatusBadges status={item.status} />, minWidth: 180 },
        { id: 'description', header: 'Description', sortingField: 'description', cell: item => item.description ?? '' },
        { id: 'version', header: 'Version', sortingField: 'version', cell: item => item.version },
        { id: 'updatedBy', header: 'Last changed by', sortingField: 'updatedBy', cell: item => item.updatedBy ?? '' },
        { id: 'updatedAt', header: 'Last changed', sortingField: 'updatedAt',
          cell: item => formatInstant(item.updatedAt) },
      ]}
    />
    {creating ? <CreateConfigModal onClose={() => setCreating(false)} /> : null}
  </>;
}
