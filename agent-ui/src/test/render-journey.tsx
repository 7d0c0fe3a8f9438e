// Renders the customer journey against the fake server, at a given step, with the customer
// pages' catalogues loaded as on /id/.
import { configure, render } from '@testing-library/preact';
import { vi } from 'vitest';
import { customerApi } from '../api/journey';
import { CUSTOMER_CATALOGUES } from '../customer/i18n/catalogues';
import { Journey } from '../customer/journey';
import { JourneyApp } from '../customer/JourneyApp';
import type { Step } from '../customer/steps';
import { addCatalogues } from '../i18n/i18n';

addCatalogues(CUSTOMER_CATALOGUES);
// A step waits on a few requests in a row; a loaded test machine needs more than a second.
configure({ asyncUtilTimeout: 5000 });
vi.setConfig({ testTimeout: 30_000 });
// jsdom has no layout: a new step's scroll to the top does nothing here.
window.scrollTo = () => undefined;

export async function renderJourney(step?: Step) {
  sessionStorage.clear();
  const journey = new Journey(customerApi('tok'), 'tok', sessionStorage);
  await journey.start();
  if (step) journey.go(step);
  const utils = render(<JourneyApp journey={journey} />);
  return { journey, ...utils };
}
