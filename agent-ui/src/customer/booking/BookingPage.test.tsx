import { render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { json, problem } from '../../test/fake-auth-server';
import '../../test/render-journey';
import { BookingPage } from './BookingPage';

const TOKEN = 'a'.repeat(64);
const booking = (over: Record<string, unknown> = {}) => ({
  id: 'b1',
  status: 'booked',
  start: '2030-01-08T09:00:00Z',
  end: '2030-01-08T09:30:00Z',
  local_start: '2030-01-08T10:00:00+01:00',
  customer_tz: 'Europe/Paris',
  needs: ['lang:fr', 'doc:passport'],
  sequence: 0,
  checked_in: false,
  session_id: 's1',
  ...over,
});

function fakeBookings() {
  let current = booking();
  const sent: { method: string; path: string; body: unknown }[] = [];
  const fetchMock = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const path = String(input);
    const method = init?.method ?? 'GET';
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    sent.push({ method, path, body });
    const base = `/api/v1/bookings/${TOKEN}`;
    if (method === 'GET' && path === base) return json(200, current);
    if (method === 'GET' && path.startsWith('/api/v1/slots')) {
      return json(200, [
        { start: '2030-01-08T09:00:00Z', end: '2030-01-08T09:30:00Z', local_start: '', capacity: 1, free: 1 },
        { start: '2030-01-09T13:30:00Z', end: '2030-01-09T14:00:00Z', local_start: '', capacity: 1, free: 1 },
      ]);
    }
    if (method === 'POST' && path === `${base}/reschedule`) {
      if (body.start === '2030-01-09T13:30:00Z') current = booking({ start: body.start, sequence: current.sequence + 1 });
      else return problem(409, 'slot_taken');
      return json(200, current);
    }
    if (method === 'DELETE' && path === base) {
      current = booking({ status: 'cancelled', sequence: current.sequence + 1 });
      return json(200, current);
    }
    return problem(404, 'booking_not_found');
  });
  vi.stubGlobal('fetch', fetchMock);
  return { sent };
}

describe('the booking page', () => {
  it('shows the appointment in the customer’s zone, with its calendar file', async () => {
    fakeBookings();
    render(<BookingPage token={TOKEN} />);
    expect(await screen.findByText('Tuesday, January 8 at 10:00 AM')).toBeTruthy();
    expect(screen.getByText('Time zone: Europe/Paris')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Add to my calendar' }).getAttribute('href')).toBe(`/api/v1/bookings/${TOKEN}/invite.ics`);
  });

  it('moves the appointment to another free slot asked with the booking’s own needs', async () => {
    const { sent } = fakeBookings();
    const user = userEvent.setup({ delay: null });
    render(<BookingPage token={TOKEN} />);
    await user.click(await screen.findByRole('button', { name: 'Change the time' }));
    // The current slot is not offered as "another" one.
    await user.click(await screen.findByRole('radio', { name: '2:30 PM' }));
    expect(screen.queryByRole('radio', { name: '10:00 AM' })).toBeNull();
    expect(sent.find((s) => s.path.startsWith('/api/v1/slots'))?.path).toBe('/api/v1/slots?language=fr&document=passport&tz=Europe%2FParis');
    await user.click(screen.getByRole('button', { name: 'Move my appointment' }));
    expect(await screen.findByText('Your appointment was moved. We sent you an updated invitation.')).toBeTruthy();
    expect(screen.getByText('Wednesday, January 9 at 2:30 PM')).toBeTruthy();
    expect(sent.filter((s) => s.method === 'POST').map((s) => s.body)).toEqual([{ start: '2030-01-09T13:30:00Z' }]);
  });

  it('cancels after asking, and then offers nothing more to change', async () => {
    fakeBookings();
    const user = userEvent.setup({ delay: null });
    render(<BookingPage token={TOKEN} />);
    await user.click(await screen.findByRole('button', { name: 'Cancel the appointment' }));
    await user.click(screen.getByRole('button', { name: 'Yes, cancel it' }));
    expect(await screen.findByText('Your appointment is cancelled. We sent you a confirmation.')).toBeTruthy();
    expect(screen.getByText('This appointment is cancelled.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Change the time' })).toBeNull();
  });

  it('an unknown link says it matches no appointment', async () => {
    fakeBookings();
    render(<BookingPage token={'b'.repeat(64)} />);
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('This link does not match an appointment.'));
  });
});
