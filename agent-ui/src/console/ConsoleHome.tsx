import './console.css';
import { useEffect, useState } from 'preact/hooks';
import { navigate, where } from '../staff/router';
import { CallView } from './CallView';
import { consoleDeps } from './deps';
import { OfferCard } from './OfferCard';
import { callOf, callPath } from './routes';
import { callOpened, shift, startShift, stopShift } from './shift';
import { ShiftView } from './ShiftView';
import { ShortcutsDialog } from './ShortcutsDialog';
import { shortcutFor } from './shortcuts';
import { accept, decline } from './shift';

/**
 * The agent console: the shift view (presence, queue, appointments) or the call of the offer the
 * agent accepted. The queue socket stays open in both, so a ringing offer shows everywhere and
 * leaving the console (closing the tab) makes the agent unavailable.
 */
export function ConsoleHome() {
  const session = callOf(where.value.path);
  const [help, setHelp] = useState(false);
  const accepted = shift.value.accepted;

  useEffect(() => {
    startShift(consoleDeps.socket);
    return () => stopShift();
  }, []);

  useEffect(() => {
    if (!accepted) return;
    callOpened();
    navigate(callPath(accepted));
  }, [accepted]);

  // Shortcuts of the shift view and of a ringing offer; the call view adds its own.
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const action = shortcutFor(e, shift.peek().offer ? 'offer' : 'shift');
      if (!action) return;
      if (action === 'help') setHelp(true);
      else if (action === 'accept') void accept();
      else if (action === 'decline') void decline();
      else return;
      e.preventDefault();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div class="console">
      <OfferCard />
      {session ? <CallView key={session} sessionId={session} onHelp={() => setHelp(true)} /> : <ShiftView onHelp={() => setHelp(true)} />}
      {help && <ShortcutsDialog onClose={() => setHelp(false)} />}
    </div>
  );
}
