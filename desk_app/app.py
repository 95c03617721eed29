"""Composition root: settings, paths, logging, translator, store, demo server, windows.

    python -m desk_app                 # demo mode when no server is configured
    python -m desk_app --server URL    # a real central system
    python -m desk_app --demo --screenshot main.png   # sign in as the demo officer, grab, exit

Nothing heavy happens on the UI thread: the store is opened and the demo server started
in a background op while the sign-in window is already on screen.
"""

from __future__ import annotations

import argparse
import gc
import getpass
import logging
import logging.handlers
import sys
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from desk_app import __version__
from desk_app.credentials import TokenVault
from desk_app.offline_login import OFFLINE_LOGINS_FILE, OfflineLogins
from desk_app.log_redaction import RedactingFormatter
from desk_app.paths import DeskPaths
from desk_app.settings import LANGUAGES, DeskSettings, load_settings, save_settings
from desk_app.signing_key import KEYS_CACHE_FILE, ReceiptKeyCache, ReceiptKeys, load_receipt_key
from desk_app.core.messages import DeskError
from desk_app.store import DeskStore
from desk_app.store_key import load_store_key

from .gui.camera.choice import CameraUse
from .gui.errors import error_text
from .gui.desk_setup import NEEDS_RESTART, run_setup, settings_launcher
from .gui.icons import icon
from .gui.login_window import LoginWindow, add_offline_notice
from .gui.main_window import MainWindow
from .gui.ops import Op, wait_for_ops
from .gui.printing import ReceiptPrinter
from .gui.session import DeskServices, DeskSession
from .gui.text_size import apply_text_size
from .gui.translation import install_translators

log = logging.getLogger("desk_app")

DEMO_USERNAME = "canbo01"
# The demo server's seeded accounts share this published password; only demo mode uses it.
DEMO_PASSWORD = "demo1234"
LOG_FILE = "desk.log"
SCREENSHOT_DEADLINE_MS = 120_000
RETENTION_INTERVAL_MS = 6 * 3600 * 1000


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="one-stop-desk", description="One-stop desk (Bộ phận Một cửa) client")
    parser.add_argument("--demo", action="store_true", help="run against a demo central server started on this computer")
    parser.add_argument("--server", metavar="URL", help="address of the central system (overrides the settings)")
    parser.add_argument("--data-dir", metavar="PATH", type=Path, help="keep data, settings and logs under this folder")
    parser.add_argument("--language", choices=LANGUAGES, help="language of the interface (default from the settings: vi)")
    parser.add_argument("--demo-login", action="store_true", help="in demo mode, sign in as the demo officer at once")
    parser.add_argument("--screenshot", metavar="PATH", type=Path, help="after the main window is shown, save a picture of it and exit")
    parser.add_argument("--quit-after-shown", action="store_true", help="exit as soon as the main window is shown (start-up benchmark)")
    parser.add_argument("--enrol", action="store_true",
                        help="store this desk's id (--desk-id), its central server (--server) and the desk key the "
                             "administrator issued (asked for, never on the command line), then exit")
    parser.add_argument("--desk-id", metavar="ID", help="with --enrol: the desk id the administrator enrolled")
    parser.add_argument("--setup", action="store_true",
                        help="set the desk up again (central system, desk key, printer, cameras) before signing in")
    parser.add_argument("--self-test", nargs="?", const="-", metavar="REPORT",
                        help="run the desk's self-test in a temporary folder (demo mode), write one JSON line to "
                             "REPORT (default: standard output) and exit 0 when every check passed")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.epilog = ("Tools for the site's IT, each with its own --help: "
                     + ", ".join(f"{flag} (python -m {module})" for flag, module in TOOLS.items()))
    return parser.parse_args(argv)


def enrol(paths: DeskPaths, settings: DeskSettings, args: argparse.Namespace, vault: TokenVault | None = None) -> int:
    """Keep the desk's enrolment: id and server in the settings, the key in the OS keyring.

    Without a GUI on purpose: the site's IT person does it once at installation. The key is
    read from the terminal (or standard input when piped), never from the command line,
    where other users of the PC could see it in the process list.
    """
    vault = vault or TokenVault()
    if not vault.is_persistent:
        print("This computer has no working keyring: the desk key cannot be kept safely. "
              "Install or unlock the OS keyring, then enrol again.", file=sys.stderr)
        return 2
    desk_id = args.desk_id or settings.desk_id
    key = getpass.getpass(f"Desk key for {desk_id}: ") if sys.stdin.isatty() else sys.stdin.readline().strip()
    if not key:
        print("No desk key given; nothing changed.", file=sys.stderr)
        return 2
    vault.store_desk_key(desk_id, key)
    save_settings(paths.settings_file, replace(settings, desk_id=desk_id, server_url=args.server or settings.server_url))
    print(f"Desk {desk_id} enrolled; its key is in the OS keyring ({vault.backend_name}).")
    return 0


