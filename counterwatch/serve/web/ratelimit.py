"""A brake on guessing passwords: failed sign-ins are counted per client address and account name; past
MAX_FAILURES within WINDOW_S the pair is refused (429) until the oldest failure leaves the window.

Counts live in the serving process (one per app), so a restart forgets them; that is enough to turn an
online guessing attack from thousands of tries a minute into a handful per window.
"""
from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from typing import Callable

from fastapi import FastAPI, Request

#: Failed sign-ins allowed per address and name within the window: an analyst mistyping a password a few
#: times is never blocked, a guesser gets at most this many tries.
MAX_FAILURES = 5
#: The window (seconds) failures are remembered for, and so the longest a blocked pair waits.
WINDOW_S = 300
#: Address and name pairs tracked at most: bounds the memory an attacker trying many names can take;
#: the least recently failed pairs are forgotten first.
MAX_TRACKED = 10_000


class LoginLimiter:
    def __init__(self, clock: Callable[[], float] = time.monotonic):
        self._clock = clock
        self._failures: OrderedDict[tuple[str, str], deque[float]] = OrderedDict()
        self._lock = threading.Lock()

    def _recent(self, key: tuple[str, str], now: float) -> deque[float]:
        times = self._failures.get(key, deque())
        while times and now - times[0] >= WINDOW_S:
            times.popleft()
        return times

    def retry_after(self, key: tuple[str, str]) -> int:
        """Seconds until ``key`` may try again; 0 when it may now."""
        with self._lock:
            now = self._clock()
            times = self._recent(key, now)
            if len(times) < MAX_FAILURES:
                return 0
            return max(1, int(WINDOW_S - (now - times[0]) + 0.999))

    def failed(self, key: tuple[str, str]) -> None:
        with self._lock:
            now = self._clock()
            times = self._recent(key, now)
            times.append(now)
            self._failures[key] = times
            self._failures.move_to_end(key)
            while len(self._failures) > MAX_TRACKED:
                self._failures.popitem(last=False)

    def succeeded(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._failures.pop(key, None)


def login_key(request: Request, name: str) -> tuple[str, str]:
    """The client address (as the server sees it; behind a proxy, the proxy must pass it on) and the name."""
    return (request.client.host if request.client else "unknown", name.strip().casefold())


def limiter_for(app: FastAPI) -> LoginLimiter:
    """The app's limiter, made on first use."""
    limiter = getattr(app.state, "login_limiter", None)
    if limiter is None:
        limiter = app.state.login_limiter = LoginLimiter()
    return limiter
