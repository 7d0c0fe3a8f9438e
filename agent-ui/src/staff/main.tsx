// Entry of the staff app (/staff/…): agents, supervisors, auditors and admins sign in here.
import { effect } from '@preact/signals';
import { render } from 'preact';
import { api } from '../api/client';
import { applyDocumentLanguage, locale, t } from '../i18n/i18n';
import { App } from './App';
import { reauthPrompt, requestReauth } from './reauth';
import { startRouter } from './router';
import { checkSession, session, sessionLost } from './session';
import { watchSession } from './session-watch';
import '../design/base.css';

api.hooks = { sessionLost, reauthenticate: requestReauth };
startRouter();
watchSession();
effect(() => {
  void locale.value;
  applyDocumentLanguage();
  document.title = t('staff-title');
});
// A session that ends while a re-authentication is asked for cancels it: the action cannot go on.
effect(() => {
  if (session.value.kind !== 'signed_in') reauthPrompt.peek()?.settle(false);
});
void checkSession();
render(<App />, document.getElementById('app')!);
