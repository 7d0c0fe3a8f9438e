// Entry of the customer journey (/id/#t=<token>): from the bank's link to "you are identified".
import { effect } from '@preact/signals';
import { render } from 'preact';
import { addCatalogues, applyDocumentLanguage, locale } from '../i18n/i18n';
import { CUSTOMER_CATALOGUES } from './i18n/catalogues';
import { JourneyApp } from './JourneyApp';
import { Journey, tokenFromLocation } from './journey';
import '../design/base.css';
import './customer.css';

addCatalogues(CUSTOMER_CATALOGUES);
effect(() => {
  void locale.value;
  applyDocumentLanguage();
});
const token = tokenFromLocation();
const journey = token ? Journey.forToken(token) : null;
// The token stays in the fragment: never sent to the server in a URL, never in a referrer.
void journey?.start();
render(<JourneyApp journey={journey} />, document.getElementById('app')!);
