"""A private speech-dispatcher that captures what it is asked to say.

The server runs on the default socket of the session
($XDG_RUNTIME_DIR/speech-dispatcher/speechd.sock, where a speech-dispatcher
client such as the app looks for one), with its own config, logs and home in
a temporary directory. Its only output module is sd_generic running a shell
command that, for each message, writes the language, the rate and the text
to a file MSG.said, "speaks" for SPEAK_SECONDS (sleeps) and then writes
MSG.end. A message cut off by Stop (speech-dispatcher kills the command) has
no .end file. The server's own audio goes to libao's null driver.
"""
import os
import shutil
import subprocess
import time
import unicodedata

from fdatspi import stop_process

SPEAK_SECONDS = 4

SPEECHD_CONF = """LogLevel 3
LogDir "{run}"
AudioOutputMethod "libao"
AddModule "capture" "sd_generic" "capture.conf"
DefaultModule capture
DefaultLanguage "en"
"""

# One synth call per message (no splitting into chunks: sd_generic cuts a
# message at GenericDelimiters followed by a space, "." by default, and the
# app joins a text's lines with ". "), the rate as
# speech-dispatcher's own -100..100. The config parser eats backslashes, so
# the lines are written by separate commands.
CAPTURE_CONF = """GenericExecuteSynth "f={out}/msg-$(date +%s%N); echo '$LANGUAGE' > $f.tmp; \
echo '$RATE' >> $f.tmp; printf %s \\'$DATA\\' >> $f.tmp; mv $f.tmp $f.said; sleep {seconds}; : > $f.end"
GenericMaxChunkLength 100000
GenericDelimiters "\x1e"
GenericLanguage "zh" "zh" "utf-8"
GenericLanguage "en" "en" "utf-8"
GenericLanguage "ru" "ru" "utf-8"
GenericRateAdd 0
GenericRateMultiply 100
GenericRateForceInteger 1
AddVoice "zh" "MALE1" "zh"
AddVoice "en" "MALE1" "en"
AddVoice "ru" "MALE1" "ru"
DefaultVoice "en"
"""


def normalize(text):
    """@text without white space and punctuation (speech-dispatcher turns
    some full-width punctuation into ASCII on the way): the words."""
    return "".join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith("P"))


class Message:
    def __init__(self, path):
        with open(path + ".said", encoding="utf-8") as f:
            self.lang = f.readline().strip()
            self.rate = int(f.readline().strip() or 0)
            self.text = f.read()
        self.path = path

    @property
    def ended(self):
        """Spoken to its end (not cut off)."""
        return os.path.exists(self.path + ".end")

    def __repr__(self):
        return f"lang={self.lang} rate={self.rate} ended={self.ended} text={self.text!r}"


class SpeechCapture:
    def __init__(self, tmp):
        runtime = os.environ["XDG_RUNTIME_DIR"]
        self.dir = os.path.join(tmp, "speechd")
        conf = os.path.join(self.dir, "conf")
        self.out = os.path.join(self.dir, "said")
        os.makedirs(os.path.join(conf, "modules"))
        os.makedirs(self.out)
        socket_dir = os.path.join(runtime, "speech-dispatcher")
        os.makedirs(socket_dir, exist_ok=True)
        self.socket = os.path.join(socket_dir, "speechd.sock")
        with open(os.path.join(conf, "speechd.conf"), "w") as f:
            f.write(SPEECHD_CONF.format(run=self.dir))
        with open(os.path.join(conf, "modules", "capture.conf"), "w") as f:
            f.write(CAPTURE_CONF.format(out=self.out, seconds=SPEAK_SECONDS))
        with open(os.path.join(self.dir, ".libao"), "w") as f:
            f.write("default_driver=null\n")
        env = dict(os.environ, HOME=self.dir)
        env.pop("SPEECHD_ADDRESS", None)
        self.proc = subprocess.Popen(["speech-dispatcher", "-s", "-t", "600", "-C", conf, "-c", "unix_socket",
                                      "-S", self.socket, "-L", self.dir],
                                     env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.time() + 15
        while not os.path.exists(self.socket) and time.time() < deadline and self.proc.poll() is None:
            time.sleep(0.1)
        if not os.path.exists(self.socket):
            self.stop()
            raise RuntimeError(f"speech-dispatcher did not start:\n{self.log()}")

    def messages(self):
        """What reached the output module so far, oldest first."""
        names = sorted(n[:-len(".said")] for n in os.listdir(self.out) if n.endswith(".said"))
        return [Message(os.path.join(self.out, n)) for n in names]

    def wait_for(self, count, timeout=20):
        """The messages once there are @count of them (or @timeout passed)."""
        deadline = time.time() + timeout
        while len(self.messages()) < count and time.time() < deadline:
            time.sleep(0.1)
        return self.messages()

    def log(self):
        try:
            with open(os.path.join(self.dir, "speech-dispatcher.log"), errors="replace") as f:
                return f.read()[-3000:]
        except OSError:
            return "(no log)"

    def stop(self):
        stop_process(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)
