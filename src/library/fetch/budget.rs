//! A counting semaphore that can be overdrawn, for bounding what a fetch holds at once: CPU-heavy
//! sections (units: threads), parsed feeds (units: feeds) and fetched bodies waiting to be parsed
//! (units: bytes, whose number is known only once the body is in).

use std::sync::{Condvar, Mutex, MutexGuard, PoisonError};

pub struct Budget {
    free: Mutex<i64>,
    cv: Condvar,
}

/// Units taken from a [`Budget`], given back when dropped.
pub struct Permit<'a> {
    budget: &'a Budget,
    units: i64,
}

impl Budget {
    pub fn new(units: usize) -> Self {
        Self {
            free: Mutex::new(i64::try_from(units).unwrap_or(i64::MAX).max(1)),
            cv: Condvar::new(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, i64> {
        self.free.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn wait(&self) -> MutexGuard<'_, i64> {
        let mut free = self.lock();
        while *free <= 0 {
            free = self.cv.wait(free).unwrap_or_else(PoisonError::into_inner);
        }
        free
    }

    /// Blocks until some units are free.
    pub fn wait_for_room(&self) {
        drop(self.wait());
    }

    /// Takes `units` now, even more than are free: later callers wait until they are back.
    pub fn take(&self, units: usize) -> Permit<'_> {
        let units = i64::try_from(units).unwrap_or(i64::MAX);
        let mut free = self.lock();
        *free = free.saturating_sub(units);
        Permit {
            budget: self,
            units,
        }
    }

    /// Waits for room, then takes `units`.
    pub fn acquire(&self, units: usize) -> Permit<'_> {
        let units = i64::try_from(units).unwrap_or(i64::MAX);
        let mut free = self.wait();
        *free = free.saturating_sub(units);
        Permit {
            budget: self,
            units,
        }
    }
}

impl Drop for Permit<'_> {
    fn drop(&mut self) {
        let mut free = self.budget.lock();
        *free = free.saturating_add(self.units);
        self.budget.cv.notify_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    #[test]
    fn overdrawn_budget_blocks_until_given_back() {
        let budget = Budget::new(10);
        let big = budget.take(25);
        let passed = AtomicBool::new(false);
        std::thread::scope(|s| {
            s.spawn(|| {
                budget.wait_for_room();
                passed.store(true, Ordering::SeqCst);
            });
            std::thread::sleep(std::time::Duration::from_millis(50));
            assert!(!passed.load(Ordering::SeqCst), "waited while overdrawn");
            drop(big);
        });
        assert!(passed.load(Ordering::SeqCst));
        let _a = budget.acquire(4);
        let _b = budget.acquire(4);
        assert_eq!(*budget.lock(), 2);
    }
}
