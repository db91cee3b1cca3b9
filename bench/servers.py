"""
The processes of a production deployment, started on loopback for benchmarks and fault tests.

- ``AppServer``: gunicorn serving ``healthinfo.wsgi`` with production settings.
- ``PrivatePostgres``: a throwaway PostgreSQL cluster (initdb into a temporary
  folder, a free port) that a test may stop and restart.
- ``PrivateRedis``: a throwaway ``redis-server`` on a free port, likewise.

Nothing here touches the machine's shared PostgreSQL or Redis.
"""

import glob
import http.client
import os
import pwd
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

BASE_DIR = Path(__file__).resolve().parent.parent
LOOPBACK = "127.0.0.1"


class ServerError(RuntimeError):
    """A server did not start or stop as expected; the message ends with its log."""


def free_port():
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def wait_until(check, timeout, what, log=None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    tail = f"\n--- log ---\n{log()[-3000:]}" if log else ""
    raise ServerError(f"Timed out after {timeout} s waiting for {what}.{tail}")


def fetch(url, *, method="GET", headers=None, body=None, timeout=30):
    """
    One HTTP request; returns ``(status, headers, body bytes)`` for every status.

    ``headers`` in the answer is an ``http.client.HTTPMessage``:
    ``get_all("Set-Cookie")`` lists every cookie.
    """
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        path = parts.path + (f"?{parts.query}" if parts.query else "")
        connection.request(method, path or "/", body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read()
    finally:
        connection.close()


def cookies_from(headers):
    """``{name: value}`` of the cookies a response sets."""
    cookies = {}
    for header in headers.get_all("Set-Cookie") or []:
        name, _, rest = header.partition("=")
        cookies[name.strip()] = rest.split(";", 1)[0]
    return cookies


def production_env(database_url, *, redis_url="", settings_module="healthinfo.settings", **extra):
    """
    The environment of a production app server on loopback.

    DEBUG off and a fresh random secret key, like production; only the HTTPS
    redirect is off, because loopback has no TLS proxy in front of it.
    """
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "PYTEST_"))
        and key not in {"DATABASE_URL", "REDIS_URL", "CACHE_KEY_PREFIX"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE=settings_module,
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS=LOOPBACK,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=database_url,
        PYTHONUNBUFFERED="1",
    )
    if redis_url:
        env["REDIS_URL"] = redis_url
    env.update(extra)
    return env


def manage(*args, env, timeout=600):
    """Run ``manage.py`` with ``env``; raise with its output when it fails."""
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
    )
    if result.returncode != 0:
        raise ServerError(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


class _Process:
    """A child process whose output goes to a log file in ``folder``."""

    name = "process"

    def __init__(self, folder):
        self.folder = Path(folder)
        self.log_path = self.folder / f"{self.name}.log"
        self.process = None

    def log(self):
        try:
            return self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    @property
    def running(self):
        return self.process is not None and self.process.poll() is None

    def _spawn(self, command, **kwargs):
        with open(self.log_path, "ab") as log:
            self.process = subprocess.Popen(
                command, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, **kwargs
            )

    def stop(self, sig=signal.SIGTERM, timeout=20):
        if not self.running:
            return
        self.process.send_signal(sig)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


class AppServer(_Process):
    """gunicorn with ``workers`` sync workers on a free loopback port."""

    name = "gunicorn"

    def __init__(self, env, folder, *, workers=2, port=None):
        super().__init__(folder)
        self.env = env
        self.workers = workers
        self.port = port or free_port()

    @property
    def url(self):
        return f"http://{LOOPBACK}:{self.port}"

    def start(self, timeout=60):
        self._spawn(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "healthinfo.wsgi",
                f"--workers={self.workers}",
                f"--bind={LOOPBACK}:{self.port}",
                "--timeout=60",
                "--error-logfile=-",
            ],
            cwd=BASE_DIR,
            env=self.env,
        )
        wait_until(self._healthy, timeout, f"gunicorn on port {self.port}", self.log)
        return self

    def _healthy(self):
        if not self.running:
            raise ServerError(f"gunicorn exited.\n--- log ---\n{self.log()[-3000:]}")
        try:
            return fetch(f"{self.url}/healthz", timeout=2)[0] == 200
        except OSError:
            return False

    def worker_boots(self):
        """How many workers gunicorn has booted so far (more than ``workers`` means restarts)."""
        return self.log().count("Booting worker")


def postgres_bindir():
    """The folder with ``initdb`` and ``postgres``, or None when PostgreSQL is not installed."""
    candidates = []
    if pg_config := shutil.which("pg_config"):
        result = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True)
        candidates.append(result.stdout.strip())
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    if initdb := shutil.which("initdb"):
        candidates.append(str(Path(initdb).resolve().parent))
    for folder in candidates:
        if folder and all((Path(folder) / tool).exists() for tool in ("initdb", "postgres")):
            return Path(folder)
    return None


