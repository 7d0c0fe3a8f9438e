import { startCallPage } from '../call/page';

void startCallPage({ endedText: 'The call has ended. Thank you — you can close this page.' });
