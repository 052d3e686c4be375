"""Steps the board's UI tests share: open the applicant screen from the desk's
Board page, the visitor picks Русский, the notes of the case database as
frontdesk-cases export gives them."""
import csv
import io
import subprocess
import time

from fdatspi import do_action, find, is_showing


def open_applicant_screen(tap, app, win, timeout=15):
    """Press 'Show on Applicant Screen' on the Board page (already shown);
    the applicant screen's window, or None."""
    show = find(win, name="Show on Applicant Screen", role="push button", timeout=5)
    applicant = None
    if tap.ok(show is not None, "'Show on Applicant Screen' found on the Board page"):
        do_action(show)
        deadline = time.time() + timeout
        while applicant is None and time.time() < deadline:
            for w in app.windows():
                if w is not None and (w.get_name() or "") == "Applicant Screen" and is_showing(w):
                    applicant = w
            time.sleep(0.2)
    tap.ok(applicant is not None, "the applicant screen opens")
    return applicant


def pick_russian(tap, applicant):
    """The visitor picks Русский on the applicant screen."""
    ru = (find(applicant, name="Русский", role="toggle button", timeout=3)
          or find(applicant, name="Русский", role="push button", timeout=3))
    if tap.ok(ru is not None, "the visitor's language button Русский found"):
        do_action(ru)


def export_rows(cases_exe, db):
    """The cases of @db as frontdesk-cases export writes them (dicts)."""
    r = subprocess.run([cases_exe, "--db", db, "export"], capture_output=True, text=True)
    return list(csv.DictReader(io.StringIO(r.stdout.lstrip("\ufeff"))))
