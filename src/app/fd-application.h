/* fd-application.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <adwaita.h>

#include "fd-case-store.h"
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

G_END_DECLS