def _unprivileged_user():
    """PostgreSQL refuses to run as root: when we are root, run it as this account."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise ServerError("Running as root and found no unprivileged account to run PostgreSQL.")


class PrivatePostgres(_Process):
    """A PostgreSQL cluster of our own in a temporary folder, on a free loopback port."""

    name = "postgres"

    def __init__(self):
        self.bindir = postgres_bindir()
        if self.bindir is None:
            raise ServerError("PostgreSQL server binaries (initdb, postgres) are not installed.")
        super().__init__(tempfile.mkdtemp(prefix="healthinfo-postgres-"))
        self.port = free_port()
        self.data = self.folder / "data"
        self.account = _unprivileged_user()
        if self.account:
            os.chown(self.folder, self.account.pw_uid, self.account.pw_gid)
        self._as_account = (
            {"user": self.account.pw_uid, "group": self.account.pw_gid, "extra_groups": []}
            if self.account
            else {}
        )
        subprocess.run(
            [
                self.bindir / "initdb",
                f"--pgdata={self.data}",
                "--username=postgres",
                "--auth=trust",
                "--encoding=UTF8",
                "--no-locale",
                "--no-sync",
            ],
            check=True,
            capture_output=True,
            cwd=self.folder,
            **self._as_account,
        )

    def url(self, database="postgres"):
        return f"postgres://postgres@{LOOPBACK}:{self.port}/{database}"

    def start(self, timeout=30):
        self._spawn(
            [
                self.bindir / "postgres",
                "-D",
                self.data,
                "-p",
                str(self.port),
                "-c",
                f"listen_addresses={LOOPBACK}",
                "-c",
                f"unix_socket_directories={self.folder}",
                # A throwaway cluster: durability only slows the tests down.
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ],
            cwd=self.folder,
            **self._as_account,
        )
        wait_until(self.accepts_connections, timeout, "PostgreSQL", self.log)
        return self

    def accepts_connections(self):
        import psycopg

        try:
            with psycopg.connect(self.url(), connect_timeout=2):
                return True
        except psycopg.OperationalError:
            if not self.running:
                raise ServerError(f"PostgreSQL exited.\n{self.log()[-3000:]}") from None
            return False

    def stop(self, sig=signal.SIGINT, timeout=30):
        """Fast shutdown by default: open connections are cut, as in a restart."""
        super().stop(sig, timeout)

    def create_database(self, name):
        import psycopg

        with psycopg.connect(self.url(), autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)

    def destroy(self):
        self.stop(signal.SIGQUIT)
        shutil.rmtree(self.folder, ignore_errors=True)


def redis_server_path():
    return shutil.which("redis-server") or (
        "/usr/bin/redis-server" if Path("/usr/bin/redis-server").exists() else None
    )


class PrivateRedis(_Process):
    """
    A ``redis-server`` of our own on a free loopback port, keeping nothing on disk;
    with ``persistent``, it saves its data when stopped and loads it when started
    again, as a production Redis with snapshots does.
    """

    name = "redis"

    def __init__(self, persistent=False):
        self.binary = redis_server_path()
        if self.binary is None:
            raise ServerError("redis-server is not installed.")
        super().__init__(tempfile.mkdtemp(prefix="healthinfo-redis-"))
        self.port = free_port()
        self.persistent = persistent

    def url(self, db=0):
        return f"redis://{LOOPBACK}:{self.port}/{db}"

    def start(self, timeout=20):
        self._spawn(
            [
                self.binary,
                "--port",
                str(self.port),
                "--bind",
                LOOPBACK,
                "--save",
                # A save point makes Redis write its snapshot when it is stopped.
                "3600 1" if self.persistent else "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            cwd=self.folder,
        )
        wait_until(self._answers, timeout, "Redis", self.log)
        return self

    def _answers(self):
        if not self.running:
            raise ServerError(f"redis-server exited.\n{self.log()[-3000:]}")
        try:
            with socket.create_connection((LOOPBACK, self.port), timeout=1) as connection:
                connection.sendall(b"PING\r\n")
                return connection.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def freeze(self):
        """Stop answering without closing connections (SIGSTOP): a hung Redis."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self):
        self.process.send_signal(signal.SIGCONT)

    def destroy(self):
        if self.running:
            self.thaw()
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


VARNISH_CONFIGURATION = BASE_DIR / "docs" / "varnish" / "healthinfo.vcl"


def varnishd_path():
    return shutil.which("varnishd") or (
        "/usr/sbin/varnishd" if Path("/usr/sbin/varnishd").exists() else None
    )


class PrivateVarnish(_Process):
    """
    ``varnishd`` in the foreground on a free loopback port, in front of ``backend_port``,
    with the README's configuration (``docs/varnish/healthinfo.vcl``): never the
    system's Varnish service.
    """

    name = "varnish"

    def __init__(self, backend_port, memory="256m"):
        self.binary = varnishd_path()
        if self.binary is None:
            raise ServerError("varnishd is not installed (apt-get install varnish).")
        super().__init__(tempfile.mkdtemp(prefix="healthinfo-varnish-"))
        os.chmod(self.folder, 0o755)  # varnishd's unprivileged worker reads the compiled VCL
        self.port = free_port()
        self.memory = memory
        self.configuration = self.folder / "healthinfo.vcl"
        self.configuration.write_text(
            VARNISH_CONFIGURATION.read_text().replace('"8000"', f'"{backend_port}"')
        )

    @property
    def url(self):
        return f"http://{LOOPBACK}:{self.port}"

    def start(self, timeout=30):
        self._spawn(
            [
                self.binary,
                "-F",
                "-a",
                f"{LOOPBACK}:{self.port}",
                "-T",
                f"{LOOPBACK}:{free_port()}",
                "-f",
                str(self.configuration),
                "-n",
                str(self.folder / "instance"),
                "-s",
                f"malloc,{self.memory}",
            ],
            cwd=self.folder,
        )
        wait_until(self._answers, timeout, "Varnish", self.log)
        return self

    def _answers(self):
        if not self.running:
            raise ServerError(f"varnishd exited.\n{self.log()[-3000:]}")
        try:
            fetch(f"{self.url}/healthz", timeout=2)
            return True
        except OSError:
            return False

    def destroy(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
