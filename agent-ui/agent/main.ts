import { startCallPage } from '../src/page';

void startCallPage({ endedText: 'Call ended.' });
