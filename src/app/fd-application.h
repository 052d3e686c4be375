/* fd-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-board.h"
#include "fd-case-store.h"
#include "fd-guide-catalog.h"
#include "fd-hall-schedule.h"
#include "fd-lang.h"

G_BEGIN_DECLS

#define FD_TYPE_APPLICATION (fd_application_get_type ())

G_DECLARE_FINAL_TYPE (FdApplication, fd_application, FD, APPLICATION, AdwApplication)

FdApplication *fd_application_new          (const char    *application_id,
                                            FdLang         ui_lang);
FdLang         fd_application_get_ui_lang  (FdApplication *self);
GSettings     *fd_application_get_settings (FdApplication *self);
FdCaseStore   *fd_application_get_case_store       (FdApplication *self);
const GError  *fd_application_get_case_store_error (FdApplication *self);

/* Guides: one catalogue and one hall calendar for every page, read once
 * on a worker thread at start-up. Watch notify::guides-loaded. */
FdGuideCatalog *fd_application_get_guide_catalog  (FdApplication *self);
FdHallSchedule *fd_application_get_hall_schedule  (FdApplication *self);
FdBoard        *fd_application_get_board          (FdApplication *self);
gboolean        fd_application_get_guides_loaded  (FdApplication *self);
GPtrArray      *fd_application_get_guide_problems (FdApplication *self);

/* Calls. The relay address comes from --relay, else FRONTDESK_RELAY_URL,
 * else the setting relay-url (Preferences). The token comes from the file
 * named by FRONTDESK_RELAY_TOKEN_FILE, else FRONTDESK_RELAY_TOKEN, else the
 * keyring (Preferences; watch notify::relay-token). Never from the command
 * line. Newly allocated; "" when unset. */
char          *fd_application_dup_relay_url     (FdApplication *self);
char          *fd_application_dup_relay_token   (FdApplication *self);
void           fd_application_set_relay_token_async  (FdApplication       *self,
                                                      const char          *token,
                                                      GCancellable        *cancellable,
                                                      GAsyncReadyCallback  callback,
                                                      gpointer             user_data);
gboolean       fd_application_set_relay_token_finish (FdApplication       *self,
                                                      GAsyncResult        *result,
                                                      gboolean            *out_in_keyring,
                                                      GError             **error);
const GError  *fd_application_get_relay_token_error  (FdApplication       *self);
/* Local addresses ICE may use (--ice-address, FRONTDESK_ICE_ADDRESSES=a,b),
 * NULL for every interface. */
const char * const *fd_application_get_ice_addresses (FdApplication *self);
/* Test picture and silence instead of camera and microphone (--test-media,
 * FRONTDESK_TEST_MEDIA=1): demos and tests. */
gboolean       fd_application_get_test_media    (FdApplication *self);
/* Started as `frontdesk --interpreter`. */
gboolean       fd_application_get_interpreter_mode (FdApplication *self);

G_END_DECLS
