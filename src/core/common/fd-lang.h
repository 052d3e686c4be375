/* fd-lang.h: the three languages Frontdesk speaks, and process i18n set-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  FD_LANG_ZH_CN,
  FD_LANG_EN,
  FD_LANG_RU,
} FdLang;

#define FD_N_LANGS 3

const char *fd_lang_to_code        (FdLang       lang);
const char *fd_lang_to_tag         (FdLang       lang);
const char *fd_lang_native_name    (FdLang       lang);
gboolean    fd_lang_from_string    (const char  *str,
                                    FdLang      *out_lang);
FdLang      fd_lang_from_environment (void);

FdLang      fd_i18n_init           (const char  *requested,
                                    const char  *domain,
                                    const char  *localedir);

G_END_DECLS
