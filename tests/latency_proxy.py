"""A TCP proxy on loopback that adds a network's latency: half a round trip each way.

Byte-level, so STARTTLS and TLS pass through it untouched. Every chunk it reads is
forwarded at its own due time, its arrival plus ``rtt / 2``, in arrival order, and the
two directions are independent: chunks in flight overlap as on a real link, so a client
that pipelines its commands saves round trips through it and one that waits for each
reply does not. Opening a connection costs a round trip too (the upstream connection is
opened half a round trip late, the server's first bytes take the other half back).

Not a test module: import it (``from tests.latency_proxy import LatencyProxy``) from
tests or benchmark scripts::

    with LatencyProxy("127.0.0.1", server.port, rtt=0.040) as proxy:
        smtplib.SMTP(proxy.host, proxy.port)
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections import deque

CHUNK = 64 * 1024


class _Direction:
    """One direction of one connection: the chunks read, each with its due time."""

    def __init__(self, loop: asyncio.AbstractEventLoop, delay: float) -> None:
        self._loop = loop
        self._delay = delay
        self._chunks: deque[tuple[float, bytes | None]] = deque()
        self._more = asyncio.Event()

    def put(self, data: bytes | None) -> None:
        """``data`` arrived now (None: the end of the stream)."""
        self._chunks.append((self._loop.time() + self._delay, data))
        self._more.set()

    async def get(self) -> bytes | None:
        """The next chunk, once it is due (its own due time: never queued behind another)."""
        while not self._chunks:
            self._more.clear()
            await self._more.wait()
        due, data = self._chunks.popleft()
        wait = due - self._loop.time()
        if wait > 0:
            await asyncio.sleep(wait)
        return data


class LatencyProxy:
    """Listens on ``host``:``port`` (0: a free port, see ``.port`` after ``start()``) and
    forwards every connection to ``target_host``:``target_port`` with ``rtt`` seconds of
    round-trip time. Serves any number of connections at once, on a thread of its own."""

    def __init__(
        self,
        target_host: str,
        target_port: int,
        *,
        rtt: float,
        host: str = "127.0.0.1",
        port: int = 0,
    ) -> None:
        if rtt < 0:
            raise ValueError("rtt must not be negative")
        self.target_host = target_host
        self.target_port = target_port
        self.rtt = rtt
        self.host = host
        self.port = port
        self.connections = 0  # accepted so far
        self.chunks = 0  # chunks read so far, both directions (tests wait on it)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._error: BaseException | None = None

    # --- life cycle ---------------------------------------------------------------------

    def start(self) -> LatencyProxy:
        if self._thread is not None:
            raise RuntimeError("already started")
        ready = threading.Event()
        self._loop = asyncio.new_event_loop()
        self._thread = threading.Thread(
            target=self._run, args=(ready,), name="latency-proxy", daemon=True
        )
        self._thread.start()
        ready.wait()
        if self._error is not None:
            self._thread.join()
            self._thread = None
            raise self._error
        return self

    def stop(self) -> None:
        """Quick and unconditional: open connections are cut."""
        thread, loop = self._thread, self._loop
        if thread is None or loop is None:
            return

        def shut_down() -> None:
            if self._server is not None:
                self._server.close()
            for writer in list(self._writers):
                writer.transport.abort()
            loop.stop()

        with contextlib.suppress(RuntimeError):  # loop already closed
            loop.call_soon_threadsafe(shut_down)
        thread.join()
        self._thread = None

    def __enter__(self) -> LatencyProxy:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _run(self, ready: threading.Event) -> None:
        loop = self._loop
        assert loop is not None
        asyncio.set_event_loop(loop)
        try:
            self._server = loop.run_until_complete(
                asyncio.start_server(self._serve, self.host, self.port, limit=CHUNK)
            )
            self.port = self._server.sockets[0].getsockname()[1]
        except BaseException as error:  # handed to start()'s caller
            self._error = error
            loop.close()
            ready.set()
            return
        ready.set()
        try:
            loop.run_forever()
        finally:
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.close()

    # --- one connection -----------------------------------------------------------------

    async def _serve(
        self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter
    ) -> None:
        self.connections += 1
        self._writers.add(client_out)
        loop = asyncio.get_running_loop()
        delay = self.rtt / 2
        upward, downward = _Direction(loop, delay), _Direction(loop, delay)
        # The client may write before the upstream connection exists: its chunks keep
        # their own due times meanwhile.
        tasks = [asyncio.create_task(self._read(client_in, upward))]
        server_out: asyncio.StreamWriter | None = None
        try:
            await asyncio.sleep(delay)  # the connection request's way to the server
            server_in, server_out = await asyncio.open_connection(
                self.target_host, self.target_port, limit=CHUNK
            )
            self._writers.add(server_out)
            tasks += [
                asyncio.create_task(self._read(server_in, downward)),
                asyncio.create_task(self._write(upward, server_out)),
                asyncio.create_task(self._write(downward, client_out)),
            ]
            await asyncio.gather(*tasks)
        except OSError:
            # The target refused, or a side was cut: cut the other one too.
            for writer in (client_out, server_out):
                if writer is not None:
                    writer.transport.abort()
        except asyncio.CancelledError:
            pass  # stop(): asyncio's stream server would log a cancelled callback's task
        finally:
            for task in tasks:
                task.cancel()
            for writer in (client_out, server_out):
                if writer is not None:
                    writer.close()  # both streams ended: what is buffered still goes
                    self._writers.discard(writer)

    async def _read(self, source: asyncio.StreamReader, direction: _Direction) -> None:
        try:
            while data := await source.read(CHUNK):
                self.chunks += 1
                direction.put(data)
        except OSError:
            pass  # a reset ends the stream like an end of file, at its due time
        direction.put(None)

    async def _write(self, direction: _Direction, sink: asyncio.StreamWriter) -> None:
        while (data := await direction.get()) is not None:
            sink.write(data)
            await sink.drain()
        if sink.can_write_eof() and not sink.is_closing():
            sink.write_eof()  # a half close, passed on
