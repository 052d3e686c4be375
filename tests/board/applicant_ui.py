"""Steps the board's UI tests share: open the applicant screen from the desk's
Board page, the visitor picks Русский, the notes of the case database as
frontdesk-cases export gives them."""
import csv
import io
import subprocess
import time

from fdatspi import App, do_action, find, is_showing, set_text

HELLO = "Hello! What can I help you with today?"
HELLO_RU = "Здравствуйте! Чем могу помочь?"


def start_desk(tap, exe):
    """Start the desk in English; the app and its main window (None when it
    does not show). Ends the test if the app does not start."""
    try:
        app = App(exe, ["--lang=en"])
    except RuntimeError as e:
        tap.ok(False, "app starts", e)
        tap.done()
    return app, find(app.node, role="frame", timeout=10)


def window_named(app, name, timeout=10):
    """The app's window called @name once it shows (or None)."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        for w in app.windows():
            if w is not None and (w.get_name() or "") == name and is_showing(w):
                return w
        time.sleep(0.2)
    return None


def open_applicant_screen(tap, app, win, timeout=15):
    """Press 'Show on Applicant Screen' on the Board page (already shown);
    the applicant screen's window. Ends the test if it does not open."""
    show = find(win, name="Show on Applicant Screen", role="push button", timeout=5)
    applicant = None
    if tap.ok(show is not None, "'Show on Applicant Screen' found on the Board page"):
        do_action(show)
        applicant = window_named(app, "Applicant Screen", timeout)
    if not tap.ok(applicant is not None, "the applicant screen opens"):
        print(app.quit())
        tap.done()
    return applicant


def pick_russian(tap, applicant):
    """The visitor picks Русский on the applicant screen."""
    ru = (find(applicant, name="Русский", role="toggle button", timeout=3)
          or find(applicant, name="Русский", role="push button", timeout=3))
    if tap.ok(ru is not None, "the visitor's language button Русский found"):
        do_action(ru)


def desk_says_hello(tap, win, applicant):
    """The desk picks the phrase 'Hello!'; the visitor reads it in Russian."""
    phrase = find(win, name=HELLO, role="push button", timeout=10)
    if tap.ok(phrase is not None, "desk phrase 'Hello!' found in the phrasebook"):
        do_action(phrase)
    tap.ok(find(applicant, name=HELLO_RU, role="label", timeout=10, contains=True) is not None,
           "the phrase shows on the applicant screen in the visitor's language (Russian)")


def visitor_sends(tap, win, applicant, text):
    """The visitor types @text on the applicant screen and sends it; the
    entry and the Send button (None when not found)."""
    entry = find(applicant, name="Введите сообщение", timeout=5)
    send = find(applicant, name="Отправить", role="push button", timeout=5)
    if tap.ok(entry is not None and send is not None, "the visitor's message entry and Send are named in Russian"):
        set_text(entry, text)
        do_action(send)
        tap.ok(find(win, name=text, role="label", timeout=5) is not None,
               "the visitor's line shows on the desk's board")
    return entry, send


def export_rows(cases_exe, db):
    """The cases of @db as frontdesk-cases export writes them (dicts)."""
    r = subprocess.run([cases_exe, "--db", db, "export"], capture_output=True, text=True)
    return list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