def settle_heap() -> None:
    """Put what start-up built (modules, Qt wrappers, the catalogue) out of the collector's way.

    A full garbage collection otherwise walks some 100 000 long-lived objects and holds the
    GIL for 70–140 ms (measured during benchmarks/sync_drain.py), a visible stall of the
    window whenever it falls in the middle of a drain. One collection now, at sign-in, then
    ``gc.freeze`` keeps those objects out of every later one.
    """
    gc.collect()
    gc.freeze()


def setup_logging(log_dir: Path, level: int = logging.INFO) -> None:
    """A rotating log file; it carries codes and error kinds, never names or ID numbers.

    The redacting formatter is a second line only: tests/e2e/test_log_hygiene.py reads an
    unfiltered copy of a whole walkthrough's records and proves the sources clean anyway.
    """
    log_dir.mkdir(parents=True, exist_ok=True)
    handler = logging.handlers.RotatingFileHandler(log_dir / LOG_FILE, maxBytes=2_000_000, backupCount=5, encoding="utf-8")
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(threadName)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    # urllib3's debug lines are raw request lines (/v1/citizens/<CCCD>, query strings):
    # kept out even when someone turns the desk's logging up to DEBUG.
    logging.getLogger("urllib3").setLevel(max(level, logging.INFO))


def _receipt_keys(services: DeskServices, paths: DeskPaths) -> ReceiptKeys:
    """The receipt-sealing key, read once: the keyring may be slow (or ask the user to unlock it)."""
    desk_id = services.desk_id
    own = load_receipt_key(desk_id, services.vault)
    return ReceiptKeys(own=own, desk_id=desk_id, cache=ReceiptKeyCache(paths.data_dir / KEYS_CACHE_FILE))


def apply_retention(store: DeskStore, retention_days: int) -> None:
    """Off the UI thread: delete what the retention period is over for (never fatal: the
    next run tries again)."""
    try:
        store.shred_expired(retention_days)
    except DeskError as exc:
        log.warning("retention could not run: %s", exc)


def _prepare(services: DeskServices, paths: DeskPaths) -> tuple[DeskStore, Any, str | None, ReceiptKeys]:
    """Off the UI thread: read the receipt key, open (and migrate) the store, start the demo
    server when asked."""
    keys = _receipt_keys(services, paths)
    store_key = load_store_key(paths.store_dir, services.vault, demo=services.demo)
    store = DeskStore(paths.store_dir, key=store_key.key)
    # Before anyone signs in: what the retention period is over for leaves the disk now.
    apply_retention(store, services.settings.retention_days)
    if not services.demo:
        return store, None, services.server_url, keys
    from desk_app.demo_server import start_demo_server

    try:
        server, url = start_demo_server(paths.demo_server_dir)
    except BaseException:
        store.close()
        raise
    return store, server, url, keys


