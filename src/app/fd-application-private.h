/* fd-application-private.h: what fd-application.c shares with
 * fd-application-secrets.c, and nothing outside FdApplication uses
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "fd-application.h"
#include "fd-guide-catalog.h"
#include "fd-hall-schedule.h"

G_BEGIN_DECLS

struct _FdApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  FdLang          ui_lang;

  /* The escort case store, opened once at start-up (NULL until opened or on error). */
  FdCaseStore    *case_store;
  GError         *case_store_error;
  GCancellable   *cancellable;

  /* Guides: loaded once, asynchronously, at start-up; pages receive them. */
  FdGuideCatalog *guide_catalog;
  FdHallSchedule *hall_schedule;
  GPtrArray      *guide_problems;

  /* The conversation board both screens show (created on first use). */
  FdBoard        *board;  /* char*: "FILE:LINE:COL: ..." of both loads */
  guint           guide_loads;     /* loads still running */

  char           *relay_url;      /* overrides, or NULL */
  char           *relay_token;
  char           *stored_token;   /* from the keyring or the secret file */
  GError         *token_error;    /* why the stored token could not be read */
  char          **ice_addresses;
  gboolean        test_media;
  gboolean        interpreter;
};

void _fd_application_on_case_store_opened (GObject       *source,
                                           GAsyncResult  *result,
                                           gpointer       user_data);
void _fd_application_notify_relay_token   (FdApplication *self);
void _fd_application_open_case_store      (FdApplication *self);
void _fd_application_load_relay_token     (FdApplication *self);

G_END_DECLS
