// The signed-in console: Cloudscape's AppLayout with side navigation, breadcrumbs, a help panel per page and the
// Flashbar; pages the first screen does not need are loaded on demand.
import Alert from '@cloudscape-design/components/alert';
import AppLayout from '@cloudscape-design/components/app-layout';
import BreadcrumbGroup, { type BreadcrumbGroupProps } from '@cloudscape-design/components/breadcrumb-group';
import Button from '@cloudscape-design/components/button';
import SideNavigation from '@cloudscape-design/components/side-navigation';
import Spinner from '@cloudscape-design/components/spinner';
import { Suspense, useEffect, useState, type ReactNode } from 'react';
import { ConfigsPage } from '../configs/ConfigsPage';
import { helpFor } from './help';
import { lazyPage } from './lazy';
import { Notices, NotifyProvider, useNotices } from './notifications';
import { configHref, followLink, navigate, useRoute, type Route } from './router';
import { useSession } from './session';

const ConfigPage = lazyPage('ConfigPage', () => import('../config/ConfigPage').then(m => m.ConfigPage));
const EmergencyPage = lazyPage('EmergencyPage', () => import('../emergency/EmergencyPage').then(m => m.EmergencyPage));
const TransferPage = lazyPage('TransferPage', () => import('../transfer/TransferPage').then(m => m.TransferPage));
const CalendarsPage = lazyPage('CalendarsPage', () => import('../calendars/CalendarsPage').then(m => m.CalendarsPage));
const CalendarPage = lazyPage('CalendarPage', () => import('../calendars/CalendarPage').then(m => m.CalendarPage));

const TITLES: Record<string, string> = { configs: 'Configs', emergency: 'Emergency', transfer: 'Import and export',
  calendars: 'Calendars' };

export function Shell() {
  const session = useSession();
  const route = useRoute();
  const { items, notify } = useNotices();
  const [helpOpen, setHelpOpen] = useState(false);

  useEffect(() => {
    document.title = `${route.page === 'config' || route.page === 'calendar' ? route.id : TITLES[route.page] ?? 'Flow configs'} · Flow configs`;
  }, [route]);

  if (!session.holdsAnywhere('Read')) return <NoAccess />;
  const active = route.page === 'config' ? '#/configs' : route.page === 'calendar' ? '#/calendars' : `#/${route.page}`;
  return <NotifyProvider notify={notify}>
    <AppLayout
      navigation={<SideNavigation
        header={{ href: '#/configs', text: 'Flow configs' }}
        activeHref={active}
        onFollow={event => {
          if (event.detail.href === '#/sign-out') {
            event.preventDefault();
            session.signOut();
          } else {
            followLink(event);
          }
        }}
        items={[
          { type: 'link', text: 'Configs', href: '#/configs' },
          { type: 'link', text: 'Emergency', href: '#/emergency' },
          { type: 'link', text: 'Calendars', href: '#/calendars' },
          { type: 'link', text: 'Import and export', href: '#/transfer' },
          { type: 'divider' },
          { type: 'section', text: `Signed in as ${session.username}`, items: [
            { type: 'link', text: 'Sign out', href: '#/sign-out' },
          ] },
        ]} />}
      navigationWidth={240}
      breadcrumbs={<BreadcrumbGroup items={breadcrumbs(route)} onFollow={followLink} ariaLabel="Breadcrumbs"
        expandAriaLabel="Show path" />}
      notifications={<>
        {session.readOnlyRegion ? <Alert type="warning" header="Read-only region">
          This region is a read-only replica: you can look at every config here, but changes are made in
          {' '}{session.readOnlyRegion}.</Alert> : null}
        <Notices items={items} />
      </>}
      tools={helpFor(route)}
      toolsOpen={helpOpen}
      onToolsChange={event => setHelpOpen(event.detail.open)}
      ariaLabels={{ navigation: 'Side navigation', navigationClose: 'Close side navigation',
        navigationToggle: 'Open side navigation', notifications: 'Notifications', tools: 'Help panel',
        toolsClose: 'Close help panel', toolsToggle: 'Open help panel' }}
      contentType={route.page === 'configs' ? 'table' : 'default'}
      content={<main aria-label={route.page === 'calendar' ? 'Calendar' : TITLES[route.page] ?? 'Flow config'}>
        <Suspense fallback={<Spinner size="large" />}>{page(route)}</Suspense>
      </main>}
    />
  </NotifyProvider>;
}

function page(route: Route): ReactNode {
  switch (route.page) {
    case 'configs':
      return <ConfigsPage />;
    case 'config':
      return <ConfigPage key={route.id} id={route.id} />;
    case 'emergency':
      return <EmergencyPage />;
    case 'transfer':
      return <TransferPage />;
    case 'calendars':
      return <CalendarsPage />;
    case 'calendar':
      return <CalendarPage key={route.id} id={route.id} />;
    default:
      return <Alert type="info" header="No such page" action={<Button onClick={() => navigate('#/configs')}>
        Go to the configs</Button>}>There is no page at this address.</Alert>;
  }
}

function breadcrumbs(route: Route): BreadcrumbGroupProps.Item[] {
  const home = { text: 'Flow configs', href: '#/configs' };
  switch (route.page) {
    case 'config':
      return [home, { text: route.id, href: configHref(route.id) }];
    case 'emergency':
      return [home, { text: 'Emergency', href: '#/emergency' }];
    case 'transfer':
      return [home, { text: 'Import and export', href: '#/transfer' }];
    case 'calendars':
      return [home, { text: 'Calendars', href: '#/calendars' }];
    case 'calendar':
      return [home, { text: 'Calendars', href: '#/calendars' },
        { text: route.id, href: `#/calendars/${encodeURIComponent(route.id)}` }];
    default:
      return [home];
  }
}

/** Signed in, but no group or scope grants any level: said plainly, before any request is refused (API: NO_ACCESS). */
function NoAccess() {
  const session = useSession();
  useEffect(() => { document.title = 'No access · Flow configs'; }, []);
  return <main className="sign-in" aria-label="No access">
    <Alert type="error" header="No access to flow configs" action={<Button onClick={session.signOut}>Sign out</Button>}>
      {`You are signed in as ${session.username}, but none of your groups grants access to flow configs. Ask your `
        + 'administrator to add you to FlowConfigReaders (look), FlowConfigEditors (change values and texts) or '
        + 'FlowConfigAdmins (everything), or to one of those groups for your configs only, such as '
        + 'FlowConfigEditors-sales.'}
    </Alert>
  </main>;
}
