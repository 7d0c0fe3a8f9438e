// Entry of the staff app (/staff/…): agents, supervisors, auditors and admins sign in here.
import '@preact/signals';
import { effect } from '@preact/signals';
import { render } from 'preact';
import { api } from '../api/client';
import { applyDocumentLanguage, locale, t } from '../i18n/i18n';
import { App } from './App';
import { requestReauth } from './reauth';
import { startRouter } from './router';
import { checkSession, sessionLost } from './session';
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
void checkSession();
render(<App />, document.getElementById('app')!);