class DeskApplication(QObject):
    """The desk's life: sign in → main window → sign out → sign in … → quit.

    Tests and the end-to-end walkthrough build one of these directly (with a
    ``PdfFileReceiptPrinter``) and drive its windows; ``main()`` adds the event loop.
    """

    ready = Signal()                 # store open (and demo server up): signing in is possible
    main_window_shown = Signal(object)
    quit_requested = Signal(int)

    def __init__(
        self,
        paths: DeskPaths,
        settings: DeskSettings,
        *,
        demo: bool,
        server_url: str | None = None,
        printer: ReceiptPrinter | None = None,
        vault: TokenVault | None = None,
        auto_login: bool = False,
        keep_settings_file: bool = True,
    ) -> None:
        super().__init__()
        self.paths = paths
        self.settings = settings
        # False for a desk only tried from the setup's demo choice: no settings file, so the
        # setup is offered again at the next start.
        self._keep_settings_file = keep_settings_file
        self.services = DeskServices(settings=settings, vault=vault or TokenVault(), server_url=server_url, demo=demo,
                                     offline_logins=OfflineLogins(paths.data_dir / OFFLINE_LOGINS_FILE),
                                     saved_settings=settings)
        if printer is not None:
            self.services.printer = printer
        self.demo_server: Any = None
        self.login_window = LoginWindow(self.services)
        self.main_window: MainWindow | None = None
        self._retired: list[MainWindow] = []
        self._auto_login = auto_login and demo
        self.login_window.logged_in.connect(self._logged_in)
        self.login_window.rejected.connect(lambda: self.quit_requested.emit(0))
        # A desk left running for weeks still deletes what retention is over for.
        self._retention_timer = QTimer(self)
        self._retention_timer.setInterval(RETENTION_INTERVAL_MS)
        self._retention_timer.timeout.connect(self._apply_retention)

    def start(self) -> Op:
        self.login_window.set_server(None if self.services.demo else self.services.server_url, starting=True)
        self.login_window.show()
        services, paths = self.services, self.paths
        return Op(lambda: _prepare(services, paths), parent=self.login_window).success(self._prepared).failure(self._not_prepared).run()

    def _prepared(self, prepared: tuple[DeskStore, Any, str | None, ReceiptKeys]) -> None:
        store, server, url, keys = prepared
        self.services.store = store
        self.services.receipt_keys = keys
        self.demo_server = server
        self.login_window.set_server(url)
        self._retention_timer.start()
        self.ready.emit()
        if self._auto_login:
            self.login_window.ui.usernameEdit.setText(DEMO_USERNAME)
            self.login_window.ui.passwordEdit.setText(DEMO_PASSWORD)
            self.login_window.login()

    def _apply_retention(self) -> None:
        store, days = self.services.store, self.settings.retention_days
        if store is not None:
            Op(lambda: apply_retention(store, days)).run()

    def _not_prepared(self, error: Exception) -> None:
        log.error("start-up failed: %s", type(error).__name__, exc_info=error)
        self.login_window.set_server(self.services.server_url, failed=error_text(error))

    def _logged_in(self, session: DeskSession) -> None:
        log.info("signed in %s: role %s at site %s", "offline" if session.offline else "online",
                 session.user.role, session.user.site_code)
        if session.username != self.settings.last_username:
            self._keep_settings(replace(self.settings, last_username=session.username))
        window = MainWindow(self.services, session)
        window.resize(1366, 768)
        window.text_size_changed.connect(self._text_size_changed)
        window.camera_chosen.connect(self._camera_chosen)
        window.printing_chosen.connect(self._printing_chosen)
        if (launcher := settings_launcher(window)) is not None:  # a supervisor's or an administrator's
            launcher.settings_changed.connect(self._keep_settings)
        window.logged_out.connect(self._logged_out)
        window.closed.connect(self._main_closed)
        if session.offline:
            add_offline_notice(window, session, window.sync_reported)
        self.main_window = window
        self.login_window.hide()
        window.start()
        QTimer.singleShot(0, settle_heap)  # after the first paint, so sign-in does not wait on it
        self.main_window_shown.emit(window)

    def _text_size_changed(self, large: bool) -> None:
        self._keep_settings(replace(self.settings, large_text=large))

    def _camera_chosen(self, use: CameraUse, camera_id: str | None) -> None:
        self._keep_settings(replace(self.settings, **{f"{use.value}_camera_id": camera_id}))

    def _printing_chosen(self, name: str, value: object) -> None:
        # The printer and the paper the officer chose in a preview are the desk's from now on.
        self._keep_settings(replace(self.settings, **{name: value}))

    def _keep_settings(self, settings: DeskSettings) -> None:
        self.settings = settings
        # The running desk keeps the connection and the language it started with (the file has the new ones).
        self.services.settings = replace(settings, **{name: getattr(self.services.settings, name) for name in NEEDS_RESTART})
        self.services.saved_settings = settings
        if not self._keep_settings_file:
            return
        path = self.paths.settings_file
        Op(lambda: save_settings(path, settings)).failure(lambda exc: log.warning("settings not saved: %s", exc)).run()

    def _logged_out(self) -> None:
        window, self.main_window = self.main_window, None
        if window is not None:
            # Kept until exit: its sync thread may still be finishing a request.
            self._retired.append(window)
        self.login_window.show()
        self.login_window.ui.passwordEdit.setFocus()
        if window is not None and window.session_lock.signed_out_by is not None:
            # Too many wrong passwords at the lock screen: the next person reads why.
            self.login_window.explain(error_text(window.session_lock.signed_out_by))

    def _main_closed(self, logging_out: bool) -> None:
        if not logging_out:
            self.quit_requested.emit(0)

    def shutdown(self) -> None:
        """Stop syncing, let running ops finish, close the store, stop the demo server."""
        self._retention_timer.stop()
        for window in [*self._retired, *([self.main_window] if self.main_window else [])]:
            window.sync_worker.stop()
            window.checks_worker.stop()
            window.session.client.close()
        wait_for_ops(15_000)
        if self.services.store is not None:
            self.services.store.close()
            self.services.store = None
        if self.demo_server is not None:
            self.demo_server.stop()
            self.demo_server = None


def _grab_when_settled(desk: DeskApplication, window: MainWindow, path: Path | None) -> None:
    """After the first sync report (the status bar is then true), save a picture and quit."""

    def grab() -> None:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            if not window.grab().save(str(path)):
                log.error("screenshot could not be written")
                desk.quit_requested.emit(1)
                return
        desk.quit_requested.emit(0)

    if window.sync_worker.passes:
        QTimer.singleShot(300, grab)
    else:
        window.sync_reported.connect(lambda _report: QTimer.singleShot(300, grab))


