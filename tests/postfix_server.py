"""A real submission server for the tests: a private Postfix instance on a free loopback port.

Postfix comes from Debian's packages (``postfix``; ``.ci/run`` installs it). Each instance
lives in its own temporary folder: its main.cf and master.cf, queue, data directory and log
file, and a private Dovecot that only answers Postfix's SASL questions (a passwd-file with
one throw-away account; ``dovecot-core`` comes with ``dovecot-imapd``). It listens on
127.0.0.1:<free port> as a submission service: STARTTLS with a certificate issued by the
tests' CA (``FACTURIER_SMTP_CAFILE``), AUTH PLAIN/LOGIN only once TLS is up, PIPELINING
(Postfix offers it by default), relaying to anyone for an authenticated client only.

Everything Postfix accepts is relayed to a sink: a plain aiosmtpd server in the test process
(``tests.smtp_server.SmtpTestServer``), which is what the tests look at. New mail leaves the
queue at once; a deferred message is retried every second.

Postfix needs root (its master runs as root, its daemons as the ``postfix`` user); it never
touches the system's Postfix (its own config_directory, queue, ports and pid file), and its
master is stopped with its whole process group, even when a test fails. ``-e`` makes a master
that outlived its test session (the session itself was killed) exit on its own.

Not a test module: import it from fixtures (``tests/conftest.py``: ``postfix_server``).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import trustme

from tests.imap_server import dovecot_binary
from tests.smtp_server import ReceivedMessage, SmtpTestServer

POSTFIX_USER = "facturier-postfix"
POSTFIX_PASSWORD = "postfix secret 456"
SERVER_NAME = "postfix.facturier.test"
MESSAGE_SIZE_LIMIT = 50 * 1024 * 1024  # more than our largest PDFs (25 MB) once encoded
_START_TIMEOUT = 20.0
_LIFETIME = 4 * 3600  # seconds: a master left behind by a killed session exits by then
_QUEUES = ("maildrop", "incoming", "active", "deferred", "hold")


def postfix_binary() -> str | None:
    """The postfix command, or None when Postfix is not installed."""
    return shutil.which("postfix") or next(
        (p for p in ("/usr/sbin/postfix", "/usr/local/sbin/postfix") if os.path.exists(p)), None
    )


def postfix_unavailable() -> str | None:
    """Why a private Postfix cannot run here, or None when it can."""
    if postfix_binary() is None:
        return "Postfix is not installed (apt-get install postfix; .ci/run does)"
    if dovecot_binary() is None:
        return "Dovecot (Postfix's SASL) is not installed (apt-get install dovecot-imapd)"
    if os.geteuid() != 0:
        return "a private Postfix runs as root only"
    return None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _postconf(name: str) -> str:
    binary = postfix_binary()
    assert binary is not None
    postconf = str(Path(binary).with_name("postconf"))
    return subprocess.run(
        [postconf, "-dh", name], capture_output=True, text=True, check=True
    ).stdout.strip()


class PostfixServer:
    """One Postfix (with its SASL Dovecot and its sink); ``start()`` then ``stop()``, or
    ``with``. ``host``/``port``/``user``/``password``: what the program is given."""

    def __init__(
        self,
        certificate: trustme.LeafCert,
        *,
        user: str = POSTFIX_USER,
        password: str = POSTFIX_PASSWORD,
    ) -> None:
        self.certificate = certificate
        self.user = user
        self.password = password
        self.host = "127.0.0.1"
        self.port = 0
        self.auth = True  # for helpers that configure an account from a test server
        self.sink = SmtpTestServer(None, tls=None, auth=False, data_size_limit=None)
        self.directory = Path(tempfile.mkdtemp(prefix="facturier-postfix-"))
        self._master: subprocess.Popen[bytes] | None = None
        self._dovecot: subprocess.Popen[bytes] | None = None
        self._log_offset = 0  # where the current test's part of postfix.log starts

    # --- life cycle ---------------------------------------------------------------------

    def start(self) -> PostfixServer:
        reason = postfix_unavailable()
        if reason is not None:
            raise RuntimeError(reason)
        try:
            self.sink.start()
            self.port = _free_port()
            self._start_dovecot()
            self._start_postfix()
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        """Unconditional: the master and its daemons, Dovecot, the sink, the folder."""
        master, self._master = self._master, None
        if master is not None:
            _stop_group(master)
        dovecot, self._dovecot = self._dovecot, None
        if dovecot is not None:
            _stop_group(dovecot)
        self.sink.stop()
        shutil.rmtree(self.directory, ignore_errors=True)

    def __enter__(self) -> PostfixServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _start_dovecot(self) -> None:
        binary = dovecot_binary()
        assert binary is not None
        config = self._write_dovecot_files()
        with open(self.directory / "dovecot-stderr.log", "wb") as stderr:
            self._dovecot = subprocess.Popen(
                [binary, "-F", "-c", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                start_new_session=True,  # its group: Dovecot and its auth processes
            )
        socket_path = self.directory / "sasl" / "auth"
        self._wait(lambda: socket_path.exists(), self._dovecot, "Dovecot (SASL)")

    def _start_postfix(self) -> None:
        config = self._write_postfix_files()
        postfix = postfix_binary()
        assert postfix is not None
        env = {**os.environ, "MAIL_CONFIG": str(config)}
        # Creates the queue directories and sets their owners (postfix-script check-fatal).
        checked = subprocess.run(
            [postfix, "-c", str(config), "check"], capture_output=True, text=True, env=env
        )
        if checked.returncode != 0:
            raise RuntimeError(
                f"postfix check failed:\n{checked.stdout}{checked.stderr}{self.log()}"
            )
        # The master in the foreground (-s), in its own session: ours to stop, with its
        # daemons (they are in its process group).
        master = str(Path(_postconf("daemon_directory")) / "master")
        with open(self.directory / "master-stderr.log", "wb") as stderr:
            self._master = subprocess.Popen(
                [master, "-s", "-c", str(config), "-e", str(_LIFETIME)],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=stderr,
                env=env,
                start_new_session=True,
            )
        self._wait(self._greets, self._master, "Postfix")

    def _wait(self, ready: Callable[[], bool], process: subprocess.Popen[bytes], what: str) -> None:
        deadline = time.monotonic() + _START_TIMEOUT
        while not ready():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{what} did not start:\n{self.log()}")
            time.sleep(0.05)

    def _greets(self) -> bool:
        try:
            with socket.create_connection((self.host, self.port), timeout=1) as connection:
                return connection.recv(512).startswith(b"220 ")
        except OSError:
            return False

    # --- configuration ------------------------------------------------------------------

    def _write_dovecot_files(self) -> Path:
        root = self.directory
        root.chmod(0o755)  # Postfix's daemons (user postfix) reach the SASL socket below
        for name in ("dovecot-run", "dovecot-state", "sasl"):
            (root / name).mkdir()
        (root / "sasl").chmod(0o755)
        passwd = root / "dovecot-passwd"
        passwd.write_text(f"{self.user}:{{PLAIN}}{self.password}\n", encoding="utf-8")
        lines = [
            f"base_dir = {root}/dovecot-run",
            f"state_dir = {root}/dovecot-state",
            f"log_path = {root}/dovecot.log",
            "protocols =",  # no IMAP or POP3: authentication only
            "default_internal_user = dovecot",
            "default_login_user = dovenull",
            "auth_mechanisms = plain login",
            "disable_plaintext_auth = no",  # Postfix asks only once TLS is up
            "auth_failure_delay = 0",  # a refused login answers at once (tests)
            "ssl = no",
            "service auth {",
            f"  unix_listener {root}/sasl/auth {{\n    mode = 0666\n  }}",
            "}",
            "service anvil {",
            "  unix_listener anvil-auth-penalty {\n    mode = 0\n  }",
            "}",
            "passdb {",
            "  driver = passwd-file",
            f"  args = scheme=PLAIN username_format=%u {passwd}",
            "}",
            "userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=/nonexistent\n}",
        ]
        config = root / "dovecot.conf"
        config.write_text("\n".join(lines) + "\n", encoding="utf-8")
        return config

    def _write_postfix_files(self) -> Path:
        root = self.directory
        config = root / "config"
        config.mkdir()
        (root / "queue").mkdir()
        (root / "data").mkdir()
        postfix_user = pwd.getpwnam("postfix")
        os.chown(root / "data", postfix_user.pw_uid, postfix_user.pw_gid)
        cert, key = config / "cert.pem", config / "key.pem"
        self.certificate.cert_chain_pems[0].write_to_path(str(cert))
        for extra in self.certificate.cert_chain_pems[1:]:
            extra.write_to_path(str(cert), append=True)
        self.certificate.private_key_pem.write_to_path(str(key))
        key.chmod(0o600)  # smtpd reads it as root, before dropping privileges
        settings = {
            "compatibility_level": "3.6",
            "queue_directory": f"{root}/queue",
            "data_directory": f"{root}/data",
            "maillog_file": f"{root}/postfix.log",
            "maillog_file_prefixes": str(root),  # (default: /var and /dev/stdout only)
            "mail_owner": "postfix",
            "setgid_group": "postdrop",
            "myhostname": SERVER_NAME,
            "mydomain": "facturier.test",
            "myorigin": "$myhostname",
            "inet_interfaces": "loopback-only",
            "inet_protocols": "ipv4",
            # Deliver nothing here and relay nothing unauthenticated: the submission rules.
            "mydestination": "",
            "local_recipient_maps": "",
            "local_transport": "error:5.1.1 no local delivery",
            "alias_maps": "",
            "alias_database": "",
            "relay_domains": "",
            "mynetworks": "127.0.0.1/32",
            "smtpd_relay_restrictions": "permit_sasl_authenticated, reject",
            "smtpd_recipient_restrictions": "",
            "smtpd_sasl_auth_enable": "yes",
            "smtpd_sasl_type": "dovecot",
            "smtpd_sasl_path": f"{root}/sasl/auth",
            "smtpd_sasl_security_options": "noanonymous",
            "smtpd_tls_security_level": "may",  # STARTTLS offered
            "smtpd_tls_auth_only": "yes",  # AUTH only once TLS is up
            "smtpd_tls_cert_file": str(cert),
            "smtpd_tls_key_file": str(key),
            "smtpd_peername_lookup": "no",  # offline: no reverse DNS for the client
            "smtputf8_enable": "yes",
            "message_size_limit": str(MESSAGE_SIZE_LIMIT),
            "mailbox_size_limit": "0",
            # Everything accepted goes to the sink, in the clear, without DNS; quickly.
            "relayhost": f"[{self.host}]:{self.sink.port}",
            "smtp_tls_security_level": "none",
            "smtp_dns_support_level": "disabled",
            "in_flow_delay": "0",
            "queue_run_delay": "1s",
            "minimal_backoff_time": "1s",
            "maximal_backoff_time": "2s",
            "biff": "no",
            "append_dot_mydomain": "no",
            "readme_directory": "no",
        }
        (config / "main.cf").write_text(
            "".join(f"{name} = {value}\n" for name, value in settings.items()), encoding="utf-8"
        )
        # No chroot: the daemons read the absolute paths above.
        services = [
            f"{self.host}:{self.port} inet n - n - - smtpd",
            "cleanup unix n - n - 0 cleanup",
            "qmgr unix n - n 300 1 qmgr",
            "tlsmgr unix - - n 1000? 1 tlsmgr",
            "rewrite unix - - n - - trivial-rewrite",
            "bounce unix - - n - 0 bounce",
            "defer unix - - n - 0 bounce",
            "trace unix - - n - 0 bounce",
            "verify unix - - n - 1 verify",
            "flush unix n - n 1000? 0 flush",
            "proxymap unix - - n - - proxymap",
            "smtp unix - - n - - smtp",
            "relay unix - - n - - smtp",
            "showq unix n - n - - showq",
            "error unix - - n - - error",
            "retry unix - - n - - error",
            "discard unix - - n - - discard",
            "anvil unix - - n - 1 anvil",
            "scache unix - - n - 1 scache",
            "postlog unix-dgram n - n - 1 postlogd",
        ]
        (config / "master.cf").write_text("\n".join(services) + "\n", encoding="utf-8")
        return config

    # --- what the tests look at ---------------------------------------------------------

    def log(self) -> str:
        parts = []
        for name in ("master-stderr.log", "postfix.log", "dovecot-stderr.log", "dovecot.log"):
            with contextlib.suppress(OSError):
                parts.append((self.directory / name).read_text(errors="replace"))
        return "\n".join(parts)

    def events(self) -> str:
        """Postfix's log since the last ``clear()``."""
        with contextlib.suppress(OSError), open(self.directory / "postfix.log", "rb") as log:
            log.seek(self._log_offset)
            return log.read().decode(errors="replace")
        return ""

    def accepted(self) -> int:
        """How many messages Postfix has queued since the last ``clear()``."""
        return len(re.findall(r"/qmgr\[\d+\]: \w+: from=<.*\(queue active\)", self.events()))

    def queued(self) -> int:
        """Messages still in Postfix's queues (not yet relayed to the sink)."""
        queue = self.directory / "queue"
        return sum(
            len(files) for name in _QUEUES for _dir, _subdirs, files in os.walk(queue / name)
        )

    def wait_until_relayed(self, timeout: float = 30.0) -> list[ReceivedMessage]:
        """Wait until Postfix's queues are empty, then return what the sink received."""
        deadline = time.monotonic() + timeout
        while self.queued():
            if time.monotonic() > deadline:
                raise TimeoutError(f"Postfix still holds {self.queued()} message(s)")
            time.sleep(0.05)
        deferred = re.findall(r"status=(?:deferred|bounced).*", self.events())
        if deferred:
            raise AssertionError(f"Postfix could not relay: {deferred}")
        return self.sink.messages

    def clear(self) -> None:
        """Forget what the sink received (between tests; Postfix's queue is empty)."""
        self.wait_until_relayed()
        with self.sink.handler._cond:
            self.sink.handler.messages.clear()
        with contextlib.suppress(OSError):
            self._log_offset = (self.directory / "postfix.log").stat().st_size


def _stop_group(process: subprocess.Popen[bytes]) -> None:
    """SIGTERM the process's group (it leads it), then SIGKILL what is left."""
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    with contextlib.suppress(subprocess.TimeoutExpired):
        process.wait(timeout=10)
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()
