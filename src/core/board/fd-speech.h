/* fd-speech.h: voice prompts through speech-dispatcher
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * FdSpeech reads a text aloud in Chinese, English or Russian through
 * speech-dispatcher, the speech service Linux screen readers use (Debian
 * speech-dispatcher with espeak-ng voices). It speaks only when asked
 * (fd_speech_speak()); it does not even connect before that. A new text
 * cuts off the one being read; fd_speech_stop() silences it.
 *
 * Every call to speech-dispatcher runs, in order, on one worker thread, so
 * a slow or missing server never blocks the caller. What happens shows in
 * the "state" property (and "error-message" when it is FD_SPEECH_FAILED),
 * changed in the thread-default main context of the creator.
 *
 * The server is speech-dispatcher's default (spawned if needed), or the one
 * $SPEECHD_ADDRESS names (e.g. unix_socket:/path).
 */
#pragma once

#include <gio/gio.h>

#include "fd-lang.h"

G_BEGIN_DECLS

#define FD_SPEECH_MAX_TEXT (16 * 1024)   /* bytes read aloud at once */

typedef enum {
  FD_SPEECH_IDLE,        /* silent (not connected yet, or done) */
  FD_SPEECH_SPEAKING,
  FD_SPEECH_FAILED,      /* speech-dispatcher could not be reached or refused */
} FdSpeechState;

#define FD_TYPE_SPEECH (fd_speech_get_type ())
G_DECLARE_FINAL_TYPE (FdSpeech, fd_speech, FD, SPEECH, GObject)

FdSpeech      *fd_speech_new               (void);
FdSpeechState  fd_speech_get_state         (FdSpeech   *self);
const char    *fd_speech_get_error_message (FdSpeech   *self);
int            fd_speech_get_rate          (FdSpeech   *self);
void           fd_speech_set_rate          (FdSpeech   *self,
                                            int         rate);
const char    *fd_speech_language_code     (FdLang      lang);
char          *fd_speech_one_line          (FdLang      lang,
                                            const char *text);
gboolean       fd_speech_speak             (FdSpeech   *self,
                                            FdLang      lang,
                                            const char *text,
                                            GError    **error);
void           fd_speech_stop              (FdSpeech   *self);

G_END_DECLS
