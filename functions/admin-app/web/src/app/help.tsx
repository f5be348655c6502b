// The help panel of each page, in plain words.
import HelpPanel from '@cloudscape-design/components/help-panel';
import type { ReactNode } from 'react';
import type { Route } from './router';

const HELP: Record<string, { header: string; body: ReactNode }> = {
  configs: {
    header: 'Configs',
    body: <>
      <p>Each row is a flow config: the values, prompts and schedules one contact flow reads when a call or chat
        arrives.</p>
      <p>The badges say what a customer meets right now: <b>Emergency</b> (an emergency message wins over everything
        until it is ended), <b>Schedule active</b> (a planned change such as a holiday is on now) and <b>Closed</b>.</p>
      <p>Filter by the start of the id to ask the server for only those configs; the other filters look through what
        is loaded. Open a config to change it.</p>
    </>,
  },
  config: {
    header: 'A config',
    body: <>
      <p>Change values and prompt texts, then Save. Nothing reaches callers until you save; contact flows see a saved
        change within a minute.</p>
      <p>History shows every saved version: compare two and restore an older one.</p>
    </>,
  },
  emergency: {
    header: 'Emergency',
    body: <>
      <p>An emergency puts one message or value in front of everything else in the configs you choose, for example
        "We are closed because of a storm", until you end it or until the time you give.</p>
      <p>Before anything changes, the server counts exactly which configs would change and which you may not change.
        Start stays off until that count is in.</p>
      <p>End an emergency from the table of configs in emergency now: one, several or all.</p>
    </>,
  },
  calendars: {
    header: 'Calendars',
    body: <>
      <p>A calendar holds days such as national holidays, kept once and used by the schedules of many configs: change
        Christmas in the calendar and every config that uses it follows.</p>
      <p>Days can be one date, the same date every year, a weekday of a month (the fourth Thursday of November) or a
        number of days from Easter, each all day or between two times, and moved when they fall on a weekend.</p>
      <p>Everyone can look at calendars. Creating, changing and deleting one needs Full access.</p>
    </>,
  },
  calendar: {
    header: 'A calendar',
    body: <>
      <p>Add an entry for each day, choose its rule and Save. The year view shows the days of this year and the next
        two as the saved calendar computes them.</p>
      <p>Configs that use it are listed: their schedules follow every change. A calendar that a config uses cannot be
        deleted; change those schedules first.</p>
      <p>To use a calendar, open a config's Schedules tab and choose "On a calendar".</p>
    </>,
  },
  transfer: {
    header: 'Import and export',
    body: <>
      <p>Export saves configs to a file. Import reads such a file: you first see what would be created, changed or
        left alone, with the differences, and nothing is written until you confirm.</p>
    </>,
  },
  other: {
    header: 'Flow configs',
    body: <p>Choose a page in the navigation on the left.</p>,
  },
};

export function helpFor(route: Route) {
  const help = HELP[route.page] ?? HELP.other;
  return <HelpPanel header={<h2>{help.header}</h2>}>{help.body}</HelpPanel>;
}