def wants_setup(args: argparse.Namespace, settings_file: Path) -> bool:
    """The first-run setup: asked for with --setup, or an installed desk's first start (no
    settings yet). Never for a run that says itself what to do: demo mode, a server, the
    unattended runs, enrolling (the self-test returns before this is asked)."""
    if args.demo or args.server or args.screenshot is not None or args.quit_after_shown or args.enrol:
        return False
    return args.setup or (bool(getattr(sys, "frozen", False)) and not settings_file.exists())


def first_run(paths: DeskPaths, settings: DeskSettings, translators: list) -> tuple[DeskSettings, bool] | None:
    """The setup wizard, before the sign-in window: (the settings to start with, demo mode or
    not), or None when the person cancelled it (then nothing was written)."""
    chosen = run_setup(settings, TokenVault(), paths.settings_file, translators)
    if chosen is None:
        log.info("setup cancelled; nothing was written")
    else:
        log.info("set up for %s mode", "demo" if chosen[1] else "central")
    return chosen


# The site IT's tools, reachable in an installed desk too, which has no "python -m":
# ``one-stop-desk --restore-backup --list`` runs ``python -m desk_app.restore_backup --list``.
TOOLS = {"--restore-backup": "desk_app.restore_backup", "--verify-audit": "desk_app.audit_verify"}


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] in TOOLS:
        import importlib

        return int(importlib.import_module(TOOLS[argv[0]]).main(argv[1:]))
    args = parse_args(argv)
    if args.self_test is not None:
        # Before the user's folders are made: the self-test keeps to a temporary one.
        from .gui.self_test import run_self_test

        return run_self_test(args.self_test, args.language, make_desk=DeskApplication, setup_logging=setup_logging)
    paths = (DeskPaths.under(args.data_dir) if args.data_dir else DeskPaths.default()).create()
    setup_logging(paths.log_dir)
    settings = load_settings(paths.settings_file)
    if args.language:
        settings = replace(settings, language=args.language)
    setup = wants_setup(args, paths.settings_file)
    if args.setup and not setup:
        print("--setup does not go with --demo, --server, --screenshot, --quit-after-shown or --enrol", file=sys.stderr)
        return 2
    if args.enrol:
        return enrol(paths, settings, args)
    server_url = args.server or settings.server_url
    demo = args.demo or not server_url
    unattended = args.screenshot is not None or args.quit_after_shown
    if unattended and not demo:
        # Unattended runs sign in with the demo account, which only the demo server has.
        print("--screenshot and --quit-after-shown need demo mode", file=sys.stderr)
        return 2
    log.info("desk %s starting (%s mode)", __version__, "demo" if demo else "central")
    started = time.monotonic()

    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("One-stop desk")
    app.setApplicationVersion(__version__)
    app.setQuitOnLastWindowClosed(False)
    app.setWindowIcon(icon("app"))
    translators = install_translators(settings.language)  # kept alive for exec(); the setup may swap them
    try:
        apply_text_size(app, settings.large_text)
        tried_from_setup = False
        if setup:
            chosen = first_run(paths, settings, translators)
            if chosen is None:
                return 0
            settings, demo = chosen
            server_url = settings.server_url
            tried_from_setup = demo

        desk = DeskApplication(
            paths, settings, demo=demo, server_url=None if demo else server_url, auto_login=args.demo_login or unattended,
            keep_settings_file=not tried_from_setup,
        )
        exit_code = 0

        def quit_with(code: int) -> None:
            nonlocal exit_code
            exit_code = code
            app.quit()

        desk.quit_requested.connect(quit_with)
        if unattended:

            def shown(window: MainWindow) -> None:
                log.info("main window shown after %.2f s", time.monotonic() - started)
                if args.quit_after_shown and args.screenshot is None:
                    # benchmarks/startup.py stops its clock on this line.
                    print("WINDOW-SHOWN", flush=True)
                    QTimer.singleShot(0, lambda: quit_with(0))
                else:
                    _grab_when_settled(desk, window, args.screenshot)

            desk.main_window_shown.connect(shown)
            QTimer.singleShot(SCREENSHOT_DEADLINE_MS, lambda: quit_with(3))
        desk.start()
        app.exec()
        if desk.main_window is not None:
            desk.main_window.close()
        desk.login_window.close()
        desk.shutdown()
        log.info("desk stopped (exit %d)", exit_code)
        return exit_code
    finally:
        # The process may go on without the desk (a test, the self-test): no translation of ours stays behind.
        for translator in translators:
            QCoreApplication.removeTranslator(translator)
