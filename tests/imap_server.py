"""A real IMAP server for the tests: a private Dovecot instance on free loopback ports.

Dovecot comes from Debian's packages (``dovecot-imapd``; ``.ci/run`` installs it). Each
instance lives in its own temporary folder: its configuration, runtime sockets, logs, a
passwd-file with one throw-away user and that user's Maildir. It listens on two free
loopback ports: IMAP with STARTTLS (a login is only accepted once TLS is up) and IMAPS
(implicit TLS), with a certificate issued by the tests' CA (``FACTURIER_SMTP_CAFILE``).

The Sent folder is configured like a provider's: "Sent" with the RFC 6154 ``\\Sent``
special-use flag, created at the first login (``sent_flag=True``), or a folder with
another name and no flag (e.g. "Éléments envoyés") to test the search by name.

Run as root, Dovecot's own processes use its Debian users (``dovecot``, ``dovenull``) and
the mail is stored as ``nobody``; run as any other user, everything runs as that user.
It never touches the system's Dovecot (its own ``base_dir``, ports and files).

Not a test module: import it from fixtures (``tests/conftest.py``: ``imap_server``).
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import trustme

if TYPE_CHECKING:
    from imapclient import IMAPClient

IMAP_USER = "facturier-imap"
IMAP_PASSWORD = "imap secret 123"
_START_TIMEOUT = 15.0


def dovecot_binary() -> str | None:
    """The dovecot executable, or None when Dovecot is not installed."""
    return shutil.which("dovecot") or next(
        (p for p in ("/usr/sbin/dovecot", "/usr/local/sbin/dovecot") if os.path.exists(p)), None
    )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class ImapTestServer:
    """One Dovecot instance; ``start()`` then ``stop()``. ``sent_name``: the Sent folder,
    with the ``\\Sent`` flag when ``sent_flag``."""

    certificate: trustme.LeafCert
    ca_path: Path  # the CA that issued it: what FACTURIER_SMTP_CAFILE points to
    sent_name: str = "Sent"
    sent_flag: bool = True
    user: str = IMAP_USER
    password: str = IMAP_PASSWORD
    host: str = "127.0.0.1"
    starttls_port: int = 0
    ssl_port: int = 0
    directory: Path = field(
        default_factory=lambda: Path(tempfile.mkdtemp(prefix="facturier-imap-"))
    )
    _process: subprocess.Popen[bytes] | None = None

    # --- life cycle ---------------------------------------------------------------------

    def start(self) -> ImapTestServer:
        binary = dovecot_binary()
        if binary is None:
            raise RuntimeError("Dovecot is not installed (apt-get install dovecot-imapd)")
        self.starttls_port, self.ssl_port = _free_port(), _free_port()
        config = self._write_files()
        # -F: in the foreground, so that the process is ours to stop.
        self._process = subprocess.Popen(
            [binary, "-F", "-c", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=open(self.directory / "stderr.log", "wb"),  # noqa: SIM115  # the child owns it
        )
        deadline = time.monotonic() + _START_TIMEOUT
        while not (self._listening(self.starttls_port) and self._listening(self.ssl_port)):
            if self._process.poll() is not None or time.monotonic() > deadline:
                log = self.log()
                self.stop()
                raise RuntimeError(f"Dovecot did not start:\n{log}")
            time.sleep(0.05)
        return self

    def stop(self) -> None:
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        shutil.rmtree(self.directory, ignore_errors=True)

    def log(self) -> str:
        parts = []
        for name in ("stderr.log", "dovecot.log"):
            with contextlib.suppress(OSError):
                parts.append((self.directory / name).read_text(errors="replace"))
        return "\n".join(parts)

    def _listening(self, port: int) -> bool:
        try:
            with socket.create_connection((self.host, port), timeout=0.5):
                return True
        except OSError:
            return False

    # --- configuration ------------------------------------------------------------------

    def _write_files(self) -> Path:
        root = self.directory
        root.chmod(0o755)  # the mail processes (nobody) reach the Maildir below
        for name in ("run", "state", "mail"):
            (root / name).mkdir(exist_ok=True)
        cert, key = root / "cert.pem", root / "key.pem"
        self.certificate.private_key_and_cert_chain_pem.write_to_path(str(cert))
        self.certificate.private_key_pem.write_to_path(str(key))
        key.chmod(0o600)
        if os.geteuid() == 0:
            mail_user = pwd.getpwnam("nobody")
            internal, login = "dovecot", "dovenull"
        else:
            mail_user = pwd.getpwuid(os.geteuid())
            internal = login = mail_user.pw_name
        uid, gid = mail_user.pw_uid, mail_user.pw_gid
        home = root / "mail" / self.user
        home.mkdir(exist_ok=True)
        if os.geteuid() == 0:
            os.chown(home, uid, gid)
        (root / "passwd").write_text(
            f"{self.user}:{{PLAIN}}{self.password}:{uid}:{gid}::{home}::\n", encoding="utf-8"
        )
        flag = " special_use = \\Sent\n" if self.sent_flag else "\n"
        dh = "/usr/share/dovecot/dh.pem"
        lines = [
            f"base_dir = {root}/run",
            f"state_dir = {root}/state",
            f"log_path = {root}/dovecot.log",
            "protocols = imap",
            f"listen = {self.host}",
            f"default_internal_user = {internal}",
            f"default_login_user = {login}",
            "first_valid_uid = 1",
            "last_valid_uid = 0",
            "mail_location = maildir:~/Maildir",
            "auth_mechanisms = plain login",
            "disable_plaintext_auth = yes",  # a login only after STARTTLS
            "auth_failure_delay = 0",  # a refused login answers at once (tests)
            "ssl = yes",
            f"ssl_cert = <{cert}",
            f"ssl_key = <{key}",
            f"ssl_dh = <{dh}" if os.path.exists(dh) else "",
            "ssl_min_protocol = TLSv1.2",
            "mail_fsync = never",
            "imap_hibernate_timeout = 0",
            "service imap-login {",
            f"  inet_listener imap {{\n    port = {self.starttls_port}\n  }}",
            f"  inet_listener imaps {{\n    port = {self.ssl_port}\n    ssl = yes\n  }}",
            "  chroot =" if os.geteuid() != 0 else "",
            "}",
            # No growing delay for the logins after a refused one (anvil's auth penalty):
            # the auth process cannot reach that socket, so the penalty is off.
            "service anvil {",
            "  unix_listener anvil-auth-penalty {\n    mode = 0\n  }",
            "  chroot =" if os.geteuid() != 0 else "",
            "}",
            "service stats {\n  chroot =\n}" if os.geteuid() != 0 else "",
            "passdb {",
            "  driver = passwd-file",
            f"  args = scheme=PLAIN username_format=%u {root}/passwd",
            "}",
            "userdb {",
            "  driver = passwd-file",
            f"  args = username_format=%u {root}/passwd",
            "}",
            "namespace inbox {",
            "  inbox = yes",
            "  separator = /",
            f'  mailbox "{self.sent_name}" {{\n    auto = subscribe\n   {flag}  }}',
            "}",
        ]
        config = root / "dovecot.conf"
        config.write_text("\n".join(line for line in lines if line) + "\n", encoding="utf-8")
        return config

    # --- what the tests look at ---------------------------------------------------------

    def client(self) -> IMAPClient:
        """A logged-in IMAPClient (implicit TLS), for the tests' own checks."""
        import imapclient

        context = ssl.create_default_context(cafile=str(self.ca_path))
        connection = imapclient.IMAPClient(
            self.host, port=self.ssl_port, ssl=True, ssl_context=context, timeout=10
        )
        connection.login(self.user, self.password)
        return connection

    def messages(self, folder: str | None = None) -> list[tuple[bytes, set[bytes], object]]:
        """Each message of ``folder`` (default: the Sent folder): its bytes, its flags and
        its internal date."""
        with self.client() as connection:
            connection.select_folder(folder or self.sent_name, readonly=True)
            uids = connection.search("ALL")
            found = connection.fetch(uids, ["BODY.PEEK[]", "FLAGS", "INTERNALDATE"])
            return [
                (
                    bytes(found[uid][b"BODY[]"]),
                    set(found[uid][b"FLAGS"]),
                    found[uid][b"INTERNALDATE"],
                )
                for uid in sorted(found)
            ]

    def clean(self) -> None:
        """Empty every folder and remove those a test created (between tests)."""
        with self.client() as connection:
            for _flags, _separator, name in connection.list_folders():
                if name not in ("INBOX", self.sent_name):
                    connection.delete_folder(name)
                    continue
                connection.select_folder(name)
                uids = connection.search("ALL")
                if uids:
                    connection.delete_messages(uids)
                    connection.expunge()
                connection.unselect_folder()
