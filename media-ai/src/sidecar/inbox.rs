//! What a connection's reader hands its worker, in arrival order: commands are never dropped,
//! frames are **latest wins**. When the worker is busy, the oldest waiting frame gives way to
//! the new one (counted as dropped) instead of the newest being refused: a slow CPU then
//! analyses fewer frames, but always recent ones, so the pose it judges is never stale.

use std::collections::VecDeque;
use std::sync::{Condvar, Mutex, MutexGuard};

/// Frames and commands between the reader thread and the worker thread of one connection.
pub struct Inbox<C, F> {
    state: Mutex<State<C, F>>,
    ready: Condvar,
    /// Frames held for the worker at most; the oldest goes when a new one arrives.
    frames_held: usize,
}

struct State<C, F> {
    items: VecDeque<Next<C, F>>,
    frames: usize,
    closed: bool,
    dropped: u64,
}

/// The next thing for the worker.
#[derive(Debug, PartialEq, Eq)]
pub enum Next<C, F> {
    Command(C),
    Frame(F),
}

impl<C, F> Inbox<C, F> {
    /// `frames_held`: frames waiting at most (1 = only the newest).
    pub fn new(frames_held: usize) -> Self {
        Inbox {
            state: Mutex::new(State {
                items: VecDeque::new(),
                frames: 0,
                closed: false,
                dropped: 0,
            }),
            ready: Condvar::new(),
            frames_held: frames_held.max(1),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State<C, F>> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn command(&self, c: C) {
        self.lock().items.push_back(Next::Command(c));
        self.ready.notify_one();
    }

    /// Queues a frame; when `frames_held` are already waiting, the oldest is dropped.
    pub fn frame(&self, f: F) {
        let mut s = self.lock();
        if s.frames >= self.frames_held {
            if let Some(i) = s.items.iter().position(|x| matches!(x, Next::Frame(_))) {
                s.items.remove(i);
                s.frames -= 1;
                s.dropped += 1;
            }
        }
        s.items.push_back(Next::Frame(f));
        s.frames += 1;
        drop(s);
        self.ready.notify_one();
    }

    /// No more input: the worker finishes what is queued, then `next` returns None.
    pub fn close(&self) {
        self.lock().closed = true;
        self.ready.notify_all();
    }

    /// Frames replaced before the worker got to them, so far.
    pub fn dropped(&self) -> u64 {
        self.lock().dropped
    }

    /// Blocks for the next item in arrival order (a command waits behind at most `frames_held`
    /// frames). None once closed and empty.
    pub fn next(&self) -> Option<Next<C, F>> {
        let mut s = self.lock();
        loop {
            if let Some(item) = s.items.pop_front() {
                if matches!(item, Next::Frame(_)) {
                    s.frames -= 1;
                }
                return Some(item);
            }
            if s.closed {
                return None;
            }
            s = self.ready.wait(s).unwrap_or_else(|e| e.into_inner());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_busy_worker_gets_the_newest_frame_and_every_command_in_order() {
        let inbox: Inbox<&str, u32> = Inbox::new(1);
        inbox.frame(1);
        inbox.command("start");
        inbox.frame(2);
        inbox.frame(3);
        inbox.command("challenge");
        assert_eq!(inbox.next(), Some(Next::Command("start")));
        assert_eq!(inbox.next(), Some(Next::Frame(3)));
        assert_eq!(inbox.next(), Some(Next::Command("challenge")));
        assert_eq!(inbox.dropped(), 2);
        inbox.close();
        assert_eq!(inbox.next(), None);
    }

    #[test]
    fn a_deeper_inbox_keeps_the_latest_frames_in_order_and_drains_after_close() {
        let inbox: Inbox<(), u32> = Inbox::new(2);
        for f in 1..=5 {
            inbox.frame(f);
        }
        inbox.close();
        assert_eq!(inbox.next(), Some(Next::Frame(4)));
        assert_eq!(inbox.next(), Some(Next::Frame(5)));
        assert_eq!(inbox.next(), None);
        assert_eq!(inbox.dropped(), 3);
    }

    #[test]
    fn the_worker_wakes_when_a_frame_arrives_from_another_thread() {
        let inbox = std::sync::Arc::new(Inbox::<(), u32>::new(1));
        let reader = {
            let inbox = inbox.clone();
            std::thread::spawn(move || {
                inbox.frame(7);
                inbox.close();
            })
        };
        assert_eq!(inbox.next(), Some(Next::Frame(7)));
        assert_eq!(inbox.next(), None);
        let _ = reader.join();
    }
}
