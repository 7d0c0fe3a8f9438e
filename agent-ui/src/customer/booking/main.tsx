// Entry of the booking page (/booking/#t=<booking token>), which invitations link to: see the
// appointment, move it, cancel it.
import { effect } from '@preact/signals';
import { render } from 'preact';
import { addCatalogues, applyDocumentLanguage, locale, t } from '../../i18n/i18n';
import { CUSTOMER_CATALOGUES } from '../i18n/catalogues';
import { tokenFromLocation } from '../journey';
import { BookingPage } from './BookingPage';
import '../../design/base.css';
import '../customer.css';

addCatalogues(CUSTOMER_CATALOGUES);
effect(() => {
  void locale.value;
  applyDocumentLanguage();
  document.title = t('booking-page-title');
});
render(<BookingPage token={tokenFromLocation()} />, document.getElementById('app')!);
